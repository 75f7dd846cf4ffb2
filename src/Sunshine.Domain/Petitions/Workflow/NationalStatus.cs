using Sunshine.Domain.Calendar;

namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>The national petition information system's 15 case states (DOMAIN.md §1.3), in its order.</summary>
public enum NationalState
{
    UnderAcceptanceExamination = 1,       // 受理申请审查中
    NotAccepted = 2,                      // 不予受理
    Accepted = 3,                         // 受理
    OpinionIssued = 4,                    // 已作出处理意见
    OpinionOverdue = 5,                   // 超期未作出处理意见
    NoLongerAccepted = 6,                 // 不再受理
    ReviewNotRequestedInTime = 7,         // 超期未申请复查
    UnderReview = 8,                      // 复查
    ReviewOpinionIssued = 9,              // 提出复查意见
    ReviewOpinionOverdue = 10,            // 超期未作出复查意见
    ReexaminationNotRequestedInTime = 11, // 超期未申请复核
    UnderReexamination = 12,              // 复核
    ReexaminationOpinionIssued = 13,      // 提出复核意见
    ReexaminationOpinionOverdue = 14,     // 超期未作出复核意见
    ConfirmedConcluded = 15,              // 审核认定办结
}

/// <summary>
/// Reports a case in the national system's terms. The product's status says which step the case is in; the "超期" states
/// are derived at query time by comparing <c>today</c> with the step's due date from <see cref="PetitionClock"/> (a
/// deadline ends at 24:00 of its due date, so the state changes the day after). Never stored.
/// <list type="table">
/// <item><term>Registered, Transferred, Assigned</term><description>受理申请审查中: no organ has decided on acceptance yet.</description></item>
/// <item><term>Declined</term><description>不予受理; 不再受理 when the same matter was already re-examined (Art. 36: the Refuse action).</description></item>
/// <item><term>RoutedToLegalChannel</term><description>不予受理: the item is not accepted as a petition and the petitioner is
/// told the legal route (Art. 31 items 1–5, 诉访分离).</description></item>
/// <item><term>Merged</term><description>不予受理: a duplicate is not accepted on its own; the original carries the handling (Art. 19).</description></item>
/// <item><term>Accepted</term><description>受理; 超期未作出处理意见 once the handling limit (with extension) has passed. Suggestions,
/// accusations and inquiries have no statutory handling limit and stay 受理.</description></item>
/// <item><term>OpinionIssued</term><description>已作出处理意见; 超期未申请复查 once the 30 日 to ask for review have passed (Art. 35).</description></item>
/// <item><term>UnderReview</term><description>复查; 超期未作出复查意见 once its 30 日 have passed (Art. 35).</description></item>
/// <item><term>Reviewed</term><description>提出复查意见; 超期未申请复核 once the 30 日 to ask for re-examination have passed (Art. 36).</description></item>
/// <item><term>UnderReexamination</term><description>复核; 超期未作出复核意见 once its 30 日, hearings not counted, have passed (Art. 36).</description></item>
/// <item><term>Reexamined</term><description>提出复核意见: the end of the chain; later filings of the same matter are 不再受理.</description></item>
/// <item><term>Concluded, Withdrawn</term><description>审核认定办结: the item is closed (the national list has no withdrawal state).</description></item>
/// </list>
/// </summary>
public static class NationalStatus
{
    public static NationalState Of(PetitionCase petition, DateOnly today, RuleBook? rules = null, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return petition.Status switch
        {
            PetitionStatus.Registered or PetitionStatus.Transferred or PetitionStatus.Assigned => NationalState.UnderAcceptanceExamination,
            PetitionStatus.Declined => petition.SameMatterReexamined ? NationalState.NoLongerAccepted : NationalState.NotAccepted,
            PetitionStatus.RoutedToLegalChannel or PetitionStatus.Merged => NationalState.NotAccepted,
            PetitionStatus.Accepted => Passed(PetitionClock.HandlingDue(petition, rules, calendar), today)
                ? NationalState.OpinionOverdue : NationalState.Accepted,
            PetitionStatus.OpinionIssued => Passed(PetitionClock.ReviewRequestDue(petition, rules, calendar), today)
                ? NationalState.ReviewNotRequestedInTime : NationalState.OpinionIssued,
            PetitionStatus.UnderReview => Passed(PetitionClock.ReviewDue(petition, rules, calendar), today)
                ? NationalState.ReviewOpinionOverdue : NationalState.UnderReview,
            PetitionStatus.Reviewed => Passed(PetitionClock.ReexaminationRequestDue(petition, rules, calendar), today)
                ? NationalState.ReexaminationNotRequestedInTime : NationalState.ReviewOpinionIssued,
            PetitionStatus.UnderReexamination => Passed(PetitionClock.ReexaminationDue(petition, today, rules, calendar), today)
                ? NationalState.ReexaminationOpinionOverdue : NationalState.UnderReexamination,
            PetitionStatus.Reexamined => NationalState.ReexaminationOpinionIssued,
            PetitionStatus.Concluded or PetitionStatus.Withdrawn => NationalState.ConfirmedConcluded,
            null => throw new ArgumentException("An item that is not registered has no national state.", nameof(petition)),
            _ => throw new ArgumentOutOfRangeException(nameof(petition), petition.Status, "Unknown status."),
        };
    }

    /// <summary>The state's name in the national system (always Chinese).</summary>
    public static string Name(NationalState state) => state switch
    {
        NationalState.UnderAcceptanceExamination => "受理申请审查中",
        NationalState.NotAccepted => "不予受理",
        NationalState.Accepted => "受理",
        NationalState.OpinionIssued => "已作出处理意见",
        NationalState.OpinionOverdue => "超期未作出处理意见",
        NationalState.NoLongerAccepted => "不再受理",
        NationalState.ReviewNotRequestedInTime => "超期未申请复查",
        NationalState.UnderReview => "复查",
        NationalState.ReviewOpinionIssued => "提出复查意见",
        NationalState.ReviewOpinionOverdue => "超期未作出复查意见",
        NationalState.ReexaminationNotRequestedInTime => "超期未申请复核",
        NationalState.UnderReexamination => "复核",
        NationalState.ReexaminationOpinionIssued => "提出复核意见",
        NationalState.ReexaminationOpinionOverdue => "超期未作出复核意见",
        NationalState.ConfirmedConcluded => "审核认定办结",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The case's national state name for <paramref name="today"/>.</summary>
    public static string NameOf(PetitionCase petition, DateOnly today, RuleBook? rules = null, HolidayCalendar? calendar = null) =>
        Name(Of(petition, today, rules, calendar));

    private static bool Passed(Deadline? deadline, DateOnly today) => deadline is not null && today > deadline.DueOn;
}
