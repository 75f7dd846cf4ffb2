using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Assessment;

/// <summary>One unit's line of the assessment table.</summary>
public sealed record AssessmentRow(int OrganisationId, string Name, string DivisionCode, AssessmentCounts Counts,
    IReadOnlyDictionary<AssessmentMetric, decimal?> Rates, IReadOnlyDictionary<AssessmentMetric, RateColour> Colours,
    decimal? AverageHandlingDays, decimal? Score, int? Rank, bool TooFew);

/// <param name="MonthsFromRollups">How many whole months of the period were read from <see cref="AssessmentRollup"/> rows.</param>
/// <param name="DaysFromRollups">How many single days (of the current month) were read from them; the rest was counted live.</param>
/// <param name="YearToDateFromRollups">Whether those months and days were summed from the year-to-date span (<see cref="AssessmentRollups.ReadAsync"/>).</param>
public sealed record AssessmentTable(string Period, DateOnly From, DateOnly To, DateOnly Today, int MinItems, IReadOnlyList<AssessmentRow> Rows,
    int MonthsFromRollups = 0, int DaysFromRollups = 0, bool YearToDateFromRollups = false);

/// <summary>
/// 信访考核 per unit and period (DOMAIN.md §1.6): two GROUP BY queries over the petitions of the period — one by the
/// responsible unit, one by the registering bureau — with one conditional sum per set (<see cref="AssessmentSets"/>),
/// so the database aggregates and only one row per unit comes back. The caller's scope applies to the petitions
/// exactly as in the case list, so each number equals the length of the list it links to.
/// </summary>
public static class AssessmentQuery
{
    public const string WeightsSection = "Oversight:Assessment:Weights";
    public const string MinItemsSetting = "Oversight:Assessment:MinItems";

    /// <summary>The scoring from configuration: each weight by metric name, then the minimum item count.</summary>
    public static AssessmentScoring ScoringFrom(IConfiguration configuration)
    {
        var weights = AssessmentScoring.DefaultWeights.ToDictionary(w => w.Key, w => w.Value);
        foreach (var metric in Enum.GetValues<AssessmentMetric>())
            if (configuration.GetValue<decimal?>($"{WeightsSection}:{metric}") is { } weight) weights[metric] = weight;
        var scoring = new AssessmentScoring(weights, configuration.GetValue(MinItemsSetting, AssessmentScoring.DefaultMinItems));
        return scoring.IsValid ? scoring : throw new InvalidOperationException($"{WeightsSection} and {MinItemsSetting} must be non-negative, with at least one weight above 0.");
    }

    public static RateBands BandsFrom(IConfiguration configuration)
    {
        var bands = new RateBands(configuration.GetValue("Oversight:RateBands:YellowFrom", RateBands.Default.YellowFrom),
            configuration.GetValue("Oversight:RateBands:GreenFrom", RateBands.Default.GreenFrom));
        return bands.IsValid ? bands : throw new InvalidOperationException("Oversight:RateBands must satisfy 0 ≤ YellowFrom ≤ GreenFrom ≤ 1.");
    }

