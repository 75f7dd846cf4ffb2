using Sunshine.Domain.Calendar;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Calendar;

public class StatutoryClockTests
{
    private static readonly HolidayCalendar Cal = HolidayCalendar.Shipped;

    private static TimeLimitRule Days(int length, bool rollForward = false) =>
        new("test.calendar", "测试期限", length, PeriodUnit.CalendarDays, "《测试》", rollForward);

    private static TimeLimitRule WorkingDays(int length) =>
        new("test.working", "测试期限", length, PeriodUnit.WorkingDays, "《测试》");

    // Calendar days: due = start + length (Civil Code Art. 201); with roll-forward, a rest-day due date moves to the
    // next working day (Art. 203).
    [Theory]
    [InlineData(60, "2021-01-14", false, "2021-03-15")] // DOMAIN §1.4: Jan 15–31 = 17, Feb = 28 → 45, Mar 15 → 60
    [InlineData(30, "2024-01-31", false, "2024-03-01")] // leap year: Feb 1–29 = 29, Mar 1 → 30
    [InlineData(30, "2023-01-31", false, "2023-03-02")] // Feb 1–28 = 28, Mar 1–2 → 30
    [InlineData(15, "2021-01-28", false, "2021-02-12")] // 2021-02-12 (Fri) is 春节, stays without roll-forward
    [InlineData(15, "2021-01-28", true, "2021-02-18")]  // 春节 2/11–2/17 → next working day Thu 2/18
    [InlineData(15, "2024-02-01", false, "2024-02-16")] // Fri 2/16 in 春节 2/10–2/17, stays
    [InlineData(15, "2024-02-01", true, "2024-02-18")]  // 2/17 Sat still 春节 → Sun 2/18 is a make-up working day
    [InlineData(15, "2026-02-05", true, "2026-02-24")]  // raw Fri 2/20 in 春节 2/15–2/23 → Tue 2/24
    [InlineData(15, "2026-02-13", true, "2026-02-28")]  // raw Sat 2/28 is a make-up working day: no move
    [InlineData(15, "2026-03-13", true, "2026-03-30")]  // raw Sat 3/28 ordinary weekend → Mon 3/30
    [InlineData(15, "2023-09-15", false, "2023-09-30")] // raw Sat 9/30 in 中秋节、国庆节 9/29–10/6, stays
    [InlineData(15, "2023-09-15", true, "2023-10-07")]  // → Sat 10/7, a make-up working day
    [InlineData(30, "2025-09-05", false, "2025-10-05")] // Sep 6–30 = 25, Oct 1–5 → 30; Sun 10/5 in 国庆节 10/1–10/8
    [InlineData(30, "2025-09-05", true, "2025-10-09")]  // → Thu 10/9
    [InlineData(1, "2024-09-30", true, "2024-10-08")]   // raw 10/1, 国庆节 10/1–10/7 → Tue 10/8
    [InlineData(15, "2022-12-16", false, "2022-12-31")] // raw Sat 2022-12-31, 元旦 of the 2023 notice
    [InlineData(15, "2022-12-16", true, "2023-01-03")]  // 12/31–1/2 are 元旦 → Tue 2023-01-03: crosses the year
    public void Calendar_day_periods(int length, string start, bool rollForward, string expected)
    {
        var deadline = StatutoryClock.Compute(Days(length, rollForward), D(start), Cal);
        Assert.Equal(D(expected), deadline.DueOn);
        Assert.Empty(deadline.Warnings);
    }

    [Fact]
    public void Roll_forward_over_Spring_Festival_2025()
    {
        // 30 日 from 2025-01-01: Jan 2–31 = 30 → Fri 1/31, inside 春节 1/28–2/4 → Wed 2/5.
        var deadline = StatutoryClock.Compute(Days(30, rollForward: true), D("2025-01-01"), Cal);
        Assert.Equal(D("2025-02-05"), deadline.DueOn);
        Assert.Contains("last day 2025-01-31 is a rest day (春节), moved to the next working day (《民法典》第二百零三条): due 2025-02-05", deadline.Explanation);
    }

