using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <summary>
    /// Search: the planner's statistics of the text index keep 100,000 lexemes instead of 1,000. With the default, a
    /// word outside the 1,000 most common was estimated at half the rarest tracked one's frequency (at 1M petitions,
    /// 34,278 hits for a word with 14), so the search walked the whole primary key for a rare word. With 10,000 the
    /// estimates at 1M were within a few rows of the true counts. The model is unchanged (no designer file needed).
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261126121500_SearchLexemeStatistics")]
    public partial class SearchLexemeStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER INDEX "IX_PetitionSearchEntries_Tokens" ALTER COLUMN 1 SET STATISTICS 10000;""");
            migrationBuilder.Sql("""ANALYZE "PetitionSearchEntries";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER INDEX "IX_PetitionSearchEntries_Tokens" ALTER COLUMN 1 SET STATISTICS -1;""");
        }
    }
}
