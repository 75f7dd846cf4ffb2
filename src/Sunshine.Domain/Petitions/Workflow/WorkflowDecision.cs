namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>
/// The answer of <see cref="PetitionWorkflow.Check"/>: allowed with the status the case moves to, or refused with a
/// stable reason code (the UI localises it) and a detail for logs.
/// </summary>
public sealed record WorkflowDecision(bool IsAllowed, PetitionStatus? ResultingStatus, string? ReasonCode, string? Detail)
{
    public static WorkflowDecision Allow(PetitionStatus resultingStatus) => new(true, resultingStatus, null, null);

    public static WorkflowDecision Deny(string reasonCode, string detail) => new(false, null, reasonCode, detail);
}

/// <summary>Why an action was refused.</summary>
public static class WorkflowReasons
{
    /// <summary>The action does not apply to the case's status.</summary>
    public const string WrongState = "workflow.wrong-state";

    /// <summary>The action is not on this purpose's path (suggestions Art. 29, accusations Art. 30, 申诉求决 Art. 31–36).</summary>
    public const string WrongPurpose = "workflow.wrong-purpose";

    /// <summary>The actor holds none of the roles the action needs.</summary>
    public const string Role = "workflow.role";

    public const string NotRegisteringBureau = "workflow.not-registering-bureau";

    public const string NotResponsibleUnit = "workflow.not-responsible-unit";

    public const string NotSupervisingLevel = "workflow.not-supervising-level";

    /// <summary>A date the rule needs is not recorded on the case.</summary>
    public const string DateMissing = "workflow.date-missing";

    /// <summary>The action needs a detail (extension length, legal route, opinion) that was not given.</summary>
    public const string DetailMissing = "workflow.detail-missing";

    /// <summary>The 5 工作日 to object have passed (Art. 23).</summary>
    public const string ObjectionWindowClosed = "workflow.objection-window-closed";

    /// <summary>More than 30 日 since the opinion was received (Art. 35).</summary>
    public const string ReviewWindowClosed = "workflow.review-window-closed";

    /// <summary>More than 30 日 since the review opinion was received (Art. 36).</summary>
    public const string ReexaminationWindowClosed = "workflow.reexamination-window-closed";

    /// <summary>The petitioner may still ask for review or re-examination: the case cannot be closed yet.</summary>
    public const string RequestWindowOpen = "workflow.request-window-open";

    /// <summary>An extension was already granted: Art. 34 allows one.</summary>
    public const string ExtensionTwice = "workflow.extension-twice";

    /// <summary>The extension is not 1 … the rule's maximum (30 日 nationally, Art. 34; 0 for the simplified procedure).</summary>
    public const string ExtensionCap = "workflow.extension-cap";

    /// <summary>The handling limit has already expired: an extension must be approved within it.</summary>
    public const string ExtensionAfterDue = "workflow.extension-after-due";

    public const string HearingRunning = "workflow.hearing-running";

    public const string NoHearing = "workflow.no-hearing";

    /// <summary>The matter was already re-examined: it can only be refused (不再受理, Art. 36).</summary>
    public const string FinalAfterReexamination = "workflow.final-after-reexamination";

    /// <summary>不再受理 needs an earlier re-examination of the same matter (Art. 36); otherwise decline.</summary>
    public const string NotReexamined = "workflow.not-reexamined";

    /// <summary>简易办理 gives the handling opinion sooner: only items that get one (求决, 申诉, 其他) can have it.</summary>
    public const string SimplifiedPurpose = "workflow.simplified-purpose";

    /// <summary>简易办理 is for first-time items; a repeat item (重件) is not one.</summary>
    public const string SimplifiedRepeat = "workflow.simplified-repeat";

    /// <summary>简易办理 is for simple items; a collective visit or joint letter is not one.</summary>
    public const string SimplifiedCollective = "workflow.simplified-collective";

    /// <summary>简易办理 is for simple items; an assigned (交办) item is an important matter with its own deadline and report.</summary>
    public const string SimplifiedAssigned = "workflow.simplified-assigned";
}
