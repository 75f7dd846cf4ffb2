using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentRollupMonths",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CountedFor = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidThrough = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRollupMonths", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentRollups",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    BureauTimely = table.Column<int>(type: "INTEGER", nullable: false),
                    BureauLate = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitTimely = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitLate = table.Column<int>(type: "INTEGER", nullable: false),
                    OnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Late = table.Column<int>(type: "INTEGER", nullable: false),
                    Unanswered = table.Column<int>(type: "INTEGER", nullable: false),
                    OverdueUnanswered = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    FairlySatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    OverdueUnevaluated = table.Column<int>(type: "INTEGER", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    Repeat = table.Column<int>(type: "INTEGER", nullable: false),
                    Online = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedFirstTime = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlingDays = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRollups", x => new { x.Month, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_AssessmentRollups_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRollups_OrganisationId",
                table: "AssessmentRollups",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentRollupMonths");

            migrationBuilder.DropTable(
                name: "AssessmentRollups");
        }
    }
}
