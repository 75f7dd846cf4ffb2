using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;

namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>
/// The petition state machine (《信访工作条例》 2022; the 2005 《信访条例》 had the same steps). One table says, for each
/// action, from which statuses, for which purposes, by whom, and to which status; <see cref="Check"/> then applies the
/// time windows and case facts. Article numbers are those of 2022.
/// <para>Paths by purpose (DOMAIN.md §1.3): 求决, 申诉 and 其他 run the handling opinion with the 60 日 clock and the
/// review / re-examination chain (Art. 31–36); suggestions are answered (Art. 29); accusations and inquiries are handled
/// and closed (Art. 30), with no opinion, extension or review.</para>
/// </summary>
public static class PetitionWorkflow
{
    // Where the actor's organisation stands towards the case.
    private enum Seat
    {
        Petitioner,
        RegisteringBureau,
        ResponsibleUnit,
        SupervisingLevel,
    }

    private sealed record Party(string? Role, Seat Seat);

    private sealed record Step(PetitionAction Action, PetitionStatus?[] From, PetitionStatus To, Purpose[] Purposes, Party[] Parties);

    private static readonly Purpose[] AllPurposes = Enum.GetValues<Purpose>();

    /// <summary>Purposes that run the handling opinion and the review chain (Art. 31 (六), Art. 32–36).</summary>
    public static IReadOnlyList<Purpose> OpinionPurposes { get; } = [Purpose.Request, Purpose.Appeal, Purpose.Other];

    private static readonly Purpose[] Chain = [.. OpinionPurposes];

    private static readonly Party Petitioner = new(null, Seat.Petitioner);
    private static readonly Party BureauRegistrar = new(StaffRoles.Registrar, Seat.RegisteringBureau);
    private static readonly Party UnitRegistrar = new(StaffRoles.Registrar, Seat.ResponsibleUnit);
    private static readonly Party UnitOfficer = new(StaffRoles.HandlingOfficer, Seat.ResponsibleUnit);
    private static readonly Party UnitLeader = new(StaffRoles.UnitLeader, Seat.ResponsibleUnit);
    private static readonly Party UpperRegistrar = new(StaffRoles.Registrar, Seat.SupervisingLevel);
    private static readonly Party UpperOfficer = new(StaffRoles.HandlingOfficer, Seat.SupervisingLevel);
    private static readonly Party Supervisor = new(StaffRoles.Supervisor, Seat.SupervisingLevel);

    // A review or re-examination request goes to the level above (Art. 35–36); the petitioner files it, or staff there
    // or at the bureau record it.
    private static readonly Party[] RequestTakers = [Petitioner, BureauRegistrar, UpperRegistrar, UpperOfficer];

    private const PetitionStatus Registered = PetitionStatus.Registered;
    private const PetitionStatus Transferred = PetitionStatus.Transferred;
    private const PetitionStatus Assigned = PetitionStatus.Assigned;
    private const PetitionStatus Accepted = PetitionStatus.Accepted;

