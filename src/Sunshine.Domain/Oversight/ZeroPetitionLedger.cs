namespace Sunshine.Domain.Oversight;

/// <summary>Where a screened dispute (矛盾纠纷排查化解) stands.</summary>
public enum DisputeStatus
{
    Screening = 1,  // 排查中
    Resolving = 2,  // 化解中
    Resolved = 3,   // 已化解
    HandedUp = 4,   // 未化解·上交
}

/// <summary>Why a grassroots unit missed "zero petitions" in a month.</summary>
public enum ZeroPetitionFailure
{
    /// <summary>A petition about the unit reached the county level or above (大事不出镇).</summary>
    ReachedCounty = 1,
    /// <summary>A collective visit (集体访).</summary>
    Collective = 2,
    /// <summary>A level-skipping visit, or a visit to the province or Beijing (越级访 / 赴省访 / 进京访).</summary>
    Escalated = 3,
    /// <summary>A screened dispute was not resolved and was handed up (矛盾不上交).</summary>
    DisputeHandedUp = 4,
    /// <summary>The unit screened no dispute in the month, where a monthly screening is required.</summary>
    NoScreening = 5,
}

/// <summary>
/// The zero-petition criteria ("零上访", DOMAIN.md §1.7). The aim is the 枫桥经验 of Art. 15 —
/// "小事不出村、大事不出镇、矛盾不上交" — but no statute fixes a test, so every limit is configuration
/// (<c>Oversight:ZeroLedger:…</c>). The defaults: no petition about the unit reached the county or above, no collective
/// visit, no level-skipping, province or Beijing visit, no screened dispute handed up unresolved; a year is met when
/// every month of it is.
/// </summary>
/// <param name="MaxReachedCounty">Petitions about the unit registered at county level or above that a month may have.</param>
/// <param name="MaxCollective">Collective visits a month may have.</param>
/// <param name="MaxEscalated">Level-skipping, province and Beijing visits a month may have.</param>
/// <param name="MaxHandedUp">Screened disputes handed up unresolved that a month may have.</param>
/// <param name="RequireScreening">A month without any dispute screened (排查) fails.</param>
/// <param name="MonthsMayFail">Months of a year that may fail while the year still counts as met.</param>
public sealed record ZeroPetitionCriteria(
    int MaxReachedCounty = 0,
    int MaxCollective = 0,
    int MaxEscalated = 0,
    int MaxHandedUp = 0,
    bool RequireScreening = false,
    int MonthsMayFail = 0)
{
    public static ZeroPetitionCriteria Default { get; } = new();

    public bool IsValid => MaxReachedCounty >= 0 && MaxCollective >= 0 && MaxEscalated >= 0 && MaxHandedUp >= 0 && MonthsMayFail is >= 0 and <= 12;
}

/// <summary>
/// What happened in one unit in one month. Petitions are those whose issue locality (not the petitioner's address)
/// lies in the unit, by the date received; screenings are those open at some time in the month.
/// </summary>
/// <param name="Petitions">All petitions about the unit received in the month.</param>
/// <param name="ReachedCounty">Of these, registered by an organisation at county level or above.</param>
/// <param name="Collective">Of these, collective visits.</param>
/// <param name="Escalated">Of these, level-skipping, province or Beijing visits.</param>
/// <param name="Repeat">Of these, repeat petitions (shown, not a criterion by default).</param>
/// <param name="Screenings">Disputes on the ledger open at some time in the month.</param>
/// <param name="Resolved">Of these, resolved within the month.</param>
/// <param name="InHand">Of these, still being screened or resolved at the month's end.</param>
/// <param name="HandedUp">Of these, handed up unresolved within the month.</param>
public sealed record UnitMonthFacts(int Petitions = 0, int ReachedCounty = 0, int Collective = 0, int Escalated = 0, int Repeat = 0,
    int Screenings = 0, int Resolved = 0, int InHand = 0, int HandedUp = 0)
{
    public static UnitMonthFacts None { get; } = new();

    public static UnitMonthFacts operator +(UnitMonthFacts a, UnitMonthFacts b) =>
        new(a.Petitions + b.Petitions, a.ReachedCounty + b.ReachedCounty, a.Collective + b.Collective, a.Escalated + b.Escalated, a.Repeat + b.Repeat,
            a.Screenings + b.Screenings, a.Resolved + b.Resolved, a.InHand + b.InHand, a.HandedUp + b.HandedUp);
}