    // Working days: only working days after the start count; make-up weekend days count, holidays do not.
    [Theory]
    [InlineData(10, "2021-02-04", "2021-02-23")] // 2/5(1) 2/7 Sun make-up(2) 2/8–2/10(3–5) [春节 2/11–2/17] 2/18(6) 2/19(7) 2/20 Sat make-up(8) 2/22(9) 2/23(10)
    [InlineData(5, "2025-01-24", "2025-02-07")]  // 1/26 Sun make-up(1) 1/27(2) [春节 1/28–2/4] 2/5(3) 2/6(4) 2/7(5)
    [InlineData(20, "2025-01-20", "2025-02-21")] // 1/21–1/24(1–4) 1/26(5) 1/27(6) 2/5–2/7(7–9) 2/8 Sat(10) 2/10–2/14(11–15) 2/17–2/21(16–20)
    [InlineData(20, "2026-02-09", "2026-03-13")] // 2/10–2/13(1–4) 2/14 Sat(5) [春节 2/15–2/23] 2/24–2/27(6–9) 2/28 Sat(10) 3/2–3/6(11–15) 3/9–3/13(16–20)
    [InlineData(7, "2026-02-12", "2026-02-28")]  // 2/13(1) 2/14 Sat(2) 2/24–2/27(3–6) 2/28 Sat make-up(7): due on a Saturday
    [InlineData(5, "2025-12-31", "2026-01-08")]  // [元旦 1/1–1/3] 1/4 Sun make-up(1) 1/5–1/8(2–5)
    [InlineData(15, "2024-02-02", "2024-02-28")] // 2/4 Sun(1) 2/5–2/9(2–6) [春节 2/10–2/17] 2/18 Sun(7) 2/19–2/23(8–12) 2/26–2/28(13–15)
    [InlineData(5, "2023-09-27", "2023-10-10")]  // 9/28(1) [9/29–10/6] 10/7 Sat(2) 10/8 Sun(3) 10/9(4) 10/10(5)
    [InlineData(20, "2025-09-19", "2025-10-23")] // 9/22–9/26(1–5) 9/28 Sun(6) 9/29–9/30(7–8) [10/1–10/8] 10/9–10/10(9–10) 10/11 Sat(11) 10/13–10/17(12–16) 10/20–10/23(17–20)
    [InlineData(5, "2022-12-28", "2023-01-05")]  // 12/29(1) 12/30(2) [元旦 12/31–1/2] 1/3–1/5(3–5)
    [InlineData(5, "2026-09-24", "2026-10-09")]  // [中秋节 9/25–9/27] 9/28–9/30(1–3) [国庆节 10/1–10/7] 10/8(4) 10/9(5)
    [InlineData(1, "2021-10-01", "2021-10-08")]  // starting on a holiday: 10/2–10/7 rest, Fri 10/8 is the 1st working day
    [InlineData(1, "2021-10-09", "2021-10-11")]  // starting on make-up Sat 10/9 (not counted, Art. 201): Sun rest, Mon 10/11
    public void Working_day_periods(int length, string start, string expected)
    {
        var deadline = StatutoryClock.Compute(WorkingDays(length), D(start), Cal);
        Assert.Equal(D(expected), deadline.DueOn);
        Assert.Empty(deadline.Warnings);
    }

    [Fact]
    public void Calendar_days_and_working_days_differ_across_a_holiday()
    {
        // From Fri 2024-02-02: 15 日 → 2/17 (a 春节 Saturday); 15 工作日 → 2/28 (see the working-day rows).
        Assert.Equal(D("2024-02-17"), StatutoryClock.Compute(Days(15), D("2024-02-02"), Cal).DueOn);
        Assert.Equal(D("2024-02-28"), StatutoryClock.Compute(WorkingDays(15), D("2024-02-02"), Cal).DueOn);
    }

    [Fact]
    public void Working_day_periods_never_roll_because_they_end_on_a_working_day()
    {
        var rule = WorkingDays(7) with { RollForwardToWorkingDay = true };
        var deadline = StatutoryClock.Compute(rule, D("2026-02-12"), Cal);
        Assert.Equal(D("2026-02-28"), deadline.DueOn);
        Assert.DoesNotContain(deadline.Explanation, l => l.Contains("moved", StringComparison.Ordinal));
    }

