using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sunshine.Data;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Tests.Petitions;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Bench;

/// <summary>
/// The repeat check for one new petition (group <c>repeat</c>) on a generated labelled set of near-duplicates, among
/// the loaded petitions. The labelled set is the domain tests' generator (<c>NearDuplicateCorpus</c>: twelve topics,
/// matters written by different people on the same topic, each matter resent with one to three small edits). The
/// original of every matter is imported with <c>sunshine import petitions</c>'s code (so it is indexed and
/// fingerprinted as any petition); then each resent copy is checked as intake checks a new petition
/// (<see cref="RepeatFinder.FindAsync"/>, content only: no person key). A content match is right when it is the
/// copy's own original, wrong otherwise (another matter on the same topic, or any of the loaded petitions).
/// Recall: the copies whose original was found; precision: right matches among all content matches.
/// The baseline is the bare band lookup of the same copy (twelve index ranges, newest 32 each), nothing else.
/// </summary>
public static partial class BenchRun
{
    private const string RepeatSummary = "来信反映";

    private static async Task<List<Measurement>> RepeatAsync(IServiceProvider services, string folder, CancellationToken ct)
    {
        var seed = Random.Shared.Next(1, 1_000_000);
        var texts = NearDuplicateCorpus.Generate(seed, mattersPerTopic: 40, duplicatesPerMatter: 2);
        var run = Guid.NewGuid().ToString("N")[..6];
        var today = ChinaTime.Today(TimeProvider.System);
        var originals = texts.Where(t => t.Edits == "original").ToList();
        var copies = texts.Where(t => t.Edits != "original").ToList();

        var csv = Path.Combine(folder, "repeat-originals.csv");
        var sb = new StringBuilder("external_id,name,phone,issue_locality,purpose,summary,content,received_on\n");
        foreach (var o in originals)
            sb.Append(CultureInfo.InvariantCulture, $"dup-{run}-{o.Matter},测试{o.Matter % 1000},136{(seed + o.Matter) % 100_000_000:D8},140105000000,Request,{RepeatSummary},\"{o.Body.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{today:yyyy-MM-dd}\n");
        await File.WriteAllTextAsync(csv, sb.ToString(), ct);

        Dictionary<int, long> originalIds;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            var bureau = await db.Organisations.Where(o => o.Kind == OrganisationKind.PetitionBureau).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
            var report = await PetitionImport.ImportAsync(csv, Channel.GovernorMailbox, bureau, services, ct);
            if (report.Errors.Count > 0) throw new InvalidOperationException($"repeat: {report.Errors.Count} originals failed, first: line {report.Errors[0].Line}: {report.Errors[0].Reason}");
            var prefix = $"dup-{run}-";
            var stored = await db.Petitions.AsNoTracking().Where(p => p.ExternalId != null && p.ExternalId.StartsWith(prefix))
                .Select(p => new { p.Id, p.ExternalId }).ToListAsync(ct);
            originalIds = stored.ToDictionary(p => int.Parse(p.ExternalId![prefix.Length..], CultureInfo.InvariantCulture), p => p.Id);
        }

        var tokens = copies.Select(c => PetitionIndex.Tokens(RepeatSummary, c.Body)).ToList();
        int found = 0, right = 0, wrong = 0;
        var times = new List<double>(copies.Count);
        var bare = new List<double>(copies.Count);
        for (var pass = 0; pass < 2; pass++)
        {
            // The first pass warms the caches and is not timed; both passes are judged the same way (they must agree).
            for (var i = 0; i < copies.Count; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
                var start = Stopwatch.GetTimestamp();
                var candidates = await RepeatFinder.FindAsync(db, null, tokens[i], today, RegisterPetition.RepeatWindowDays, null, ct);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                start = Stopwatch.GetTimestamp();
                await BareBandLookupAsync(db, ContentFingerprint.Bands(tokens[i]), ct);
                var bareElapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (pass == 0) continue;
                times.Add(elapsed);
                bare.Add(bareElapsed);
                var original = originalIds[copies[i].Matter];
                if (candidates.Any(c => c.PetitionId == original)) found++;
                right += candidates.Count(c => c.PetitionId == original);
                wrong += candidates.Count(c => c.PetitionId != original);
            }
        }
        var recall = found / (double)copies.Count;
        var precision = right / (double)Math.Max(1, right + wrong);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"repeat: seed {seed}, {originals.Count} originals imported, {copies.Count} copies checked: recall {recall:F3} ({found}/{copies.Count}), precision {precision:F3} ({right} right, {wrong} wrong)"));
        return
        [
            new Measurement("repeat check, one new petition", Median(times), Percentile(times, 0.95), 1000 / Median(times), times.Count,
                "bare band lookup", Median(bare), 1000 / Median(bare), Median(times) / Median(bare),
                string.Create(CultureInfo.InvariantCulture, $"recall {recall:F3}, precision {precision:F3}, seed {seed}")),
        ];
    }

    /// <summary>The twelve (Band, Hash) index ranges of one text, newest 32 each: the index work no repeat check can avoid.</summary>
    private static async Task BareBandLookupAsync(SunshineDbContext db, long[] bands, CancellationToken ct)
    {
        if (bands.Length == 0) return;
        var sql = new StringBuilder();
        for (var b = 0; b < bands.Length; b++)
        {
            if (b > 0) sql.Append(" UNION ALL ");
            sql.Append(CultureInfo.InvariantCulture, $$"""SELECT * FROM (SELECT "PetitionId" FROM "PetitionFingerprints" WHERE "Band" = {{b}} AND "Hash" = {{{b}}} ORDER BY "PetitionId" DESC LIMIT 32) AS b{{b}}""");
        }
        await db.Database.SqlQuery<long>(System.Runtime.CompilerServices.FormattableStringFactory.Create(
            """SELECT "PetitionId" AS "Value" FROM (""" + sql + ") AS c", [.. bands.Cast<object>()])).ToListAsync(ct);
    }
}
