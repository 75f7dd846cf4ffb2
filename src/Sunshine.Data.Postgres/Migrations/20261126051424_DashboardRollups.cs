using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DashboardRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PetitionDailyRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteringOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    AccusedOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    County = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: true),
                    Registered = table.Column<int>(type: "integer", nullable: false),
                    Repeat = table.Column<int>(type: "integer", nullable: false),
                    Collective = table.Column<int>(type: "integer", nullable: false),
                    Open = table.Column<int>(type: "integer", nullable: false),
                    Concluded = table.Column<int>(type: "integer", nullable: false),
                    Evaluated = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "PetitionTermRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteringOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    Term = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Petitions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionTermRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionTermRollups_Organisations_RegisteringOrganisationId",
                        column: x => x.RegisteringOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PetitionTermRollups_Organisations_ResponsibleOrganisationId",
                        column: x => x.ResponsibleOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RollupMarks",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastPetitionId = table.Column<long>(type: "bigint", nullable: false),
                    LastEventId = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupMarks", x => x.Name);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PetitionDailyRollups");

            migrationBuilder.DropTable(
                name: "PetitionTermRollups");

            migrationBuilder.DropTable(
                name: "RollupMarks");
        }
    }
}
