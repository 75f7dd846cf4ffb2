using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EarlyWarning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WarningAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AlertKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Rule = table.Column<int>(type: "integer", nullable: false),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    LocalityCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: true),
                    Period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    CaseCount = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    AcknowledgedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssignedToUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WarningAlerts_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WarningWatermarks",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastPetitionId = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningWatermarks", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "WarningAlertCases",
                columns: table => new
                {
                    AlertId = table.Column<long>(type: "bigint", nullable: false),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningAlertCases", x => new { x.AlertId, x.PetitionId });
                    table.ForeignKey(
                        name: "FK_WarningAlertCases_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WarningAlertCases_WarningAlerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "WarningAlerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WarningAlertCases_PetitionId",
                table: "WarningAlertCases",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_WarningAlerts_AlertKey",
                table: "WarningAlerts",
                column: "AlertKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WarningAlerts_CategoryId",
                table: "WarningAlerts",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_WarningAlerts_State_LocalityCode_Id",
                table: "WarningAlerts",
                columns: new[] { "State", "LocalityCode", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WarningAlertCases");

            migrationBuilder.DropTable(
                name: "WarningWatermarks");

            migrationBuilder.DropTable(
                name: "WarningAlerts");
        }
    }
}
