using Sunshine.Domain.Calendar;

namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>
/// The due dates of a case's steps, computed by <see cref="StatutoryClock"/> from the rules of the case's issue locality
/// in force on the day of each step's starting event (2005 《信访条例》 up to 2022-04-30, 2022 《信访工作条例》 from
/// 2022-05-01, provincial overrides where configured). Each <see cref="Deadline"/> starts with a line naming the rule set,
/// then the clock's own explanation. Null means the step has no statutory limit for this case: its starting date is not
/// recorded, the purpose has no such step, or the rules in force define none (the 2005 条例 had no objection window).
/// </summary>
public static class PetitionClock
{
    /// <summary>The due date of the step the case is in now; null when no step with a limit is running.</summary>
    /// <param name="today">Only used while a hearing runs: its days up to today are not counted (Art. 36).</param>
    public static Deadline? Current(PetitionCase petition, DateOnly today, RuleBook? rules = null, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return petition.Status switch
        {
            null or PetitionStatus.Registered => TransferDue(petition, rules, calendar),
            PetitionStatus.Transferred or PetitionStatus.Assigned => AcceptanceDue(petition, rules, calendar),
            PetitionStatus.Accepted => HandlingDue(petition, rules, calendar),
            PetitionStatus.OpinionIssued => ReviewRequestDue(petition, rules, calendar),
            PetitionStatus.UnderReview => ReviewDue(petition, rules, calendar),
            PetitionStatus.Reviewed => ReexaminationRequestDue(petition, rules, calendar),
            PetitionStatus.UnderReexamination => ReexaminationDue(petition, today, rules, calendar),
            _ => null,
        };
    }

    /// <summary>
    /// 转送、交办: 15 日 from the first registration for the whole chain (Art. 22; 2005 Art. 21). With a cascade leg, this
    /// level's share from its handover, never later than the chain's total (<see cref="TransferCascade.HopDue"/>).
    /// </summary>
    public static Deadline? TransferDue(PetitionCase petition, RuleBook? rules = null, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        var cal = calendar ?? HolidayCalendar.Shipped;
        var total = Compute(RuleCodes.TransferOrAssign, petition, petition.RegisteredOn, rules, cal);
        if (total is null || petition.Leg is not { } leg)
        {
            return total;
        }

        var unit = Rule(RuleCodes.TransferOrAssign, petition, petition.RegisteredOn, rules ?? RuleBook.Default)!.Value.Rule.Unit;
        var own = TransferCascade.HopDue(leg.ReceivedOn, leg.Days, DateOnly.MaxValue, unit, cal);
        var hop = own > total.DueOn ? total.DueOn : own;
        var line = $"{leg.LevelName} share: {leg.Days} {StatutoryClock.Label(unit)} after handover on {Iso(leg.ReceivedOn)}: due {Iso(own)}"
                   + (own > total.DueOn ? $", capped by the chain's total: due {Iso(hop)}" : "");
        return total with { DueOn = hop, Explanation = [.. total.Explanation, line] };
    }

    /// <summary>
    /// The receiving unit's decision: written notice of receipt and of the route, 15 日 from receipt (Art. 23);
    /// under the 2005 条例, whether to accept, 15 日 (2005 Art. 22).
    /// </summary>
    public static Deadline? AcceptanceDue(PetitionCase petition, RuleBook? rules = null, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (petition.TransferredOn is not { } received)
        {
            return null;
        }

        return Compute(RuleCodes.ReceiptNotice, petition, received, rules, calendar)
               ?? Compute(RuleCodes.AcceptanceDecision, petition, received, rules, calendar);
    }

    /// <summary>异议: 5 工作日 from receipt of the transferred item (Art. 23). None under the 2005 条例.</summary>
    public static Deadline? ObjectionDue(PetitionCase petition, RuleBook? rules = null, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return petition.TransferredOn is { } received ? Compute(RuleCodes.Objection, petition, received, rules, calendar) : null;
    }

    /// <summary>
    /// 办理: 60 日 from acceptance, plus the approved extension (Art. 34; 2005 Art. 33), or 10 工作日 under the simplified
    /// procedure. Only items that get a handling opinion have it; suggestions, accusations and inquiries return null.
    /// </summary>
    public static Deadline? HandlingDue(PetitionCase petition, RuleBook? rules = null, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (petition.AcceptedOn is not { } accepted || HandlingRule(petition, rules) is null)
        {
            return null;
        }

        var extension = petition.ExtensionDays is { } days
            ? new ClockExtension(days, petition.ExtendedOn ?? accepted, "延期，经负责人批准")
            : null;
        return Compute(HandlingCode(petition), petition, accepted, rules, calendar, extension: extension);
    }

    /// <summary>The handling rule that applies to the case (normal or simplified), or null when it has none.</summary>
    public static TimeLimitRule? HandlingRule(PetitionCase petition, RuleBook? rules = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (petition.AcceptedOn is not { } accepted || !PetitionWorkflow.OpinionPurposes.Contains(petition.Purpose))
        {
            return null;
        }

        return Rule(HandlingCode(petition), petition, accepted, rules ?? RuleBook.Default)?.Rule;
    }

