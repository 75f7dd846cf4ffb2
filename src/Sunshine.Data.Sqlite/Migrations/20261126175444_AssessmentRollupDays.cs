using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentRollupDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rollups hold months only; the next pass rebuilds them with day spans (no mark: a full rebuild).
            migrationBuilder.Sql("""DELETE FROM "AssessmentRollups"; DELETE FROM "AssessmentRollupMonths"; DELETE FROM "RollupMarks" WHERE "Name" = 'assessment-rollups';""");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AssessmentRollups",
                table: "AssessmentRollups");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AssessmentRollupMonths",
                table: "AssessmentRollupMonths");

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastDay",
                table: "AssessmentRollups",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastDay",
                table: "AssessmentRollupMonths",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddPrimaryKey(
                name: "PK_AssessmentRollups",
                table: "AssessmentRollups",
                columns: new[] { "Month", "LastDay", "OrganisationId" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_AssessmentRollupMonths",
                table: "AssessmentRollupMonths",
                columns: new[] { "Month", "LastDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The rollups may hold a month and its first day under one key; the next pass rebuilds them (no mark: a full rebuild).
            migrationBuilder.Sql("""DELETE FROM "AssessmentRollups"; DELETE FROM "AssessmentRollupMonths"; DELETE FROM "RollupMarks" WHERE "Name" = 'assessment-rollups';""");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AssessmentRollups",
                table: "AssessmentRollups");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AssessmentRollupMonths",
                table: "AssessmentRollupMonths");

            migrationBuilder.DropColumn(
                name: "LastDay",
                table: "AssessmentRollups");

            migrationBuilder.DropColumn(
                name: "LastDay",
                table: "AssessmentRollupMonths");

            migrationBuilder.AddPrimaryKey(
                name: "PK_AssessmentRollups",
                table: "AssessmentRollups",
                columns: new[] { "Month", "OrganisationId" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_AssessmentRollupMonths",
                table: "AssessmentRollupMonths",
                column: "Month");
        }
    }
}