    /// <summary>
    /// The table for the units in the caller's scope (at one division level if given) that have anything counted in
    /// the period.
    /// </summary>
    public static async Task<AssessmentTable> ComputeAsync(SunshineDbContext db, UserScope scope, AssessmentPeriod period, DivisionLevel? level,
        DateOnly today, AssessmentScoring scoring, RateBands bands, CancellationToken ct, bool useRollups = true)
    {
        var sets = AssessmentSets.From(db, today, RuleBook.Default);
        var units = await db.Organisations.AsNoTracking().WithinScope(scope).Select(o => new { o.Id, o.Name, o.DivisionCode, o.SortOrder }).ToListAsync(ct);
        if (level is { } wanted)
            units = units.Where(u => DivisionCode.TryParse(u.DivisionCode, out var code) && code.Level == wanted).ToList();

        // Grouped by the responsible or the registering unit and kept only for units in scope, a petition is within the
        // scope by its group's unit (ScopeQueries.WithinScope: registering or responsible unit in the subtree, or the own
        // unit without subordinates), so only WithinScope's other conditions are tested here — the accused unit never
        // sees an accusation, and outside a bureau accusations are seen only by their own units — without joining the
        // organisation tree for every row. The receiving steps group by another unit, so they take the full scope.
        var own = scope.OrganisationId;
        Task<Dictionary<int, AssessmentCounts>> LiveAsync(DateOnly from, DateOnly to)
        {
            var received = db.Petitions.AsNoTracking().Where(p => p.ReceivedOn >= from && p.ReceivedOn <= to);
            var grouped = received.Where(p => p.AccusedOrganisationId != own);
            if (scope.IncludeSubordinates && !scope.AtBureau)
                grouped = grouped.Where(p => p.Purpose != Purpose.Accusation || p.RegisteringOrganisationId == own || p.ResponsibleOrganisationId == own);
            return CountAllAsync(grouped, received.WithinScope(scope), sets, ct);
        }

        // A bureau whose scope holds every organisation (all lie under its ScopePath) sees every case but those accusing
        // itself: its table is read from the rollups (closed months, and the current month's closed days) where they hold
        // for today (AssessmentRollups), minus the cases accusing it, and the rest of the period is counted live. Narrower scopes are counted live.
        var counts = new Dictionary<int, AssessmentCounts>();
        var (rolledUp, daysRolledUp, yearToDate) = (0, 0, false);
        IReadOnlyList<(DateOnly From, DateOnly To)> live = [(period.From, period.To)];
        if (useRollups && scope.AtBureau && scope.IncludeSubordinates && !await db.Organisations.AnyAsync(o => !o.Path.StartsWith(scope.ScopePath), ct))
        {
            var read = await AssessmentRollups.ReadAsync(db, sets, period, own, ct);
            (counts, rolledUp, daysRolledUp, live, yearToDate) = (read.Counts, read.Months, read.Days, read.Live, read.YearToDate);
        }
        foreach (var (from, to) in live)
            Add(counts, await LiveAsync(from, to));

        var counted = units.Select(u => (Unit: u, Counts: counts.GetValueOrDefault(u.Id, new AssessmentCounts())))
            .Where(u => u.Counts != new AssessmentCounts())
            .ToList();
        var ranks = scoring.Rank(counted.Select(u => (u.Unit.Id, u.Counts)));
        var rows = counted.Select(u =>
            {
                var rates = Enum.GetValues<AssessmentMetric>().ToDictionary(m => m, m => AssessmentRates.Of(u.Counts, m));
                var tooFew = scoring.TooFew(u.Counts);
                return new AssessmentRow(u.Unit.Id, u.Unit.Name, u.Unit.DivisionCode, u.Counts, rates,
                    rates.ToDictionary(r => r.Key, r => AssessmentRates.Colour(r.Key, r.Value, bands)),
                    AssessmentRates.AverageHandlingDays(u.Counts), tooFew ? null : scoring.Score(u.Counts), ranks[u.Unit.Id], tooFew);
            })
            .OrderBy(r => r.Rank is null).ThenBy(r => r.Rank).ThenBy(r => r.DivisionCode, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new AssessmentTable(period.Code, period.From, period.To, today, scoring.MinItems, rows, rolledUp, daysRolledUp, yearToDate);
    }

    /// <summary>
    /// Each unit's counts: <paramref name="grouped"/> by responsible unit and by registering bureau, and the receiving steps
    /// of <paramref name="receiving"/>'s cases by the unit each hop went to. The live table and the rollups count with this.
    /// </summary>
    internal static async Task<Dictionary<int, AssessmentCounts>> CountAllAsync(IQueryable<Petition> grouped, IQueryable<Petition> receiving,
        AssessmentSets sets, CancellationToken ct)
    {
        var counts = await CountAsync(grouped, sets, ct);
        Add(counts, await CountReceivingAsync(sets, receiving.Where(sets.All["unit-timely"].Condition), ct));
        return counts;
    }

    internal static void Add(Dictionary<int, AssessmentCounts> into, Dictionary<int, AssessmentCounts> more, int sign = 1)
    {
        foreach (var (unit, c) in more)
            into[unit] = sign > 0 ? into.GetValueOrDefault(unit, new AssessmentCounts()) + c : into.GetValueOrDefault(unit, new AssessmentCounts()) - c;
    }

    /// <summary>
    /// One GROUP BY for both groupings: each row projected to a 0/1 flag per set (and its handling days), then summed per
    /// pair of responsible unit and registering bureau — <c>SUM(CASE WHEN … THEN 1 ELSE 0 END)</c> in SQL. A few thousand
    /// pairs come back; each pair's unit sets go to its responsible unit (none without one) and its bureau sets to its
    /// bureau. One pass over the period's rows instead of one per grouping: the rows are wide and reading them is the cost.
    /// </summary>
    private static async Task<Dictionary<int, AssessmentCounts>> CountAsync(IQueryable<Petition> petitions, AssessmentSets sets, CancellationToken ct)
    {
        var p = Expression.Parameter(typeof(Petition), "p");
        Expression<Func<Petition, int?>> unit = x => x.ResponsibleOrganisationId;
        Expression<Func<Petition, int>> bureau = x => x.RegisteringOrganisationId;
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(Flags).GetProperty(nameof(Flags.Unit))!, AssessmentSets.Rebind(unit, p)),
            Expression.Bind(typeof(Flags).GetProperty(nameof(Flags.Bureau))!, AssessmentSets.Rebind(bureau, p)),
        };
        foreach (var atom in AssessmentSets.Atoms)
        {
            // Every member is bound (a receiving set as 0, counted from the hops), or EF cannot translate the sums.
            var flag = sets.All[atom].As is AssessedAs.Unit or AssessedAs.Bureau
                ? Expression.Condition(AssessmentSets.Rebind(sets.All[atom].Condition, p), Expression.Constant(1), Expression.Constant(0))
                : (Expression)Expression.Constant(0);
            bindings.Add(Expression.Bind(typeof(Flags).GetProperty(Flags.Property(atom))!, flag));
        }
        // Days from acceptance to answer, for the answered items (average handling days).
        Expression<Func<Petition, int>> days = x => x.AcceptedOn != null && (x.OpinionIssuedOn ?? x.ConcludedOn) != null
            ? (x.OpinionIssuedOn ?? x.ConcludedOn)!.Value.DayNumber - x.AcceptedOn.Value.DayNumber
            : 0;
        var answered = AssessmentSets.Rebind(sets.All["answered"].Condition, p);
        bindings.Add(Expression.Bind(typeof(Flags).GetProperty(nameof(Flags.Days))!,
            Expression.Convert(Expression.Condition(answered, AssessmentSets.Rebind(days, p), Expression.Constant(0)), typeof(long))));
        var projection = Expression.Lambda<Func<Petition, Flags>>(Expression.MemberInit(Expression.New(typeof(Flags)), bindings), p);