    /// <summary>请求复查: 30 日 from receiving the handling opinion (Art. 35; 2005 Art. 34).</summary>
    public static Deadline? ReviewRequestDue(PetitionCase petition, RuleBook? rules = null, HolidayCalendar? calendar = null) =>
        From(petition?.OpinionIssuedOn, RuleCodes.ReviewRequest, petition, rules, calendar);

    /// <summary>复查意见: 30 日 from the request (Art. 35; 2005 Art. 34).</summary>
    public static Deadline? ReviewDue(PetitionCase petition, RuleBook? rules = null, HolidayCalendar? calendar = null) =>
        From(petition?.ReviewRequestedOn, RuleCodes.ReviewDecision, petition, rules, calendar);

    /// <summary>请求复核: 30 日 from receiving the review opinion (Art. 36; 2005 Art. 35).</summary>
    public static Deadline? ReexaminationRequestDue(PetitionCase petition, RuleBook? rules = null, HolidayCalendar? calendar = null) =>
        From(petition?.ReviewRepliedOn, RuleCodes.ReexaminationRequest, petition, rules, calendar);

    /// <summary>
    /// 复核意见: 30 日 from the request, hearing days not counted (Art. 36; 2005 Art. 35). A hearing still running is
    /// counted as lasting through <paramref name="today"/>, so the due date moves on while it runs.
    /// </summary>
    public static Deadline? ReexaminationDue(PetitionCase petition, DateOnly today, RuleBook? rules = null, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (petition.ReexaminationRequestedOn is not { } requested)
        {
            return null;
        }

        var pauses = petition.Hearings.ToList();
        if (petition.HearingStartedOn is { } started)
        {
            pauses.Add(new ClockPause(started, today > started ? today : started, "听证（进行中）"));
        }

        return Compute(RuleCodes.ReexaminationDecision, petition, requested, rules, calendar, pauses);
    }

    /// <summary>
    /// The unit in which the limit of the step a case in <paramref name="status"/> is in is counted (the rules
    /// <see cref="Current"/> uses), so its deadline colour counts the time left in the same unit (DOMAIN.md §1.7 (a)).
    /// Null when the status runs no limit. The shipped rules count every step in 日 except the simplified procedure's
    /// 10 工作日.
    /// </summary>
    /// <exception cref="InvalidOperationException">Two rule sets count the step in different units: a colour would then
    /// depend on the case's jurisdiction and period, and could not be one range on the due date.</exception>
    public static PeriodUnit? CurrentUnit(PetitionStatus status, bool isSimplified, RuleBook? rules = null)
    {
        string[] codes = status switch
        {
            PetitionStatus.Registered => [RuleCodes.TransferOrAssign],
            PetitionStatus.Transferred or PetitionStatus.Assigned => [RuleCodes.ReceiptNotice, RuleCodes.AcceptanceDecision],
            PetitionStatus.Accepted => [isSimplified ? RuleCodes.SimplifiedProcedure : RuleCodes.Handling],
            PetitionStatus.OpinionIssued => [RuleCodes.ReviewRequest],
            PetitionStatus.UnderReview => [RuleCodes.ReviewDecision],
            PetitionStatus.Reviewed => [RuleCodes.ReexaminationRequest],
            PetitionStatus.UnderReexamination => [RuleCodes.ReexaminationDecision],
            _ => [],
        };
        var units = (rules ?? RuleBook.Default).Sets
            .SelectMany(set => codes.Where(set.Rules.ContainsKey).Select(code => set.Rules[code].Unit))
            .Distinct()
            .ToList();
        return units.Count switch
        {
            0 => null,
            1 => units[0],
            _ => throw new InvalidOperationException($"The rule sets count the limit of a {status} case in both 日 and 工作日."),
        };
    }

    private static string HandlingCode(PetitionCase petition) =>
        petition.IsSimplified ? RuleCodes.SimplifiedProcedure : RuleCodes.Handling;

    private static Deadline? From(DateOnly? start, string code, PetitionCase? petition, RuleBook? rules, HolidayCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return start is { } s ? Compute(code, petition, s, rules, calendar) : null;
    }

    private static Deadline? Compute(string code, PetitionCase petition, DateOnly start, RuleBook? rules, HolidayCalendar? calendar,
        IReadOnlyList<ClockPause>? pauses = null, ClockExtension? extension = null)
    {
        if (Rule(code, petition, start, rules ?? RuleBook.Default) is not { } found)
        {
            return null;
        }

        var (set, rule) = found;
        var deadline = StatutoryClock.Compute(rule, start, calendar ?? HolidayCalendar.Shipped, pauses, extension);
        var source = $"rule set {set.Code} {set.Name} for division {petition.IssueLocalityCode}, in force on {Iso(start)}";
        return deadline with { Explanation = [source, .. deadline.Explanation] };
    }

    // The most specific jurisdiction's set that covers the event date and defines the rule (as RuleBook.Rule does),
    // kept with the set so the explanation can name it.
    private static (RuleSet Set, TimeLimitRule Rule)? Rule(string code, PetitionCase petition, DateOnly eventDate, RuleBook rules)
    {
        var set = rules.Sets
            .Where(s => s.AppliesTo(petition.IssueLocalityCode) && s.Covers(eventDate) && s.Rules.ContainsKey(code))
            .MaxBy(s => s.Jurisdiction.Length);
        return set is null ? null : (set, set.Rules[code]);
    }

    private static string Iso(DateOnly d) => StatutoryClock.Iso(d);
}
