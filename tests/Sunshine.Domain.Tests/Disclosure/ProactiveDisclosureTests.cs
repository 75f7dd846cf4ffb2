using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;

namespace Sunshine.Domain.Tests.Disclosure;

public class ProactiveDisclosureTests
{
    // 20 工作日 from the day after the information was formed (Art. 26; DOMAIN.md §1.4, §5), counted by hand:
    [Theory]
    // Formed Fri 2025-09-26. Sat 9/27 rest; Sun 9/28 make-up = 1; 9/29 = 2; 9/30 = 3; 10/1–10/8 National Day and
    // Mid-Autumn; 10/9 = 4; 10/10 = 5; Sat 10/11 make-up = 6; 10/13–17 = 7–11; 10/20–24 = 12–16; 10/27 = 17,
    // 10/28 = 18, 10/29 = 19, 10/30 = 20.
    [InlineData("2025-09-26", "2025-10-30")]
    // Formed Wed 2026-09-16: 9/17 = 1, 9/18 = 2, Sun 9/20 make-up = 3, 9/21–24 = 4–7, 9/25–27 Mid-Autumn, 9/28–30 = 8–10,
    // 10/1–10/7 National Day, 10/8 = 11, 10/9 = 12, Sat 10/10 make-up = 13, 10/12–16 = 14–18, 10/19 = 19, 10/20 = 20.
    [InlineData("2026-09-16", "2026-10-20")]
    // Formed Mon 2025-01-20: 1/21–24 = 1–4, Sun 1/26 make-up = 5, 1/27 = 6, 1/28–2/4 Spring Festival, 2/5–7 = 7–9,
    // Sat 2/8 make-up = 10, 2/10–14 = 11–15, 2/17–21 = 16–20.
    [InlineData("2025-01-20", "2025-02-21")]
    public void Due_twenty_working_days_after_forming(string formed, string due)
    {
        var deadline = ProactiveTimeliness.DueOn(DateOnly.Parse(formed), "140000000000", HolidayCalendar.Shipped);
        Assert.Equal(DateOnly.Parse(due), deadline.DueOn);
        Assert.Contains("第二十六条", deadline.Explanation[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Late_only_after_the_due_date()
    {
        var due = new DateOnly(2025, 10, 30);
        Assert.False(ProactiveTimeliness.IsLate(due, new DateOnly(2025, 10, 30), new DateOnly(2026, 1, 1)));
        Assert.True(ProactiveTimeliness.IsLate(due, new DateOnly(2025, 10, 31), new DateOnly(2025, 10, 31)));
        // Not yet published: late once today has passed the due date.
        Assert.False(ProactiveTimeliness.IsLate(due, null, due));
        Assert.True(ProactiveTimeliness.IsLate(due, null, due.AddDays(1)));
    }

    [Fact]
    public void Index_numbers_follow_the_pattern()
    {
        Assert.Equal("140000000000-0007/2025-00042", IndexNumberPattern.Format(IndexNumberPattern.Default, "140000000000", 7, 2025, 42));
        Assert.Equal("XF-7-2025-042", IndexNumberPattern.Format("XF-{organisation}-{year}-{sequence:000}", "140000000000", 7, 2025, 42));
        Assert.Null(IndexNumberPattern.Problem(IndexNumberPattern.Default));
        Assert.NotNull(IndexNumberPattern.Problem("{organ code}/{year}"));         // no running number: not unique
        Assert.NotNull(IndexNumberPattern.Problem("{organ code}-{sequence:000}"));  // no year: numbers would never restart
        Assert.NotNull(IndexNumberPattern.Problem("{year}-{sequence:000}"));        // no organ: two organs collide
        Assert.NotNull(IndexNumberPattern.Problem("{organ code}/{year}/{month}-{sequence:0}"));
        Assert.Throws<ArgumentException>(() => IndexNumberPattern.Format("{year}", "140000000000", 1, 2025, 1));
    }

    [Fact]
    public void Officers_draft_and_submit_leaders_approve_and_withdraw()
    {
        var officer = new HashSet<string> { StaffRoles.DisclosureOfficer };
        var leader = new HashSet<string> { StaffRoles.UnitLeader };
        Assert.Equal([DisclosureItemAction.Submit], DisclosureItemWorkflow.Allowed(DisclosureItemStatus.Draft, officer));
        Assert.Empty(DisclosureItemWorkflow.Allowed(DisclosureItemStatus.Draft, leader));
        Assert.Equal([DisclosureItemAction.Return, DisclosureItemAction.Approve], DisclosureItemWorkflow.Allowed(DisclosureItemStatus.Submitted, leader));
        Assert.Equal("disclosure.role", DisclosureItemWorkflow.Check(DisclosureItemAction.Approve, DisclosureItemStatus.Submitted, officer));
        Assert.Equal("disclosure.state", DisclosureItemWorkflow.Check(DisclosureItemAction.Withdraw, DisclosureItemStatus.Withdrawn, leader));
        Assert.Equal([DisclosureItemAction.Publish, DisclosureItemAction.Repeal, DisclosureItemAction.Withdraw],
            DisclosureItemWorkflow.Allowed(DisclosureItemStatus.Published, leader));
        Assert.True(DisclosureItemWorkflow.MayEdit(DisclosureItemStatus.Draft, officer));
        Assert.False(DisclosureItemWorkflow.MayEdit(DisclosureItemStatus.Submitted, officer));
        Assert.False(DisclosureItemWorkflow.MayEdit(DisclosureItemStatus.Draft, leader));
    }

    [Fact]
    public void Outlets_keep_the_names_the_annual_report_counts()
    {
        Assert.Equal(["网站", "微信公众号", "政务头条"], Enum.GetValues<Outlet>().Select(Outlets.StoredName));
        Assert.False(Outlets.NeedsCategory(Outlet.Website));
        Assert.True(Outlets.NeedsCategory(Outlet.Toutiao));
    }
}
