namespace Sunshine.Domain.Calendar;

/// <summary>One level's share of a transfer chain: it receives the item on <paramref name="From"/> and must pass it on by <paramref name="DueOn"/>.</summary>
/// <param name="CappedByTotal">True when the level's own allowance would have run past the chain's total, so the total's due date applies.</param>
public sealed record CascadeHop(int Level, string LevelName, DateOnly From, int Days, DateOnly DueOn, bool CappedByTotal);

/// <summary>The chain's total due date and each hop's share.</summary>
public sealed record CascadePlan(DateOnly TotalDueOn, IReadOnlyList<CascadeHop> Hops);

/// <summary>
/// Chained transfer deadlines (DOMAIN.md §1.3): the 15 日 of 《信访工作条例》Art. 22 is the total for the whole transfer
/// chain from the first registration; a configurable cascade splits it per level, and no hop may end later than the total.
/// </summary>
public static class TransferCascade
{
    /// <summary>The 2014 national cascade for items registered nationally: 5 / 3 / 3 / 4 days.</summary>
    public static IReadOnlyList<int> National2014Days { get; } = [5, 3, 3, 4];

    public static IReadOnlyList<string> National2014Levels { get; } = ["国家", "省", "市", "县"];

    /// <summary>
    /// Plans the chain assuming each level uses its whole allowance: hop 1 starts at registration, each next hop when the
    /// previous one is due. Every hop is capped at the total's due date. Counting follows the statutory clock (Civil Code
    /// Art. 201: the day of handover is not counted).
    /// </summary>
    public static CascadePlan Split(
        DateOnly registeredOn,
        int totalDays,
        IReadOnlyList<int> perLevelDays,
        IReadOnlyList<string>? levelNames = null,
        PeriodUnit unit = PeriodUnit.CalendarDays,
        HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(perLevelDays);
        if (totalDays <= 0)
        {
            throw new ArgumentException($"The chain's total must be positive; got {totalDays}.", nameof(totalDays));
        }

        if (perLevelDays.Count == 0 || perLevelDays.Any(d => d <= 0))
        {
            throw new ArgumentException("Every level needs a positive number of days.", nameof(perLevelDays));
        }

        if (levelNames is not null && levelNames.Count != perLevelDays.Count)
        {
            throw new ArgumentException($"{levelNames.Count} level names for {perLevelDays.Count} levels.", nameof(levelNames));
        }

        var probe = new CalendarProbe(calendar ?? HolidayCalendar.Shipped);
        var totalDue = DayCounter.CountForward(registeredOn, totalDays, unit, [], probe);
        var hops = new List<CascadeHop>();
        var from = registeredOn;
        for (var i = 0; i < perLevelDays.Count; i++)
        {
            var own = DayCounter.CountForward(from, perLevelDays[i], unit, [], probe);
            var due = own > totalDue ? totalDue : own;
            hops.Add(new CascadeHop(i + 1, levelNames?[i] ?? $"level {i + 1}", from, perLevelDays[i], due, own > totalDue));
            from = due;
        }

        return new CascadePlan(totalDue, hops.AsReadOnly());
    }

    /// <summary>
    /// The due date of one hop once the item has actually been handed over (possibly earlier than planned):
    /// the level's own allowance from the handover, but never later than the chain's total due date.
    /// </summary>
    public static DateOnly HopDue(
        DateOnly handedOverOn,
        int levelDays,
        DateOnly totalDueOn,
        PeriodUnit unit = PeriodUnit.CalendarDays,
        HolidayCalendar? calendar = null)
    {
        if (levelDays <= 0)
        {
            throw new ArgumentException($"A level needs a positive number of days; got {levelDays}.", nameof(levelDays));
        }

        var own = DayCounter.CountForward(handedOverOn, levelDays, unit, [], new CalendarProbe(calendar ?? HolidayCalendar.Shipped));
        return own > totalDueOn ? totalDueOn : own;
    }
}