    [Fact]
    public void The_DOMAIN_example_with_its_explanation()
    {
        // DOMAIN §1.4: accepted 2021-01-14 under 2005 条例 Art. 33 → 2021-03-15; +30 日 approved 2021-03-01 → 2021-04-14
        // (Mar 16–31 = 16, Apr 1–14 → 30).
        var rule = RuleBook.Default.Rule(RuleCodes.Handling, "140000000000", D("2021-01-14"));
        var plain = StatutoryClock.Compute(rule, D("2021-01-14"), Cal);
        var extended = StatutoryClock.Compute(rule, D("2021-01-14"), Cal, extension: new ClockExtension(30, D("2021-03-01"), "情况复杂"));

        Assert.Equal(D("2021-03-15"), plain.DueOn);
        Assert.Equal(["办理期限: 60 日 after acceptance on 2021-01-14 (《信访条例》第三十三条): due 2021-03-15"], plain.Explanation);
        Assert.Empty(plain.Warnings);

        Assert.Equal(D("2021-04-14"), extended.DueOn);
        Assert.Equal(2, extended.Explanation.Count);
        Assert.StartsWith("+30 日 extension approved 2021-03-01: due 2021-04-14 (《信访条例》第三十三条; 情况复杂)", extended.Explanation[1]);
        Assert.Empty(extended.Warnings);
    }

