using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProactiveDisclosureCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DisclosureItemId",
                table: "Publications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutletCategory",
                table: "Publications",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CatalogueColumns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueColumns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CatalogueColumns_CatalogueColumns_ParentId",
                        column: x => x.ParentId,
                        principalTable: "CatalogueColumns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndexNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IndexYear = table.Column<int>(type: "INTEGER", nullable: true),
                    IndexSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ColumnId = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FormedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Validity = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    WithdrawnOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureItems_CatalogueColumns_ColumnId",
                        column: x => x.ColumnId,
                        principalTable: "CatalogueColumns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DisclosureItems_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DisclosureItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureAttachments_DisclosureItems_DisclosureItemId",
                        column: x => x.DisclosureItemId,
                        principalTable: "DisclosureItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Publications_DisclosureItemId",
                table: "Publications",
                column: "DisclosureItemId");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueColumns_ParentId_Name",
                table: "CatalogueColumns",
                columns: new[] { "ParentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureAttachments_DisclosureItemId_Sha256",
                table: "DisclosureAttachments",
                columns: new[] { "DisclosureItemId", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureAttachments_Sha256",
                table: "DisclosureAttachments",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureItems_ColumnId_Status_PublishedOn",
                table: "DisclosureItems",
                columns: new[] { "ColumnId", "Status", "PublishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureItems_IndexNumber",
                table: "DisclosureItems",
                column: "IndexNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureItems_OrganisationId_IndexYear_IndexSequence",
                table: "DisclosureItems",
                columns: new[] { "OrganisationId", "IndexYear", "IndexSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureItems_OrganisationId_Status_Id",
                table: "DisclosureItems",
                columns: new[] { "OrganisationId", "Status", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_Publications_DisclosureItems_DisclosureItemId",
                table: "Publications",
                column: "DisclosureItemId",
                principalTable: "DisclosureItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Publications_DisclosureItems_DisclosureItemId",
                table: "Publications");

            migrationBuilder.DropTable(
                name: "DisclosureAttachments");

            migrationBuilder.DropTable(
                name: "DisclosureItems");

            migrationBuilder.DropTable(
                name: "CatalogueColumns");

            migrationBuilder.DropIndex(
                name: "IX_Publications_DisclosureItemId",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "DisclosureItemId",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "OutletCategory",
                table: "Publications");
        }
    }
}
