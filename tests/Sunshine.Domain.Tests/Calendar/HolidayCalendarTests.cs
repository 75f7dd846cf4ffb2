using Sunshine.Domain.Calendar;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Calendar;

public class HolidayCalendarTests
{
    private static readonly HolidayCalendar Cal = HolidayCalendar.Shipped;

    // Each row: the date, its weekday, and what DOMAIN.md §5 says about it.
    [Theory]
    [InlineData("2021-02-07", true)]  // Sun, 春节 make-up working day (2021 row)
    [InlineData("2021-02-10", true)]  // Wed, 除夕 2021 is not in the 2/11–2/17 block: ordinary weekday
    [InlineData("2021-02-11", false)] // Thu, first day of 春节 2/11–2/17
    [InlineData("2021-02-17", false)] // Wed, last day of 春节
    [InlineData("2021-02-18", true)]  // Thu, back to work
    [InlineData("2021-02-20", true)]  // Sat, 春节 make-up working day
    [InlineData("2022-12-31", false)] // Sat, 元旦 2023 starts in 2022 (2023 notice)
    [InlineData("2023-01-02", false)] // Mon, 元旦 2022-12-31–2023-01-02
    [InlineData("2023-01-03", true)]  // Tue, ordinary weekday
    [InlineData("2023-09-29", false)] // Fri, 中秋节、国庆节 9/29–10/6
    [InlineData("2023-10-06", false)] // Fri, last day of the 2023 block
    [InlineData("2023-10-07", true)]  // Sat, make-up working day
    [InlineData("2023-10-08", true)]  // Sun, make-up working day
    [InlineData("2024-02-09", true)]  // Fri, 除夕 2024 is not in the 2/10–2/17 block
    [InlineData("2024-02-16", false)] // Fri, 春节 2/10–2/17
    [InlineData("2024-02-18", true)]  // Sun, 春节 make-up working day
    [InlineData("2025-01-26", true)]  // Sun, 春节 make-up working day
    [InlineData("2025-02-04", false)] // Tue, last day of 春节 1/28–2/4
    [InlineData("2025-09-28", true)]  // Sun, 国庆节 make-up working day
    [InlineData("2025-10-08", false)] // Wed, last day of 国庆节、中秋节 10/1–10/8
    [InlineData("2025-10-11", true)]  // Sat, make-up working day
    [InlineData("2026-01-04", true)]  // Sun, 元旦 make-up working day
    [InlineData("2026-02-14", true)]  // Sat, 春节 make-up working day
    [InlineData("2026-02-23", false)] // Mon, last day of 春节 2/15–2/23 (nine days)
    [InlineData("2026-02-28", true)]  // Sat, 春节 make-up working day
    [InlineData("2026-03-01", false)] // Sun, ordinary weekend
    [InlineData("2027-01-01", true)]  // Fri, no 2027 notice loaded: weekday fallback says working
    [InlineData("2027-01-02", false)] // Sat, weekday fallback says rest
    public void Working_or_rest_day_follows_the_notices(string date, bool working)
    {
        Assert.Equal(working, Cal.IsWorkingDay(D(date)));
        Assert.Equal(!working, Cal.IsRestDay(D(date)));
    }

    // 2021: 261 weekdays − 18 holiday weekdays + 7 make-up days = 250
    // 2022: 260 − 18 + 7 = 249;  2023: 260 − 18 + 7 = 249;  2024 (leap, starts Mon): 262 − 19 + 8 = 251
    // 2025: 261 − 18 + 5 = 248;  2026: 261 − 19 + 6 = 248
    [Theory]
    [InlineData(2021, 250)]
    [InlineData(2022, 249)]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Working_days_per_year_match_DOMAIN_section_5(int year, int expected) =>
        Assert.Equal(expected, Cal.WorkingDaysInYear(year));

    [Theory]
    [InlineData(2020, false)]
    [InlineData(2021, true)]
    [InlineData(2023, true)]
    [InlineData(2026, true)]
    [InlineData(2027, false)]
    public void HasNotice_only_for_shipped_years(int year, bool expected) => Assert.Equal(expected, Cal.HasNotice(year));

    [Fact]
    public void The_2023_notice_owns_2022_12_31()
    {
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], ShippedHolidayNotices.Years);
        Assert.Contains(ShippedHolidayNotices.ByNotice[2023], e => e.Date == D("2022-12-31") && e.Kind == DayKind.PublicHoliday && e.Note == "元旦");
        Assert.DoesNotContain(ShippedHolidayNotices.ByNotice[2022], e => e.Date == D("2022-12-31"));
        Assert.Equal(new CalendarEntry(D("2021-02-07"), DayKind.MakeUpWorkingDay, "春节"), Cal.EntryOn(D("2021-02-07")));
    }

    [Fact]
    public void Shipped_entries_are_in_date_order_without_duplicates()
    {
        var dates = ShippedHolidayNotices.Entries.Select(e => e.Date).ToList();
        Assert.Equal(dates.Order(), dates);
        Assert.Equal(dates.Count, dates.Distinct().Count());
        // Every make-up day is a Saturday or Sunday; a make-up weekday would mean a typo in the table.
        Assert.All(ShippedHolidayNotices.Entries.Where(e => e.Kind == DayKind.MakeUpWorkingDay),
            e => Assert.True(e.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{e.Date} is not a weekend day"));
    }

    [Fact]
    public void A_date_listed_as_both_holiday_and_working_day_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HolidayCalendar(
            [new(D("2021-02-07"), DayKind.MakeUpWorkingDay, "春节"), new(D("2021-02-07"), DayKind.PublicHoliday, "typo")], [2021]));
        Assert.Contains("2021-02-07", ex.Message);
    }

    [Fact]
    public void WithNotice_loads_a_new_year_and_lets_it_rearrange_december()
    {
        // A hypothetical 2027 notice that also makes 2026-12-31 (Thu) a holiday.
        var cal = Cal.WithNotice(2027, [new(D("2026-12-31"), DayKind.PublicHoliday, "元旦"), new(D("2027-01-01"), DayKind.PublicHoliday, "元旦")]);
        Assert.True(cal.HasNotice(2027));
        Assert.False(cal.IsWorkingDay(D("2026-12-31")));
        Assert.False(cal.IsWorkingDay(D("2027-01-01")));
        Assert.True(Cal.IsWorkingDay(D("2026-12-31"))); // the shipped calendar is unchanged
    }
}
