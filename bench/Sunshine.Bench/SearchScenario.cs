using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sunshine.Data;
using Sunshine.Data.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Bench;

/// <summary>The staff full-text search (group <c>search</c>): the app's query beside the bare full-text query of the same run.</summary>
public static partial class BenchRun
{
    /// <summary>
    /// The staff search through the HTTP API (first page of 50, newest first, with its count), province-wide and for one
    /// county, a common and a rare word; the baseline is the bare full-text query on the same index (top 20 + count).
    /// </summary>
    private static async Task<List<Measurement>> SearchAsync(IServiceProvider services, Uri address, DatabaseProvider provider, int repetitions, CancellationToken ct)
    {
        var province = await SignedInAsync(services, address, "山西省信访局", ct);
        var county = await SignedInAsync(services, address, "小店区信访局", ct);
        var (common, rare, countyRare) = await TermsAsync(services, provider, "小店区信访局", ct);
        var results = new List<Measurement>();
        foreach (var (who, client, rareHere) in new[] { ("province", province, rare), ("county", county, countyRare) })
        {
            // The floor under every search figure: the same signed-in GET of the same endpoint, refused by its validation
            // (an unknown work queue) before any statement runs. HTTP, the sign-in cookie, authorisation, binding and a
            // problem-details answer are all in it, and nothing of the search.
            var floor = await TimeAsync(repetitions, async () =>
            {
                using var response = await client.GetAsync("/api/petitions?queue=none", ct);
                if (response.StatusCode != HttpStatusCode.BadRequest) throw new InvalidOperationException($"floor: {response.StatusCode}");
            });
            var bare = await TimeAsync(repetitions, () => RawSearchAsync(services, provider, rare, ct));
            results.Add(new Measurement($"search {who} floor (signed-in, refused before any query)", Median(floor), Percentile(floor, 0.95), 1000 / Median(floor),
                repetitions, "bare FTS top 20 + count, rare word", Median(bare), 1000 / Median(bare), Median(floor) / Median(bare), ""));
            foreach (var (kind, term) in new[] { ("common", common), ("rare", rareHere) })
            {
                var url = "/api/petitions?q=" + Uri.EscapeDataString(term);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var collections = GC.CollectionCount(0);
                var calls = 0;
                var (api, server) = await ServerTimes.Record(() => TimeAsync(repetitions, async () =>
                {
                    calls++;
                    using var response = await client.GetAsync(url, ct);
                    response.EnsureSuccessStatusCode();
                }));
                // What the garbage collector is given: the server and the load generator share the process, so both are in it.
                var found = await FoundAsync(client, url, ct);
                var note = string.Create(CultureInfo.InvariantCulture,
                    $"{found}; {server}; {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / calls:F0} KB allocated per request (app and client), {GC.CollectionCount(0) - collections} gen0 collections in {calls} requests");
                var raw = await TimeAsync(repetitions, () => RawSearchAsync(services, provider, term, ct));
                results.Add(new Measurement($"search {who} {kind} word", Median(api), Percentile(api, 0.95), 1000 / Median(api), repetitions,
                    "bare FTS top 20 + count", Median(raw), 1000 / Median(raw), Median(api) / Median(raw), note));
            }
        }
        return results;
    }

