namespace Sunshine.Domain.Disclosure;

/// <summary>
/// How a disclosure request ended, as the row of table three of the annual report (DOMAIN.md §2.3): "group" or
/// "group/sub-row", with the template's exact labels. <c>DisclosureRequest.Outcome</c> holds one of <see cref="All"/>;
/// the annual report counts each concluded request once, in its row (部分公开 is exclusive).
/// </summary>
public static class RequestOutcomes
{
    /// <summary>予以公开 (Art. 36(一)(二)); also "already published, told where to get it".</summary>
    public const string Disclosed = "予以公开";

    /// <summary>部分公开 (区分处理, Art. 37).</summary>
    public const string PartlyDisclosed = "部分公开";

    /// <summary>补正 not answered in time (Art. 30): the application is abandoned.</summary>
    public const string AbandonedNoCorrection = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";

    /// <summary>Fee not paid within 20 工作日 of the notice (国办函〔2020〕109号): the application is abandoned.</summary>
    public const string AbandonedFeeUnpaid = "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";

    /// <summary>Withdrawn by the applicant, or otherwise ended.</summary>
    public const string Other = "其他处理/其他";

    public static readonly IReadOnlyList<string> All =
    [
        Disclosed,
        PartlyDisclosed,
        "不予公开/属于国家秘密",
        "不予公开/其他法律行政法规禁止公开",
        "不予公开/危及“三安全一稳定”",
        "不予公开/保护第三方合法权益",
        "不予公开/属于三类内部事务信息",
        "不予公开/属于四类过程性信息",
        "不予公开/属于行政执法案卷",
        "不予公开/属于行政查询事项",
        "无法提供/本机关不掌握相关政府信息",
        "无法提供/没有现成信息需要另行制作",
        "无法提供/补正后申请内容仍不明确",
        "不予处理/信访举报投诉类申请",
        "不予处理/重复申请",
        "不予处理/要求提供公开出版物",
        "不予处理/无正当理由大量反复申请",
        "不予处理/要求行政机关确认或重新出具已获取信息",
        AbandonedNoCorrection,
        AbandonedFeeUnpaid,
        Other,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsValid(string? outcome) => outcome is not null && Known.Contains(outcome);

    /// <summary>The group (e.g. 不予公开) of a row.</summary>
    public static string Group(string outcome) => outcome.Split('/')[0];

    /// <summary>Outcomes that need a proof of time having run out and are recorded by their own action, not by a reply.</summary>
    public static bool IsAbandonment(string outcome) => outcome is AbandonedNoCorrection or AbandonedFeeUnpaid;
}

/// <summary>The applicant columns of table three (DOMAIN.md §2.3): a natural person, or one of five kinds of legal person or other organisation.</summary>
public static class ApplicantTypes
{
    public const string NaturalPerson = "自然人";

    public static readonly IReadOnlyList<string> All = [NaturalPerson, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

    public static bool IsValid(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
