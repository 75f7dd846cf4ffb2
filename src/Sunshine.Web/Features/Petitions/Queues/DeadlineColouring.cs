using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Queues;

/// <summary>
/// A deadline colour as ranges on the due date, one per unit a step's limit can be counted in, for one day: what a
/// colour filter adds to a query. Computed in C# (working days need the holiday calendar), applied by the database on
/// the indexed <see cref="Petition.DueOn"/>.
/// </summary>
public sealed record ColourRange(DeadlineColour Colour, DueDateRange CalendarDays, DueDateRange WorkingDays)
{
    /// <summary>
    /// The petitions whose current step has this colour: one term per due-date range, with the statuses whose steps have
    /// it. A step counted in 日 when plain and in 工作日 when simplified needs the simplified flag only where its two ranges
    /// differ. Red ("due before today") is the same range in either unit, so red is a single term on status and due date,
    /// which the (Status, DueOn) index answers alone. With the flag in it, the count of red cases at 3M read about 2,200
    /// table pages in 70–110 ms; without it, the index alone in 0.2 ms (docs/performance.md, session 15).
    /// </summary>
    public Expression<Func<Petition, bool>> Predicate()
    {
        var steps = DeadlineColouring.Coloured
            .SelectMany(status => RangeOf(status, false) == RangeOf(status, true)
                ? [(Status: status, Simplified: (bool?)null, Range: RangeOf(status, false))]
                : new[] { false, true }.Select(flag => (Status: status, Simplified: (bool?)flag, Range: RangeOf(status, flag))))
            .GroupBy(s => (s.Simplified, s.Range));
        Expression<Func<Petition, bool>>? any = null;
        foreach (var step in steps)
        {
            var (simplified, range) = step.Key;
            var statuses = step.Select(s => s.Status).ToArray();
            Expression<Func<Petition, bool>> term = p => statuses.Contains(p.Status);
            if (simplified is { } flag) term = And(term, p => p.IsSimplified == flag);
            if (range.From is { } first) term = And(term, p => p.DueOn >= first);
            if (range.To is { } last) term = And(term, p => p.DueOn <= last);
            any = any is null ? term : Or(any, term);
        }
        return any!;
    }

    private DueDateRange RangeOf(PetitionStatus status, bool simplified) =>
        DeadlineColouring.UnitOf(status, simplified) == PeriodUnit.WorkingDays ? WorkingDays : CalendarDays;

    private static Expression<Func<Petition, bool>> And(Expression<Func<Petition, bool>> a, Expression<Func<Petition, bool>> b) =>
        Expression.Lambda<Func<Petition, bool>>(Expression.AndAlso(a.Body, Rebind(b, a)), a.Parameters);

    private static Expression<Func<Petition, bool>> Or(Expression<Func<Petition, bool>> a, Expression<Func<Petition, bool>> b) =>
        Expression.Lambda<Func<Petition, bool>>(Expression.OrElse(a.Body, Rebind(b, a)), a.Parameters);

    private static Expression Rebind(Expression<Func<Petition, bool>> b, Expression<Func<Petition, bool>> a) =>
        ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body);
}

/// <summary>
/// Deadline colours on one day (红灯预警, DOMAIN.md §1.7 (a)): green, yellow when <see cref="YellowWithin"/> or fewer
/// units are left, red when overdue — counted in the unit of the step's own rule, never stored. Only the steps where an
/// organ must act have a colour: registration (the bureau transfers, Art. 22), receipt (the unit accepts, Art. 23),
/// handling (Art. 34), review and re-examination (Art. 35–36). While an opinion waits for a review request the clock
/// is the petitioner's, and nobody is late.
/// </summary>
public sealed class DeadlineColouring(DateOnly today, HolidayCalendar calendar, int yellowWithin)
{
    /// <summary>The setting that holds the yellow threshold, in the rule's unit (DOMAIN.md §1.7: thresholds are configuration).</summary>
    public const string YellowWithinSetting = "Deadlines:YellowWithin";

    public const int DefaultYellowWithin = 3;

    /// <summary>The statuses whose due date is an organ's own limit.</summary>
    public static readonly IReadOnlyList<PetitionStatus> Coloured =
    [
        PetitionStatus.Registered, PetitionStatus.Transferred, PetitionStatus.Assigned,
        PetitionStatus.Accepted, PetitionStatus.UnderReview, PetitionStatus.UnderReexamination,
    ];

    public DateOnly Today { get; } = today;

    public int YellowWithin { get; } = yellowWithin;

    /// <summary>Today's colouring, with the held holiday calendar (<see cref="CalendarCache"/>) and the configured threshold.</summary>
    public static async Task<DeadlineColouring> TodayAsync(SunshineDbContext db, CalendarCache calendars, TimeProvider time, IConfiguration configuration, CancellationToken ct = default) =>
        new(ChinaTime.Today(time), await calendars.GetAsync(db, ct), YellowWithinFrom(configuration));

    /// <summary>The configured yellow threshold (default 3).</summary>
    public static int YellowWithinFrom(IConfiguration configuration)
    {
        var yellow = configuration.GetValue(YellowWithinSetting, DefaultYellowWithin);
        return yellow >= 0 ? yellow : throw new InvalidOperationException($"{YellowWithinSetting} must be 0 or more; it is {yellow}.");
    }

    /// <summary>The colour of one case, or null when its current step has no organ's limit.</summary>
    public DeadlineColour? Of(PetitionStatus status, bool isSimplified, DateOnly? dueOn) =>
        dueOn is { } due && Units.TryGetValue((status, isSimplified), out var unit)
            ? DeadlineColours.For(due, Today, unit, calendar, YellowWithin)
            : null;

    /// <summary>The unit of a coloured step's limit (with the shipped rules: 日, but 工作日 for a simplified handling).</summary>
    internal static PeriodUnit UnitOf(PetitionStatus status, bool simplified) => Units[(status, simplified)];

    /// <summary>
    /// The unit of each coloured step's limit, read off the rule book once: <see cref="PetitionClock.CurrentUnit"/> walks
    /// every rule set, and asked per row it was 3 % of a search request's time (50 rows, a profile at 1M, session 11).
    /// </summary>
    private static readonly Dictionary<(PetitionStatus, bool), PeriodUnit> Units = Coloured
        .SelectMany(status => new[] { false, true }.Select(simplified => (status, simplified)))
        .ToDictionary(k => k, k => PetitionClock.CurrentUnit(k.status, k.simplified) ?? PeriodUnit.CalendarDays);

    /// <summary>The colour as due-date ranges for a query.</summary>
    public ColourRange Range(DeadlineColour colour) => new(colour,
        DeadlineColours.DueRange(colour, Today, PeriodUnit.CalendarDays, calendar, YellowWithin),
        DeadlineColours.DueRange(colour, Today, PeriodUnit.WorkingDays, calendar, YellowWithin));
}
