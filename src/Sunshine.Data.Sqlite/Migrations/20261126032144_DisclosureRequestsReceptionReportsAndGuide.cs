using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DisclosureRequestsReceptionReportsAndGuide : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AlreadyPublished",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<byte[]>(
                name: "ApplicantKey",
                table: "DisclosureRequests",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArrivedOn",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConfirmedOn",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactProtected",
                table: "DisclosureRequests",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectedOn",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectionAnswerBy",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectionRequestedOn",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedOn",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionDays",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeeFen",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "FeeMethod",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeeNoticeOn",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeeNoticedFen",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FeePages",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeePaidOn",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormWanted",
                table: "DisclosureRequests",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberProtected",
                table: "DisclosureRequests",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "QueryCodeHash",
                table: "DisclosureRequests",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyText",
                table: "DisclosureRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "DisclosureRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AnnualReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Region = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Overview = table.Column<string>(type: "TEXT", nullable: false),
                    Problems = table.Column<string>(type: "TEXT", nullable: false),
                    Other = table.Column<string>(type: "TEXT", nullable: false),
                    TablesJson = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    FinalisedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalisedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualReports_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureAppeals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureAppeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureAppeals_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureConsultations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureConsultations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureConsultations_DisclosureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DisclosureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureSettings",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailReceiptByMailSystem = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReplyWaitsForFee = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureSettings", x => x.OrganisationId);
                    table.ForeignKey(
                        name: "FK_DisclosureSettings_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Hearings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    NoticeSentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HeldFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HeldTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PausesClock = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hearings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Hearings_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeaderCaseOwnerships",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LeaderTitle = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaderCaseOwnerships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeaderCaseOwnerships_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "ReceptionSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LeaderTitle = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Matters = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Booked = table.Column<int>(type: "INTEGER", nullable: false),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    Record = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceptionSessions", x => x.Id);
                    table.CheckConstraint("CK_ReceptionSessions_Booked", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\"");
                    table.ForeignKey(
                        name: "FK_ReceptionSessions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReceptionWindows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceptionWindows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceptionWindows_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReceptionWindows_Organisations_CentreOrganisationId",
                        column: x => x.CentreOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReceptionWindows_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RegisterEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegisterEntries_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PhoneProtected = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Matter = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Attendees = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appointments_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_ReceptionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ReceptionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AppointmentReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppointmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppointmentReminders_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QueueNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ArrivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowId = table.Column<int>(type: "INTEGER", nullable: true),
                    VisitorName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Matter = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    HeadCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Representatives = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Said = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Decided = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Visits_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Visits_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Visits_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Visits_ReceptionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ReceptionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Visits_ReceptionWindows_WindowId",
                        column: x => x.WindowId,
                        principalTable: "ReceptionWindows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRequests_OrganisationId_ApplicantKey_ReceivedOn",
                table: "DisclosureRequests",
                columns: new[] { "OrganisationId", "ApplicantKey", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRequests_Status_DueOn",
                table: "DisclosureRequests",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_OrganisationId_Year_Region",
                table: "AnnualReports",
                columns: new[] { "OrganisationId", "Year", "Region" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_Status_Year",
                table: "AnnualReports",
                columns: new[] { "Status", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentReminders_AppointmentId",
                table: "AppointmentReminders",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentReminders_SentAt_DueAt",
                table: "AppointmentReminders",
                columns: new[] { "SentAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_CodeHash",
                table: "Appointments",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PetitionId",
                table: "Appointments",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_SessionId_Status",
                table: "Appointments",
                columns: new[] { "SessionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureAppeals_OrganisationId_FiledOn",
                table: "DisclosureAppeals",
                columns: new[] { "OrganisationId", "FiledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureConsultations_RequestId",
                table: "DisclosureConsultations",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_Hearings_PetitionId",
                table: "Hearings",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_LeaderCaseOwnerships_PetitionId",
                table: "LeaderCaseOwnerships",
                column: "PetitionId");

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

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionSessions_IsPublished_StartsAt",
                table: "ReceptionSessions",
                columns: new[] { "IsPublished", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionSessions_OrganisationId_StartsAt",
                table: "ReceptionSessions",
                columns: new[] { "OrganisationId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionWindows_CategoryId",
                table: "ReceptionWindows",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionWindows_CentreOrganisationId_SortOrder",
                table: "ReceptionWindows",
                columns: new[] { "CentreOrganisationId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionWindows_OrganisationId",
                table: "ReceptionWindows",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_OrganisationId_Year_Kind",
                table: "RegisterEntries",
                columns: new[] { "OrganisationId", "Year", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_AppointmentId",
                table: "Visits",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_OrganisationId_VisitDate_QueueNumber",
                table: "Visits",
                columns: new[] { "OrganisationId", "VisitDate", "QueueNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Visits_PetitionId",
                table: "Visits",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_SessionId",
                table: "Visits",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_WindowId_VisitDate",
                table: "Visits",
                columns: new[] { "WindowId", "VisitDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualReports");

            migrationBuilder.DropTable(
                name: "AppointmentReminders");

            migrationBuilder.DropTable(
                name: "DisclosureAppeals");

            migrationBuilder.DropTable(
                name: "DisclosureConsultations");

            migrationBuilder.DropTable(
                name: "DisclosureSettings");

            migrationBuilder.DropTable(
                name: "Hearings");

            migrationBuilder.DropTable(
                name: "LeaderCaseOwnerships");

            migrationBuilder.DropTable(
                name: "LegalGuideChoices");

            migrationBuilder.DropTable(
                name: "RegisterEntries");

            migrationBuilder.DropTable(
                name: "Visits");

            migrationBuilder.DropTable(
                name: "LegalGuideRoutes");

            migrationBuilder.DropTable(
                name: "Appointments");

            migrationBuilder.DropTable(
                name: "ReceptionWindows");

            migrationBuilder.DropTable(
                name: "ReceptionSessions");

            migrationBuilder.DropIndex(
                name: "IX_DisclosureRequests_OrganisationId_ApplicantKey_ReceivedOn",
                table: "DisclosureRequests");

            migrationBuilder.DropIndex(
                name: "IX_DisclosureRequests_Status_DueOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "AlreadyPublished",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "ApplicantKey",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "ArrivedOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "ConfirmedOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "ContactProtected",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "CorrectedOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "CorrectionAnswerBy",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "CorrectionRequestedOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "ExtendedOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "ExtensionDays",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "FeeFen",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "FeeMethod",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "FeeNoticeOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "FeeNoticedFen",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "FeePages",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "FeePaidOn",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "FormWanted",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "IdNumberProtected",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "QueryCodeHash",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "ReplyText",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "DisclosureRequests");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "DisclosureRequests");
        }
    }
}
