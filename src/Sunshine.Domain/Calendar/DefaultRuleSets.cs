namespace Sunshine.Domain.Calendar;

/// <summary>
/// The shipped time limits (DOMAIN.md §1.3, §1.5, §1.8, §2). Each set carries its own statute and article numbers;
/// where DOMAIN.md gives no article, only the statute is cited. Petition limits do not roll forward over rest days
/// (national statistics compare plain calendar dates); legal-route limits do (Civil Code Art. 203).
/// </summary>
public static class DefaultRuleSets
{
    private const string Tiaoli2005 = "《信访条例》";
    private const string Tiaoli2022 = "《信访工作条例》";
    private const string Disclosure = "《政府信息公开条例》";

    /// <summary>《信访条例》(国务院令第431号), in force 2005-05-01 until the 2022 条例 replaced it.</summary>
    public static RuleSet Xinfang2005 { get; } = RuleSet.Of(
        "xinfang-2005", "《信访条例》(国务院令第431号)", "", new DateOnly(2005, 5, 1), new DateOnly(2022, 4, 30),
        new(RuleCodes.TransferOrAssign, "转送、交办期限", 15, PeriodUnit.CalendarDays, Tiaoli2005 + "第二十一条") { StartEvent = "registration" },
        new(RuleCodes.AcceptanceDecision, "受理告知期限", 15, PeriodUnit.CalendarDays, Tiaoli2005 + "第二十二条") { StartEvent = "receipt" },
        new(RuleCodes.Handling, "办理期限", 60, PeriodUnit.CalendarDays, Tiaoli2005 + "第三十三条", MaxExtension: 30) { StartEvent = "acceptance" },
        new(RuleCodes.ReviewRequest, "复查申请期限", 30, PeriodUnit.CalendarDays, Tiaoli2005 + "第三十四条") { StartEvent = "receipt of the handling opinion" },
        new(RuleCodes.ReviewDecision, "复查期限", 30, PeriodUnit.CalendarDays, Tiaoli2005 + "第三十四条") { StartEvent = "receipt of the review request" },
        new(RuleCodes.ReexaminationRequest, "复核申请期限", 30, PeriodUnit.CalendarDays, Tiaoli2005 + "第三十五条") { StartEvent = "receipt of the review opinion" },
        new(RuleCodes.ReexaminationDecision, "复核期限", 30, PeriodUnit.CalendarDays, Tiaoli2005 + "第三十五条") { StartEvent = "receipt of the re-examination request" },
        // The 2016 simplified procedure predates the 2022 条例, so it belongs to this set too (for items from 2016 on).
        new(RuleCodes.SimplifiedProcedure, "简易办理期限", 10, PeriodUnit.WorkingDays, "简易办理（2016）") { StartEvent = "acceptance" },
        new(RuleCodes.SatisfactionEvaluationWindow, "满意度评价期限", 30, PeriodUnit.CalendarDays, "地方规定（可配置，默认30日）") { StartEvent = "the reply" });

    /// <summary>《信访工作条例》, in force from 2022-05-01.</summary>
    public static RuleSet Xinfang2022 { get; } = RuleSet.Of(
        "xinfang-2022", "《信访工作条例》", "", new DateOnly(2022, 5, 1), null,
        new(RuleCodes.TransferOrAssign, "转送、交办期限", 15, PeriodUnit.CalendarDays, Tiaoli2022 + "第二十二条") { StartEvent = "registration" },
        new(RuleCodes.ReceiptNotice, "接收告知期限", 15, PeriodUnit.CalendarDays, Tiaoli2022 + "第二十三条") { StartEvent = "receipt" },
        new(RuleCodes.Objection, "异议期限", 5, PeriodUnit.WorkingDays, Tiaoli2022 + "第二十三条") { StartEvent = "receipt of the transferred item" },
        new(RuleCodes.Handling, "办理期限", 60, PeriodUnit.CalendarDays, Tiaoli2022 + "第三十四条", MaxExtension: 30) { StartEvent = "acceptance" },
        new(RuleCodes.ReviewRequest, "复查申请期限", 30, PeriodUnit.CalendarDays, Tiaoli2022 + "第三十五条") { StartEvent = "receipt of the handling opinion" },
        new(RuleCodes.ReviewDecision, "复查期限", 30, PeriodUnit.CalendarDays, Tiaoli2022 + "第三十五条") { StartEvent = "receipt of the review request" },
        new(RuleCodes.ReexaminationRequest, "复核申请期限", 30, PeriodUnit.CalendarDays, Tiaoli2022 + "第三十六条") { StartEvent = "receipt of the review opinion" },
        // Hearing time is not counted (Art. 36): record it as a ClockPause.
        new(RuleCodes.ReexaminationDecision, "复核期限", 30, PeriodUnit.CalendarDays, Tiaoli2022 + "第三十六条") { StartEvent = "receipt of the re-examination request" },
        new(RuleCodes.SimplifiedProcedure, "简易办理期限", 10, PeriodUnit.WorkingDays, "简易办理（2016）") { StartEvent = "acceptance" },
        new(RuleCodes.SatisfactionEvaluationWindow, "满意度评价期限", 30, PeriodUnit.CalendarDays, "地方规定（可配置，默认30日）") { StartEvent = "the reply" });

