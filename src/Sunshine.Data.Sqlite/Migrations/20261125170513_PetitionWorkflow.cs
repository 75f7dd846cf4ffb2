using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionDays",
                table: "Petitions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsBeijingVisit",
                table: "Petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsLevelSkipping",
                table: "Petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsProvinceVisit",
                table: "Petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsThreatening",
                table: "Petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpinionIssuedOn",
                table: "Petitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RegisteredOn",
                table: "Petitions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PetitionAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FromStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    ToStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    TargetOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Band = table.Column<int>(type: "INTEGER", nullable: false),
                    Hash = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsAssignment = table.Column<bool>(type: "INTEGER", nullable: false),
                    SentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReportDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
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
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Tokens = table.Column<string>(type: "TEXT", nullable: false)
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
        
            // Full-text index over the jieba tokens: FTS5 with external content, kept in step by triggers in the
            // same transaction as the case. rowid = PetitionId, so newest-first is a rowid order.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PetitionFts" USING fts5("Tokens", content='PetitionSearchEntries', content_rowid='PetitionId', tokenize='unicode61 remove_diacritics 0');
                CREATE TRIGGER "PetitionSearchEntries_ai" AFTER INSERT ON "PetitionSearchEntries" BEGIN
                    INSERT INTO "PetitionFts"(rowid, "Tokens") VALUES (new."PetitionId", new."Tokens");
                END;
                CREATE TRIGGER "PetitionSearchEntries_ad" AFTER DELETE ON "PetitionSearchEntries" BEGIN
                    INSERT INTO "PetitionFts"("PetitionFts", rowid, "Tokens") VALUES ('delete', old."PetitionId", old."Tokens");
                END;
                CREATE TRIGGER "PetitionSearchEntries_au" AFTER UPDATE ON "PetitionSearchEntries" BEGIN
                    INSERT INTO "PetitionFts"("PetitionFts", rowid, "Tokens") VALUES ('delete', old."PetitionId", old."Tokens");
                    INSERT INTO "PetitionFts"(rowid, "Tokens") VALUES (new."PetitionId", new."Tokens");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_au";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_ad";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_ai";
                DROP TABLE IF EXISTS "PetitionFts";
                """);

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
