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
}
