using Sunshine.Domain.Calendar;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Calendar;

public class DeadlineColoursTests
{
    // Remaining = units after today up to and including the due date, in the rule's unit (DOMAIN §1.7 (a)):
    // yellow at 3 or fewer, red once today is past the due date.
    [Theory]
    [InlineData("2024-03-10", "2024-03-01", false, DeadlineColour.Green)]  // 9 days left
    [InlineData("2024-03-10", "2024-03-06", false, DeadlineColour.Green)]  // 4 days left
    [InlineData("2024-03-10", "2024-03-07", false, DeadlineColour.Yellow)] // 3 days left
    [InlineData("2024-03-10", "2024-03-10", false, DeadlineColour.Yellow)] // due today: still open until 24:00
    [InlineData("2024-03-10", "2024-03-11", false, DeadlineColour.Red)]    // overdue
    [InlineData("2025-10-09", "2025-09-26", true, DeadlineColour.Green)]   // 9/28 Sun make-up, 9/29, 9/30, 10/9 = 4
    [InlineData("2025-10-09", "2025-09-28", true, DeadlineColour.Yellow)]  // 9/29, 9/30, 10/9 = 3
    [InlineData("2025-10-09", "2025-09-30", true, DeadlineColour.Yellow)]  // 9 calendar days but only 10/9 is a working day
    [InlineData("2025-10-09", "2025-10-10", true, DeadlineColour.Red)]
    [InlineData("2026-03-02", "2026-02-25", true, DeadlineColour.Green)]   // 2/26, 2/27, 2/28 Sat make-up, 3/2 = 4
    [InlineData("2026-03-02", "2026-02-26", true, DeadlineColour.Yellow)]  // 2/27, 2/28, 3/2 = 3
    public void Colour_by_units_remaining(string dueOn, string today, bool workingDays, DeadlineColour expected)
    {
        var unit = workingDays ? PeriodUnit.WorkingDays : PeriodUnit.CalendarDays;
        Assert.Equal(expected, DeadlineColours.For(D(dueOn), D(today), unit, HolidayCalendar.Shipped));
    }

    [Fact]
    public void The_yellow_threshold_is_configurable()
    {
        // 5 days left: green with the default 3, yellow with 5.
        Assert.Equal(DeadlineColour.Green, DeadlineColours.For(D("2024-03-10"), D("2024-03-05"), PeriodUnit.CalendarDays, HolidayCalendar.Shipped));
        Assert.Equal(DeadlineColour.Yellow, DeadlineColours.For(D("2024-03-10"), D("2024-03-05"), PeriodUnit.CalendarDays, HolidayCalendar.Shipped, yellowWithin: 5));
    }

    // A colour filter is a range on the due date: the range must hold exactly the due dates For() colours that way, in
    // both units, across the 2026 Mid-Autumn and National Day holidays and their make-up days (9/20, 10/10).
    [Theory]
    [InlineData("2026-09-16", 3)]
    [InlineData("2026-09-24", 3)]
    [InlineData("2026-09-30", 0)]
    [InlineData("2026-09-30", 5)]
    public void Each_colour_is_exactly_a_range_of_due_dates(string today, int yellowWithin)
    {
        foreach (var unit in Enum.GetValues<PeriodUnit>())
        {
            for (var due = D(today).AddDays(-5); due <= D(today).AddDays(30); due = due.AddDays(1))
            {
                var colour = DeadlineColours.For(due, D(today), unit, HolidayCalendar.Shipped, yellowWithin);
                foreach (var candidate in Enum.GetValues<DeadlineColour>())
                {
                    var range = DeadlineColours.DueRange(candidate, D(today), unit, HolidayCalendar.Shipped, yellowWithin);
                    Assert.True(range.Contains(due) == (candidate == colour), $"{unit}, due {due:yyyy-MM-dd}: {colour}, range of {candidate} is {range}");
                }
            }
        }
    }

    [Fact]
    public void The_yellow_range_in_working_days_spans_a_holiday()
    {
        // On 2026-09-24 (Thu): 9/25 is the Mid-Autumn holiday (9/25–9/27), so the working days after today are 9/28 (1),
        // 9/29 (2), 9/30 (3), then National Day 10/1–10/7, 10/8 (4). Yellow runs to 10/7; 10/8 has 4 left: green.
        var yellow = DeadlineColours.DueRange(DeadlineColour.Yellow, D("2026-09-24"), PeriodUnit.WorkingDays, HolidayCalendar.Shipped);
        Assert.Equal(new DueDateRange(D("2026-09-24"), D("2026-10-07")), yellow);
        // In calendar days: 9/25, 9/26, 9/27 left at most → yellow to 9/27.
        Assert.Equal(new DueDateRange(D("2026-09-24"), D("2026-09-27")),
            DeadlineColours.DueRange(DeadlineColour.Yellow, D("2026-09-24"), PeriodUnit.CalendarDays, HolidayCalendar.Shipped));
        Assert.Equal(new DueDateRange(null, D("2026-09-23")),
            DeadlineColours.DueRange(DeadlineColour.Red, D("2026-09-24"), PeriodUnit.WorkingDays, HolidayCalendar.Shipped));
    }
}
