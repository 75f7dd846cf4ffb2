using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using static Sunshine.Domain.Tests.Calendar.Dates;
using static Sunshine.Domain.Tests.Petitions.Cases;

namespace Sunshine.Domain.Tests.Petitions;

/// <summary>
/// Due dates computed by hand from the statute and the holiday table (DOMAIN.md §5). Calendar-day periods count every
/// day from the day after the event (Civil Code Art. 201) and, for petition limits, stay on a rest day; working-day
/// periods count working days only, make-up Saturdays and Sundays included.
/// </summary>
public class PetitionClockTests
{
    // Art. 22 (2005 Art. 21): 15 日 from the first registration, for the whole chain.
    [Theory]
    [InlineData("2021-02-05", "2021-02-20", "《信访条例》第二十一条")]     // Feb 6..20 = 15; 春节 2/11–2/17 counts; 2/20 is a make-up Saturday
    [InlineData("2022-04-30", "2022-05-15", "《信访条例》第二十一条")]     // registered on the 2005 条例's last day: its rule applies
    [InlineData("2022-05-01", "2022-05-16", "《信访工作条例》第二十二条")] // the 2022 条例's first day
    [InlineData("2022-09-25", "2022-10-10", "《信访工作条例》第二十二条")] // Sep 26..30 = 5, Oct 1..10 = 10 over 国庆节
    [InlineData("2023-01-16", "2023-01-31", "《信访工作条例》第二十二条")] // 1/17..1/31 = 15 over 春节 1/21–1/27
    public void Transfer_due(string registeredOn, string due, string article)
    {
        var deadline = PetitionClock.TransferDue(Case(PetitionStatus.Registered, registeredOn: registeredOn))!;
        Assert.Equal(D(due), deadline.DueOn);
        Assert.Contains(deadline.Explanation, line => line.Contains(article));
    }

    // A configured cascade gives each level its share from its handover, never past the chain's 15 日
    // (registered nationally 2024-09-25: total due 9/26..9/30 = 5, 10/1..10/10 = 10 → 2024-10-10).
    [Theory]
    [InlineData("2024-09-25", 5, "国家", "2024-09-30")] // national level: 9/26..9/30
    [InlineData("2024-09-30", 3, "省", "2024-10-03")]   // province from its handover: 10/1..10/3 (calendar days, 国庆节 counts)
    [InlineData("2024-10-03", 3, "市", "2024-10-06")]
    [InlineData("2024-10-08", 4, "县", "2024-10-10")]   // own share would end 10/12: capped by the total
    public void Transfer_due_per_cascade_level(string receivedOn, int days, string level, string due)
    {
        var petition = Case(PetitionStatus.Registered, registeredOn: "2024-09-25") with { Leg = new TransferLeg(D(receivedOn), days, level) };
        var deadline = PetitionClock.TransferDue(petition)!;
        Assert.Equal(D(due), deadline.DueOn);
        Assert.StartsWith($"{level} share", deadline.Explanation[^1]);
        // The same as the calendar's own cascade hop.
        Assert.Equal(TransferCascade.HopDue(D(receivedOn), days, D("2024-10-10")), deadline.DueOn);
    }

    // The receiving unit's decision: 15 日 (2022 Art. 23 receipt notice; 2005 Art. 22 acceptance decision).
    [Theory]
    [InlineData("2021-09-28", "2021-10-13", "《信访条例》第二十二条")]     // 9/29..9/30 = 2, 10/1..10/13 = 13
    [InlineData("2023-01-18", "2023-02-02", "《信访工作条例》第二十三条")] // 1/19..1/31 = 13, 2/1..2/2 = 2
    public void Acceptance_due(string transferredOn, string due, string article)
    {
        var deadline = PetitionClock.AcceptanceDue(Case(PetitionStatus.Transferred) with { TransferredOn = D(transferredOn) })!;
        Assert.Equal(D(due), deadline.DueOn);
        Assert.Contains(deadline.Explanation, line => line.Contains(article));
    }