    private static readonly Step[] Steps =
    [
        new(PetitionAction.Register, [null], Registered, AllPurposes, [BureauRegistrar]),
        // Art. 22: the bureau transfers or assigns; a lower bureau that received the item passes it on down the chain.
        new(PetitionAction.Transfer, [Registered], Transferred, AllPurposes, [BureauRegistrar]),
        new(PetitionAction.Transfer, [Transferred, Assigned], Transferred, AllPurposes, [UnitRegistrar]),
        new(PetitionAction.Assign, [Registered], Assigned, AllPurposes, [BureauRegistrar]),
        new(PetitionAction.Assign, [Transferred, Assigned], Assigned, AllPurposes, [UnitRegistrar]),
        // Art. 23: the competent organ accepts an item received directly (Registered) or by transfer.
        new(PetitionAction.Accept, [Registered, Transferred, Assigned], Accepted, AllPurposes, [UnitOfficer]),
        // Art. 23: the item goes back to the sender, who routes it again (the chain's 15 日 keep running).
        new(PetitionAction.Object, [Transferred, Assigned], Registered, AllPurposes, [UnitOfficer]),
        // Art. 31 (一)–(五) concern 申诉求决 items; the bureau may route at registration (诉访分离), the unit at receipt or during handling.
        new(PetitionAction.RouteToLegalChannel, [Registered], PetitionStatus.RoutedToLegalChannel, Chain, [BureauRegistrar, UnitOfficer]),
        new(PetitionAction.RouteToLegalChannel, [Transferred, Assigned, Accepted], PetitionStatus.RoutedToLegalChannel, Chain, [UnitOfficer]),
        new(PetitionAction.Decline, [Registered], PetitionStatus.Declined, AllPurposes, [BureauRegistrar, UnitOfficer]),
        new(PetitionAction.Decline, [Transferred, Assigned], PetitionStatus.Declined, AllPurposes, [UnitOfficer]),
        // Art. 36: only the opinion path has a re-examination to be final after. Recorded as Declined; NationalStatus
        // reports it as 不再受理 through SameMatterReexamined.
        new(PetitionAction.Refuse, [Registered], PetitionStatus.Declined, Chain, [BureauRegistrar, UnitOfficer]),
        new(PetitionAction.Refuse, [Transferred, Assigned], PetitionStatus.Declined, Chain, [UnitOfficer]),
        // Art. 34: the 60 日 clock, its extension and the written opinion belong to Art. 31 (六) items; the head approves.
        new(PetitionAction.Extend, [Accepted], Accepted, Chain, [UnitLeader]),
        new(PetitionAction.IssueOpinion, [Accepted], PetitionStatus.OpinionIssued, Chain, [UnitLeader]),
        new(PetitionAction.ReplySuggestion, [Accepted], PetitionStatus.Concluded, [Purpose.Suggestion], [UnitLeader]),
        new(PetitionAction.RecordMediation, [Accepted], PetitionStatus.Concluded, Chain, [UnitOfficer]),
        new(PetitionAction.RequestReview, [PetitionStatus.OpinionIssued], PetitionStatus.UnderReview, Chain, RequestTakers),
        new(PetitionAction.IssueReviewOpinion, [PetitionStatus.UnderReview], PetitionStatus.Reviewed, Chain, [UnitLeader]),
        new(PetitionAction.RequestReexamination, [PetitionStatus.Reviewed], PetitionStatus.UnderReexamination, Chain, RequestTakers),
        new(PetitionAction.StartHearing, [PetitionStatus.UnderReexamination], PetitionStatus.UnderReexamination, Chain, [UnitOfficer]),
        new(PetitionAction.EndHearing, [PetitionStatus.UnderReexamination], PetitionStatus.UnderReexamination, Chain, [UnitOfficer]),
        new(PetitionAction.IssueReexaminationOpinion, [PetitionStatus.UnderReexamination], PetitionStatus.Reexamined, Chain, [UnitLeader]),
        // 审核认定办结: by the unit or the bureau, once the petitioner can no longer ask for review or re-examination.
        new(PetitionAction.Conclude, [PetitionStatus.OpinionIssued, PetitionStatus.Reviewed, PetitionStatus.Reexamined], PetitionStatus.Concluded, Chain, [UnitOfficer, BureauRegistrar]),
        // Art. 30: accusations are handled by discipline inspection or the competent organ and closed; inquiries are answered.
        new(PetitionAction.Conclude, [Accepted], PetitionStatus.Concluded, [Purpose.Accusation, Purpose.Inquiry], [UnitOfficer]),
        // Withdrawal is possible until an opinion exists; after it, the petitioner simply does not ask for review.
        new(PetitionAction.Withdraw, [Registered, Transferred, Assigned, Accepted], PetitionStatus.Withdrawn, AllPurposes, [Petitioner, BureauRegistrar, UnitOfficer]),
        // Art. 19: a duplicate of an item still being handled joins the original.
        new(PetitionAction.Merge, [Registered], PetitionStatus.Merged, AllPurposes, [BureauRegistrar]),
        // Art. 38–40: a supervisor above orders an organ's closing decision redone; handling starts again.
        new(PetitionAction.Reopen,
            [PetitionStatus.Declined, PetitionStatus.RoutedToLegalChannel, PetitionStatus.OpinionIssued, PetitionStatus.Reviewed, PetitionStatus.Reexamined, PetitionStatus.Concluded],
            Accepted, AllPurposes, [Supervisor]),
    ];