    // Pauses: the days From..To (both ends included in the stop) are not counted; the end moves by the paused days,
    // in the rule's unit, that fall inside the running period.
    [Theory]
    // 30 日 re-examination from 2024-01-31 → 3/1; hearing 2/8–2/19 over 春节 = 12 days → 3/13
    [InlineData(false, 30, "2024-01-31", "2024-02-08", "2024-02-19", "2024-03-13", 12)]
    // one-day pause (A = B) excludes that day → 3/2
    [InlineData(false, 30, "2024-01-31", "2024-02-14", "2024-02-14", "2024-03-02", 1)]
    // pause 1/25–2/2 began before the start: only 2/1–2/2 are inside the period → 3/3
    [InlineData(false, 30, "2024-01-31", "2024-01-25", "2024-02-02", "2024-03-03", 2)]
    // pause 2/28–3/4 straddles the raw due date 3/1: Feb 1–27 count 27, 3/5(28) 3/6(29) 3/7(30)
    [InlineData(false, 30, "2024-01-31", "2024-02-28", "2024-03-04", "2024-03-07", 6)]
    // pause 3/5–3/6 after the due date 3/1: nothing moves
    [InlineData(false, 30, "2024-01-31", "2024-03-05", "2024-03-06", "2024-03-01", 0)]
    // 15 日 from 2023-09-20 → 10/5; pause 9/29–10/6 (8 days, all inside) → 10/13
    [InlineData(false, 15, "2023-09-20", "2023-09-29", "2023-10-06", "2023-10-13", 8)]
    // 20 工作日 from Mon 2024-01-29 → 2/29; third-party consultation 2/5–2/21 over 春节 holds 9 working days
    // (2/5–2/9, 2/18 Sun make-up, 2/19–2/21) → 3/1(1) 3/4–3/8(2–6) 3/11–3/13(7–9) → 3/13
    [InlineData(true, 20, "2024-01-29", "2024-02-05", "2024-02-21", "2024-03-13", 9)]
    // 5 工作日 from Fri 2025-09-26 → 10/10; a pause 10/1–10/8 lies wholly in the holiday: 0 working days, nothing moves
    [InlineData(true, 5, "2025-09-26", "2025-10-01", "2025-10-08", "2025-10-10", 0)]
    public void Pauses(bool workingDays, int length, string start, string from, string to, string expected, int notCounted)
    {
        var rule = workingDays ? WorkingDays(length) : Days(length);
        var deadline = StatutoryClock.Compute(rule, D(start), Cal, [new ClockPause(D(from), D(to), "听证")]);
        Assert.Equal(D(expected), deadline.DueOn);
        var unit = workingDays ? "工作日" : "日";
        Assert.Contains(deadline.Explanation, l => notCounted == 0
            ? l.Contains("nothing to shift", StringComparison.Ordinal)
            : l.Contains($"both days excluded: {notCounted} {unit} not counted: due {expected}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_later_pause_counts_once_an_earlier_one_has_moved_the_end()
    {
        // 30 日 from 2024-01-31 → 3/1. Pause 2/8–2/19 (12) → 3/13. Pause 3/12–3/13 would be after 3/1 alone, but lies
        // inside the period once the first pause moved the end: +2 → 3/15. Passed out of order on purpose.
        var deadline = StatutoryClock.Compute(Days(30), D("2024-01-31"), Cal,
            [new ClockPause(D("2024-03-12"), D("2024-03-13"), "第二次听证"), new ClockPause(D("2024-02-08"), D("2024-02-19"), "听证")]);
        Assert.Equal(D("2024-03-15"), deadline.DueOn);
        Assert.Equal(3, deadline.Explanation.Count);
        Assert.Contains("12 日 not counted: due 2024-03-13", deadline.Explanation[1]);
        Assert.Contains("2 日 not counted: due 2024-03-15", deadline.Explanation[2]);
    }

    [Fact]
    public void Overlapping_pauses_count_each_day_once()
    {
        // 2/8–2/19 and 2/15–2/22: union 2/8–2/22 = 15 days → 3/1 + 15 = 3/16; the second adds only 2/20–2/22.
        var deadline = StatutoryClock.Compute(Days(30), D("2024-01-31"), Cal,
            [new ClockPause(D("2024-02-08"), D("2024-02-19"), "a"), new ClockPause(D("2024-02-15"), D("2024-02-22"), "b")]);
        Assert.Equal(D("2024-03-16"), deadline.DueOn);
        Assert.Contains("3 日 not counted: due 2024-03-16", deadline.Explanation[2]);
    }

    [Fact]
    public void A_pause_that_ends_before_it_starts_is_rejected() =>
        Assert.Throws<ArgumentException>(() => StatutoryClock.Compute(Days(30), D("2024-01-31"), Cal,
            [new ClockPause(D("2024-02-19"), D("2024-02-08"), "typo")]));

    // Extensions: the extension's length is counted after the due date, in the rule's extension unit.
    [Theory]
    // 2005 handling from 2021-01-14 → 3/15; +30 → 4/14 (DOMAIN)
    [InlineData(RuleCodes.Handling, "140000000000", "2021-01-14", 30, "2021-03-01", "2021-04-14")]
    // 2022 handling 60 日 from 2023-03-01: Mar 2–31 = 30, Apr 1–30 → 60 → 4/30; +1 → 5/1 (a 劳动节 holiday: petition limits do not roll)
    [InlineData(RuleCodes.Handling, "140000000000", "2023-03-01", 1, "2023-03-20", "2023-05-01")]
    // Zhejiang sample 30 日 from 2023-03-01 → 3/31; +60: Apr 30 → 30, May 1–30 → 60 → 5/30
    [InlineData(RuleCodes.Handling, "330106000000", "2023-03-01", 60, "2023-03-20", "2023-05-30")]
    // disclosure reply 20 工作日 from 2025-09-19 → 10/23 (working-day row above); +20 工作日: 10/24(1) 10/27–10/31(2–6)
    // 11/3–11/7(7–11) 11/10–11/14(12–16) 11/17–11/20(17–20) → 11/20
    [InlineData(RuleCodes.DisclosureReply, "140000000000", "2025-09-19", 20, "2025-10-20", "2025-11-20")]
    // reconsideration decision 60 日 (roll-forward on) from 2024-07-03: Jul 4–31 = 28, Aug → 59, Sun 9/1 → Mon 9/2;
    // +30 from 9/2 → 10/2 in 国庆节 10/1–10/7 → Tue 10/8
    [InlineData(RuleCodes.ReconsiderationDecision, "140000000000", "2024-07-03", 30, "2024-08-20", "2024-10-08")]
    public void Extensions(string code, string division, string start, int length, string approvedOn, string expected)
    {
        var rule = RuleBook.Default.Rule(code, division, D(start));
        var deadline = StatutoryClock.Compute(rule, D(start), Cal, extension: new ClockExtension(length, D(approvedOn), "情况复杂"));
        Assert.Equal(D(expected), deadline.DueOn);
        Assert.Empty(deadline.Warnings);
    }

    [Fact]
    public void Roll_forward_before_and_after_an_extension_is_explained()
    {
        var rule = RuleBook.Default.Rule(RuleCodes.ReconsiderationDecision, "140000000000", D("2024-07-03"));
        var deadline = StatutoryClock.Compute(rule, D("2024-07-03"), Cal, extension: new ClockExtension(30, D("2024-08-20"), ""));
        Assert.Equal(
        [
            "行政复议决定期限: 60 日 after acceptance on 2024-07-03 (《行政复议法》): due 2024-09-01",
            "last day 2024-09-01 is a rest day (weekend), moved to the next working day (《民法典》第二百零三条): due 2024-09-02",
            "+30 日 extension approved 2024-08-20: due 2024-10-02 (《行政复议法》)",
            "last day 2024-10-02 is a rest day (国庆节), moved to the next working day (《民法典》第二百零三条): due 2024-10-08",
        ], deadline.Explanation);
    }

    [Theory]
    [InlineData(RuleCodes.Handling, "140000000000", 31, "maximum of 30 日")]        // 2022 Art. 34: ≤ 30 日
    [InlineData(RuleCodes.Handling, "330106000000", 61, "maximum of 60 日")]        // Zhejiang sample: ≤ 60 日
    [InlineData(RuleCodes.DisclosureReply, "140000000000", 21, "maximum of 20 工作日")] // 《政府信息公开条例》Art. 33: ≤ 20 工作日
    [InlineData(RuleCodes.Objection, "140000000000", 1, "allows no extension")]    // Art. 23 has no extension
    [InlineData(RuleCodes.Handling, "140000000000", 0, "at least 1")]
    public void Extensions_over_the_cap_are_errors(string code, string division, int length, string message)
    {
        var rule = RuleBook.Default.Rule(code, division, D("2023-03-01"));
        var ex = Assert.Throws<ArgumentException>(() =>
            StatutoryClock.Compute(rule, D("2023-03-01"), Cal, extension: new ClockExtension(length, D("2023-03-10"), "")));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void An_extension_approved_after_the_limit_expired_is_warned_about()
    {
        var rule = RuleBook.Default.Rule(RuleCodes.Handling, "140000000000", D("2021-01-14"));
        var deadline = StatutoryClock.Compute(rule, D("2021-01-14"), Cal, extension: new ClockExtension(30, D("2021-03-20"), ""));
        Assert.Equal(D("2021-04-14"), deadline.DueOn);
        Assert.Contains(deadline.Warnings, w => w.Contains("after the limit had expired on 2021-03-15", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pause_inside_the_extension_moves_the_extended_end()
    {
        // 3/15 + 30 = 4/14; pause 4/1–4/5 (5 days) lies after 3/15 but inside the extension → 4/19.
        var rule = RuleBook.Default.Rule(RuleCodes.Handling, "140000000000", D("2021-01-14"));
        var deadline = StatutoryClock.Compute(rule, D("2021-01-14"), Cal,
            [new ClockPause(D("2021-04-01"), D("2021-04-05"), "听证")], new ClockExtension(30, D("2021-03-01"), ""));
        Assert.Equal(D("2021-04-19"), deadline.DueOn);
        Assert.Contains("nothing to shift", deadline.Explanation[1]);
        Assert.StartsWith("+30 日 extension approved 2021-03-01, 5 日 of clock stop not counted: due 2021-04-19", deadline.Explanation[2]);
    }

    // Years without a loaded notice: weekday-only fallback, and a warning naming the year.
    [Theory]
    // 5 工作日 from Wed 2026-12-30: 12/31 Thu(1), 2027-01-01 Fri(2, fallback counts it), 1/4–1/6(3–5)
    [InlineData(true, 5, false, "2026-12-30", "2027-01-06", "2027")]
    // 15 日 roll-forward from Fri 2026-12-18 → Sat 2027-01-02, weekend by fallback → Mon 1/4
    [InlineData(false, 15, true, "2026-12-18", "2027-01-04", "2027")]
    // 5 工作日 from Tue 2020-12-29: 12/30(1) 12/31(2) are 2020 (no notice) [元旦 1/1–1/3] 1/4–1/6(3–5)
    [InlineData(true, 5, false, "2020-12-29", "2021-01-06", "2020")]
    // 1 工作日 from Mon 2026-12-28 → Tue 12/29: all in 2026, but the 2027 notice may still re-arrange December 29–31
    [InlineData(true, 1, false, "2026-12-28", "2026-12-29", "2027")]
    public void Years_without_a_notice_fall_back_to_weekdays_and_warn(bool workingDays, int length, bool roll, string start, string expected, string year)
    {
        var rule = workingDays ? WorkingDays(length) : Days(length, roll);
        var deadline = StatutoryClock.Compute(rule, D(start), Cal);
        Assert.Equal(D(expected), deadline.DueOn);
        var warning = Assert.Single(deadline.Warnings);
        Assert.Contains($"No holiday notice is loaded for {year}", warning);
        Assert.Contains($"《关于{year}年部分节假日安排的通知》", warning);
    }

    [Fact]
    public void Plain_calendar_days_do_not_consult_the_calendar_so_no_warning()
    {
        // 60 日 without roll-forward from 2026-12-01: Dec 2–31 = 30, Jan 1–30 → 2027-01-30. No holiday can change that.
        var deadline = StatutoryClock.Compute(Days(60), D("2026-12-01"), Cal);
        Assert.Equal(D("2027-01-30"), deadline.DueOn);
        Assert.Empty(deadline.Warnings);
    }
}