    // Art. 23: 5 工作日 from receipt of the transfer.
    [Theory]
    [InlineData("2023-01-19", "2023-01-31")] // 1/20(1) [春节 1/21–1/27] 1/28 Sat make-up(2) 1/29 Sun make-up(3) 1/30(4) 1/31(5)
    [InlineData("2023-09-27", "2023-10-10")] // 9/28(1) [9/29–10/6] 10/7 Sat(2) 10/8 Sun(3) 10/9(4) 10/10(5)
    [InlineData("2024-09-27", "2024-10-10")] // 9/28 Sat rest, 9/29 Sun make-up(1) 9/30(2) [国庆节 10/1–10/7] 10/8(3) 10/9(4) 10/10(5)
    [InlineData("2026-02-12", "2026-02-26")] // 2/13(1) 2/14 Sat make-up(2) [春节 2/15–2/23] 2/24(3) 2/25(4) 2/26(5)
    [InlineData("2025-12-31", "2026-01-08")] // [元旦 1/1–1/3] 1/4 Sun make-up(1) 1/5–1/8(2–5)
    public void Objection_due(string transferredOn, string due)
    {
        var deadline = PetitionClock.ObjectionDue(Case(PetitionStatus.Transferred) with { TransferredOn = D(transferredOn) })!;
        Assert.Equal(D(due), deadline.DueOn);
        Assert.Contains(deadline.Explanation, line => line.Contains("《信访工作条例》第二十三条"));
    }

    [Fact]
    public void The_2005_rules_have_no_objection_window()
    {
        Assert.Null(PetitionClock.ObjectionDue(Case(PetitionStatus.Transferred) with { TransferredOn = D("2021-10-08") }));
    }

    // Art. 34 (2005 Art. 33): 60 日 from acceptance, + the extension; simplified procedure 10 工作日; Zhejiang's sample 30 日.
    [Theory]
    [InlineData(Shanxi, "2021-01-14", false, null, "2021-03-15", "《信访条例》第三十三条")]     // DOMAIN §1.4: Jan 15..31 = 17, Feb 28 → 45, Mar 1..15 → 60
    [InlineData(Shanxi, "2021-01-14", false, 30, "2021-04-14", "《信访条例》第三十三条")]       // + Mar 16..31 = 16, Apr 1..14 = 14
    [InlineData(Shanxi, "2022-04-30", false, null, "2022-06-29", "《信访条例》第三十三条")]     // accepted under 2005: May 31 + Jun 29
    [InlineData(Shanxi, "2022-05-01", false, null, "2022-06-30", "《信访工作条例》第三十四条")] // accepted under 2022: 5/2..5/31 = 30, June 30
    [InlineData(Shanxi, "2022-08-05", false, null, "2022-10-04", "《信访工作条例》第三十四条")] // Aug 6..31 = 26, Sep 30 → 56, Oct 1..4 (国庆节, stays)
    [InlineData(Shanxi, "2022-08-05", false, 30, "2022-11-03", "《信访工作条例》第三十四条")]   // + Oct 5..31 = 27, Nov 1..3
    [InlineData(Shanxi, "2023-01-05", false, 10, "2023-03-16", "《信访工作条例》第三十四条")]   // Jan 6..31 = 26, Feb 28 → 54, Mar 1..6 → 60; +10 → 3/16
    [InlineData(Hangzhou, "2023-01-10", false, null, "2023-02-09", "浙江省地方规定（示例）")]   // 1/11..1/31 = 21, 2/1..2/9 = 9
    [InlineData(Hangzhou, "2023-01-10", false, 60, "2023-04-10", "浙江省地方规定（示例）")]     // + 2/10..2/28 = 19, March 31, 4/1..4/10 = 10
    [InlineData(Hangzhou, "2022-04-20", false, null, "2022-06-19", "《信访条例》第三十三条")]   // before the override: national 60 日
    [InlineData(Shanxi, "2024-02-07", true, null, "2024-02-27", "简易办理（2016）")]           // 2/8(1) 2/9(2) [春节 2/10–2/17] 2/18 Sun(3) 2/19–2/23(4–8) 2/26(9) 2/27(10)
    [InlineData(Shanxi, "2021-09-24", true, null, "2021-10-13", "简易办理（2016）")]           // 9/26 Sun(1) 9/27–9/30(2–5) [国庆节] 10/8(6) 10/9 Sat(7) 10/11–10/13(8–10)
    [InlineData(Shanxi, "2023-09-27", true, null, "2023-10-17", "简易办理（2016）")]           // 9/28(1) [9/29–10/6] 10/7(2) 10/8(3) 10/9–10/13(4–8) 10/16(9) 10/17(10)
    public void Handling_due(string division, string acceptedOn, bool simplified, int? extension, string due, string article)
    {
        var petition = Case(PetitionStatus.Accepted, division: division) with
        {
            AcceptedOn = D(acceptedOn),
            IsSimplified = simplified,
            ExtensionDays = extension,
            ExtendedOn = extension is null ? null : D(acceptedOn).AddDays(20),
        };
        var deadline = PetitionClock.HandlingDue(petition)!;
        Assert.Equal(D(due), deadline.DueOn);
        Assert.Contains(deadline.Explanation, line => line.Contains(article));
        Assert.Empty(deadline.Warnings);
    }

