using Sunshine.Domain.Calendar;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Calendar;

public class TransferCascadeTests
{
    // Each hop starts when the previous one is due; no hop may end after the chain's total (DOMAIN §1.3).
    [Theory]
    // 2014 national cascade 5/3/3/4 from 2014-06-03: 6/8, 6/11, 6/14, 6/18 = the 15 日 total exactly
    [InlineData("2014-06-03", 15, "5,3,3,4", false, "2014-06-08,2014-06-11,2014-06-14,2014-06-18", "0,0,0,0", "2014-06-18")]
    // 10 + 10 > 15: hop 2 would end 3/21, capped at the total 3/16
    [InlineData("2024-03-01", 15, "10,10", false, "2024-03-11,2024-03-16", "0,1", "2024-03-16")]
    // 5/5/5/5 from 2023-09-20: 9/25, 9/30, 10/5, and hop 4's own 10/10 capped at the total 10/5
    [InlineData("2023-09-20", 15, "5,5,5,5", false, "2023-09-25,2023-09-30,2023-10-05,2023-10-05", "0,0,0,1", "2023-10-05")]
    // working days from Fri 2025-09-26: total 5 = 9/28 Sun make-up, 9/29, 9/30, 10/9, 10/10;
    // hop 1 (2) → 9/29; hop 2 (3) → 9/30, 10/9, 10/10
    [InlineData("2025-09-26", 5, "2,3", true, "2025-09-29,2025-10-10", "0,0", "2025-10-10")]
    public void Split(string registeredOn, int total, string days, bool workingDays, string dues, string capped, string totalDue)
    {
        var plan = TransferCascade.Split(D(registeredOn), total, days.Split(',').Select(int.Parse).ToList(),
            unit: workingDays ? PeriodUnit.WorkingDays : PeriodUnit.CalendarDays);
        Assert.Equal(D(totalDue), plan.TotalDueOn);
        Assert.Equal(dues.Split(',').Select(D), plan.Hops.Select(h => h.DueOn));
        Assert.Equal(capped.Split(',').Select(c => c == "1"), plan.Hops.Select(h => h.CappedByTotal));
        Assert.All(plan.Hops, h => Assert.True(h.DueOn <= plan.TotalDueOn));
        Assert.Equal(D(registeredOn), plan.Hops[0].From);
    }

    [Theory]
    [InlineData("2014-06-09", 4, "2014-06-18", "2014-06-13")] // county gets it early: 6/9 + 4 = 6/13, before the total
    [InlineData("2014-06-16", 3, "2014-06-18", "2014-06-18")] // city gets it late: 6/19 would pass the total 6/18
    public void HopDue_after_an_actual_handover(string handedOverOn, int days, string totalDue, string expected) =>
        Assert.Equal(D(expected), TransferCascade.HopDue(D(handedOverOn), days, D(totalDue)));

    [Fact]
    public void National_2014_cascade_names_its_levels()
    {
        var plan = TransferCascade.Split(D("2014-06-03"), 15, TransferCascade.National2014Days, TransferCascade.National2014Levels);
        Assert.Equal(["国家", "省", "市", "县"], plan.Hops.Select(h => h.LevelName));
        Assert.Equal([D("2014-06-03"), D("2014-06-08"), D("2014-06-11"), D("2014-06-14")], plan.Hops.Select(h => h.From));
        Assert.Throws<ArgumentException>(() => TransferCascade.Split(D("2014-06-03"), 15, [5, 10], ["国家"]));
    }
}
