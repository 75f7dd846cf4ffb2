using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Features.Oversight.BigData;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Assessment;

/// <summary>
/// Keeps the assessment's monthly rollups (<see cref="AssessmentRollup"/>): for each closed month, each unit's counts of
/// the cases received in it, counted with the live table's own queries (<see cref="AssessmentQuery.CountAllAsync"/>) on
/// that month's petitions — one GROUP BY per grouping, a few hundred rows written. A period's table then sums at most
/// twelve rows per unit.
/// </summary>
/// <remarks>
/// Why rebuilding months rather than updating counts case by case: a case received in March may be answered, evaluated,
/// transferred or merged in any later month, and several sets depend on the day itself (a limit passes, an unanswered
/// case becomes overdue). An incremental update would have to repeat every rule of <see cref="AssessmentSets"/> as a
/// delta; recounting the month with the very same queries cannot differ from the live table by construction. A month's
/// rows hold exactly when both of these are true, and only then does <see cref="ReadAsync"/> use them:
/// <list type="bullet">
/// <item>no case of the month changed since it was counted: every change to a case writes a case event, so the months of
/// the petitions and events with ids above the pass's mark are counted live (the dashboard's rollups detect their months
/// the same way). On SQLite one writer commits at a time, so ids become visible in order and this is exact. On PostgreSQL
/// an id handed out before the mark may commit after it: that change is missed until the next pass, which looks
/// <c>DashboardRollups.Overlap</c> ids back and recounts its month — a table may lag such a race by one interval;</item>
/// <item>today lies within [<see cref="AssessmentRollupMonth.CountedFor"/>, <see cref="AssessmentRollupMonth.ValidThrough"/>]:
/// every day-dependent set compares a limit X with today as "X &lt; today" (transfer and acceptance limits of undecided
/// steps, the handling limit of unanswered cases, the evaluation window of unevaluated replies), so the counts cannot
/// change before the day after the smallest such X that had not passed when counted. Once every case of a month is
/// decided, answered and evaluated or past its limits, its rows hold for good.</item>
/// </list>
/// The current month is always counted live. The pass runs on one node through the lease <c>assessment-rollups</c>.
/// </remarks>
public sealed class AssessmentRollups(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<AssessmentRollups> logger)
    : LeasedBackgroundWork(scopes, time, configuration, logger)
{
    public const string MarkName = "assessment-rollups";
    protected override string LeaseName => "assessment-rollups";
    private readonly TimeSpan _interval = TimeSpan.FromMinutes(configuration.GetValue("Oversight:Assessment:RollupIntervalMinutes", 2.0));
    private readonly ILogger _logger = logger;
    protected override TimeSpan Interval => _interval;

    public override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SunshineDbContext>();
        var pass = await UpdateAsync(db, services.GetRequiredService<TimeProvider>(), cancellationToken);
        if (pass.Months > 0) _logger.LogInformation("Assessment rollups: recounted {Months} months ({Rows} rows)", pass.Months, pass.Rows);
    }

    public sealed record Pass(int Months, int Rows, bool Rebuilt);

    /// <summary>
    /// One pass: recounts the closed months that are missing, touched since the last pass, or no longer hold for today.
    /// A full rebuild when there is no mark yet.
    /// </summary>
    public static async Task<Pass> UpdateAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) return await RebuildAsync(db, time, ct);
        var today = ChinaTime.Today(time);
        // The marks first: whatever changes while the months are counted is picked up by the next pass (and read live).
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var touched = (lastPetition != mark.LastPetitionId || lastEvent != mark.LastEventId
            ? await DashboardRollups.TouchedMonthsAsync(db, mark.LastPetitionId - DashboardRollups.Overlap, mark.LastEventId - DashboardRollups.Overlap,
                lastPetition, lastEvent, ct)
            : []).ToHashSet();
        var states = await db.AssessmentRollupMonths.AsNoTracking().ToDictionaryAsync(s => s.Month, ct);
        var months = (await ClosedMonthsAsync(db, today, ct))
            .Where(m => touched.Contains(m) || !states.TryGetValue(m, out var state) || !Holds(state, today))
            .ToList();
        var rows = await RecountAsync(db, months, today, ct);
        // The recount clears the change tracker after each month: the mark is attached again, or its new ids are never saved.
        db.RollupMarks.Update(mark);
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Pass(months.Count, rows, false);
    }

    /// <summary>Recounts every closed month: after the demo load, an import, or on request.</summary>
    public static async Task<Pass> RebuildAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(time);
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        await db.AssessmentRollups.ExecuteDeleteAsync(ct);
        await db.AssessmentRollupMonths.ExecuteDeleteAsync(ct);
        var months = await ClosedMonthsAsync(db, today, ct);
        var rows = await RecountAsync(db, months, today, ct);
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) db.RollupMarks.Add(mark = new RollupMark { Name = MarkName });
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Pass(months.Count, rows, true);
    }

    private static bool Holds(AssessmentRollupMonth state, DateOnly today) =>
        state.CountedFor <= today && (state.ValidThrough is not { } through || today <= through);

    /// <summary>The months from the first one received up to the last one that has ended before today.</summary>
    private static async Task<List<DateOnly>> ClosedMonthsAsync(SunshineDbContext db, DateOnly today, CancellationToken ct)
    {
        var months = new List<DateOnly>();
        if (await db.Petitions.MinAsync(p => (DateOnly?)p.ReceivedOn, ct) is { } first)
            for (var m = DashboardRollups.MonthOf(first); m < DashboardRollups.MonthOf(today); m = m.AddMonths(1)) months.Add(m);
        return months;
    }

    /// <summary>Replaces these months' rows with their counts for today, each month in one transaction. Returns the rows written.</summary>
    private static async Task<int> RecountAsync(SunshineDbContext db, IReadOnlyCollection<DateOnly> months, DateOnly today, CancellationToken ct)
    {
        var sets = AssessmentSets.From(db, today, RuleBook.Default);
        var written = 0;
        foreach (var month in months)
        {
            var next = month.AddMonths(1);
            var received = db.Petitions.AsNoTracking().Where(p => p.ReceivedOn >= month && p.ReceivedOn < next);
            // No scope: every case of the month, as the province-wide bureau sees them before its own accusations are taken out.
            var counts = await AssessmentQuery.CountAllAsync(received, received, sets, ct);
            var through = await ValidThroughAsync(received, sets, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.AssessmentRollups.Where(r => r.Month == month).ExecuteDeleteAsync(ct);
            await db.AssessmentRollupMonths.Where(r => r.Month == month).ExecuteDeleteAsync(ct);
            var rows = counts.Where(c => c.Value != new AssessmentCounts()).Select(c => RowOf(month, c.Key, c.Value)).ToList();
            db.AssessmentRollups.AddRange(rows);
            db.AssessmentRollupMonths.Add(new AssessmentRollupMonth { Month = month, CountedFor = today, ValidThrough = through });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);
            written += rows.Count;
        }
        return written;
    }

    /// <summary>
    /// The last day the counts of these cases made today still hold: the smallest limit X, not passed today, of a step
    /// whose set turns on "X &lt; today" (<see cref="AssessmentSets"/>). A few more cases than needed are looked at (any
    /// undecided or unanswered one, whatever else holds of it), which can only make the day earlier, never later.
    /// Null: no such limit is left.
    /// </summary>
    private static async Task<DateOnly?> ValidThroughAsync(IQueryable<Petition> received, AssessmentSets sets, CancellationToken ct)
    {
        var today = sets.Today;
        var (transfer, acceptance, evaluation) = sets.Lengths;
        // The bureau's transfer limit of a case not yet transferred, accepted or closed.
        var registered = await received.Where(p => p.AcceptedOn == null && p.ConcludedOn == null && p.RegisteredOn.AddDays(transfer) >= today)
            .MinAsync(p => (DateOnly?)p.RegisteredOn.AddDays(transfer), ct);
        // A unit's acceptance limit of a hop it has not answered.
        var hop = await received.Join(sets.Hops, p => p.Id, h => h.PetitionId, (p, h) => h)
            .Where(h => h.AnsweredOn == null && h.SentOn.AddDays(acceptance) >= today)
            .MinAsync(h => (DateOnly?)h.SentOn.AddDays(acceptance), ct);
        // The handling limit of an unanswered case.
        var handling = await received.Where(p => p.OpinionIssuedOn == null && p.ConcludedOn == null && p.HandlingDueOn >= today)
            .MinAsync(p => p.HandlingDueOn, ct);
        // The evaluation window of a reply not evaluated.
        var window = await received.Where(p => p.UnitEvaluation == null && (p.OpinionIssuedOn ?? p.ConcludedOn) != null
                                               && (p.OpinionIssuedOn ?? p.ConcludedOn)!.Value.AddDays(evaluation) >= today)
            .MinAsync(p => (DateOnly?)(p.OpinionIssuedOn ?? p.ConcludedOn)!.Value.AddDays(evaluation), ct);
        return new[] { registered, hop, handling, window }.Where(d => d is not null).Min();
    }

    private static AssessmentRollup RowOf(DateOnly month, int unit, AssessmentCounts c) => new()
    {
        Month = month, OrganisationId = unit,
        BureauTimely = c.BureauTimely, BureauLate = c.BureauLate, UnitTimely = c.UnitTimely, UnitLate = c.UnitLate,
        OnTime = c.OnTime, Late = c.Late, Unanswered = c.Unanswered, OverdueUnanswered = c.OverdueUnanswered,
        Satisfied = c.Satisfied, FairlySatisfied = c.FairlySatisfied, Dissatisfied = c.Dissatisfied, OverdueUnevaluated = c.OverdueUnevaluated,
        Items = c.Items, Repeat = c.Repeat, Online = c.Online, ResolvedFirstTime = c.ResolvedFirstTime, HandlingDays = c.HandlingDays,
    };

    private static AssessmentCounts CountsOf(AssessmentRollup r) => new()
    {
        BureauTimely = r.BureauTimely, BureauLate = r.BureauLate, UnitTimely = r.UnitTimely, UnitLate = r.UnitLate,
        OnTime = r.OnTime, Late = r.Late, Unanswered = r.Unanswered, OverdueUnanswered = r.OverdueUnanswered,
        Satisfied = r.Satisfied, FairlySatisfied = r.FairlySatisfied, Dissatisfied = r.Dissatisfied, OverdueUnevaluated = r.OverdueUnevaluated,
        Items = r.Items, Repeat = r.Repeat, Online = r.Online, ResolvedFirstTime = r.ResolvedFirstTime, HandlingDays = r.HandlingDays,
    };

    /// <param name="Counts">Each unit's counts over the months read from the rollups, without the cases accusing the reader.</param>
    /// <param name="Months">How many months were read from the rollups.</param>
    /// <param name="Live">The date ranges of the period still to count live.</param>
    public sealed record Read(Dictionary<int, AssessmentCounts> Counts, int Months, IReadOnlyList<(DateOnly From, DateOnly To)> Live);

    /// <summary>
    /// The period's whole months whose rows hold for today, summed per unit, minus the cases of those months that accuse
    /// <paramref name="reader"/> (the one exclusion of a province-wide bureau's scope, Art. 30); the rest of the period is
    /// returned as ranges to count live.
    /// </summary>
    public static async Task<Read> ReadAsync(SunshineDbContext db, AssessmentSets sets, AssessmentPeriod period, int reader, CancellationToken ct)
    {
        var today = sets.Today;
        var counts = new Dictionary<int, AssessmentCounts>();
        var mark = await db.RollupMarks.AsNoTracking().SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) return new Read(counts, 0, [(period.From, period.To)]);
        var first = DashboardRollups.MonthOf(period.From);
        var states = await db.AssessmentRollupMonths.AsNoTracking().Where(s => s.Month >= first && s.Month <= period.To).ToListAsync(ct);
        // Changed since the pass: counted live (a primary-key range of what arrived since, not the table).
        var touched = (await DashboardRollups.TouchedMonthsAsync(db, mark.LastPetitionId, mark.LastEventId, long.MaxValue, long.MaxValue, ct)).ToHashSet();
        var usable = states.Where(s => s.Month >= period.From && s.Month.AddMonths(1).AddDays(-1) <= period.To
                                       && s.Month.AddMonths(1) <= today && Holds(s, today) && !touched.Contains(s.Month))
            .Select(s => s.Month).Order().ToList();
        if (usable.Count == 0) return new Read(counts, 0, [(period.From, period.To)]);

        // Summed in the database: one row per unit comes back, not one per unit and month (2,759 instead of ~27,000 for a
        // province's year at 1M).
        var sums = await db.AssessmentRollups.Where(r => usable.Contains(r.Month)).GroupBy(r => r.OrganisationId)
            .Select(g => new AssessmentRollup
            {
                OrganisationId = g.Key,
                BureauTimely = g.Sum(r => r.BureauTimely), BureauLate = g.Sum(r => r.BureauLate), UnitTimely = g.Sum(r => r.UnitTimely), UnitLate = g.Sum(r => r.UnitLate),
                OnTime = g.Sum(r => r.OnTime), Late = g.Sum(r => r.Late), Unanswered = g.Sum(r => r.Unanswered), OverdueUnanswered = g.Sum(r => r.OverdueUnanswered),
                Satisfied = g.Sum(r => r.Satisfied), FairlySatisfied = g.Sum(r => r.FairlySatisfied), Dissatisfied = g.Sum(r => r.Dissatisfied),
                OverdueUnevaluated = g.Sum(r => r.OverdueUnevaluated), Items = g.Sum(r => r.Items), Repeat = g.Sum(r => r.Repeat), Online = g.Sum(r => r.Online),
                ResolvedFirstTime = g.Sum(r => r.ResolvedFirstTime), HandlingDays = g.Sum(r => r.HandlingDays),
            })
            .ToListAsync(ct);
        foreach (var r in sums)
            counts[r.OrganisationId] = CountsOf(r);
        foreach (var (from, to) in Ranges(usable))
        {
            // Few cases accuse the bureau itself, and AccusedOrganisationId is indexed.
            var accusing = db.Petitions.AsNoTracking().Where(p => p.AccusedOrganisationId == reader && p.ReceivedOn >= from && p.ReceivedOn <= to);
            AssessmentQuery.Add(counts, await AssessmentQuery.CountAllAsync(accusing, accusing, sets, ct), -1);
        }

        // The rest of the period: the days not in a usable month, as contiguous ranges.
        var live = new List<(DateOnly From, DateOnly To)>();
        var start = period.From;
        foreach (var (from, to) in Ranges(usable))
        {
            if (start < from) live.Add((start, from.AddDays(-1)));
            start = to.AddDays(1);
        }
        if (start <= period.To) live.Add((start, period.To));
        return new Read(counts, usable.Count, live);
    }

    /// <summary>Sorted months as ranges of days, neighbouring months joined.</summary>
    private static List<(DateOnly From, DateOnly To)> Ranges(IReadOnlyList<DateOnly> months)
    {
        var ranges = new List<(DateOnly From, DateOnly To)>();
        foreach (var m in months)
        {
            var last = m.AddMonths(1).AddDays(-1);
            if (ranges.Count > 0 && ranges[^1].To.AddDays(1) == m) ranges[^1] = (ranges[^1].From, last);
            else ranges.Add((m, last));
        }
        return ranges;
    }
}