    [Theory]
    [InlineData(Purpose.Suggestion)] // Art. 29: studied and answered, no 60 日 opinion clock
    [InlineData(Purpose.Accusation)] // Art. 30
    [InlineData(Purpose.Inquiry)]
    public void Only_opinion_items_have_a_handling_limit(Purpose purpose)
    {
        Assert.Null(PetitionClock.HandlingDue(Case(PetitionStatus.Accepted, purpose) with { AcceptedOn = D("2023-03-03") }));
    }

    // Art. 35–36 (2005 Art. 34–35): each request window and each decision is 30 日.
    [Theory]
    [InlineData("review-request", "2023-01-10", "2023-02-09")]        // 1/11..1/31 = 21, 2/1..2/9 = 9, over 春节
    [InlineData("review-request", "2021-09-15", "2021-10-15")]        // 2005: 9/16..9/30 = 15, 10/1..10/15 = 15, over 国庆节
    [InlineData("review", "2022-09-20", "2022-10-20")]                // 9/21..9/30 = 10, 10/1..10/20 = 20
    [InlineData("review", "2022-01-25", "2022-02-24")]                // 2005: 1/26..1/31 = 6, 2/1..2/24 = 24, over 春节 1/31–2/6
    [InlineData("reexamination-request", "2026-02-01", "2026-03-03")] // 2/2..2/28 = 27, 3/1..3/3 = 3
    [InlineData("reexamination-request", "2024-12-20", "2025-01-19")] // 12/21..12/31 = 11, 1/1..1/19 = 19
    public void Request_windows_and_review(string step, string start, string due)
    {
        var petition = Case(PetitionStatus.OpinionIssued) with { OpinionIssuedOn = D(start), ReviewRequestedOn = D(start), ReviewRepliedOn = D(start) };
        var deadline = step switch
        {
            "review-request" => PetitionClock.ReviewRequestDue(petition),
            "review" => PetitionClock.ReviewDue(petition),
            _ => PetitionClock.ReexaminationRequestDue(petition),
        };
        Assert.Equal(D(due), deadline!.DueOn);
    }