    /// <summary>
    /// What the measured search found in the caller's scope: a county's search finds only the hits in its scope, so the
    /// note says whether the line timed a full, short or empty page.
    /// </summary>
    private static async Task<string> FoundAsync(HttpClient client, string url, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(url, ct));
        var page = json.RootElement;
        var count = page.GetProperty("count");
        return string.Create(CultureInfo.InvariantCulture,
            $"{page.GetProperty("items").GetArrayLength()} on the page, count {(count.ValueKind == JsonValueKind.Number ? count.GetInt32().ToString("N0", CultureInfo.InvariantCulture) : "none")}{(page.GetProperty("countCapped").GetBoolean() ? " (capped)" : "")}");
    }

    /// <summary>The bare query: the newest 20 hits of the text index and their count up to 10,001, nothing else.</summary>
    private static async Task RawSearchAsync(IServiceProvider services, DatabaseProvider provider, string term, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        // The bare query is the baseline, however slow it is: PostgreSQL's for a common word at 1M outlasts the default 30 s.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var match = ChineseSegmenter.ToMatchQuery(term);
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "PetitionFts" WHERE "PetitionFts" MATCH {match} ORDER BY rowid DESC LIMIT 20""").ToListAsync(ct);
            await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM (SELECT 1 FROM "PetitionFts" WHERE "PetitionFts" MATCH {match} LIMIT 10001) AS c""").SingleAsync(ct);
        }
        else
        {
            await db.Database.SqlQuery<long>($"""SELECT "PetitionId" AS "Value" FROM "PetitionSearchEntries" WHERE "Vector" @@ plainto_tsquery('simple', {match}) ORDER BY "PetitionId" DESC LIMIT 20""").ToListAsync(ct);
            await db.Database.SqlQuery<int>($"""SELECT COUNT(*)::int AS "Value" FROM (SELECT 1 FROM "PetitionSearchEntries" WHERE "Vector" @@ plainto_tsquery('simple', {match}) LIMIT 10001) AS c""").SingleAsync(ct);
        }
    }

    /// <summary>
    /// A word in about a tenth of the petitions and one in a few dozen, read off the data itself; and a word as rare that
    /// the county bureau's own registrations hold, so that the county's rare-word search finds something (the province's
    /// rare word had no hit in the county, and that line timed an empty page until session 14).
    /// </summary>
    private static async Task<(string Common, string Rare, string CountyRare)> TermsAsync(IServiceProvider services, DatabaseProvider provider, string countyBureau, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var total = await db.Petitions.CountAsync(ct);
        var sample = await db.PetitionSearchEntries.AsNoTracking().OrderBy(s => s.PetitionId).Take(2000).Select(s => s.Tokens).ToListAsync(ct);
        // Only a word the search reads as itself: typed alone, jieba may cut a stored token in two (下底 → 下 + 底), and the
        // query would then measure two common words whose conjunction is rare.
        var words = sample.SelectMany(t => t.Split(' ')).GroupBy(w => w).Where(g => Searchable(g.Key))
            .Select(g => (Word: g.Key, Seen: g.Count())).ToList();
        // Common: among the sample's most frequent words. Rare: among the words seen once, counted up to 101 only, so a
        // frequent one costs little; at most 200 tried. (The 200-row sample of earlier runs held no word with 5–100 hits
        // at 1M, and the fallback "rare" word had 34,895.)
        string? common = null, rare = null;
        foreach (var (word, _) in words.OrderByDescending(w => w.Seen).Take(40))
        {
            var hits = await HitsAsync(db, provider, word, int.MaxValue, ct);
            if (hits >= total / 20 && hits <= total / 4)
            {
                common = word;
                break;
            }
        }
        foreach (var (word, _) in words.Where(w => w.Seen == 1).OrderBy(w => w.Word, StringComparer.Ordinal).Take(200))
        {
            var hits = await HitsAsync(db, provider, word, 101, ct);
            if (hits is >= 5 and <= 100)
            {
                rare = word;
                break;
            }
        }
        common ??= "工资";
        rare ??= words.OrderBy(w => w.Seen).First().Word;

        var bureau = await db.Organisations.Where(o => o.Name == countyBureau).Select(o => o.Id).SingleAsync(ct);
        var ownSample = await db.Petitions.AsNoTracking().Where(p => p.RegisteringOrganisationId == bureau && p.Purpose != Sunshine.Domain.Petitions.Purpose.Accusation)
            .OrderBy(p => p.Id).Take(2000).Join(db.PetitionSearchEntries, p => p.Id, s => s.PetitionId, (p, s) => s.Tokens).ToListAsync(ct);
        var ownWords = ownSample.SelectMany(t => t.Split(' ')).GroupBy(w => w).Where(g => g.Count() == 1 && Searchable(g.Key))
            .Select(g => g.Key).Order(StringComparer.Ordinal).Take(200);
        string? countyRare = null;
        foreach (var word in ownWords)
        {
            var hits = await HitsAsync(db, provider, word, 101, ct);
            if (hits is >= 5 and <= 100)
            {
                countyRare = word;
                break;
            }
        }
        countyRare ??= rare;
        Console.WriteLine($"search terms: common '{common}' ({await HitsAsync(db, provider, common, int.MaxValue, ct):N0} hits), rare '{rare}' ({await HitsAsync(db, provider, rare, int.MaxValue, ct):N0} hits), the county's rare '{countyRare}' ({await HitsAsync(db, provider, countyRare, int.MaxValue, ct):N0} hits) of {total:N0}");
        return (common, rare, countyRare);

        // Only a Chinese word of two or more characters that the search reads as itself.
        static bool Searchable(string w) => w.Length >= 2 && w.All(c => c >= 0x4E00 && c <= 0x9FFF) && ChineseSegmenter.Tokens(w) is [var only] && only == w;
    }

    /// <summary>The word's hits, counted up to <paramref name="cap"/>.</summary>
    private static async Task<int> HitsAsync(SunshineDbContext db, DatabaseProvider provider, string word, int cap, CancellationToken ct)
    {
        var match = ChineseSegmenter.ToMatchQuery(word);
        return provider == DatabaseProvider.Sqlite
            ? await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM (SELECT 1 FROM "PetitionFts" WHERE "PetitionFts" MATCH {match} LIMIT {cap})""").SingleAsync(ct)
            : await db.Database.SqlQuery<int>($"""SELECT COUNT(*)::int AS "Value" FROM (SELECT 1 FROM "PetitionSearchEntries" WHERE "Vector" @@ plainto_tsquery('simple', {match}) LIMIT {cap}) AS c""").SingleAsync(ct);
    }
}
