using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<byte[]>(
                name: "ApplicantKey",
                table: "DisclosureRequests",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArrivedOn",
                table: "DisclosureRequests",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "DisclosureRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConfirmedOn",
                table: "DisclosureRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactProtected",
                table: "DisclosureRequests",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectedOn",
                table: "DisclosureRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectionAnswerBy",
                table: "DisclosureRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectionRequestedOn",
                table: "DisclosureRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedOn",
                table: "DisclosureRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionDays",
                table: "DisclosureRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeeFen",
                table: "DisclosureRequests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "FeeMethod",
                table: "DisclosureRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeeNoticeOn",
                table: "DisclosureRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeeNoticedFen",
                table: "DisclosureRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FeePages",
                table: "DisclosureRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeePaidOn",
                table: "DisclosureRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormWanted",
                table: "DisclosureRequests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberProtected",
                table: "DisclosureRequests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "QueryCodeHash",
                table: "DisclosureRequests",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyText",
                table: "DisclosureRequests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "DisclosureRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "DisclosureRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "DisclosureConsultations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Party = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    EmailReceiptByMailSystem = table.Column<bool>(type: "boolean", nullable: false),
                    ReplyWaitsForFee = table.Column<bool>(type: "boolean", nullable: false)
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