    /// <summary>《政府信息公开条例》 as revised in 2019, in force from 2019-05-15. All limits are working days.</summary>
    public static RuleSet Disclosure2019 { get; } = RuleSet.Of(
        "disclosure-2019", "《政府信息公开条例》(2019年修订)", "", new DateOnly(2019, 5, 15), null,
        new(RuleCodes.DisclosureReply, "依申请公开答复期限", 20, PeriodUnit.WorkingDays, Disclosure + "第三十三条",
            MaxExtension: 20, ExtensionUnit: PeriodUnit.WorkingDays) { StartEvent = "receipt of the application" },
        new(RuleCodes.CorrectionRequest, "补正告知期限", 7, PeriodUnit.WorkingDays, Disclosure + "第三十条") { StartEvent = "receipt of the application" },
        new(RuleCodes.ThirdPartyConsultation, "第三方意见期限", 15, PeriodUnit.WorkingDays, Disclosure + "第三十二条") { StartEvent = "receipt of the consultation" },
        new(RuleCodes.ProactivePublication, "主动公开期限", 20, PeriodUnit.WorkingDays, Disclosure + "第二十六条") { StartEvent = "the information being formed or changed" },
        new(RuleCodes.ProcessingFeePayment, "信息处理费缴纳期限", 20, PeriodUnit.WorkingDays, "国办函〔2020〕109号") { StartEvent = "the fee notice" });

    /// <summary>Legal-route guide limits (DOMAIN.md §1.8), from the 2023 行政复议法's entry into force. Seed data: administrators edit it.</summary>
    public static RuleSet LegalRoutes2024 { get; } = RuleSet.Of(
        "legal-routes-2024", "法定途径指引", "", new DateOnly(2024, 1, 1), null,
        new(RuleCodes.ReconsiderationApplication, "行政复议申请期限", 60, PeriodUnit.CalendarDays, "《行政复议法》", RollForwardToWorkingDay: true) { StartEvent = "knowing of the act" },
        new(RuleCodes.ReconsiderationDecision, "行政复议决定期限", 60, PeriodUnit.CalendarDays, "《行政复议法》", RollForwardToWorkingDay: true, MaxExtension: 30) { StartEvent = "acceptance" },
        new(RuleCodes.LitigationAfterReconsideration, "复议后起诉期限", 15, PeriodUnit.CalendarDays, "《行政诉讼法》", RollForwardToWorkingDay: true) { StartEvent = "receipt of the reconsideration decision" },
        new(RuleCodes.LabourArbitrationAward, "劳动仲裁裁决期限", 45, PeriodUnit.CalendarDays, "《劳动争议调解仲裁法》", RollForwardToWorkingDay: true, MaxExtension: 15) { StartEvent = "acceptance" },
        new(RuleCodes.LitigationAfterLabourAward, "仲裁后起诉期限", 15, PeriodUnit.CalendarDays, "《劳动争议调解仲裁法》", RollForwardToWorkingDay: true) { StartEvent = "receipt of the award" },
        new(RuleCodes.CivilAppeal, "民事上诉期限", 15, PeriodUnit.CalendarDays, "《民事诉讼法》", RollForwardToWorkingDay: true) { StartEvent = "service of the judgment" });

    /// <summary>
    /// A sample provincial override (DOMAIN.md §1.3: "Zhejiang: … 30 days to handle, extension up to 60"), to show how a
    /// province replaces national limits. The provincial source and its start date are to be confirmed before production use.
    /// </summary>
    public static RuleSet ZhejiangSample { get; } = RuleSet.Of(
        "zhejiang-sample", "浙江省办理期限（示例）", "33", new DateOnly(2022, 5, 1), null,
        new TimeLimitRule(RuleCodes.Handling, "办理期限（浙江）", 30, PeriodUnit.CalendarDays, "浙江省地方规定（示例）", MaxExtension: 60) { StartEvent = "acceptance" });

    public static IReadOnlyList<RuleSet> All { get; } = [Xinfang2005, Xinfang2022, Disclosure2019, LegalRoutes2024, ZhejiangSample];
}
