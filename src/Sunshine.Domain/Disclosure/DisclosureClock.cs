using Sunshine.Domain.Calendar;

namespace Sunshine.Domain.Disclosure;

/// <summary>Why the reply clock stood still: consulting a third party (Art. 32) or another organ (Art. 33 ¶2).</summary>
public enum ConsultationKind
{
    /// <summary>征求第三方意见: the third party has 15 工作日 to answer (Art. 32).</summary>
    ThirdParty = 1,

    /// <summary>征求其他机关意见 (Art. 33 ¶2).</summary>
    OtherOrgan = 2,
}

/// <summary>A consultation sent on <paramref name="SentOn"/>; <paramref name="AnsweredOn"/> null while it runs. Both days are not counted.</summary>
public sealed record Consultation(ConsultationKind Kind, DateOnly SentOn, DateOnly? AnsweredOn);

/// <summary>Everything the reply clock depends on, as recorded on the request.</summary>
/// <param name="ReceivedOn">收到申请之日 (Art. 31).</param>
/// <param name="CorrectionRequestedOn">The one request for correction (补正, Art. 30), if any.</param>
/// <param name="CorrectionAnswerBy">The reasonable time the organ gave the applicant to answer it.</param>
/// <param name="CorrectedOn">The day the corrected application arrived: the reply clock starts again from it.</param>
/// <param name="ExtensionDays">Extension with the head's consent (Art. 33 ¶1), ≤ 20 工作日.</param>
/// <param name="FeeNoticeOn">The day the fee notice was sent (国办函〔2020〕109号).</param>
/// <param name="FeePaidOn">The day the applicant paid.</param>
/// <param name="ReplyWaitsForFee">Per-organ setting: whether the reply clock stands still while the fee notice is pending (default yes).</param>
public sealed record DisclosureClockInput(
    DateOnly ReceivedOn,
    DateOnly? CorrectionRequestedOn = null,
    DateOnly? CorrectionAnswerBy = null,
    DateOnly? CorrectedOn = null,
    IReadOnlyList<Consultation>? Consultations = null,
    int? ExtensionDays = null,
    DateOnly? ExtendedOn = null,
    DateOnly? FeeNoticeOn = null,
    DateOnly? FeePaidOn = null,
    bool ReplyWaitsForFee = true);

/// <summary>
/// The reply clock of one request, with every date it used and how it was computed.
/// <paramref name="ReplyDueOn"/> is null while the organ waits for a correction (the clock has not restarted yet).
/// <paramref name="Stopped"/> is true while a consultation or a fee notice holds the clock: the due date shown counts the
/// stop up to today and moves on each working day until it ends.
/// </summary>
public sealed record DisclosureDeadlines(
    DateOnly ClockStart,
    DateOnly? ReplyDueOn,
    DateOnly CorrectionLimitOn,
    DateOnly? FeePaymentDueOn,
    IReadOnlyList<(Consultation Consultation, DateOnly AnswerDueOn)> Consultations,
    bool Stopped,
    IReadOnlyList<string> Explanation,
    IReadOnlyList<string> Warnings);

/// <summary>
/// The statutory clock of a disclosure request (《政府信息公开条例》第三十至三十三条, DOMAIN.md §2.2, §1.4), on the holiday
/// calendar: reply within 20 工作日 of receipt; one correction request within 7 工作日 of receipt, after which the clock
/// restarts on the corrected application; consultations of third parties and other organs are not counted; an
/// extension of up to 20 工作日 with the head's consent; a pending fee notice holds the clock where the organ says so,
/// and unpaid after 20 工作日 the application is abandoned. Pure: the caller passes the rules, the calendar and today.
/// </summary>
public static class DisclosureClock
{
    public static DisclosureDeadlines Compute(DisclosureClockInput input, DateOnly today, RuleBook rules, string divisionCode, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendar);
        var reply = rules.Rule(RuleCodes.DisclosureReply, divisionCode, input.ReceivedOn);
        var explanation = new List<string>();
        var warnings = new List<string>();

        var correction = CorrectionLimit(input.ReceivedOn, rules, divisionCode, calendar);
        explanation.Add($"补正告知期限: 7 工作日 after receipt on {Iso(input.ReceivedOn)} ({correction.Rule.Article}): the latest day to ask for a correction is {Iso(correction.DueOn)}");
        warnings.AddRange(correction.Warnings);

