namespace Sunshine.Domain.Calendar;

/// <summary>What a State Council holiday notice says about one date.</summary>
public enum DayKind
{
    /// <summary>法定节假日 (including the weekend days folded into a holiday block): a rest day.</summary>
    PublicHoliday,

    /// <summary>调休上班: a Saturday or Sunday announced as a working day.</summary>
    MakeUpWorkingDay,
}

/// <summary>One date listed in a holiday notice, e.g. 2021-02-07 MakeUpWorkingDay "春节".</summary>
public sealed record CalendarEntry(DateOnly Date, DayKind Kind, string Note);
