using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false),
                    Reply = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RepliedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IssuingBody = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsValid = table.Column<bool>(type: "INTEGER", nullable: false),
                    RepealedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    PolicyDocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    TitleTokens = table.Column<string>(type: "TEXT", nullable: false),
                    BodyTokens = table.Column<string>(type: "TEXT", nullable: false)
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

            // Full-text index of the policy library: an external-content FTS5 table over the jieba words, kept in step by triggers like the petitions' index.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PolicyFts" USING fts5("TitleTokens", "BodyTokens", content='PolicySearchEntries', content_rowid='PolicyDocumentId', tokenize='unicode61 remove_diacritics 0');
                CREATE TRIGGER "PolicySearchEntries_ai" AFTER INSERT ON "PolicySearchEntries" BEGIN
                    INSERT INTO "PolicyFts"(rowid, "TitleTokens", "BodyTokens") VALUES (new."PolicyDocumentId", new."TitleTokens", new."BodyTokens");
                END;
                CREATE TRIGGER "PolicySearchEntries_ad" AFTER DELETE ON "PolicySearchEntries" BEGIN
                    INSERT INTO "PolicyFts"("PolicyFts", rowid, "TitleTokens", "BodyTokens") VALUES ('delete', old."PolicyDocumentId", old."TitleTokens", old."BodyTokens");
                END;
                CREATE TRIGGER "PolicySearchEntries_au" AFTER UPDATE ON "PolicySearchEntries" BEGIN
                    INSERT INTO "PolicyFts"("PolicyFts", rowid, "TitleTokens", "BodyTokens") VALUES ('delete', old."PolicyDocumentId", old."TitleTokens", old."BodyTokens");
                    INSERT INTO "PolicyFts"(rowid, "TitleTokens", "BodyTokens") VALUES (new."PolicyDocumentId", new."TitleTokens", new."BodyTokens");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "PolicySearchEntries_au";
                DROP TRIGGER IF EXISTS "PolicySearchEntries_ad";
                DROP TRIGGER IF EXISTS "PolicySearchEntries_ai";
                DROP TABLE IF EXISTS "PolicyFts";
                """);

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