public sealed record MonthVerdict(bool Met, IReadOnlyList<ZeroPetitionFailure> Failures);

/// <param name="Met">Null when no month of the year has begun yet.</param>
/// <param name="MonthsCounted">The months evaluated: all twelve for a past year, up to the current month for this year.</param>
public sealed record YearVerdict(bool? Met, int MonthsCounted, int MonthsMet, IReadOnlyList<int> FailedMonths);

/// <summary>The zero-petition ledger's verdicts: pure functions of the facts and the criteria.</summary>
public static class ZeroPetitionLedger
{
    /// <summary>Whether a unit met "zero petitions" in a month; a month with nothing recorded meets it unless screening is required.</summary>
    public static MonthVerdict EvaluateMonth(UnitMonthFacts facts, ZeroPetitionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(criteria);
        var failures = new List<ZeroPetitionFailure>();
        if (facts.ReachedCounty > criteria.MaxReachedCounty) failures.Add(ZeroPetitionFailure.ReachedCounty);
        if (facts.Collective > criteria.MaxCollective) failures.Add(ZeroPetitionFailure.Collective);
        if (facts.Escalated > criteria.MaxEscalated) failures.Add(ZeroPetitionFailure.Escalated);
        if (facts.HandedUp > criteria.MaxHandedUp) failures.Add(ZeroPetitionFailure.DisputeHandedUp);
        if (criteria.RequireScreening && facts.Screenings == 0) failures.Add(ZeroPetitionFailure.NoScreening);
        return new MonthVerdict(failures.Count == 0, failures);
    }

    /// <summary>
    /// The year's verdict from its months 1..<paramref name="monthsCounted"/> (months after it have not happened yet and
    /// are not judged). A month missing from <paramref name="months"/> had no data and is judged on empty facts.
    /// </summary>
    public static YearVerdict EvaluateYear(IReadOnlyDictionary<int, UnitMonthFacts> months, int monthsCounted, ZeroPetitionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentOutOfRangeException.ThrowIfNegative(monthsCounted);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(monthsCounted, 12);
        if (monthsCounted == 0) return new YearVerdict(null, 0, 0, []);
        var failed = new List<int>();
        for (var month = 1; month <= monthsCounted; month++)
        {
            if (!EvaluateMonth(months.GetValueOrDefault(month, UnitMonthFacts.None), criteria).Met) failed.Add(month);
        }
        return new YearVerdict(failed.Count <= criteria.MonthsMayFail, monthsCounted, monthsCounted - failed.Count, failed);
    }

    /// <summary>The months of <paramref name="year"/> that have begun by <paramref name="today"/>: 12 for a past year, 0 for a future one.</summary>
    public static int MonthsBegun(int year, DateOnly today) =>
        year < today.Year ? 12 : year > today.Year ? 0 : today.Month;

    /// <summary>
    /// A dispute's standing at the end of a month from its dates: open at some time in the month when found by its end
    /// and not closed before its start; then resolved or handed up when closed within the month, otherwise in hand.
    /// Returns null when the dispute does not belong to the month.
    /// </summary>
    public static DisputeStatus? StandingInMonth(DateOnly foundOn, DateOnly? closedOn, DisputeStatus status, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (foundOn > last) return null;
        var closed = status is DisputeStatus.Resolved or DisputeStatus.HandedUp ? closedOn : null;
        if (closed is { } c && c < first) return null;
        return closed is { } d && d <= last ? status : DisputeStatus.Resolving;
    }

    /// <summary>Adds one dispute's standing in a month to the facts.</summary>
    public static UnitMonthFacts AddScreening(UnitMonthFacts facts, DisputeStatus? standing) => standing switch
    {
        null => facts,
        DisputeStatus.Resolved => facts with { Screenings = facts.Screenings + 1, Resolved = facts.Resolved + 1 },
        DisputeStatus.HandedUp => facts with { Screenings = facts.Screenings + 1, HandedUp = facts.HandedUp + 1 },
        _ => facts with { Screenings = facts.Screenings + 1, InHand = facts.InHand + 1 },
    };
}
