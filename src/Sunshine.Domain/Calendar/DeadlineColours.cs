namespace Sunshine.Domain.Calendar;

/// <summary>红灯预警 colour of one item's deadline (DOMAIN.md §1.7 (a)). Computed at query time, never stored.</summary>
public enum DeadlineColour
{
    Green,
    Yellow,
    Red,
}

public static class DeadlineColours
{
    /// <summary>
    /// Red when overdue (<paramref name="today"/> is after <paramref name="dueOn"/>: a deadline ends at 24:00 of its due date);
    /// yellow when <paramref name="yellowWithin"/> or fewer units remain; green otherwise.
    /// "Units remaining" are counted in the rule's own unit, like the period itself: the days after today up to and
    /// including the due date (0 on the due date itself); for working days only working days count, so a long holiday
    /// does not keep an item green.
    /// </summary>
    public static DeadlineColour For(DateOnly dueOn, DateOnly today, PeriodUnit unit, HolidayCalendar calendar, int yellowWithin = 3)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (today > dueOn)
        {
            return DeadlineColour.Red;
        }

        var remaining = unit == PeriodUnit.CalendarDays
            ? dueOn.DayNumber - today.DayNumber
            : DayCounter.CountableDays(today, dueOn, PeriodUnit.WorkingDays, new CalendarProbe(calendar));
        return remaining <= yellowWithin ? DeadlineColour.Yellow : DeadlineColour.Green;
    }

    /// <summary>
    /// The due dates that have <paramref name="colour"/> on <paramref name="today"/>, as an inclusive range (null = open
    /// end), so that a colour filter is a range on an indexed due date. Exactly the dates for which <see cref="For"/>
    /// answers <paramref name="colour"/>: red before today; yellow from today up to the day before the
    /// (<paramref name="yellowWithin"/> + 1)-th unit after today — with that many units left it turns green.
    /// </summary>
    public static DueDateRange DueRange(DeadlineColour colour, DateOnly today, PeriodUnit unit, HolidayCalendar calendar, int yellowWithin = 3)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(yellowWithin);
        var firstGreen = DayCounter.CountForward(today, yellowWithin + 1, unit, [], new CalendarProbe(calendar));
        return colour switch
        {
            DeadlineColour.Red => new DueDateRange(null, today.AddDays(-1)),
            DeadlineColour.Yellow => new DueDateRange(today, firstGreen.AddDays(-1)),
            DeadlineColour.Green => new DueDateRange(firstGreen, null),
            _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, null),
        };
    }
}

/// <summary>An inclusive range of due dates; a null end is open.</summary>
public sealed record DueDateRange(DateOnly? From, DateOnly? To)
{
    public bool Contains(DateOnly date) => (From is null || date >= From) && (To is null || date <= To);
}
