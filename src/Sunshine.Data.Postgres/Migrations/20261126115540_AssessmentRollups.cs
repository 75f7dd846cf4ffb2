using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
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
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    CountedFor = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidThrough = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRollupMonths", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentRollups",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    BureauTimely = table.Column<int>(type: "integer", nullable: false),
                    BureauLate = table.Column<int>(type: "integer", nullable: false),
                    UnitTimely = table.Column<int>(type: "integer", nullable: false),
                    UnitLate = table.Column<int>(type: "integer", nullable: false),
                    OnTime = table.Column<int>(type: "integer", nullable: false),
                    Late = table.Column<int>(type: "integer", nullable: false),
                    Unanswered = table.Column<int>(type: "integer", nullable: false),
                    OverdueUnanswered = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false),
                    FairlySatisfied = table.Column<int>(type: "integer", nullable: false),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: false),
                    OverdueUnevaluated = table.Column<int>(type: "integer", nullable: false),
                    Items = table.Column<int>(type: "integer", nullable: false),
                    Repeat = table.Column<int>(type: "integer", nullable: false),
                    Online = table.Column<int>(type: "integer", nullable: false),
                    ResolvedFirstTime = table.Column<int>(type: "integer", nullable: false),
                    HandlingDays = table.Column<long>(type: "bigint", nullable: false)
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
