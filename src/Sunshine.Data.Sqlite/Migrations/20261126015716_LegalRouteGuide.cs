using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LegalRouteGuide : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LegalGuideRoutes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    BodyEn = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    TimeLimits = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TimeLimitsEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WhatToBring = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WhatToBringEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PetitionAccepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalGuideRoutes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalGuideChoices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    QuestionEn = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    RouteId = table.Column<int>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalGuideChoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalGuideChoices_LegalGuideChoices_ParentId",
                        column: x => x.ParentId,
                        principalTable: "LegalGuideChoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalGuideChoices_LegalGuideRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "LegalGuideRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LegalGuideChoices_ParentId",
                table: "LegalGuideChoices",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_LegalGuideChoices_RouteId",
                table: "LegalGuideChoices",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_LegalGuideRoutes_Code",
                table: "LegalGuideRoutes",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LegalGuideChoices");

            migrationBuilder.DropTable(
                name: "LegalGuideRoutes");
        }
    }
}
