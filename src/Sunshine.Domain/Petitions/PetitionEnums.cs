namespace Sunshine.Domain.Petitions;

/// <summary>How a petition arrives (信访形式 / 渠道). Statutory forms: 《信访工作条例》第十七条; mailboxes are channels of their own.</summary>
public enum Channel
{
    Letter = 1,            // 来信
    Visit = 2,             // 来访
    Online = 3,            // 网上信访
    Mobile = 4,            // 手机信访
    WeChat = 5,            // 微信信访
    Phone = 6,             // 电话信访
    Fax = 7,               // 传真
    LeaderMailbox = 8,     // 领导信箱
    GovernorMailbox = 9,   // 省长信箱
    LeaderMessageBoard = 10, // 人民网《地方领导留言板》
    PremierMailbox = 11,   // 《总理信箱》
}

/// <summary>信访目的 (DOMAIN.md §1.2).</summary>
public enum Purpose
{
    Request = 1,     // 求决
    Suggestion = 2,  // 意见建议
    Appeal = 3,      // 申诉
    Accusation = 4,  // 揭发控告
    Inquiry = 5,     // 咨询
    Other = 9,       // 其他
}

/// <summary>The product's case states; <c>NationalStatus</c> maps them to the national system's 15 values.</summary>
public enum PetitionStatus
{
    Registered = 1,            // 登记
    Transferred = 2,           // 转送
    Assigned = 3,              // 交办
    Accepted = 4,              // 受理
    Declined = 5,              // 不予受理
    RoutedToLegalChannel = 6,  // 导入法定程序
    OpinionIssued = 7,         // 已作出处理意见
    UnderReview = 8,           // 复查
    Reviewed = 9,              // 提出复查意见
    UnderReexamination = 10,   // 复核
    Reexamined = 11,           // 提出复核意见
    Concluded = 12,            // 办结
    Withdrawn = 13,            // 撤回
    Merged = 14,               // 并入原件
}

/// <summary>满意度评价, national codes 0 / 1 / 3 (DOMAIN.md §1.5).</summary>
public enum SatisfactionEvaluation
{
    Satisfied = 0,
    FairlySatisfied = 1,
    Dissatisfied = 3,
}

/// <summary>处理意见 outcome (《信访工作条例》第三十二条).</summary>
public enum HandlingOpinion
{
    Support = 1,   // 支持
    Explain = 2,   // 解释说明
    Reject = 3,    // 不予支持
}
