using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PolicyLibraryAndPublicReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PolicyCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Message = table.Column<string>(type: "text", nullable: false),
                    Reply = table.Column<string>(type: "text", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicReplies_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PolicyDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IssuingBody = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IsValid = table.Column<bool>(type: "boolean", nullable: false),
                    RepealedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Body = table.Column<string>(type: "text", nullable: false),
                    SourceUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyDocuments_PolicyCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "PolicyCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PolicySearchEntries",
                columns: table => new
                {
                    PolicyDocumentId = table.Column<long>(type: "bigint", nullable: false),
                    TitleTokens = table.Column<string>(type: "text", nullable: false),
                    BodyTokens = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicySearchEntries", x => x.PolicyDocumentId);
                    table.ForeignKey(
                        name: "FK_PolicySearchEntries_PolicyDocuments_PolicyDocumentId",
                        column: x => x.PolicyDocumentId,
                        principalTable: "PolicyDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyCategories_Name",
                table: "PolicyCategories",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyDocuments_CategoryId_IssuedOn",
                table: "PolicyDocuments",
                columns: new[] { "CategoryId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyDocuments_IssuedOn",
                table: "PolicyDocuments",
                column: "IssuedOn");

            migrationBuilder.CreateIndex(
                name: "IX_PublicReplies_Channel_Id",
                table: "PublicReplies",
                columns: new[] { "Channel", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicReplies_PetitionId",
                table: "PublicReplies",
                column: "PetitionId",
                unique: true);

            // Full-text index of the policy library: the weighted tsvector (title A, body D) that PolicySearch ranks by; the expression must stay identical to PolicySearch.PostgresVector.
            migrationBuilder.Sql("""CREATE INDEX "IX_PolicySearchEntries_Tokens" ON "PolicySearchEntries" USING GIN ((setweight(to_tsvector('simple', "TitleTokens"), 'A') || setweight(to_tsvector('simple', "BodyTokens"), 'D')));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_PolicySearchEntries_Tokens";""");

            migrationBuilder.DropTable(
                name: "PolicySearchEntries");

            migrationBuilder.DropTable(
                name: "PublicReplies");

            migrationBuilder.DropTable(
                name: "PolicyDocuments");

            migrationBuilder.DropTable(
                name: "PolicyCategories");
        }
    }
}
