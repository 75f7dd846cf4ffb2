using Sunshine.Domain.Calendar;
using Sunshine.Domain.Disclosure;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Disclosure;

/// <summary>The reply clock of 《政府信息公开条例》第三十至三十三条, dates counted by hand from DOMAIN.md §5.</summary>
public class DisclosureClockTests
{
    private const string Shanxi = "140000000000";
    private static readonly HolidayCalendar Cal = HolidayCalendar.Shipped;

    private static DisclosureDeadlines Compute(DisclosureClockInput input, string today = "2026-09-16") =>
        DisclosureClock.Compute(input, D(today), RuleBook.Default, Shanxi, Cal);

    [Fact]
    public void Twenty_working_days_across_National_Day_2025()
    {
        // Received Fri 2025-09-26. 2025 notice: 国庆节、中秋节 10/1–10/8, make-up days Sun 9/28 and Sat 10/11.
        // 9/27 Sat rest; 9/28 (make-up) 1, 9/29 2, 9/30 3; 10/1–10/8 holiday; 10/9 4, 10/10 5, 10/11 (make-up) 6;
        // 10/13–10/17 7–11; 10/20–10/24 12–16; 10/27 17, 10/28 18, 10/29 19, Thu 10/30 20.
        var d = Compute(new DisclosureClockInput(D("2025-09-26")));
        Assert.Equal(D("2025-10-30"), d.ReplyDueOn);
        // 补正 within 7 工作日: 9/28 1, 9/29 2, 9/30 3, 10/9 4, 10/10 5, 10/11 6, Mon 10/13 7.
        Assert.Equal(D("2025-10-13"), d.CorrectionLimitOn);
        Assert.Empty(d.Warnings);
        Assert.Contains(d.Explanation, l => l.Contains("第三十三条", StringComparison.Ordinal) && l.Contains("2025-10-30", StringComparison.Ordinal));
    }

    [Fact]
    public void An_extension_adds_twenty_working_days_after_the_due_date()
    {
        // Due 2025-10-30 (above); +20 工作日: 10/31 1; 11/3–11/7 2–6; 11/10–14 7–11; 11/17–21 12–16; 11/24 17, 25 18, 26 19, Thu 11/27 20.
        var d = Compute(new DisclosureClockInput(D("2025-09-26"), ExtensionDays: 20, ExtendedOn: D("2025-10-28")));
        Assert.Equal(D("2025-11-27"), d.ReplyDueOn);
    }

    [Fact]
    public void A_correction_restarts_the_clock_and_a_third_party_stop_is_not_counted_across_Spring_Festival_2026()
    {
        // Received Thu 2026-02-05. 2026 notice: 春节 2/15–2/23, make-up days Sat 2/14 and Sat 2/28.
        // 补正 limit, 7 工作日: 2/6 1, 2/9 2, 2/10 3, 2/11 4, 2/12 5, 2/13 6, Sat 2/14 (make-up) 7.
        // Asked 2/6; corrected application received Thu 2/12: the clock starts again from 2/12.
        // Without a stop: 2/13 1, 2/14 2, (2/15–2/23 春节), 2/24 3, 2/25 4, 2/26 5, 2/27 6, 2/28 7, 3/2–3/6 8–12,
        //   3/9–3/13 13–17, 3/16 18, 3/17 19, Wed 3/18 20.
        var corrected = new DisclosureClockInput(D("2026-02-05"), CorrectionRequestedOn: D("2026-02-06"), CorrectionAnswerBy: D("2026-02-27"), CorrectedOn: D("2026-02-12"));
        var plain = Compute(corrected);
        Assert.Equal(D("2026-02-14"), plain.CorrectionLimitOn);
        Assert.Equal(D("2026-02-12"), plain.ClockStart);
        Assert.Equal(D("2026-03-18"), plain.ReplyDueOn);

        // A third party asked Fri 2/13, answering Thu 2/26: 2/13, 2/14, 2/24, 2/25, 2/26 are working days not counted (5).
        // 2/27 1, 2/28 2, 3/2–3/6 3–7, 3/9–3/13 8–12, 3/16–3/20 13–17, 3/23 18, 3/24 19, Wed 3/25 20.
        var consulted = Compute(corrected with { Consultations = [new Consultation(ConsultationKind.ThirdParty, D("2026-02-13"), D("2026-02-26"))] });
        Assert.Equal(D("2026-03-25"), consulted.ReplyDueOn);
        Assert.False(consulted.Stopped);
        // The third party's own 15 工作日 from 2/13: 2/14 1, 2/24–2/27 2–5, 2/28 6, 3/2–3/6 7–11, 3/9 12, 3/10 13, 3/11 14, Thu 3/12 15.
        Assert.Equal(D("2026-03-12"), Assert.Single(consulted.Consultations).AnswerDueOn);
    }

