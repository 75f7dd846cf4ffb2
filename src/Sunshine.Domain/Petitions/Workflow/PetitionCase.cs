using Sunshine.Domain.Calendar;

namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>
/// What the workflow rules and the clock need to know about one case. Legal dates are dates in Asia/Shanghai
/// (DOMAIN.md §1.4). The dates of replies are the days the petitioner received them where that is recorded, otherwise
/// the days they were issued: the review and re-examination windows run from receipt (Art. 35, Art. 36).
/// </summary>
/// <param name="Status">Null only for an item that is being registered now.</param>
/// <param name="IssueLocalityCode">问题属地, 12 digits: chooses the jurisdiction's rule set.</param>
/// <param name="RegisteredOn">The first registration of the item in the transfer chain: the 15 日 of Art. 22 run from here for the whole chain.</param>
public sealed record PetitionCase(
    PetitionStatus? Status,
    Purpose Purpose,
    string IssueLocalityCode,
    int RegisteringOrganisationId,
    DateOnly RegisteredOn)
{
    /// <summary>承办单位: the organisation that must act on the current step. Moves to the reviewing organ on a review
    /// request and to the re-examining organ on a re-examination request.</summary>
    public int? ResponsibleOrganisationId { get; init; }

    /// <summary>This level's share of a configured transfer cascade; null = the chain's 15 日 total alone applies.</summary>
    public TransferLeg? Leg { get; init; }

    /// <summary>The day the responsible unit received the transferred or assigned item.</summary>
    public DateOnly? TransferredOn { get; init; }

    /// <summary>受理: the 60 日 of Art. 34 run from here. A reopening order restarts it.</summary>
    public DateOnly? AcceptedOn { get; init; }

    /// <summary>简易办理 (2016): 10 工作日 from acceptance instead of 60 日.</summary>
    public bool IsSimplified { get; init; }

    /// <summary>重件: a repeat of an earlier item, not a first-time one (DOMAIN.md §1.2).</summary>
    public bool IsRepeat { get; init; }

    /// <summary>集体访 (Art. 20) or 联名信: many petitioners on one matter.</summary>
    public bool IsCollective { get; init; }

    /// <summary>The approved extension, in the handling rule's extension unit; null = none yet (it is granted once).</summary>
    public int? ExtensionDays { get; init; }

    public DateOnly? ExtendedOn { get; init; }

    /// <summary>信访处理意见书 received by the petitioner.</summary>
    public DateOnly? OpinionIssuedOn { get; init; }

    public DateOnly? ReviewRequestedOn { get; init; }

    /// <summary>复查意见 received by the petitioner.</summary>
    public DateOnly? ReviewRepliedOn { get; init; }

    public DateOnly? ReexaminationRequestedOn { get; init; }

    /// <summary>Hearings already held in the re-examination; each day from start to end is not counted (Art. 36).</summary>
    public IReadOnlyList<ClockPause> Hearings { get; init; } = [];

    /// <summary>A hearing that has started and not ended.</summary>
    public DateOnly? HearingStartedOn { get; init; }

    /// <summary>The same facts and reasons were already re-examined (复核) in an earlier item: this one can only be
    /// refused (不再受理, Art. 36).</summary>
    public bool SameMatterReexamined { get; init; }

    public bool ExtensionUsed => ExtensionDays is not null;

    public bool HearingRunning => HearingStartedOn is not null;
}

/// <summary>One level of a transfer cascade: it received the item on <paramref name="ReceivedOn"/> and has
/// <paramref name="Days"/> of the chain's total (e.g. the 2014 national 5 / 3 / 3 / 4, <see cref="TransferCascade"/>).</summary>
public sealed record TransferLeg(DateOnly ReceivedOn, int Days, string LevelName);

/// <summary>The particulars some actions need: the extension's length, the legal route, the opinion's outcome, the simplified procedure.</summary>
/// <param name="Simplified">On acceptance: handle the item under the simplified procedure (简易办理, 2016).</param>
public sealed record ActionDetail(int? ExtensionDays = null, LegalRoute? Route = null, HandlingOpinion? Opinion = null, bool Simplified = false);
