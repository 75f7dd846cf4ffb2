using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DisclosureRequests : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRequests_OrganisationId_ApplicantKey_ReceivedOn",
                table: "DisclosureRequests",
                columns: new[] { "OrganisationId", "ApplicantKey", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRequests_Status_DueOn",
                table: "DisclosureRequests",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureConsultations_RequestId",
                table: "DisclosureConsultations",
                column: "RequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisclosureConsultations");

            migrationBuilder.DropTable(
                name: "DisclosureSettings");

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
