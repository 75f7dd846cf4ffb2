using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccusationPrivacyAndRepresentatives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccusedOrganisationId",
                table: "Petitions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccusedParty",
                table: "Petitions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Representatives",
                table: "Petitions",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_AccusedOrganisationId",
                table: "Petitions",
                column: "AccusedOrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_Petitions_Organisations_AccusedOrganisationId",
                table: "Petitions",
                column: "AccusedOrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Petitions_Organisations_AccusedOrganisationId",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_AccusedOrganisationId",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "AccusedOrganisationId",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "AccusedParty",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "Representatives",
                table: "Petitions");
        }
    }
}
