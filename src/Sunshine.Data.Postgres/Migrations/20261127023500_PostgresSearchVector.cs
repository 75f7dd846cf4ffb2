using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <summary>
    /// The search entries keep their words as a stored <c>tsvector</c>, <c>"Vector"</c>, generated from <c>"Tokens"</c>
    /// (positions stripped: the search only ANDs words, it has no phrase or ranking), and the text index
    /// (<c>IX_PetitionSearchEntries_Vector_Scope</c>, GIN with the scope keys as before) is built on it. Before, the index
    /// was on the expression <c>to_tsvector('simple', "Tokens")</c>, so every row the search checked outside the index
    /// was parsed again (~35 µs): a province's common word walks the primary key and checks a few hundred rows per page.
    /// The column is not in the model (the database computes it; the app only reads it in SQL). Its statistics keep
    /// 10,000 lexemes, as the index expression's did (<c>SearchLexemeStatistics</c>). Up rewrites the table once (the
    /// generated column) and builds the index; timed at 1M in docs/performance.md.
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261127023500_PostgresSearchVector")]
    public partial class PostgresSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_PetitionSearchEntries_Tokens_Scope";
                ALTER TABLE "PetitionSearchEntries" ADD COLUMN "Vector" tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple', "Tokens"))) STORED;
                ALTER TABLE "PetitionSearchEntries" ALTER COLUMN "Vector" SET STATISTICS 10000;
                SET LOCAL maintenance_work_mem = '256MB';
                CREATE INDEX "IX_PetitionSearchEntries_Vector_Scope" ON "PetitionSearchEntries" USING GIN ("Vector", "Scope");
                ANALYZE "PetitionSearchEntries";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_PetitionSearchEntries_Vector_Scope";
                ALTER TABLE "PetitionSearchEntries" DROP COLUMN IF EXISTS "Vector";
                CREATE INDEX "IX_PetitionSearchEntries_Tokens_Scope" ON "PetitionSearchEntries" USING GIN (to_tsvector('simple', "Tokens"), "Scope");
                ALTER INDEX "IX_PetitionSearchEntries_Tokens_Scope" ALTER COLUMN 1 SET STATISTICS 10000;
                ANALYZE "PetitionSearchEntries";
                """);
        }
    }
}