        var pairs = await petitions.Select(projection).GroupBy(f => new { f.Unit, f.Bureau }).Select(g => new Flags
        {
            Unit = g.Key.Unit, Bureau = g.Key.Bureau,
            BureauTimely = g.Sum(f => f.BureauTimely), BureauLate = g.Sum(f => f.BureauLate),
            UnitTimely = g.Sum(f => f.UnitTimely), UnitLate = g.Sum(f => f.UnitLate),
            OnTime = g.Sum(f => f.OnTime), Late = g.Sum(f => f.Late), Unanswered = g.Sum(f => f.Unanswered), OverdueUnanswered = g.Sum(f => f.OverdueUnanswered),
            Satisfied = g.Sum(f => f.Satisfied), FairlySatisfied = g.Sum(f => f.FairlySatisfied), Dissatisfied = g.Sum(f => f.Dissatisfied),
            OverdueUnevaluated = g.Sum(f => f.OverdueUnevaluated), Items = g.Sum(f => f.Items), Repeat = g.Sum(f => f.Repeat), Online = g.Sum(f => f.Online),
            ResolvedFirstTime = g.Sum(f => f.ResolvedFirstTime), Days = g.Sum(f => f.Days),
        }).ToListAsync(ct);
        var counts = new Dictionary<int, AssessmentCounts>();
        foreach (var f in pairs)
        {
            if (f.Unit is { } responsible) Add(counts, new() { [responsible] = Side(f, sets, AssessedAs.Unit) });
            Add(counts, new() { [f.Bureau] = Side(f, sets, AssessedAs.Bureau) });
        }
        return counts;
    }

    /// <summary>The sums of one side of a pair: the sets assessed as <paramref name="side"/> (and, for the unit, the handling days); the others 0.</summary>
    private static AssessmentCounts Side(Flags f, AssessmentSets sets, AssessedAs side)
    {
        int Of(string atom, int value) => sets.All[atom].As == side ? value : 0;
        return new AssessmentCounts
        {
            BureauTimely = Of("bureau-timely", f.BureauTimely), BureauLate = Of("bureau-late", f.BureauLate),
            UnitTimely = Of("unit-timely", f.UnitTimely), UnitLate = Of("unit-late", f.UnitLate),
            OnTime = Of("on-time", f.OnTime), Late = Of("late", f.Late), Unanswered = Of("unanswered", f.Unanswered),
            OverdueUnanswered = Of("overdue-unanswered", f.OverdueUnanswered), Satisfied = Of("satisfied", f.Satisfied),
            FairlySatisfied = Of("fairly-satisfied", f.FairlySatisfied), Dissatisfied = Of("dissatisfied", f.Dissatisfied),
            OverdueUnevaluated = Of("overdue-unevaluated", f.OverdueUnevaluated), Items = Of("items", f.Items), Repeat = Of("repeat", f.Repeat),
            Online = Of("online", f.Online), ResolvedFirstTime = Of("resolved-first-time", f.ResolvedFirstTime),
            HandlingDays = side == AssessedAs.Unit ? f.Days : 0,
        };
    }

    /// <summary>
    /// The receiving steps (<see cref="AssessedAs.Receiver"/>): the hops of the period's cases grouped by the unit they were
    /// sent to, each set counted as distinct cases — what the case list shows for it (<see cref="AssessmentSets.For"/>).
    /// </summary>
    private static async Task<Dictionary<int, AssessmentCounts>> CountReceivingAsync(AssessmentSets sets, IQueryable<Petition> petitions, CancellationToken ct)
    {
        var (timely, late) = (sets.HopConditions["unit-timely"], sets.HopConditions["unit-late"]);
        Expression<Func<IGrouping<int, PetitionHop>, ReceivingCounts>> counts = g => new ReceivingCounts(g.Key,
            g.Where(h => AssessmentSets.Invoke(timely, h)).Select(h => h.PetitionId).Distinct().Count(),
            g.Where(h => AssessmentSets.Invoke(late, h)).Select(h => h.PetitionId).Distinct().Count());
        // From the period's petitions (their date index) to their hops (by PetitionId), not the other way round.
        var grouped = await petitions.Join(sets.Hops, p => p.Id, h => h.PetitionId, (p, h) => h)
            .GroupBy(h => h.ToOrganisationId)
            .Select(AssessmentSets.Inline(counts))
            .ToListAsync(ct);
        return grouped.ToDictionary(c => c.Unit, c => new AssessmentCounts { UnitTimely = c.Timely, UnitLate = c.Late });
    }

    private sealed record ReceivingCounts(int Unit, int Timely, int Late);

    /// <summary>A row's flags, then a unit's sums (the same shape, so EF can translate both).</summary>
    private sealed class Flags
    {
        public int? Unit { get; set; }
        public int Bureau { get; set; }
        public int BureauTimely { get; set; }
        public int BureauLate { get; set; }
        public int UnitTimely { get; set; }
        public int UnitLate { get; set; }
        public int OnTime { get; set; }
        public int Late { get; set; }
        public int Unanswered { get; set; }
        public int OverdueUnanswered { get; set; }
        public int Satisfied { get; set; }
        public int FairlySatisfied { get; set; }
        public int Dissatisfied { get; set; }
        public int OverdueUnevaluated { get; set; }
        public int Items { get; set; }
        public int Repeat { get; set; }
        public int Online { get; set; }
        public int ResolvedFirstTime { get; set; }
        public long Days { get; set; }

        /// <summary>"on-time" → "OnTime".</summary>
        public static string Property(string set) => string.Concat(set.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
