using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <summary>
    /// The repeat check reads the newest entries of each fingerprint bucket from the (Band, Hash, PetitionId) index
    /// alone — but PostgreSQL answers from the index alone only for table pages its visibility map marks all-visible,
    /// which only a vacuum does. The table only grows, and by default autovacuum visits such a table after 20 % of its
    /// rows were inserted: at 1M petitions 2.4M fingerprint rows (200,000 petitions), at 10M ten times that. The newest
    /// petitions — those a bucket's newest entries are — thus stayed unmarked, and every entry cost a heap visit (the
    /// intake's bucket look-up at 1M: 7,800 heap fetches per group commit of ~30 petitions). Here the table is vacuumed
    /// after every 50,000 inserted rows (about 4,200 petitions) whatever its size; such a vacuum reads only the pages
    /// not yet marked and, with nothing deleted, no index. The model is unchanged (no designer file needed).
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261127031800_FingerprintsVisibleAfterInserts")]
    public partial class FingerprintsVisibleAfterInserts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "PetitionFingerprints" SET (autovacuum_vacuum_insert_threshold = 50000, autovacuum_vacuum_insert_scale_factor = 0);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "PetitionFingerprints" RESET (autovacuum_vacuum_insert_threshold, autovacuum_vacuum_insert_scale_factor);""");
        }
    }
}
