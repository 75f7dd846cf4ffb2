using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionAndInspection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InspectionSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    DrawnOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DrawnByName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: true),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Criteria = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionSamples_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionOrders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: true),
                    TargetOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    IssuingOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Instructions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedByName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Remark = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EscalatedFromId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Organisations_IssuingOrganisationId",
                        column: x => x.IssuingOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Organisations_TargetOrganisationId",
                        column: x => x.TargetOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_SupervisionOrders_EscalatedFromId",
                        column: x => x.EscalatedFromId,
                        principalTable: "SupervisionOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    SampleId = table.Column<long>(type: "bigint", nullable: true),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Scores = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InspectedByName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Evaluation = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionEntries_InspectionSamples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "InspectionSamples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionEntries_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionEntries_Dissatisfied",
                table: "InspectionEntries",
                column: "PetitionId",
                unique: true,
                filter: "\"Source\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionEntries_PetitionId_Outcome",
                table: "InspectionEntries",
                columns: new[] { "PetitionId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionEntries_SampleId_PetitionId",
                table: "InspectionEntries",
                columns: new[] { "SampleId", "PetitionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSamples_OrganisationId",
                table: "InspectionSamples",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_EscalatedFromId",
                table: "SupervisionOrders",
                column: "EscalatedFromId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_IssuingOrganisationId",
                table: "SupervisionOrders",
                column: "IssuingOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_PetitionId",
                table: "SupervisionOrders",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_TargetOrganisationId_Status_DueOn",
                table: "SupervisionOrders",
                columns: new[] { "TargetOrganisationId", "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InspectionEntries");

            migrationBuilder.DropTable(
                name: "SupervisionOrders");

            migrationBuilder.DropTable(
                name: "InspectionSamples");
        }
    }
}
