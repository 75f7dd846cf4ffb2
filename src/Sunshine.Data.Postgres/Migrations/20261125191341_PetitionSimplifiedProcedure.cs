using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PetitionSimplifiedProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSimplified",
                table: "Petitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsSimplified",
                table: "Petitions");
        }
    }
}