        var consultations = new List<(Consultation, DateOnly)>();
        var pauses = new List<ClockPause>();
        var stopped = false;
        foreach (var c in input.Consultations ?? [])
        {
            var answerDue = ThirdPartyAnswerDue(c.SentOn, rules, divisionCode, calendar);
            consultations.Add((c, answerDue));
            var end = c.AnsweredOn ?? Max(today, c.SentOn);
            stopped |= c.AnsweredOn is null;
            var what = c.Kind == ConsultationKind.ThirdParty ? "征求第三方意见 (第三十二条, answer due " + Iso(answerDue) + ")" : "征求其他机关意见";
            pauses.Add(new ClockPause(c.SentOn, end, c.AnsweredOn is null ? what + ", still running: counted up to today" : what + ", 第三十三条第二款"));
        }

        DateOnly? feeDue = null;
        if (input.FeeNoticeOn is { } notice)
        {
            feeDue = FeePaymentDue(notice, rules, divisionCode, calendar);
            if (input.ReplyWaitsForFee)
            {
                var end = input.FeePaidOn ?? Max(today, notice);
                stopped |= input.FeePaidOn is null;
                pauses.Add(new ClockPause(notice, end, input.FeePaidOn is null
                    ? "收费通知 pending (payment due " + Iso(feeDue.Value) + "), still running: counted up to today"
                    : "收费通知 until payment (the organ's setting: the reply waits for the fee)"));
            }
        }

        var start = input.ReceivedOn;
        if (input.CorrectionRequestedOn is { } asked)
        {
            if (input.CorrectedOn is { } corrected)
            {
                start = corrected;
                explanation.Add($"补正 asked on {Iso(asked)}, corrected application received {Iso(corrected)}: the reply clock starts again from that day ({correction.Rule.Article})");
            }
            else
            {
                explanation.Add($"补正 asked on {Iso(asked)}" + (input.CorrectionAnswerBy is { } by ? $", answer expected by {Iso(by)}" : "") +
                                $": the reply clock restarts when the corrected application arrives ({correction.Rule.Article})");
                return new DisclosureDeadlines(start, null, correction.DueOn, feeDue, consultations, false, explanation, warnings);
            }
        }

        var extension = input.ExtensionDays is { } days && input.ExtendedOn is { } on
            ? new ClockExtension(days, on, "经本机关负责人同意并告知申请人")
            : null;
        var deadline = StatutoryClock.Compute(reply with { StartEvent = start == input.ReceivedOn ? "receipt of the application" : "receipt of the corrected application" },
            start, calendar, pauses, extension);
        explanation.AddRange(deadline.Explanation);
        warnings.AddRange(deadline.Warnings);
        if (feeDue is { } f)
            explanation.Add($"信息处理费缴纳期限: 20 工作日 after the fee notice on {Iso(input.FeeNoticeOn!.Value)} (国办函〔2020〕109号): pay by {Iso(f)}" +
                            (input.FeePaidOn is { } paid ? $", paid {Iso(paid)}" : ""));
        return new DisclosureDeadlines(start, deadline.DueOn, correction.DueOn, feeDue, consultations, stopped, explanation, warnings);
    }

    /// <summary>补正: the latest day the organ may ask for a correction — 7 工作日 after receipt (Art. 30).</summary>
    public static Deadline CorrectionLimitDeadline(DateOnly receivedOn, RuleBook rules, string divisionCode, HolidayCalendar calendar) =>
        StatutoryClock.Compute(rules.Rule(RuleCodes.CorrectionRequest, divisionCode, receivedOn), receivedOn, calendar);

    /// <summary>The third party's 15 工作日 to answer, from the day it was asked (Art. 32).</summary>
    public static DateOnly ThirdPartyAnswerDue(DateOnly sentOn, RuleBook rules, string divisionCode, HolidayCalendar calendar) =>
        StatutoryClock.Compute(rules.Rule(RuleCodes.ThirdPartyConsultation, divisionCode, sentOn), sentOn, calendar).DueOn;

    /// <summary>The applicant pays within 20 工作日 of the fee notice (国办函〔2020〕109号).</summary>
    public static DateOnly FeePaymentDue(DateOnly noticeOn, RuleBook rules, string divisionCode, HolidayCalendar calendar) =>
        StatutoryClock.Compute(rules.Rule(RuleCodes.ProcessingFeePayment, divisionCode, noticeOn), noticeOn, calendar).DueOn;

    private static (DateOnly DueOn, TimeLimitRule Rule, IReadOnlyList<string> Warnings) CorrectionLimit(DateOnly receivedOn, RuleBook rules, string divisionCode, HolidayCalendar calendar)
    {
        var rule = rules.Rule(RuleCodes.CorrectionRequest, divisionCode, receivedOn);
        var d = StatutoryClock.Compute(rule, receivedOn, calendar);
        return (d.DueOn, rule, d.Warnings);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
