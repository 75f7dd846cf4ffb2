using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FingerprintIndexCoversPetition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PetitionFingerprints_Band_Hash",
                table: "PetitionFingerprints");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionFingerprints_Band_Hash_PetitionId",
                table: "PetitionFingerprints",
                columns: new[] { "Band", "Hash", "PetitionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PetitionFingerprints_Band_Hash_PetitionId",
                table: "PetitionFingerprints");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionFingerprints_Band_Hash",
                table: "PetitionFingerprints",
                columns: new[] { "Band", "Hash" });
        }
    }
}
