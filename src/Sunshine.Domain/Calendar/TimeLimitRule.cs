namespace Sunshine.Domain.Calendar;

/// <summary>The unit of a statutory period.</summary>
public enum PeriodUnit
{
    /// <summary>日: every calendar day counts.</summary>
    CalendarDays,

    /// <summary>工作日: only working days count — make-up Saturdays and Sundays do, public holidays do not.</summary>
    WorkingDays,
}

/// <summary>
/// One statutory time limit, as data (DOMAIN.md §1.3: "every limit is data").
/// </summary>
/// <param name="Code">Stable key, one of <see cref="RuleCodes"/> for the shipped rules.</param>
/// <param name="Name">Shown in the deadline explanation, e.g. "办理期限".</param>
/// <param name="Length">The period, in <paramref name="Unit"/>.</param>
/// <param name="Article">The full citation shown to users, e.g. "《信访工作条例》第三十四条".</param>
/// <param name="RollForwardToWorkingDay">Civil Code Art. 203: a calendar-day period whose last day is a rest day ends on
/// the next working day. Off for petition limits (national statistics compare plain dates), on for legal-route limits.</param>
/// <param name="MaxExtension">The longest extension the statute allows; 0 = no extension.</param>
/// <param name="ExtensionUnit">The unit of the extension.</param>
public sealed record TimeLimitRule(
    string Code,
    string Name,
    int Length,
    PeriodUnit Unit,
    string Article,
    bool RollForwardToWorkingDay = false,
    int MaxExtension = 0,
    PeriodUnit ExtensionUnit = PeriodUnit.CalendarDays)
{
    /// <summary>What starts the clock, in words for the explanation: "after acceptance on 2021-01-14".</summary>
    public string StartEvent { get; init; } = "the triggering event";
}

/// <summary>
/// A clock stop (e.g. a hearing, Art. 36; third-party consultation, 《政府信息公开条例》Art. 33 ¶2).
/// Both <paramref name="From"/> and <paramref name="To"/> are excluded from the count, and so is every day between them.
/// </summary>
public sealed record ClockPause(DateOnly From, DateOnly To, string Reason);

/// <summary>An approved extension of <paramref name="Length"/> units (in the rule's <see cref="TimeLimitRule.ExtensionUnit"/>).</summary>
public sealed record ClockExtension(int Length, DateOnly ApprovedOn, string Reason);

/// <summary>
/// A computed due date. The deadline ends at 24:00 (Asia/Shanghai) of <paramref name="DueOn"/>.
/// <paramref name="Explanation"/> shows each step with the rule and article that produced it;
/// <paramref name="Warnings"/> flags anything the user must check (years without a loaded notice, late approvals).
/// </summary>
public sealed record Deadline(DateOnly DueOn, IReadOnlyList<string> Explanation, IReadOnlyList<string> Warnings);
