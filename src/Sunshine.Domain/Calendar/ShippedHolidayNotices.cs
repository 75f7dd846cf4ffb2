using System.Collections.ObjectModel;

namespace Sunshine.Domain.Calendar;

/// <summary>
/// The State Council General Office's yearly 《关于YYYY年部分节假日安排的通知》 for 2021–2026, as listed in DOMAIN.md §5.
/// Administrators load later notices as data; this table is only the shipped seed.
/// </summary>
public static class ShippedHolidayNotices
{
    // One row per notice. A notice may list dates of the previous year: the 2023 notice starts New Year's Day on 2022-12-31.
    private static readonly Notice[] Notices =
    [
        new(2021,
            [("元旦", "2021-01-01", "2021-01-03"), ("春节", "2021-02-11", "2021-02-17"), ("清明节", "2021-04-03", "2021-04-05"),
             ("劳动节", "2021-05-01", "2021-05-05"), ("端午节", "2021-06-12", "2021-06-14"), ("中秋节", "2021-09-19", "2021-09-21"),
             ("国庆节", "2021-10-01", "2021-10-07")],
            [("春节", "2021-02-07"), ("春节", "2021-02-20"), ("劳动节", "2021-04-25"), ("劳动节", "2021-05-08"),
             ("中秋节", "2021-09-18"), ("国庆节", "2021-09-26"), ("国庆节", "2021-10-09")]),
        new(2022,
            [("元旦", "2022-01-01", "2022-01-03"), ("春节", "2022-01-31", "2022-02-06"), ("清明节", "2022-04-03", "2022-04-05"),
             ("劳动节", "2022-04-30", "2022-05-04"), ("端午节", "2022-06-03", "2022-06-05"), ("中秋节", "2022-09-10", "2022-09-12"),
             ("国庆节", "2022-10-01", "2022-10-07")],
            [("春节", "2022-01-29"), ("春节", "2022-01-30"), ("清明节", "2022-04-02"), ("劳动节", "2022-04-24"),
             ("劳动节", "2022-05-07"), ("国庆节", "2022-10-08"), ("国庆节", "2022-10-09")]),
        new(2023,
            [("元旦", "2022-12-31", "2023-01-02"), ("春节", "2023-01-21", "2023-01-27"), ("清明节", "2023-04-05", "2023-04-05"),
             ("劳动节", "2023-04-29", "2023-05-03"), ("端午节", "2023-06-22", "2023-06-24"), ("中秋节、国庆节", "2023-09-29", "2023-10-06")],
            [("春节", "2023-01-28"), ("春节", "2023-01-29"), ("劳动节", "2023-04-23"), ("劳动节", "2023-05-06"),
             ("端午节", "2023-06-25"), ("中秋节、国庆节", "2023-10-07"), ("中秋节、国庆节", "2023-10-08")]),
        new(2024,
            [("元旦", "2024-01-01", "2024-01-01"), ("春节", "2024-02-10", "2024-02-17"), ("清明节", "2024-04-04", "2024-04-06"),
             ("劳动节", "2024-05-01", "2024-05-05"), ("端午节", "2024-06-10", "2024-06-10"), ("中秋节", "2024-09-15", "2024-09-17"),
             ("国庆节", "2024-10-01", "2024-10-07")],
            [("春节", "2024-02-04"), ("春节", "2024-02-18"), ("清明节", "2024-04-07"), ("劳动节", "2024-04-28"),
             ("劳动节", "2024-05-11"), ("中秋节", "2024-09-14"), ("国庆节", "2024-09-29"), ("国庆节", "2024-10-12")]),
        new(2025,
            [("元旦", "2025-01-01", "2025-01-01"), ("春节", "2025-01-28", "2025-02-04"), ("清明节", "2025-04-04", "2025-04-06"),
             ("劳动节", "2025-05-01", "2025-05-05"), ("端午节", "2025-05-31", "2025-06-02"), ("国庆节、中秋节", "2025-10-01", "2025-10-08")],
            [("春节", "2025-01-26"), ("春节", "2025-02-08"), ("劳动节", "2025-04-27"),
             ("国庆节、中秋节", "2025-09-28"), ("国庆节、中秋节", "2025-10-11")]),
        new(2026,
            [("元旦", "2026-01-01", "2026-01-03"), ("春节", "2026-02-15", "2026-02-23"), ("清明节", "2026-04-04", "2026-04-06"),
             ("劳动节", "2026-05-01", "2026-05-05"), ("端午节", "2026-06-19", "2026-06-21"), ("中秋节", "2026-09-25", "2026-09-27"),
             ("国庆节", "2026-10-01", "2026-10-07")],
            [("元旦", "2026-01-04"), ("春节", "2026-02-14"), ("春节", "2026-02-28"), ("劳动节", "2026-05-09"),
             ("国庆节", "2026-09-20"), ("国庆节", "2026-10-10")]),
    ];

    /// <summary>The dates of each notice, keyed by the notice's year (2022-12-31 is under 2023).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<CalendarEntry>> ByNotice { get; } =
        new ReadOnlyDictionary<int, IReadOnlyList<CalendarEntry>>(Notices.ToDictionary(n => n.Year, n => n.Entries()));

    /// <summary>Every shipped date, in date order.</summary>
    public static IReadOnlyList<CalendarEntry> Entries { get; } =
        ByNotice.Values.SelectMany(e => e).OrderBy(e => e.Date).ToList().AsReadOnly();

    /// <summary>The years whose notice is shipped: 2021–2026.</summary>
    public static IReadOnlyList<int> Years { get; } = Notices.Select(n => n.Year).Order().ToList().AsReadOnly();

    private sealed record Notice(int Year, (string Note, string From, string To)[] Holidays, (string Note, string Date)[] MakeUpDays)
    {
        public IReadOnlyList<CalendarEntry> Entries()
        {
            var entries = new List<CalendarEntry>();
            foreach (var (note, from, to) in Holidays)
            {
                for (var d = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
                     d <= DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture);
                     d = d.AddDays(1))
                {
                    entries.Add(new CalendarEntry(d, DayKind.PublicHoliday, note));
                }
            }

            foreach (var (note, date) in MakeUpDays)
            {
                entries.Add(new CalendarEntry(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), DayKind.MakeUpWorkingDay, note));
            }

            return entries.OrderBy(e => e.Date).ToList().AsReadOnly();
        }
    }
}
