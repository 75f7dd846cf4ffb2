using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PetitionWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedOn",
                table: "Petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionDays",
                table: "Petitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsBeijingVisit",
                table: "Petitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsLevelSkipping",
                table: "Petitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsProvinceVisit",
                table: "Petitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsThreatening",
                table: "Petitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpinionIssuedOn",
                table: "Petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RegisteredOn",
                table: "Petitions",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Petitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PetitionAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(127)", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionAttachments_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PetitionEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromStatus = table.Column<int>(type: "integer", nullable: true),
                    ToStatus = table.Column<int>(type: "integer", nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    TargetOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Detail = table.Column<string>(type: "text", nullable: true),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionEvents_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PetitionFingerprints",
                columns: table => new
                {
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    Band = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionFingerprints", x => new { x.PetitionId, x.Band });
                    table.ForeignKey(
                        name: "FK_PetitionFingerprints_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionHops",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    FromOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    ToOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    IsAssignment = table.Column<bool>(type: "boolean", nullable: false),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReportDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionHops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionHops_Organisations_FromOrganisationId",
                        column: x => x.FromOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PetitionHops_Organisations_ToOrganisationId",
                        column: x => x.ToOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PetitionHops_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PetitionSearchEntries",
                columns: table => new
                {
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    Tokens = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionSearchEntries", x => x.PetitionId);
                    table.ForeignKey(
                        name: "FK_PetitionSearchEntries_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionAttachments_PetitionId",
                table: "PetitionAttachments",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionEvents_PetitionId_Id",
                table: "PetitionEvents",
                columns: new[] { "PetitionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionFingerprints_Band_Hash",
                table: "PetitionFingerprints",
                columns: new[] { "Band", "Hash" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionHops_FromOrganisationId",
                table: "PetitionHops",
                column: "FromOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionHops_PetitionId_Id",
                table: "PetitionHops",
                columns: new[] { "PetitionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionHops_ToOrganisationId_AnsweredOn_DueOn",
                table: "PetitionHops",
                columns: new[] { "ToOrganisationId", "AnsweredOn", "DueOn" });
        
            // Full-text index over the jieba tokens ('simple': no stemming, the tokens are already words).
            migrationBuilder.Sql("""CREATE INDEX "IX_PetitionSearchEntries_Tokens" ON "PetitionSearchEntries" USING GIN (to_tsvector('simple', "Tokens"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_PetitionSearchEntries_Tokens";""");

            migrationBuilder.DropTable(
                name: "PetitionAttachments");

            migrationBuilder.DropTable(
                name: "PetitionEvents");

            migrationBuilder.DropTable(
                name: "PetitionFingerprints");

            migrationBuilder.DropTable(
                name: "PetitionHops");

            migrationBuilder.DropTable(
                name: "PetitionSearchEntries");

            migrationBuilder.DropColumn(
                name: "ExtendedOn",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ExtensionDays",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "IsBeijingVisit",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "IsLevelSkipping",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "IsProvinceVisit",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "IsThreatening",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "OpinionIssuedOn",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "RegisteredOn",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Petitions");
        }
    }
}
