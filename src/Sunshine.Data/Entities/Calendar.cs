using Sunshine.Domain.Calendar;

namespace Sunshine.Data.Entities;

/// <summary>One day of a State Council holiday notice: a public holiday or a make-up working day.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }
    public DayKind Kind { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>A loaded yearly notice 《关于YYYY年部分节假日安排的通知》. Years without one fall back to weekdays, with a warning.</summary>
public sealed class HolidayNotice
{
    public int Year { get; set; }
    public string Source { get; set; } = "";
    public DateTime LoadedAt { get; set; }
}
