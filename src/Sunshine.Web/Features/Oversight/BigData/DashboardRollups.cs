using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>
/// Keeps the dashboard's rollups (<see cref="PetitionRollup"/>, <see cref="PetitionTermRollup"/>) current. Each pass
/// finds the months touched since the last one — months received of new petitions and of petitions with new case events
/// (every change of status, unit or evaluation writes one) — and recounts those months whole, in one read of each month's
/// petitions. The first pass (no mark yet, e.g. right after the demo load) rebuilds all. Runs on one node per pass through
/// the lease <c>rollups</c>.
/// </summary>
public sealed class DashboardRollups(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<DashboardRollups> logger)
    : LeasedBackgroundWork(scopes, time, configuration, logger)
{
    public const string MarkName = "petition-rollups";
    protected override string LeaseName => "rollups";
    private readonly TimeSpan _interval = TimeSpan.FromMinutes(configuration.GetValue("Oversight:Rollups:IntervalMinutes", 2.0));
    private readonly ILogger _logger = logger;
    protected override TimeSpan Interval => _interval;

    /// <summary>
    /// Ids are handed out before their transactions commit, so a petition or event with an id just below the last mark may
    /// become visible only after the pass that set it. Each pass therefore looks this far back again (recounting a month
    /// twice changes nothing).
    /// </summary>
    internal const long Overlap = 1_000;

    /// <summary>
    /// Hot-topic terms kept per organisation and month: the dashboard shows 20 rising ones, so 50 leave room for the rise
    /// against the period before; at 200 the term rows were 9 times the petitions and most of the rebuild's writes.
    /// </summary>
    public const int TermsPerMonth = 50;

    private readonly HotTopicWords _words = HotTopicWords.From(configuration);

    public override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SunshineDbContext>();
        var pass = await UpdateAsync(db, services.GetRequiredService<TimeProvider>(), _words, cancellationToken);
        if (pass.Months > 0) _logger.LogInformation("Rollups: recounted {Months} months ({Rows} rows)", pass.Months, pass.Rows);
    }

    public sealed record Pass(int Months, int Rows, bool Rebuilt);

    /// <summary>One incremental pass; a full rebuild when there is no mark yet.</summary>
    public static Task<Pass> UpdateAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default) => UpdateAsync(db, time, HotTopicWords.Default, ct);

    /// <summary>One incremental pass with these stop words; a full rebuild when there is no mark yet.</summary>
    public static async Task<Pass> UpdateAsync(SunshineDbContext db, TimeProvider time, HotTopicWords words, CancellationToken ct = default)
    {
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) return await RebuildAsync(db, time, words, ct);
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var months = lastPetition != mark.LastPetitionId || lastEvent != mark.LastEventId
            ? await TouchedMonthsAsync(db, mark.LastPetitionId - Overlap, mark.LastEventId - Overlap, lastPetition, lastEvent, ct)
            : [];
        var rows = await RecountAsync(db, months, words, ct);
        // The recount may clear the change tracker: the mark is attached again, or its new ids are never saved.
        db.RollupMarks.Update(mark);
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Pass(months.Count, rows, false);
    }

    /// <summary>
    /// The months received of the petitions with ids in (<paramref name="fromPetition"/>, <paramref name="lastPetition"/>]
    /// and of those with case events in (<paramref name="fromEvent"/>, <paramref name="lastEvent"/>]: the months whose
    /// counts may have changed since a pass that saw ids up to the "from" ones.
    /// </summary>
    internal static async Task<List<DateOnly>> TouchedMonthsAsync(SunshineDbContext db, long fromPetition, long fromEvent, long lastPetition, long lastEvent,
        CancellationToken ct) =>
        (await TouchedDaysAsync(db, fromPetition, fromEvent, lastPetition, lastEvent, ct)).Select(MonthOf).Distinct().Order().ToList();

    /// <summary>The days received of the same petitions as <see cref="TouchedMonthsAsync"/>: what a rollup per day must recount.</summary>
    internal static async Task<List<DateOnly>> TouchedDaysAsync(SunshineDbContext db, long fromPetition, long fromEvent, long lastPetition, long lastEvent,
        CancellationToken ct)
    {
        // Both walk a primary-key range, so a pass costs what arrived since the last one, not the table's size.
        var received = db.Petitions.Where(p => p.Id > fromPetition && p.Id <= lastPetition).Select(p => p.ReceivedOn);
        var changed = from e in db.PetitionEvents
                      where e.Id > fromEvent && e.Id <= lastEvent
                      join p in db.Petitions on e.PetitionId equals p.Id
                      select p.ReceivedOn;
        return await received.Union(changed).ToListAsync(ct);
    }

    /// <summary>Recounts everything from the petitions: after the demo load, an import, or on request (CLI <c>rollups rebuild</c>).</summary>
    public static Task<Pass> RebuildAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default) => RebuildAsync(db, time, HotTopicWords.Default, ct);

    /// <summary>A full rebuild with these stop words.</summary>
    public static async Task<Pass> RebuildAsync(SunshineDbContext db, TimeProvider time, HotTopicWords words, CancellationToken ct = default)
    {
        // The marks first: whatever arrives during the rebuild is picked up by the next pass.
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        await db.PetitionRollups.ExecuteDeleteAsync(ct);
        await db.PetitionTermRollups.ExecuteDeleteAsync(ct);
        var first = await db.Petitions.MinAsync(p => (DateOnly?)p.ReceivedOn, ct);
        var last = await db.Petitions.MaxAsync(p => (DateOnly?)p.ReceivedOn, ct);
        var months = new List<DateOnly>();
        if (first is { } f && last is { } l)
            for (var m = MonthOf(f); m <= l; m = m.AddMonths(1)) months.Add(m);
        var rows = await RecountAsync(db, months, words, ct);
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) db.RollupMarks.Add(mark = new RollupMark { Name = MarkName });
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Pass(months.Count, rows, true);
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Each unit's organisations that get rollup rows: itself and its ancestors, those of them with subordinates.</summary>
    internal static async Task<Dictionary<int, int[]>> NodesAsync(SunshineDbContext db, CancellationToken ct)
    {
        var parents = (await db.Organisations.AsNoTracking().Where(o => o.ParentId != null).Select(o => o.ParentId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var paths = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Path }).ToListAsync(ct);
        return paths.ToDictionary(o => o.Id, o => o.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture)).Where(parents.Contains).ToArray());
    }

    /// <summary>Whether an organisation has rollup rows (it has subordinates).</summary>
    public static Task<bool> HasRowsAsync(SunshineDbContext db, int organisationId, CancellationToken ct) =>
        db.Organisations.AnyAsync(o => o.ParentId == organisationId, ct);

    private static readonly PetitionStatus[] ClosedStatuses =
        [PetitionStatus.Concluded, PetitionStatus.Declined, PetitionStatus.RoutedToLegalChannel, PetitionStatus.Withdrawn, PetitionStatus.Merged];

    public static bool IsClosed(PetitionStatus status) => ClosedStatuses.Contains(status);

    public static bool IsSatisfied(SatisfactionEvaluation? e) => e is SatisfactionEvaluation.Satisfied or SatisfactionEvaluation.FairlySatisfied;

    /// <summary>
    /// Replaces the rows of these months, one month at a time. The counts are set-based: per dimension one
    /// <c>GROUP BY</c> (current unit, key) over the month's petitions (an index range on the day received), whose few
    /// groups are then added up here into every node above the unit. Terms are counted here from the stored search words
    /// (the database cannot split them on both providers) and only the top <see cref="TermsPerMonth"/> of each node kept.
    /// Rows are written with multi-row INSERTs, not through change tracking. Returns the rows written.
    /// </summary>
    private static async Task<int> RecountAsync(SunshineDbContext db, IReadOnlyCollection<DateOnly> months, HotTopicWords words, CancellationToken ct)
    {
        if (months.Count == 0) return 0;
        var levelOne = await LevelOneCategoriesAsync(db, ct);
        var nodes = await NodesAsync(db, ct);
        var written = 0;
        foreach (var month in months)
        {
            var counts = await GroupedCountsAsync(db, month, nodes, levelOne, ct);
            var termRows = TermRows(month, await TermsAsync(db, month, nodes, words, ct), nodes);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.PetitionRollups.Where(r => r.Month == month).ExecuteDeleteAsync(ct);
            await db.PetitionTermRollups.Where(r => r.Month == month).ExecuteDeleteAsync(ct);
            // Written without change tracking (BulkInsert): through SaveChanges the rebuild's writes were its slowest part.
            await using (var insert = new BulkInsert<PetitionRollup>(db, withKey: false)) await insert.InsertAsync(counts, ct);
            await using (var insert = new BulkInsert<PetitionTermRollup>(db, withKey: false)) await insert.InsertAsync(termRows, ct);
            await tx.CommitAsync(ct);
            written += counts.Count + termRows.Count;
        }
        return written;
    }

    /// <summary>One petition's countable columns, as the database computes them for the <c>GROUP BY</c>s.</summary>
    private sealed class Flat
    {
        public int Unit { get; init; }
        public int Day { get; init; }
        public int Channel { get; init; }
        public int Purpose { get; init; }
        public int Category { get; init; }
        public string County { get; init; } = "";
        public int Repeat { get; init; }
        public int Collective { get; init; }
        public int Open { get; init; }
        public int Concluded { get; init; }
        public int Evaluated { get; init; }
        public int Satisfied { get; init; }
    }

    /// <summary>The month's rollup rows: five <c>GROUP BY</c>s by current unit and key (totals are the sum of the days), added up per node.</summary>
    private static async Task<List<PetitionRollup>> GroupedCountsAsync(SunshineDbContext db, DateOnly month, Dictionary<int, int[]> nodes,
        Dictionary<int, int> levelOne, CancellationToken ct)
    {
        var next = month.AddMonths(1);
        var satisfied = SatisfactionEvaluation.Satisfied;
        var fairly = SatisfactionEvaluation.FairlySatisfied;
        var flat = db.Petitions.AsNoTracking().Where(p => p.ReceivedOn >= month && p.ReceivedOn < next).Select(p => new Flat
        {
            Unit = p.ResponsibleOrganisationId ?? p.RegisteringOrganisationId,
            Day = p.ReceivedOn.Day,
            Channel = (int)p.Channel,
            Purpose = (int)p.Purpose,
            Category = p.CategoryId ?? 0,
            County = p.IssueLocalityCode.Substring(0, 6),
            Repeat = p.IsRepeat ? 1 : 0,
            Collective = p.IsCollective ? 1 : 0,
            Open = ClosedStatuses.Contains(p.Status) ? 0 : 1,
            Concluded = p.Status == PetitionStatus.Concluded ? 1 : 0,
            Evaluated = (p.UnitEvaluation ?? p.BureauEvaluation) != null ? 1 : 0,
            Satisfied = (p.UnitEvaluation ?? p.BureauEvaluation) == satisfied || (p.UnitEvaluation ?? p.BureauEvaluation) == fairly ? 1 : 0,
        });
        var rows = new Dictionary<(int Node, RollupDimension Dimension, string Key), PetitionRollup>();
        void Add(int unit, RollupDimension dimension, string key, Sums s)
        {
            foreach (var node in nodes.GetValueOrDefault(unit) ?? [])
            {
                if (!rows.TryGetValue((node, dimension, key), out var row))
                    rows[(node, dimension, key)] = row = new PetitionRollup { OrganisationId = node, Month = month, Dimension = dimension, Key = key };
                row.Registered += s.Registered; row.Repeat += s.Repeat; row.Collective += s.Collective; row.Open += s.Open;
                row.Concluded += s.Concluded; row.Evaluated += s.Evaluated; row.Satisfied += s.Satisfied;
            }
        }
        foreach (var (k, s) in await GroupAsync(flat, f => new { f.Unit, f.Day }, ct))
        {
            Add(k.Unit, RollupDimension.Day, k.Day.ToString("D2", CultureInfo.InvariantCulture), s);
            Add(k.Unit, RollupDimension.Total, "", s);
        }
        foreach (var (k, s) in await GroupAsync(flat, f => new { f.Unit, f.Channel }, ct))
            Add(k.Unit, RollupDimension.Channel, k.Channel.ToString(CultureInfo.InvariantCulture), s);
        foreach (var (k, s) in await GroupAsync(flat, f => new { f.Unit, f.Purpose }, ct))
            Add(k.Unit, RollupDimension.Purpose, k.Purpose.ToString(CultureInfo.InvariantCulture), s);
        foreach (var (k, s) in await GroupAsync(flat, f => new { f.Unit, f.Category }, ct))
            Add(k.Unit, RollupDimension.Category, k.Category == 0 ? "" : levelOne.GetValueOrDefault(k.Category, k.Category).ToString(CultureInfo.InvariantCulture), s);
        foreach (var (k, s) in await GroupAsync(flat, f => new { f.Unit, f.County }, ct))
            Add(k.Unit, RollupDimension.County, k.County, s);
        return rows.Values.Where(r => r.Registered != 0).ToList();
    }

    private sealed record Sums(int Registered, int Repeat, int Collective, int Open, int Concluded, int Evaluated, int Satisfied);

    private static async Task<List<(TKey Key, Sums Sums)>> GroupAsync<TKey>(IQueryable<Flat> flat, System.Linq.Expressions.Expression<Func<Flat, TKey>> key, CancellationToken ct)
    {
        var groups = await flat.GroupBy(key).Select(g => new
        {
            g.Key, Registered = g.Count(), Repeat = g.Sum(f => f.Repeat), Collective = g.Sum(f => f.Collective), Open = g.Sum(f => f.Open),
            Concluded = g.Sum(f => f.Concluded), Evaluated = g.Sum(f => f.Evaluated), Satisfied = g.Sum(f => f.Satisfied),
        }).ToListAsync(ct);
        return groups.Select(g => (g.Key, new Sums(g.Registered, g.Repeat, g.Collective, g.Open, g.Concluded, g.Evaluated, g.Satisfied))).ToList();
    }

    /// <summary>
    /// The month's terms per lowest node: the stored search words (summary and content, as the search indexed them), each
    /// once per petition. Accusations are left out, so no word of one reaches a leader outside its circle.
    /// </summary>
    private static async Task<Dictionary<int, Dictionary<string, int>>> TermsAsync(SunshineDbContext db, DateOnly month, Dictionary<int, int[]> nodes,
        HotTopicWords words, CancellationToken ct)
    {
        var next = month.AddMonths(1);
        var source = from p in db.Petitions.AsNoTracking()
                     where p.ReceivedOn >= month && p.ReceivedOn < next && p.Purpose != Purpose.Accusation
                     join s in db.PetitionSearchEntries on p.Id equals s.PetitionId into found
                     from s in found.DefaultIfEmpty()
                     select new { Unit = p.ResponsibleOrganisationId ?? p.RegisteringOrganisationId, Tokens = s == null ? null : s.Tokens, p.Summary };
        var terms = new Dictionary<int, Dictionary<string, int>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var p in source.AsAsyncEnumerable().WithCancellation(ct))
        {
            var above = nodes.GetValueOrDefault(p.Unit);
            if (above is not { Length: > 0 }) continue;
            if (!terms.TryGetValue(above[^1], out var bag)) terms[above[^1]] = bag = new Dictionary<string, int>(StringComparer.Ordinal);
            seen.Clear();
            foreach (var term in Words(p.Tokens, p.Summary))
                if (words.IsTopical(term) && seen.Add(term)) bag[term] = bag.GetValueOrDefault(term) + 1;
        }
        return terms;
    }

    /// <summary>What the dashboard counts of one petition.</summary>
    public sealed record Item(DateOnly ReceivedOn, Channel Channel, Purpose Purpose, int? CategoryId, string IssueLocalityCode,
        bool IsRepeat, bool IsCollective, PetitionStatus Status, SatisfactionEvaluation? Evaluation);

    /// <summary>
    /// One petition's contribution to each dimension of a node's month: the one counting rule of the rollups and of the
    /// dashboard's live counts. Categories are folded to level 1, localities to the county.
    /// </summary>
    public static IEnumerable<PetitionRollup> Count(Item p, DateOnly month, int node, Dictionary<int, int> levelOne)
    {
        var category = p.CategoryId is { } c ? levelOne.GetValueOrDefault(c, c).ToString(CultureInfo.InvariantCulture) : "";
        var county = p.IssueLocalityCode.Length >= 6 ? p.IssueLocalityCode[..6] : p.IssueLocalityCode;
        (RollupDimension, string)[] keys =
        [
            (RollupDimension.Total, ""),
            (RollupDimension.Day, p.ReceivedOn.Day.ToString("D2", CultureInfo.InvariantCulture)),
            (RollupDimension.Channel, ((int)p.Channel).ToString(CultureInfo.InvariantCulture)),
            (RollupDimension.Purpose, ((int)p.Purpose).ToString(CultureInfo.InvariantCulture)),
            (RollupDimension.Category, category),
            (RollupDimension.County, county),
        ];
        foreach (var (dimension, key) in keys)
        {
            yield return new PetitionRollup
            {
                OrganisationId = node, Month = month, Dimension = dimension, Key = key, Registered = 1,
                Repeat = p.IsRepeat ? 1 : 0, Collective = p.IsCollective ? 1 : 0, Open = IsClosed(p.Status) ? 0 : 1,
                Concluded = p.Status == PetitionStatus.Concluded ? 1 : 0, Evaluated = p.Evaluation is null ? 0 : 1, Satisfied = IsSatisfied(p.Evaluation) ? 1 : 0,
            };
        }
    }

    internal static IEnumerable<string> Words(string? tokens, string summary) =>
        tokens is null ? ChineseSegmenter.Tokens(summary) : tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Each node's terms: its own bag plus those of the nodes below it; the top <see cref="TermsPerMonth"/> kept.</summary>
    private static List<PetitionTermRollup> TermRows(DateOnly month, Dictionary<int, Dictionary<string, int>> lowest, Dictionary<int, int[]> nodes)
    {
        var total = new Dictionary<int, Dictionary<string, int>>();
        foreach (var (node, bag) in lowest)
        {
            // The lowest node's chain: any unit whose last node it is has the same ancestors.
            var chain = nodes[node];
            foreach (var up in chain)
            {
                if (!total.TryGetValue(up, out var sum)) total[up] = sum = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (term, n) in bag) sum[term] = sum.GetValueOrDefault(term) + n;
            }
        }
        return total.SelectMany(t => t.Value.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(TermsPerMonth)
            .Select(x => new PetitionTermRollup { OrganisationId = t.Key, Month = month, Term = x.Key, Petitions = x.Value })).ToList();
    }

    /// <summary>Each category's level-1 ancestor.</summary>
    internal static async Task<Dictionary<int, int>> LevelOneCategoriesAsync(SunshineDbContext db, CancellationToken ct)
    {
        var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        return parents.Keys.ToDictionary(id => id, id =>
        {
            var top = id;
            for (var hops = 0; parents.GetValueOrDefault(top) is { } parent && hops < 10; hops++) top = parent;
            return top;
        });
    }
}
