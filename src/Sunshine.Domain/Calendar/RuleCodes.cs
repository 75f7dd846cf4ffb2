namespace Sunshine.Domain.Calendar;

/// <summary>Keys of the time limits in <see cref="DefaultRuleSets"/>. Provincial rule sets override by using the same key.</summary>
public static class RuleCodes
{
    // Petitions (信访): 《信访工作条例》 2022 / 《信访条例》 2005.

    /// <summary>转送、交办: the bureau transfers or assigns a registered item — 15 日 (2022 Art. 22; 2005 Art. 21).</summary>
    public const string TransferOrAssign = "petition.transfer";

    /// <summary>Written notice of receipt and of the route and procedure — 15 日 (2022 Art. 23).</summary>
    public const string ReceiptNotice = "petition.receipt-notice";

    /// <summary>异议: an organ objects to an item outside its competence — 5 工作日 (2022 Art. 23).</summary>
    public const string Objection = "petition.objection";

    /// <summary>Decide whether to accept (受理) — 15 日 (2005 Art. 22).</summary>
    public const string AcceptanceDecision = "petition.acceptance";

    /// <summary>办理: handling opinion from acceptance — 60 日, extension ≤ 30 日 (2022 Art. 34; 2005 Art. 33).</summary>
    public const string Handling = "petition.handling";

    /// <summary>Petitioner asks for review (复查) — 30 日 from receiving the opinion (2022 Art. 35; 2005 Art. 34).</summary>
    public const string ReviewRequest = "petition.review-request";

    /// <summary>Review opinion — 30 日 (2022 Art. 35; 2005 Art. 34).</summary>
    public const string ReviewDecision = "petition.review";

    /// <summary>Petitioner asks for re-examination (复核) — 30 日 from the review reply (2022 Art. 36; 2005 Art. 35).</summary>
    public const string ReexaminationRequest = "petition.reexamination-request";

    /// <summary>Re-examination opinion — 30 日, hearing time not counted (2022 Art. 36; 2005 Art. 35).</summary>
    public const string ReexaminationDecision = "petition.reexamination";

    /// <summary>简易办理 (2016) — 10 工作日 from acceptance.</summary>
    public const string SimplifiedProcedure = "petition.simplified";

    /// <summary>满意度评价 window — local policy, default 30 日 from the reply.</summary>
    public const string SatisfactionEvaluationWindow = "petition.evaluation";

    // Disclosure (政府信息公开): 《政府信息公开条例》 2019.

    /// <summary>Reply to a request — 20 工作日, extension ≤ 20 工作日 (Art. 33).</summary>
    public const string DisclosureReply = "disclosure.reply";

    /// <summary>补正: ask once for a correction — 7 工作日 from receipt (Art. 30).</summary>
    public const string CorrectionRequest = "disclosure.correction";

    /// <summary>征求第三方意见: the third party answers — 15 工作日 (Art. 32).</summary>
    public const string ThirdPartyConsultation = "disclosure.third-party";

    /// <summary>主动公开: publish within 20 工作日 of forming or changing the information (Art. 26).</summary>
    public const string ProactivePublication = "disclosure.proactive";

    /// <summary>信息处理费: the applicant pays within 20 工作日 of the fee notice (国办函〔2020〕109号).</summary>
    public const string ProcessingFeePayment = "disclosure.fee-payment";

    // Legal-route guide (法定途径指引): calendar-day limits that follow Civil Code Art. 203.

    /// <summary>Apply for administrative reconsideration — 60 日 from knowing of the act (行政复议法 2023).</summary>
    public const string ReconsiderationApplication = "legal.reconsideration-application";

    /// <summary>Reconsideration decision — 60 日, extension ≤ 30 日 (行政复议法 2023).</summary>
    public const string ReconsiderationDecision = "legal.reconsideration";

    /// <summary>Sue after a reconsideration decision — 15 日 (行政诉讼法).</summary>
    public const string LitigationAfterReconsideration = "legal.litigation-after-reconsideration";

    /// <summary>Labour arbitration award — 45 日, extension ≤ 15 日 (劳动争议调解仲裁法).</summary>
    public const string LabourArbitrationAward = "legal.labour-award";

    /// <summary>Sue after a labour arbitration award — 15 日 (劳动争议调解仲裁法).</summary>
    public const string LitigationAfterLabourAward = "legal.litigation-after-labour-award";

    /// <summary>Appeal a civil judgment — 15 日 (民事诉讼法).</summary>
    public const string CivilAppeal = "legal.civil-appeal";
}
