using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Search;
using static Sunshine.Web.Tests.Search.SearchData;

namespace Sunshine.Web.Tests.Search;

/// <summary>The search entry and fingerprint are written with the case, before or after its id exists, and can be rebuilt.</summary>
public abstract class PetitionIndexTests(TestApp app)
{
    private const string Content = "本人于2026年在小店区某建筑工地务工，包工头拖欠农民工工资共计十八万元，多次讨要无果，请求有关部门督促支付。";

    [Fact]
    public async Task Indexing_before_the_first_save_points_the_rows_at_the_generated_id()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        await using var db = app.NewContext();
        var first = Petition(unit, "反映拖欠工资问题 " + marker, Content);
        var second = Petition(unit, "反映拖欠工资问题 " + marker, Content + "再次反映。");
        PetitionIndex.Add(db, first);    // not yet in the context: added here
        db.Petitions.Add(second);
        PetitionIndex.Add(db, second);
        await db.SaveChangesAsync();

        Assert.True(first.Id > 0 && second.Id > 0);
        await using var check = app.NewContext();
        var entries = await check.PetitionSearchEntries.Where(e => e.PetitionId == first.Id || e.PetitionId == second.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Contains(marker, entries.Single(e => e.PetitionId == first.Id).Tokens, StringComparison.Ordinal);
        Assert.Equal(ContentFingerprint.BandCount, await check.PetitionFingerprints.CountAsync(f => f.PetitionId == second.Id));
        Assert.Equal([second.Id, first.Id], await IdsAsync(app, Scope(unit, false), Text(marker)));
    }

    [Fact]
    public async Task Indexing_after_the_first_save_in_the_same_transaction_works_too()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        await using var db = app.NewContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        var petition = Petition(unit, "反映拖欠工资问题 " + marker, Content);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        PetitionIndex.Add(db, petition);
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        Assert.Equal([petition.Id], await IdsAsync(app, Scope(unit, false), Text("工资 " + marker)));
    }

    [Fact]
    public async Task Rebuild_indexes_every_petition_again()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        var ids = await SaveAsync(app, Petition(unit, "反映拖欠工资问题 " + marker, Content), Petition(unit, "短 " + marker, "请求解决"));
        await using (var db = app.NewContext())
        {
            // Petitions written without an index (as the demo generator and bulk imports do).
            db.Petitions.Add(Petition(unit, "反映拖欠工资问题 " + marker, Content));
            await db.SaveChangesAsync();
        }
        Assert.Equal(2, (await IdsAsync(app, Scope(unit, false), Text(marker))).Count);

        await using (var db = app.NewContext())
        {
            var total = await db.Petitions.CountAsync();
            Assert.Equal(total, await PetitionIndex.RebuildAsync(db, NullLogger.Instance, CancellationToken.None));
            Assert.Equal(total, await db.PetitionSearchEntries.CountAsync());
            // A text too short to fingerprint has a search entry but no bands.
            Assert.Equal(0, await db.PetitionFingerprints.CountAsync(f => f.PetitionId == ids[1]));
            Assert.Equal(ContentFingerprint.BandCount, await db.PetitionFingerprints.CountAsync(f => f.PetitionId == ids[0]));
        }
        Assert.Equal(3, (await IdsAsync(app, Scope(unit, false), Text(marker))).Count);
        Assert.Single(await IdsAsync(app, Scope(unit, false), Text("短 " + marker)));
    }
}