    // Art. 36: 30 日 for the re-examination opinion; each hearing day (start and end included) is not counted.
    [Theory]
    [InlineData("2023-03-01", "", "", "2023-03-28", "2023-03-31")]                            // 3/2..3/31 = 30
    [InlineData("2023-03-01", "2023-03-10/2023-03-12", "", "2023-03-28", "2023-04-03")]      // 3 days paused → +3
    [InlineData("2023-03-01", "2023-03-10/2023-03-12,2023-03-20/2023-03-20", "", "2023-03-28", "2023-04-04")] // +3 +1
    [InlineData("2023-03-01", "2023-03-30/2023-04-02", "", "2023-04-10", "2023-04-04")]      // 3/2..3/29 = 28, paused 3/30–4/2, 4/3 (29), 4/4 (30)
    [InlineData("2023-03-01", "2023-02-20/2023-02-21", "", "2023-03-28", "2023-03-31")]      // before the request: nothing shifts
    [InlineData("2023-03-01", "", "2023-03-25", "2023-03-28", "2023-04-04")]                 // running since 3/25: 3/25..3/28 = 4 days so far
    [InlineData("2023-03-01", "", "2023-03-25", "2023-03-25", "2023-04-01")]                 // started today: 1 day
    [InlineData("2021-09-20", "2021-10-08/2021-10-09", "", "2021-10-15", "2021-10-22")]      // 2005 Art. 35: 10/20 + 2
    [InlineData("2025-09-20", "2025-10-09/2025-10-10", "", "2025-10-15", "2025-10-22")]      // 9/21..9/30 = 10, 10/1..10/20 = 20 → 10/20 (国庆节 counts), +2
    public void Reexamination_due_with_hearings(string requestedOn, string hearings, string runningSince, string today, string due)
    {
        var pauses = hearings.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Split('/'))
            .Select(h => new ClockPause(D(h[0]), D(h[1]), "听证"))
            .ToList();
        var petition = Case(PetitionStatus.UnderReexamination) with
        {
            ReexaminationRequestedOn = D(requestedOn),
            Hearings = pauses,
            HearingStartedOn = runningSince == "" ? null : D(runningSince),
        };
        Assert.Equal(D(due), PetitionClock.ReexaminationDue(petition, D(today))!.DueOn);
    }

    // Current: the step the case is in.
    [Theory]
    [InlineData(PetitionStatus.Registered, "2023-03-16")]          // transfer: 3/2..3/16
    [InlineData(PetitionStatus.Transferred, "2023-03-17")]         // receipt notice from 3/2: 3/3..3/17
    [InlineData(PetitionStatus.Accepted, "2023-05-02")]            // 60 日 from 3/3: 3/4..3/31 = 28, April 30, 5/1..5/2
    [InlineData(PetitionStatus.OpinionIssued, "2023-05-10")]       // from 4/10: 4/11..4/30 = 20, 5/1..5/10 = 10
    [InlineData(PetitionStatus.UnderReview, "2023-05-20")]         // from 4/20
    [InlineData(PetitionStatus.Reviewed, "2023-06-09")]            // from 5/10: 5/11..5/31 = 21, 6/1..6/9 = 9
    [InlineData(PetitionStatus.UnderReexamination, "2023-06-19")]  // from 5/20: 5/21..5/31 = 11, 6/1..6/19 = 19
    [InlineData(PetitionStatus.Reexamined, null)]
    [InlineData(PetitionStatus.Concluded, null)]
    [InlineData(PetitionStatus.Declined, null)]
    public void Current_step(PetitionStatus status, string? due)
    {
        var deadline = PetitionClock.Current(Walked(status), D("2023-05-25"));
        Assert.Equal(due is null ? null : D(due), deadline?.DueOn);
    }

    [Fact]
    public void The_explanation_names_the_rule_set_and_the_article()
    {
        var petition = Case(PetitionStatus.Accepted) with { AcceptedOn = D("2021-01-14"), ExtensionDays = 30, ExtendedOn = D("2021-03-01") };
        var deadline = PetitionClock.HandlingDue(petition)!;
        Assert.Equal(
            [
                "rule set xinfang-2005 《信访条例》(国务院令第431号) for division 140100000000, in force on 2021-01-14",
                "办理期限: 60 日 after acceptance on 2021-01-14 (《信访条例》第三十三条): due 2021-03-15",
                "+30 日 extension approved 2021-03-01: due 2021-04-14 (《信访条例》第三十三条; 延期，经负责人批准)",
            ],
            deadline.Explanation);
    }

    // The deadline colour counts in the unit of the current step's rule: with the shipped rules, 日 everywhere but the
    // simplified procedure's 10 工作日 — and no two rule sets disagree, so a colour is one range on the due date.
    [Theory]
    [InlineData(PetitionStatus.Registered, false, PeriodUnit.CalendarDays)]
    [InlineData(PetitionStatus.Transferred, false, PeriodUnit.CalendarDays)]
    [InlineData(PetitionStatus.Assigned, true, PeriodUnit.CalendarDays)]
    [InlineData(PetitionStatus.Accepted, false, PeriodUnit.CalendarDays)]
    [InlineData(PetitionStatus.Accepted, true, PeriodUnit.WorkingDays)]
    [InlineData(PetitionStatus.UnderReview, false, PeriodUnit.CalendarDays)]
    [InlineData(PetitionStatus.UnderReexamination, false, PeriodUnit.CalendarDays)]
    [InlineData(PetitionStatus.Concluded, false, null)]
    public void Current_unit(PetitionStatus status, bool simplified, PeriodUnit? expected) =>
        Assert.Equal(expected, PetitionClock.CurrentUnit(status, simplified));

    [Fact]
    public void Current_unit_refuses_rule_sets_that_disagree()
    {
        var province = RuleSet.Of("test-province", "测试省", "33", new DateOnly(2022, 5, 1), null,
            new TimeLimitRule(RuleCodes.Handling, "办理期限（测试）", 30, PeriodUnit.WorkingDays, "测试"));
        var book = new RuleBook([DefaultRuleSets.Xinfang2022, province]);
        Assert.Throws<InvalidOperationException>(() => PetitionClock.CurrentUnit(PetitionStatus.Accepted, false, book));
        Assert.Equal(PeriodUnit.CalendarDays, PetitionClock.CurrentUnit(PetitionStatus.UnderReview, false, book));
    }
}
