using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OversightNotificationsAndDashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "HandlingDueOn",
                table: "Petitions",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DisputeScreenings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Matter = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    PartiesProtected = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Measures = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedByOrganisationId = table.Column<int>(type: "integer", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisputeScreenings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisputeScreenings_Divisions_DivisionCode",
                        column: x => x.DivisionCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DisputeScreenings_Organisations_RecordedByOrganisationId",
                        column: x => x.RecordedByOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    RecipientUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AddressProtected = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PetitionId = table.Column<long>(type: "bigint", nullable: true),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TextProtected = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

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
                name: "IX_DisputeScreenings_DivisionCode",
                table: "DisputeScreenings",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeScreenings_RecordedByOrganisationId",
                table: "DisputeScreenings",
                column: "RecordedByOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeScreenings_TownshipCode_FoundOn",
                table: "DisputeScreenings",
                columns: new[] { "TownshipCode", "FoundOn" });

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
                name: "IX_Notifications_EventKey",
                table: "Notifications",
                column: "EventKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_Channel_CreatedAt",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "Channel", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_State_NextAttemptAt",
                table: "Notifications",
                columns: new[] { "State", "NextAttemptAt" });

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
                name: "DisputeScreenings");

            migrationBuilder.DropTable(
                name: "InspectionEntries");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PetitionDailyRollups");

            migrationBuilder.DropTable(
                name: "PetitionTermRollups");

            migrationBuilder.DropTable(
                name: "RollupMarks");

            migrationBuilder.DropTable(
                name: "SupervisionOrders");

            migrationBuilder.DropTable(
                name: "WarningAlertCases");

            migrationBuilder.DropTable(
                name: "WarningWatermarks");

            migrationBuilder.DropTable(
                name: "InspectionSamples");

            migrationBuilder.DropTable(
                name: "WarningAlerts");

            migrationBuilder.DropColumn(
                name: "HandlingDueOn",
                table: "Petitions");
        }
    }
}