[Collection("sqlite")]
public sealed class SqlitePetitionIndexTests(SqliteApp app) : PetitionIndexTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPetitionIndexTests(PostgresApp app) : PetitionIndexTests(app), IClassFixture<PostgresApp>
{
    /// <summary>PostgreSQL's rebuild drops the indexes no constraint stands on and creates them again at the end.</summary>
    [Fact]
    public async Task Rebuild_creates_the_dropped_indexes_again_as_they_were()
    {
        await using var db = app.NewContext();
        // An expression index with its own statistics target stands for any index a later migration may add.
        await db.Database.ExecuteSqlRawAsync("""
            CREATE INDEX "IX_PetitionFingerprints_test" ON "PetitionFingerprints" (("Hash" % 7));
            ALTER INDEX "IX_PetitionFingerprints_test" ALTER COLUMN 1 SET STATISTICS 500;
            """);
        try
        {
            var before = await IndexesAsync(db);
            Assert.Contains(before, i => i.Contains("USING gin (\"Vector\", \"Scope\")", StringComparison.Ordinal));
            Assert.Contains(before, i => i.Contains("(\"Band\", \"Hash\", \"PetitionId\")", StringComparison.Ordinal));
            Assert.Contains(before, i => i.Contains("IX_PetitionFingerprints_test", StringComparison.Ordinal) && i.EndsWith(" 500", StringComparison.Ordinal));

            var analysedBefore = await LastAnalysedAsync(db);
            Assert.Equal(await db.Petitions.CountAsync(), await PetitionIndex.RebuildAsync(db, NullLogger.Instance, CancellationToken.None));
            // The rebuild analyses both tables once it has committed.
            var analysedAfter = await LastAnalysedAsync(db);
            Assert.Equal(2, analysedAfter.Count);
            Assert.All(analysedAfter, a => Assert.True(a.Value > analysedBefore.GetValueOrDefault(a.Key, DateTime.MinValue), a.Key));

            Assert.Equal(before, await IndexesAsync(db));
            // The COPY wrote each entry's scope as the trigger would have, and the trigger is on again for new entries.
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("""
                SELECT count(*)::int AS "Value" FROM "PetitionSearchEntries" AS e JOIN "Petitions" AS p ON p."Id" = e."PetitionId"
                WHERE e."Scope" <> "PetitionScope"(p."RegisteringOrganisationId", p."ResponsibleOrganisationId") OR cardinality(e."Scope") = 0
                """).SingleAsync());
            Assert.Equal(["PetitionSearchEntries_scope O", "RI_ConstraintTrigger_c O"], await db.Database.SqlQueryRaw<string>("""
                SELECT DISTINCT CASE WHEN tgisinternal THEN regexp_replace(tgname, '_[0-9]+$', '') ELSE tgname END || ' ' || tgenabled::text AS "Value"
                FROM pg_trigger WHERE tgrelid = '"PetitionSearchEntries"'::regclass ORDER BY 1
                """).ToListAsync());
            var unit = await app.OrganisationAsync("小店区信访局");
            var marker = Marker();
            await SaveAsync(app, Petition(unit, "反映拖欠工资问题 " + marker, "包工头拖欠农民工工资，请求督促支付。"));
            Assert.Single(await IdsAsync(app, Scope(unit, false), Text(marker)));
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""DROP INDEX IF EXISTS "IX_PetitionFingerprints_test" """);
        }
    }

    /// <summary>When each of the two tables was last analysed by ANALYZE itself (not by autovacuum), where it was.</summary>
    private static async Task<Dictionary<string, DateTime>> LastAnalysedAsync(Sunshine.Data.SunshineDbContext db) =>
        (await db.Database.SqlQueryRaw<Analysed>("""
            SELECT relname::text AS "Table", last_analyze AS "At" FROM pg_stat_user_tables
            WHERE relname IN ('PetitionFingerprints', 'PetitionSearchEntries') AND last_analyze IS NOT NULL
            """).ToListAsync()).ToDictionary(a => a.Table, a => a.At);

    private sealed record Analysed(string Table, DateTime At);

    /// <summary>Each index of the two tables: its definition and the statistics target of its first column.</summary>
    private static Task<List<string>> IndexesAsync(Sunshine.Data.SunshineDbContext db) => db.Database.SqlQueryRaw<string>("""
        SELECT pg_get_indexdef(i.indexrelid) || ' ' || a.attstattarget AS "Value"
        FROM pg_index AS i JOIN pg_attribute AS a ON a.attrelid = i.indexrelid AND a.attnum = 1
        WHERE i.indrelid IN ('"PetitionFingerprints"'::regclass, '"PetitionSearchEntries"'::regclass)
        ORDER BY 1
        """).ToListAsync();
}
