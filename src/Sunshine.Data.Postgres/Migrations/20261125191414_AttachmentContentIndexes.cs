using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentContentIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PetitionAttachments_PetitionId",
                table: "PetitionAttachments");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionAttachments_PetitionId_Sha256",
                table: "PetitionAttachments",
                columns: new[] { "PetitionId", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionAttachments_Sha256",
                table: "PetitionAttachments",
                column: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PetitionAttachments_PetitionId_Sha256",
                table: "PetitionAttachments");

            migrationBuilder.DropIndex(
                name: "IX_PetitionAttachments_Sha256",
                table: "PetitionAttachments");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionAttachments_PetitionId",
                table: "PetitionAttachments",
                column: "PetitionId");
        }
    }
}
