using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardRollupsByUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PetitionTermRollups_Organisations_RegisteringOrganisationId",
                table: "PetitionTermRollups");

            migrationBuilder.DropForeignKey(
                name: "FK_PetitionTermRollups_Organisations_ResponsibleOrganisationId",
                table: "PetitionTermRollups");

            migrationBuilder.DropTable(
                name: "PetitionDailyRollups");

            migrationBuilder.DropIndex(
                name: "IX_PetitionTermRollups_Month_Term",
                table: "PetitionTermRollups");

            migrationBuilder.DropIndex(
                name: "IX_PetitionTermRollups_RegisteringOrganisationId",
                table: "PetitionTermRollups");

            migrationBuilder.DropIndex(
                name: "IX_PetitionTermRollups_ResponsibleOrganisationId",
                table: "PetitionTermRollups");

            migrationBuilder.DropColumn(
                name: "ResponsibleOrganisationId",
                table: "PetitionTermRollups");

            migrationBuilder.RenameColumn(
                name: "RegisteringOrganisationId",
                table: "PetitionTermRollups",
                newName: "OrganisationId");

            migrationBuilder.CreateTable(
                name: "PetitionRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Dimension = table.Column<byte>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Registered = table.Column<int>(type: "INTEGER", nullable: false),
                    Repeat = table.Column<int>(type: "INTEGER", nullable: false),
                    Collective = table.Column<int>(type: "INTEGER", nullable: false),
                    Open = table.Column<int>(type: "INTEGER", nullable: false),
                    Concluded = table.Column<int>(type: "INTEGER", nullable: false),
                    Evaluated = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionRollups_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionTermRollups_Month",
                table: "PetitionTermRollups",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionTermRollups_OrganisationId_Month_Term",
                table: "PetitionTermRollups",
                columns: new[] { "OrganisationId", "Month", "Term" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionRollups_Month",
                table: "PetitionRollups",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionRollups_OrganisationId_Dimension_Month_Key",
                table: "PetitionRollups",
                columns: new[] { "OrganisationId", "Dimension", "Month", "Key" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_PetitionTermRollups_Organisations_OrganisationId",
                table: "PetitionTermRollups",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PetitionTermRollups_Organisations_OrganisationId",
                table: "PetitionTermRollups");

            migrationBuilder.DropTable(
                name: "PetitionRollups");

            migrationBuilder.DropIndex(
                name: "IX_PetitionTermRollups_Month",
                table: "PetitionTermRollups");

            migrationBuilder.DropIndex(
                name: "IX_PetitionTermRollups_OrganisationId_Month_Term",
                table: "PetitionTermRollups");

            migrationBuilder.RenameColumn(
                name: "OrganisationId",
                table: "PetitionTermRollups",
                newName: "RegisteringOrganisationId");

            migrationBuilder.AddColumn<int>(
                name: "ResponsibleOrganisationId",
                table: "PetitionTermRollups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PetitionDailyRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegisteringOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponsibleOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    AccusedOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Collective = table.Column<int>(type: "INTEGER", nullable: false),
                    Concluded = table.Column<int>(type: "INTEGER", nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Evaluated = table.Column<int>(type: "INTEGER", nullable: false),
                    Open = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Registered = table.Column<int>(type: "INTEGER", nullable: false),
                    Repeat = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionDailyRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionDailyRollups_Organisations_RegisteringOrganisationId",
                        column: x => x.RegisteringOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PetitionDailyRollups_Organisations_ResponsibleOrganisationId",
                        column: x => x.ResponsibleOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionTermRollups_Month_Term",
                table: "PetitionTermRollups",
                columns: new[] { "Month", "Term" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionTermRollups_RegisteringOrganisationId",
                table: "PetitionTermRollups",
                column: "RegisteringOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionTermRollups_ResponsibleOrganisationId",
                table: "PetitionTermRollups",
                column: "ResponsibleOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionDailyRollups_Day",
                table: "PetitionDailyRollups",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionDailyRollups_RegisteringOrganisationId",
                table: "PetitionDailyRollups",
                column: "RegisteringOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionDailyRollups_ResponsibleOrganisationId",
                table: "PetitionDailyRollups",
                column: "ResponsibleOrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_PetitionTermRollups_Organisations_RegisteringOrganisationId",
                table: "PetitionTermRollups",
                column: "RegisteringOrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_PetitionTermRollups_Organisations_ResponsibleOrganisationId",
                table: "PetitionTermRollups",
                column: "ResponsibleOrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
