namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>
/// What someone does to a petition. Article numbers are those of the 2022 《信访工作条例》 unless marked 2005.
/// Values are explicit because they may be stored.
/// </summary>
public enum PetitionAction
{
    /// <summary>登记: record the item (Art. 21–22). Creates the case.</summary>
    Register = 1,

    /// <summary>转送: send to the competent organ within 15 日 of registration (Art. 22).</summary>
    Transfer = 2,

    /// <summary>交办: send an important matter with a set deadline and a required completion report (Art. 22).</summary>
    Assign = 3,

    /// <summary>受理: the responsible unit takes the item on (Art. 23, Art. 31).</summary>
    Accept = 4,

    /// <summary>异议: the receiving unit returns an item outside its competence, with reasons, within 5 工作日 (Art. 23).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The verb \"object\" (异议), not the type.")]
    Object = 5,

    /// <summary>依法分类处理: a 申诉求决 item belongs to a legal procedure (Art. 31 items 1–5); needs a <see cref="LegalRoute"/>.</summary>
    RouteToLegalChannel = 6,

    /// <summary>不予受理: e.g. the same item filed upward while it is handled within its limit (Art. 19).</summary>
    Decline = 7,

    /// <summary>不再受理: the same facts and reasons after re-examination (Art. 36). Leaves the case Declined.</summary>
    Refuse = 8,

    /// <summary>延期: at most 30 日 (or the local maximum), once, approved by the unit's head (Art. 34).</summary>
    Extend = 9,

    /// <summary>出具信访处理意见书: 支持 / 解释说明 / 不予支持 (Art. 32, Art. 34), approved by the unit's head.</summary>
    IssueOpinion = 10,

    /// <summary>答复建议意见: a suggestion (建议意见类, Art. 29) is studied and answered.</summary>
    ReplySuggestion = 11,

    /// <summary>调解 / 和解: a mediation or settlement agreement ends the item (Art. 33).</summary>
    RecordMediation = 12,

    /// <summary>请求复查: within 30 日 of receiving the opinion, to the next level up (Art. 35).</summary>
    RequestReview = 13,

    /// <summary>出具复查意见 within 30 日 of the request (Art. 35).</summary>
    IssueReviewOpinion = 14,

    /// <summary>请求复核: within 30 日 of receiving the review opinion, to the level above the reviewing organ (Art. 36).</summary>
    RequestReexamination = 15,

    /// <summary>举行听证: hearing time is not counted in the 30 日 of re-examination (Art. 36).</summary>
    StartHearing = 16,

    /// <summary>听证结束: the re-examination clock runs again.</summary>
    EndHearing = 17,

    /// <summary>出具复核意见 within 30 日, hearing time excluded (Art. 36).</summary>
    IssueReexaminationOpinion = 18,

    /// <summary>审核认定办结: the item is closed.</summary>
    Conclude = 19,

    /// <summary>撤回: the petitioner withdraws the item before a handling opinion.</summary>
    Withdraw = 20,

    /// <summary>并入原件: a duplicate of an item still being handled joins the original (Art. 19).</summary>
    Merge = 21,

    /// <summary>退回重办 / 督办: a supervisor orders the item handled again (Art. 38–40).</summary>
    Reopen = 22,
}
