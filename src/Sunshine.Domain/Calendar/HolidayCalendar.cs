namespace Sunshine.Domain.Calendar;

/// <summary>
/// Which dates are working days (工作日) in mainland China: a date is a working day if a notice lists it as a make-up
/// working day (调休上班), or it is Monday–Friday and no notice lists it as a public holiday (DOMAIN.md §1.4, §5).
/// Immutable; a new year's notice makes a new calendar (<see cref="WithNotice"/>).
/// </summary>
public sealed class HolidayCalendar
{
    private readonly Dictionary<DateOnly, CalendarEntry> _entries = [];
    private readonly SortedSet<int> _loadedYears;

    /// <param name="entries">The dates listed by the loaded notices. A date listed twice must have the same kind.</param>
    /// <param name="loadedYears">The years whose notice is loaded. Other years fall back to "Monday–Friday" and are warned about.</param>
    public HolidayCalendar(IEnumerable<CalendarEntry> entries, IEnumerable<int> loadedYears)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(loadedYears);
        foreach (var entry in entries)
        {
            if (_entries.TryGetValue(entry.Date, out var existing) && existing.Kind != entry.Kind)
            {
                throw new ArgumentException(
                    $"{entry.Date:yyyy-MM-dd} is listed both as {existing.Kind} ({existing.Note}) and as {entry.Kind} ({entry.Note}).",
                    nameof(entries));
            }

            _entries.TryAdd(entry.Date, entry);
        }

        _loadedYears = [.. loadedYears];
    }

    /// <summary>The calendar with the notices shipped in <see cref="ShippedHolidayNotices"/> (2021–2026).</summary>
    public static HolidayCalendar Shipped { get; } = new(ShippedHolidayNotices.Entries, ShippedHolidayNotices.Years);

    /// <summary>The years whose notice is loaded, ascending.</summary>
    public IReadOnlyCollection<int> LoadedYears => _loadedYears;

    /// <summary>Every listed date, in date order.</summary>
    public IEnumerable<CalendarEntry> Entries => _entries.Values.OrderBy(e => e.Date);

    /// <summary>Whether the State Council notice for <paramref name="year"/> is loaded. Without it, dates of that year
    /// are judged by weekday only and every computation that consults them carries a warning (so does one that consults
    /// December 29–31 of the year before, which the notice may also re-arrange).</summary>
    public bool HasNotice(int year) => _loadedYears.Contains(year);

    /// <summary>The notice's entry for the date, or null for an ordinary weekday or weekend day.</summary>
    public CalendarEntry? EntryOn(DateOnly date) => _entries.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_entries.TryGetValue(date, out var entry))
        {
            return entry.Kind == DayKind.MakeUpWorkingDay;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>A rest day: a public holiday, or a weekend day that is not a make-up working day (the Civil Code's 法定休假日).</summary>
    public bool IsRestDay(DateOnly date) => !IsWorkingDay(date);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDayAfter(DateOnly date)
    {
        var d = date.AddDays(1);
        while (IsRestDay(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    public int WorkingDaysInYear(int year)
    {
        var count = 0;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// A calendar with one more notice loaded. Its dates replace any existing entry for the same date, because a later
    /// notice may re-arrange late-December dates of the previous year (as the 2023 notice did for 2022-12-31).
    /// </summary>
    public HolidayCalendar WithNotice(int year, IEnumerable<CalendarEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var added = entries.ToList();
        var replaced = added.Select(e => e.Date).ToHashSet();
        return new HolidayCalendar(
            _entries.Values.Where(e => !replaced.Contains(e.Date)).Concat(added),
            _loadedYears.Append(year));
    }
}