    [Fact]
    public void While_waiting_for_the_correction_there_is_no_reply_date()
    {
        var d = Compute(new DisclosureClockInput(D("2026-02-05"), CorrectionRequestedOn: D("2026-02-06"), CorrectionAnswerBy: D("2026-02-27")));
        Assert.Null(d.ReplyDueOn);
        Assert.Equal(D("2026-02-05"), d.ClockStart);
    }

    [Fact]
    public void A_running_consultation_holds_the_clock_up_to_today()
    {
        // Received Fri 2025-09-26; a third party asked Mon 10/27, no answer yet, today Wed 10/29: 10/27, 10/28, 10/29 not counted.
        // Counted: 9/28–9/30 1–3, 10/9–10/11 4–6, 10/13–10/24 7–16; 10/27–10/29 stopped; 10/30 17, 10/31 18, 11/3 19, Tue 11/4 20.
        var d = Compute(new DisclosureClockInput(D("2025-09-26"), Consultations: [new Consultation(ConsultationKind.OtherOrgan, D("2025-10-27"), null)]), today: "2025-10-29");
        Assert.True(d.Stopped);
        Assert.Equal(D("2025-11-04"), d.ReplyDueOn);
    }

    [Fact]
    public void A_pending_fee_notice_holds_the_reply_where_the_organ_says_so()
    {
        // Received 2025-09-26 (due 10/30). Fee notice Thu 10/9, paid Mon 10/13: 10/9, 10/10, 10/11 (make-up), 10/13 not counted (4).
        // 9/28–9/30 1–3, 10/14–10/17 4–7, 10/20–24 8–12, 10/27–31 13–17, 11/3 18, 11/4 19, Wed 11/5 20.
        var input = new DisclosureClockInput(D("2025-09-26"), FeeNoticeOn: D("2025-10-09"), FeePaidOn: D("2025-10-13"));
        var waits = Compute(input);
        Assert.Equal(D("2025-11-05"), waits.ReplyDueOn);
        // Payment within 20 工作日 of 10/9: 10/10 1, 10/11 2, 10/13–17 3–7, 10/20–24 8–12, 10/27–31 13–17, 11/3 18, 11/4 19, Wed 11/5 20.
        Assert.Equal(D("2025-11-05"), waits.FeePaymentDueOn);

        var runs = Compute(input with { ReplyWaitsForFee = false });
        Assert.Equal(D("2025-10-30"), runs.ReplyDueOn);
    }

    [Theory]
    [InlineData(RequestChannel.InPerson, false, "2026-03-02")]
    [InlineData(RequestChannel.RegisteredPost, false, "2026-03-02")]
    [InlineData(RequestChannel.OrdinaryPost, false, "2026-03-03")]
    [InlineData(RequestChannel.Online, false, "2026-03-03")]
    [InlineData(RequestChannel.Fax, false, "2026-03-03")]
    [InlineData(RequestChannel.Email, false, "2026-03-03")]
    [InlineData(RequestChannel.Email, true, "2026-03-02")]
    public void The_receipt_date_follows_the_channel(RequestChannel channel, bool emailByMailSystem, string expected)
    {
        // Arrived (handed in / signed for / reached the mail system) 3/2, confirmed with the applicant 3/3.
        var ruling = ReceiptDate.Decide(channel, D("2026-03-02"), D("2026-03-03"), emailByMailSystem);
        Assert.Equal(D(expected), ruling.ReceivedOn);
        Assert.Contains(channel == RequestChannel.Email && emailByMailSystem ? "207号" : "第三十一条", ruling.Rule, StringComparison.Ordinal);
        Assert.Null(ReceiptDate.Decide(RequestChannel.Online, D("2026-03-02"), null, false).ReceivedOn);
    }
}
