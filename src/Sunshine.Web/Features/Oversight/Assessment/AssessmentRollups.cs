using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Features.Oversight.BigData;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Assessment;

/// <summary>
/// Keeps the assessment's rollups (<see cref="AssessmentRollup"/>): for each closed month, and for each day of the current
/// month before today, each unit's counts of the cases received in it, counted with the live table's own queries
/// (<see cref="AssessmentQuery.CountAllAsync"/>) on that span's petitions — a few hundred rows written. A year's table
/// then sums at most eleven month rows and thirty day rows per unit, and counts only today (and whatever changed since
/// the pass) live. Each pass also writes the year-to-date span (<see cref="FoldAsync"/>): those months and days of this
/// year summed once more into one row per unit, so a year's table reads one row per unit.
/// </summary>
/// <remarks>
/// Why rebuilding months rather than updating counts case by case: a case received in March may be answered, evaluated,
/// transferred or merged in any later month, and several sets depend on the day itself (a limit passes, an unanswered
/// case becomes overdue). An incremental update would have to repeat every rule of <see cref="AssessmentSets"/> as a
/// delta; recounting the month with the very same queries cannot differ from the live table by construction. A month's
/// rows hold exactly when both of these are true, and only then does <see cref="ReadAsync"/> use them:
/// <list type="bullet">
/// <item>no case of the span changed since it was counted: every change to a case writes a case event, so the months (for a
/// month span) or days (for a day span) received of the petitions and events with ids above the pass's mark are counted
/// live (the dashboard's rollups detect their months the same way). Days matter in the current month: new cases and
/// events on this month's cases arrive all the time, and each makes only its own day live, not the month. On SQLite one writer commits at a time, so ids become visible in order and this is exact. On PostgreSQL
/// an id handed out before the mark may commit after it: that change is missed until the next pass, which looks
/// <c>DashboardRollups.Overlap</c> ids back and recounts its month — a table may lag such a race by one interval;</item>
/// <item>today lies within [<see cref="AssessmentRollupMonth.CountedFor"/>, <see cref="AssessmentRollupMonth.ValidThrough"/>]:
/// every day-dependent set compares a limit X with today as "X &lt; today" (transfer and acceptance limits of undecided
/// steps, the handling limit of unanswered cases, the evaluation window of unevaluated replies), so the counts cannot
/// change before the day after the smallest such X that had not passed when counted. Once every case of a month is
/// decided, answered and evaluated or past its limits, its rows hold for good.</item>
/// </list>
/// Today is always counted live. Day spans are read only in their own month: once it has closed, its month span is read
/// (or the month is counted live), so a month is never read as both; its day spans are deleted a month later, when no
/// reader of that month can be left. The pass runs on one node through the lease <c>assessment-rollups</c>.
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

    /// <param name="Months">Month spans recounted.</param>
    /// <param name="Days">Day spans (of the current month) recounted.</param>
    public sealed record Pass(int Months, int Days, int Rows, bool Rebuilt);

    /// <summary>
    /// One pass: recounts the closed months and the current month's closed days that are missing, touched since the last
    /// pass, or no longer hold for today. A full rebuild when there is no mark yet.
    /// </summary>
    public static async Task<Pass> UpdateAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) return await RebuildAsync(db, time, ct);
        var today = ChinaTime.Today(time);
        // The marks first: whatever changes while the months are counted is picked up by the next pass (and read live).
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var touched = lastPetition != mark.LastPetitionId || lastEvent != mark.LastEventId
            ? await DashboardRollups.TouchedDaysAsync(db, mark.LastPetitionId - DashboardRollups.Overlap, mark.LastEventId - DashboardRollups.Overlap,
                lastPetition, lastEvent, ct)
            : [];
        var states = await db.AssessmentRollupMonths.AsNoTracking().ToDictionaryAsync(s => (s.Month, s.LastDay), ct);
        var spans = (await ClosedSpansAsync(db, today, ct))
            .Where(span => touched.Any(d => d >= span.From && d <= span.To) || !states.TryGetValue(span, out var state) || !Holds(state, today))
            .ToList();
        var rows = await RecountAsync(db, spans, today, false, ct);
        // A closed month's day spans, once no reader of that month can be left (it is read by its month span meanwhile).
        var previous = DashboardRollups.MonthOf(today).AddMonths(-1);
        await db.AssessmentRollups.Where(r => r.LastDay == r.Month && r.Month < previous).ExecuteDeleteAsync(ct);
        await db.AssessmentRollupMonths.Where(r => r.LastDay == r.Month && r.Month < previous).ExecuteDeleteAsync(ct);
        // The recount clears the change tracker after each month: the mark is attached again, or its new ids are never saved.
        db.RollupMarks.Update(mark);
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Counted(spans, rows, false);
    }

    private static Pass Counted(IReadOnlyCollection<(DateOnly From, DateOnly To)> spans, int rows, bool rebuilt) =>
        new(spans.Count(s => !IsDay(s.From, s.To)), spans.Count(s => IsDay(s.From, s.To)), rows, rebuilt);

    private static bool IsDay(DateOnly first, DateOnly last) => first == last;

    private static bool IsMonth(DateOnly first, DateOnly last) => first.Day == 1 && last == first.AddMonths(1).AddDays(-1);

    /// <summary>The year-to-date span (<see cref="FoldAsync"/>): neither a day nor a whole month.</summary>
    private static bool IsYearToDate(DateOnly first, DateOnly last) => !IsDay(first, last) && !IsMonth(first, last);

    /// <summary>Recounts every closed month and day: after the demo load, an import, or on request.</summary>
    public static async Task<Pass> RebuildAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(time);
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var spans = await ClosedSpansAsync(db, today, ct);
        var rows = await RecountAsync(db, spans, today, true, ct);
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) db.RollupMarks.Add(mark = new RollupMark { Name = MarkName });
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Counted(spans, rows, true);
    }

    private static bool Holds(AssessmentRollupMonth state, DateOnly today) =>
        state.CountedFor <= today && (state.ValidThrough is not { } through || today <= through);

    /// <summary>
    /// The months from the first one received up to the last one that has ended before today, then the days of today's
    /// month before today, each as its first and last day.
    /// </summary>
    private static async Task<List<(DateOnly From, DateOnly To)>> ClosedSpansAsync(SunshineDbContext db, DateOnly today, CancellationToken ct)
    {
        var spans = new List<(DateOnly From, DateOnly To)>();
        if (await db.Petitions.MinAsync(p => (DateOnly?)p.ReceivedOn, ct) is not { } first) return spans;
        var current = DashboardRollups.MonthOf(today);
        for (var m = DashboardRollups.MonthOf(first); m < current; m = m.AddMonths(1)) spans.Add((m, m.AddMonths(1).AddDays(-1)));
        for (var d = first > current ? first : current; d < today; d = d.AddDays(1)) spans.Add((d, d));
        return spans;
    }

    /// <summary>
    /// Counts these spans for today, then replaces their rows (every row first when <paramref name="clear"/>) and the
    /// year-to-date span (<see cref="FoldAsync"/>) in one transaction, so a reader sees the year-to-date span and its parts
    /// from the same commit. The counting reads come first, outside the transaction. Returns the span rows written.
    /// </summary>
    private static async Task<int> RecountAsync(SunshineDbContext db, IReadOnlyCollection<(DateOnly From, DateOnly To)> spans, DateOnly today, bool clear,
        CancellationToken ct)
    {
        var sets = AssessmentSets.From(db, today, RuleBook.Default);
        var counted = new List<(DateOnly From, DateOnly To, List<AssessmentRollup> Rows, DateOnly? Through)>();
        foreach (var (from, to) in spans)
        {
            var received = db.Petitions.AsNoTracking().Where(p => p.ReceivedOn >= from && p.ReceivedOn <= to);
            // No scope: every case of the span, as the province-wide bureau sees them before its own accusations are taken out.
            var counts = await AssessmentQuery.CountAllAsync(received, received, sets, ct);
            var through = await ValidThroughAsync(received, sets, ct);
            counted.Add((from, to, counts.Where(c => c.Value != new AssessmentCounts()).Select(c => RowOf(from, to, c.Key, c.Value)).ToList(), through));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (clear)
        {
            await db.AssessmentRollups.ExecuteDeleteAsync(ct);
            await db.AssessmentRollupMonths.ExecuteDeleteAsync(ct);
        }
        foreach (var (from, to, rows, through) in counted)
        {
            if (!clear)
            {
                await db.AssessmentRollups.Where(r => r.Month == from && r.LastDay == to).ExecuteDeleteAsync(ct);
                await db.AssessmentRollupMonths.Where(r => r.Month == from && r.LastDay == to).ExecuteDeleteAsync(ct);
            }
            db.AssessmentRollups.AddRange(rows);
            db.AssessmentRollupMonths.Add(new AssessmentRollupMonth { Month = from, LastDay = to, CountedFor = today, ValidThrough = through });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await FoldAsync(db, today, counted.Count > 0, ct);
        await tx.CommitAsync(ct);
        return counted.Sum(c => c.Rows.Count);
    }

    /// <summary>
    /// Writes the year-to-date span: this year's closed months and this month's closed days (<see cref="YearToDateParts"/>)
    /// summed into one row per unit, keyed by its first day and yesterday. A year's table then sums one row per unit instead
    /// of one per unit and span (about 2,759 rows instead of 46,000 at 1M, late in the year); a part that a reader may not
    /// use (touched since the pass) is subtracted from it and counted live (<see cref="ReadAsync"/>). Rewritten whenever a
    /// part was recounted, in the same transaction. The previous day's span is kept one day more, for a reader still on
    /// yesterday's date; older ones are deleted.
    /// </summary>
    private static async Task FoldAsync(SunshineDbContext db, DateOnly today, bool recounted, CancellationToken ct)
    {
        var yesterday = today.AddDays(-1);
        var states = await db.AssessmentRollupMonths.AsNoTracking().ToListAsync(ct);
        var parts = YearToDateParts(states, today);
        var first = parts.Count > 0 ? parts[0].Month : (DateOnly?)null;
        if (!recounted && states.Any(s => s.Month == first && s.LastDay == yesterday)) return;
        foreach (var old in states.Where(s => IsYearToDate(s.Month, s.LastDay) && (s.LastDay < yesterday.AddDays(-1) || (s.Month == first && s.LastDay == yesterday))))
        {
            await db.AssessmentRollups.Where(r => r.Month == old.Month && r.LastDay == old.LastDay).ExecuteDeleteAsync(ct);
            await db.AssessmentRollupMonths.Where(r => r.Month == old.Month && r.LastDay == old.LastDay).ExecuteDeleteAsync(ct);
        }
        if (first is not { } from) return;
        var sums = await SumAsync(db, parts, [], ct);
        db.AssessmentRollups.AddRange(sums.Where(c => c.Value != new AssessmentCounts()).Select(c => RowOf(from, yesterday, c.Key, c.Value)));
        // For reading by hand: the days all its parts hold. The table checks each part itself.
        db.AssessmentRollupMonths.Add(new AssessmentRollupMonth
        {
            Month = from, LastDay = yesterday, CountedFor = parts.Max(s => s.CountedFor), ValidThrough = parts.Min(s => s.ValidThrough),
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The parts of today's year-to-date span: this year's month spans before today's month, then today's month's day spans
    /// up to yesterday, without a gap (else none: a month is missing until the pass counts it). None on the 1st of a month,
    /// so no year-to-date span ends on a month's last day and the month spans' rows can be picked by their first and last
    /// days (<see cref="Within"/>); none either for a single part (nothing to sum, and it would share the part's key).
    /// </summary>
    private static List<AssessmentRollupMonth> YearToDateParts(IEnumerable<AssessmentRollupMonth> states, DateOnly today)
    {
        var (year, current, yesterday) = (new DateOnly(today.Year, 1, 1), DashboardRollups.MonthOf(today), today.AddDays(-1));
        var parts = states.Where(s => s.Month >= year && s.LastDay <= yesterday
                                      && (IsDay(s.Month, s.LastDay) ? s.Month >= current : IsMonth(s.Month, s.LastDay) && s.Month < current))
            .OrderBy(s => s.Month).ToList();
        if (today.Day == 1 || parts.Count < 2 || parts[^1].LastDay != yesterday) return [];
        for (var i = 1; i < parts.Count; i++)
            if (parts[i].Month != parts[i - 1].LastDay.AddDays(1)) return [];
        return parts;
    }

    /// <summary>
    /// Each unit's counts summed over the rows of <paramref name="plus"/> less those of <paramref name="minus"/>, in one
    /// statement (one snapshot: the year-to-date span and the parts taken from it cannot come from different passes).
    /// </summary>
    private static async Task<Dictionary<int, AssessmentCounts>> SumAsync(SunshineDbContext db, IReadOnlyCollection<AssessmentRollupMonth> plus,
        IReadOnlyCollection<AssessmentRollupMonth> minus, CancellationToken ct)
    {
        var sums = await db.AssessmentRollups.Where(Within(plus)).Select(Signed(1))
            .Concat(db.AssessmentRollups.Where(Within(minus)).Select(Signed(-1)))
            .GroupBy(r => r.OrganisationId)
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
        return sums.ToDictionary(r => r.OrganisationId, CountsOf);
    }

    private static Expression<Func<AssessmentRollup, AssessmentRollup>> Signed(int sign) => r => new AssessmentRollup
    {
        OrganisationId = r.OrganisationId,
        BureauTimely = sign * r.BureauTimely, BureauLate = sign * r.BureauLate, UnitTimely = sign * r.UnitTimely, UnitLate = sign * r.UnitLate,
        OnTime = sign * r.OnTime, Late = sign * r.Late, Unanswered = sign * r.Unanswered, OverdueUnanswered = sign * r.OverdueUnanswered,
        Satisfied = sign * r.Satisfied, FairlySatisfied = sign * r.FairlySatisfied, Dissatisfied = sign * r.Dissatisfied,
        OverdueUnevaluated = sign * r.OverdueUnevaluated, Items = sign * r.Items, Repeat = sign * r.Repeat, Online = sign * r.Online,
        ResolvedFirstTime = sign * r.ResolvedFirstTime, HandlingDays = sign * r.HandlingDays,
    };

    /// <summary>
    /// The rows of these spans, exactly: month spans by first and last day (no other span ends on a month's last day and
    /// starts on a listed month's first), day spans by their day, the year-to-date span (at most one) by its key.
    /// </summary>
    private static Expression<Func<AssessmentRollup, bool>> Within(IReadOnlyCollection<AssessmentRollupMonth> spans)
    {
        var months = spans.Where(s => IsMonth(s.Month, s.LastDay)).Select(s => s.Month).ToList();
        var ends = spans.Where(s => IsMonth(s.Month, s.LastDay)).Select(s => s.LastDay).ToList();
        var days = spans.Where(s => IsDay(s.Month, s.LastDay)).Select(s => s.Month).ToList();
        // Without a year-to-date span, a key no row has (a day before the first, so no span at all).
        var (from, to) = spans.SingleOrDefault(s => IsYearToDate(s.Month, s.LastDay)) is { } ytd ? (ytd.Month, ytd.LastDay) : (DateOnly.MaxValue, DateOnly.MinValue);
        return r => (months.Contains(r.Month) && ends.Contains(r.LastDay)) || (days.Contains(r.Month) && r.LastDay == r.Month) || (r.Month == from && r.LastDay == to);
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

    private static AssessmentRollup RowOf(DateOnly from, DateOnly to, int unit, AssessmentCounts c) => new()
    {
        Month = from, LastDay = to, OrganisationId = unit,
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

    /// <param name="Counts">Each unit's counts over the spans read from the rollups, without the cases accusing the reader.</param>
    /// <param name="Months">How many whole months were read from the rollups.</param>
    /// <param name="Days">How many single days (of the current month) were read from the rollups.</param>
    /// <param name="Live">The date ranges of the period still to count live.</param>
    /// <param name="YearToDate">Whether they were summed from the year-to-date span (less its parts not read).</param>
    public sealed record Read(Dictionary<int, AssessmentCounts> Counts, int Months, int Days, IReadOnlyList<(DateOnly From, DateOnly To)> Live,
        bool YearToDate = false);

    /// <summary>
    /// The period's closed months and the current month's closed days whose rows hold for today, summed per unit, minus
    /// the cases of those spans that accuse <paramref name="reader"/> (the one exclusion of a province-wide bureau's scope,
    /// Art. 30); the rest of the period is returned as ranges to count live. When today's year-to-date span lies in the
    /// period its rows stand for its parts', less the parts that may not be read.
    /// </summary>
    public static async Task<Read> ReadAsync(SunshineDbContext db, AssessmentSets sets, AssessmentPeriod period, int reader, CancellationToken ct)
    {
        var today = sets.Today;
        var counts = new Dictionary<int, AssessmentCounts>();
        var mark = await db.RollupMarks.AsNoTracking().SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) return new Read(counts, 0, 0, [(period.From, period.To)]);
        var first = DashboardRollups.MonthOf(period.From);
        var current = DashboardRollups.MonthOf(today);
        var states = await db.AssessmentRollupMonths.AsNoTracking().Where(s => s.Month >= first && s.Month <= period.To).ToListAsync(ct);
        // Changed since the pass: counted live (a primary-key range of what arrived since, not the table).
        var touched = await DashboardRollups.TouchedDaysAsync(db, mark.LastPetitionId, mark.LastEventId, long.MaxValue, long.MaxValue, ct);
        // Closed, inside the period, holding for today, untouched; a month span only for a closed month and a day span only
        // within today's month, so no day is read twice.
        var spans = states.Where(s => !IsYearToDate(s.Month, s.LastDay)).ToList();
        var usable = spans.Where(s => s.Month >= period.From && s.LastDay <= period.To && s.LastDay < today && Holds(s, today)
                                      && (IsDay(s.Month, s.LastDay) ? s.Month >= current : s.Month < current)
                                      && !touched.Any(d => d >= s.Month && d <= s.LastDay))
            .OrderBy(s => s.Month).ToList();
        if (usable.Count == 0) return new Read(counts, 0, 0, [(period.From, period.To)]);

        // Summed in the database: one row per unit comes back. From the year-to-date span when there is one for today in
        // the period: one row per unit read instead of one per unit and span.
        var parts = YearToDateParts(spans, today);
        var ytd = parts.Count == 0 ? null : states.SingleOrDefault(s => s.Month == parts[0].Month && s.LastDay == today.AddDays(-1));
        var yearToDate = ytd is not null && ytd.Month >= period.From && ytd.LastDay <= period.To;
        counts = yearToDate
            ? await SumAsync(db, [ytd!, .. usable.Except(parts)], parts.Except(usable).ToList(), ct)
            : await SumAsync(db, usable, [], ct);
        var ranges = Ranges(usable.Select(s => (s.Month, s.LastDay)));
        foreach (var (from, to) in ranges)
        {
            // Few cases accuse the bureau itself, and AccusedOrganisationId is indexed.
            var accusing = db.Petitions.AsNoTracking().Where(p => p.AccusedOrganisationId == reader && p.ReceivedOn >= from && p.ReceivedOn <= to);
            AssessmentQuery.Add(counts, await AssessmentQuery.CountAllAsync(accusing, accusing, sets, ct), -1);
        }

        // The rest of the period: the days not in a usable span, as contiguous ranges.
        var live = new List<(DateOnly From, DateOnly To)>();
        var start = period.From;
        foreach (var (from, to) in ranges)
        {
            if (start < from) live.Add((start, from.AddDays(-1)));
            start = to.AddDays(1);
        }
        if (start <= period.To) live.Add((start, period.To));
        return new Read(counts, usable.Count(s => !IsDay(s.Month, s.LastDay)), usable.Count(s => IsDay(s.Month, s.LastDay)), live, yearToDate);
    }

    /// <summary>Sorted, non-overlapping spans as ranges of days, neighbouring spans joined.</summary>
    private static List<(DateOnly From, DateOnly To)> Ranges(IEnumerable<(DateOnly From, DateOnly To)> spans)
    {
        var ranges = new List<(DateOnly From, DateOnly To)>();
        foreach (var (from, to) in spans)
        {
            if (ranges.Count > 0 && ranges[^1].To.AddDays(1) == from) ranges[^1] = (ranges[^1].From, to);
            else ranges.Add((from, to));
        }
        return ranges;
    }
}