    /// <summary>
    /// The actions the actor may take on a case in <paramref name="status"/> (null: an item not yet registered), by the
    /// table alone: dates, windows and case facts are for <see cref="Check"/>. Both hearing actions are listed while
    /// re-examining; Check knows whether a hearing is running.
    /// </summary>
    public static IReadOnlyList<PetitionAction> Allowed(PetitionStatus? status, Purpose purpose, WorkflowActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Steps
            .Where(s => s.From.Contains(status) && s.Purposes.Contains(purpose) && s.Parties.Any(p => Matches(p, actor)))
            .Select(s => s.Action)
            .Distinct()
            .Order()
            .ToList()
            .AsReadOnly();
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may take <paramref name="action"/> on <paramref name="petition"/> on the legal date
    /// <paramref name="on"/> (for a request, the day it was filed). Checks, in this order: status, purpose, role and
    /// organisation, then the statute's windows and limits, computed by <see cref="PetitionClock"/> with the rule set
    /// of the case's issue locality.
    /// </summary>
    public static WorkflowDecision Check(
        PetitionAction action,
        PetitionCase petition,
        WorkflowActor actor,
        DateOnly on,
        ActionDetail? detail = null,
        RuleBook? rules = null,
        HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(actor);
        var byState = Steps.Where(s => s.Action == action && s.From.Contains(petition.Status)).ToList();
        if (byState.Count == 0)
        {
            return WorkflowDecision.Deny(WorkflowReasons.WrongState, $"{action} does not apply to a case in status {petition.Status?.ToString() ?? "(not registered)"}.");
        }

        var byPurpose = byState.Where(s => s.Purposes.Contains(petition.Purpose)).ToList();
        if (byPurpose.Count == 0)
        {
            return WorkflowDecision.Deny(WorkflowReasons.WrongPurpose, $"{action} is not on the path of a {petition.Purpose} item.");
        }

        var step = byPurpose.FirstOrDefault(s => s.Parties.Any(p => Matches(p, actor)));
        if (step is null)
        {
            return WhyNot(action, byPurpose.SelectMany(s => s.Parties).ToList(), actor);
        }

        return CaseRules(action, petition, on, detail ?? new ActionDetail(), rules ?? RuleBook.Default, calendar ?? HolidayCalendar.Shipped)
               ?? WorkflowDecision.Allow(step.To);
    }

    private static bool Matches(Party party, WorkflowActor actor) => party.Seat switch
    {
        Seat.Petitioner => actor.IsPetitioner,
        _ => !actor.IsPetitioner && actor.Has(party.Role!) && At(party.Seat, actor),
    };

    private static bool At(Seat seat, WorkflowActor actor) => seat switch
    {
        Seat.RegisteringBureau => actor.IsRegisteringBureau,
        Seat.ResponsibleUnit => actor.IsResponsibleUnit,
        Seat.SupervisingLevel => actor.IsSupervisingLevel,
        _ => false,
    };

    // The actor holds a needed role in the wrong place: say which place; holds none of the roles: say so.
    // Administrator is never implied (DOMAIN.md §3): it appears in no party.
    private static WorkflowDecision WhyNot(PetitionAction action, List<Party> parties, WorkflowActor actor)
    {
        var misplaced = parties.FirstOrDefault(p => p.Role is not null && !actor.IsPetitioner && actor.Has(p.Role));
        var needed = string.Join(", ", parties.Select(p => p.Role is null ? "the petitioner" : $"{p.Role} at the {p.Seat}").Distinct());
        return misplaced?.Seat switch
        {
            Seat.RegisteringBureau => WorkflowDecision.Deny(WorkflowReasons.NotRegisteringBureau, $"{action} is done by {needed}."),
            Seat.ResponsibleUnit => WorkflowDecision.Deny(WorkflowReasons.NotResponsibleUnit, $"{action} is done by {needed}."),
            Seat.SupervisingLevel => WorkflowDecision.Deny(WorkflowReasons.NotSupervisingLevel, $"{action} is done by {needed}."),
            _ => WorkflowDecision.Deny(WorkflowReasons.Role, $"{action} is done by {needed}."),
        };
    }

    private static WorkflowDecision? CaseRules(PetitionAction action, PetitionCase c, DateOnly on, ActionDetail detail, RuleBook rules, HolidayCalendar calendar)
    {
        switch (action)
        {
            case PetitionAction.Accept when c.SameMatterReexamined:
                return WorkflowDecision.Deny(WorkflowReasons.FinalAfterReexamination, "The same facts and reasons were re-examined: refuse (不再受理, Art. 36).");

            case PetitionAction.Accept when detail.Simplified && WhyNotSimplified(c) is { } reason:
                return WorkflowDecision.Deny(reason, "The simplified procedure (简易办理, 2016) is for simple first-time items only.");

            case PetitionAction.Refuse when !c.SameMatterReexamined:
                return WorkflowDecision.Deny(WorkflowReasons.NotReexamined, "不再受理 applies only after a re-examination of the same matter (Art. 36); decline instead.");

            case PetitionAction.Object:
            {
                if (c.TransferredOn is null)
                {
                    return Missing(nameof(c.TransferredOn));
                }

                // The 2005 条例 had no objection window: without a rule the unit may return the item at any time.
                var due = PetitionClock.ObjectionDue(c, rules, calendar);
                return due is not null && on > due.DueOn
                    ? WorkflowDecision.Deny(WorkflowReasons.ObjectionWindowClosed, $"The objection was due by {Iso(due.DueOn)}.")
                    : null;
            }

            case PetitionAction.RouteToLegalChannel when detail.Route is null:
                return WorkflowDecision.Deny(WorkflowReasons.DetailMissing, "Routing needs the legal route (Art. 31 items 1–5).");

            case PetitionAction.IssueOpinion when detail.Opinion is null:
                return WorkflowDecision.Deny(WorkflowReasons.DetailMissing, "The opinion needs its outcome: support, explain or reject (Art. 32).");

            case PetitionAction.Extend:
                return CheckExtension(c, on, detail, rules, calendar);

            case PetitionAction.RequestReview:
                return c.OpinionIssuedOn is null
                    ? Missing(nameof(c.OpinionIssuedOn))
                    : WindowClosed(PetitionClock.ReviewRequestDue(c, rules, calendar), on, WorkflowReasons.ReviewWindowClosed);

            case PetitionAction.RequestReexamination:
                return c.ReviewRepliedOn is null
                    ? Missing(nameof(c.ReviewRepliedOn))
                    : WindowClosed(PetitionClock.ReexaminationRequestDue(c, rules, calendar), on, WorkflowReasons.ReexaminationWindowClosed);

            case PetitionAction.StartHearing or PetitionAction.IssueReexaminationOpinion when c.HearingRunning:
                return WorkflowDecision.Deny(WorkflowReasons.HearingRunning, $"A hearing has been running since {Iso(c.HearingStartedOn!.Value)}.");

            case PetitionAction.EndHearing when !c.HearingRunning:
                return WorkflowDecision.Deny(WorkflowReasons.NoHearing, "No hearing is running.");

            case PetitionAction.Conclude when c.Status == PetitionStatus.OpinionIssued:
                return c.OpinionIssuedOn is null
                    ? Missing(nameof(c.OpinionIssuedOn))
                    : WindowOpen(PetitionClock.ReviewRequestDue(c, rules, calendar), on);

            case PetitionAction.Conclude when c.Status == PetitionStatus.Reviewed:
                return c.ReviewRepliedOn is null
                    ? Missing(nameof(c.ReviewRepliedOn))
                    : WindowOpen(PetitionClock.ReexaminationRequestDue(c, rules, calendar), on);

            default:
                return null;
        }
    }

    /// <summary>
    /// Whether a case may be accepted under the simplified procedure (简易办理, 2016: a handling opinion within 10 工作日 of
    /// acceptance for simple first-time items, DOMAIN.md §1.3): null if it may, else the reason code. First-time: not a
    /// repeat item (重件). Simple: one petitioner's matter — not a collective visit (Art. 20) or joint letter — and not an
    /// assigned (交办) item, which Art. 22 reserves for important matters with their own deadline and completion report.
    /// Only items that end in a handling opinion (Art. 31 (六), Art. 32) have a handling limit to shorten.
    /// </summary>
    public static string? WhyNotSimplified(PetitionCase petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (!OpinionPurposes.Contains(petition.Purpose))
        {
            return WorkflowReasons.SimplifiedPurpose;
        }

        if (petition.IsRepeat || petition.SameMatterReexamined)
        {
            return WorkflowReasons.SimplifiedRepeat;
        }

        if (petition.IsCollective)
        {
            return WorkflowReasons.SimplifiedCollective;
        }

        return petition.Status == PetitionStatus.Assigned ? WorkflowReasons.SimplifiedAssigned : null;
    }

    // Art. 34: once, at most the rule's maximum, approved while the limit still runs.
    private static WorkflowDecision? CheckExtension(PetitionCase c, DateOnly on, ActionDetail detail, RuleBook rules, HolidayCalendar calendar)
    {
        if (c.ExtensionUsed)
        {
            return WorkflowDecision.Deny(WorkflowReasons.ExtensionTwice, $"An extension of {c.ExtensionDays} was already approved; Art. 34 allows one.");
        }

        if (detail.ExtensionDays is not { } days)
        {
            return WorkflowDecision.Deny(WorkflowReasons.DetailMissing, "An extension needs its length.");
        }

        if (c.AcceptedOn is null)
        {
            return Missing(nameof(c.AcceptedOn));
        }

        var rule = PetitionClock.HandlingRule(c, rules);
        if (rule is null)
        {
            return WorkflowDecision.Deny(WorkflowReasons.ExtensionCap, "No handling limit applies, so there is nothing to extend.");
        }

        if (days < 1 || days > rule.MaxExtension)
        {
            return WorkflowDecision.Deny(WorkflowReasons.ExtensionCap,
                $"An extension of {days} is outside 1 … {rule.MaxExtension} {StatutoryClock.Label(rule.ExtensionUnit)} ({rule.Article}).");
        }

        var due = PetitionClock.HandlingDue(c with { ExtensionDays = null }, rules, calendar)!;
        return on > due.DueOn
            ? WorkflowDecision.Deny(WorkflowReasons.ExtensionAfterDue, $"The handling limit expired on {Iso(due.DueOn)}; an extension must be approved within it.")
            : null;
    }

    private static WorkflowDecision? WindowClosed(Deadline? window, DateOnly on, string reason) =>
        window is not null && on > window.DueOn
            ? WorkflowDecision.Deny(reason, $"The request had to be made by {Iso(window.DueOn)}.")
            : null;

    private static WorkflowDecision? WindowOpen(Deadline? window, DateOnly on) =>
        window is not null && on <= window.DueOn
            ? WorkflowDecision.Deny(WorkflowReasons.RequestWindowOpen, $"The petitioner may still ask until {Iso(window.DueOn)}.")
            : null;

    private static WorkflowDecision Missing(string field) =>
        WorkflowDecision.Deny(WorkflowReasons.DateMissing, $"The case has no {field}.");

    private static string Iso(DateOnly d) => StatutoryClock.Iso(d);
}
