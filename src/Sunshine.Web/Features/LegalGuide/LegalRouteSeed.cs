using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;

namespace Sunshine.Web.Features.LegalGuide;

/// <summary>
/// The first version of the guide's rule table, from the channels and limits of DOMAIN.md §1.8. Written once into an
/// empty table; from then on the rows are the administrators' to edit, and nothing here is read by the pages.
/// </summary>
public static class LegalRouteSeed
{
    public static async Task SeedAsync(SunshineDbContext db, CancellationToken ct)
    {
        if (await db.LegalGuideRoutes.AnyAsync(ct)) return;
        var routes = Routes().ToDictionary(r => r.Code);
        db.LegalGuideRoutes.AddRange(routes.Values);
        await db.SaveChangesAsync(ct);

        var order = 0;
        LegalGuideChoice Choice(LegalGuideChoice? parent, string text, string textEn, string? route = null, string? question = null, string? questionEn = null)
        {
            var choice = new LegalGuideChoice
            {
                Parent = parent, Text = text, TextEn = textEn, Question = question, QuestionEn = questionEn,
                Route = route is null ? null : routes[route], SortOrder = ++order,
            };
            db.LegalGuideChoices.Add(choice);
            return choice;
        }

        var act = Choice(null, "对行政机关作出的决定或行为不服（如罚款、没收、许可、征收补偿、工伤认定、社会保险待遇、政府信息公开）",
            "You disagree with a decision or act of a government agency (a fine, confiscation, licence, expropriation compensation, work-injury finding, social-insurance benefit, information disclosure)",
            question: "您是否已经申请过行政复议？", questionEn: "Have you already applied for administrative reconsideration?");
        var notYet = Choice(act, "还没有申请行政复议", "Not yet",
            question: "这个行为属于下面哪一种？", questionEn: "Which of these is it?");
        Choice(notYet, "当场作出的行政处罚；对自然资源所有权、使用权的确认；行政机关不履行法定职责；不予公开政府信息",
            "An on-the-spot penalty; a decision on ownership or use of natural resources; an agency's failure to perform its duty; a refusal to disclose government information",
            "reconsideration-first");
        Choice(notYet, "其他行政行为", "Any other administrative act", "reconsideration");
        Choice(act, "已经收到复议决定，仍然不服", "Yes, I received the decision and still disagree", "administrative-litigation");
        Choice(act, "不申请复议，想直接向法院起诉", "No, I want to go to court directly", "administrative-litigation");
        Choice(null, "与用人单位之间的劳动争议（工资、社会保险、解除劳动合同、工伤待遇等）",
            "A labour dispute with an employer (wages, social insurance, dismissal, work-injury benefits)", "labour");
        Choice(null, "农村土地承包经营纠纷", "A dispute over contracted rural land", "land-contract");
        Choice(null, "与个人或企业之间的民事纠纷（合同、借款、邻里、婚姻家庭、人身或财产损害等）",
            "A civil dispute with a person or a company (contract, loan, neighbours, family, injury or damage)", "civil");
        Choice(null, "国家机关或其工作人员违法行使职权造成损害，要求国家赔偿",
            "A state organ or official harmed you by acting unlawfully, and you want state compensation", "state-compensation");
        Choice(null, "对已经生效的刑事判决、裁定不服", "You disagree with a criminal judgment or ruling that has taken effect", "criminal-appeal");
        Choice(null, "检举公职人员或党员的违纪违法行为", "You want to report misconduct by an official or a party member", "discipline");
        Choice(null, "购买商品或接受服务时与经营者发生的消费纠纷", "A consumer dispute with a shop or service provider", "consumer");
        Choice(null, "对政府工作的建议、意见或批评，或者以上都不属于的诉求",
            "A suggestion, opinion or criticism of government work, or a request that fits none of the above", "petition");
        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<LegalGuideRoute> Routes()
    {
        var order = 0;
        yield return new LegalGuideRoute
        {
            Code = "reconsideration", SortOrder = ++order, PetitionAccepted = false,
            Name = "行政复议", NameEn = "Administrative reconsideration",
            Body = "作出行政行为的行政机关所属的本级人民政府（行政复议机构）；对海关、金融、外汇、税务等垂直领导的机关，向其上一级主管部门申请",
            BodyEn = "The people's government at the level of the agency that acted (its reconsideration office); for customs, finance, foreign exchange, tax and other vertically led agencies, the next higher authority",
            TimeLimits = "自知道或者应当知道该行政行为之日起60日内提出申请；复议机关自受理之日起60日内作出决定，情况复杂的可延长，最多不超过30日。也可以不经复议，自知道之日起6个月内直接向人民法院提起行政诉讼。",
            TimeLimitsEn = "Apply within 60 days of learning of the act; the decision is due within 60 days of acceptance, extendable by at most 30 days. You may instead sue in court directly within 6 months.",
            WhatToBring = "身份证件；行政复议申请书（写明请求和理由，可口头申请由工作人员记录）；被申请复议的决定书或能证明该行政行为的材料；相关证据",
            WhatToBringEn = "ID; an application stating your request and reasons (it may be made orally and written down); the decision or other proof of the act; your evidence",
            LegalBasis = "《中华人民共和国行政复议法》（2023年修订）第二十条、第六十二条；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "reconsideration-first", SortOrder = ++order, PetitionAccepted = false,
            Name = "先申请行政复议，再向法院起诉", NameEn = "Reconsideration first, then court",
            Body = "作出行政行为的行政机关所属的本级人民政府（行政复议机构）",
            BodyEn = "The people's government at the level of the agency that acted (its reconsideration office)",
            TimeLimits = "必须先申请行政复议：自知道或者应当知道该行政行为之日起60日内提出；对复议决定不服的，自收到决定书之日起15日内向人民法院起诉。",
            TimeLimitsEn = "Reconsideration must come first: apply within 60 days of learning of the act; if you disagree with its decision, sue within 15 days of receiving it.",
            WhatToBring = "身份证件；行政复议申请书；处罚决定书、不予公开告知书或要求履行职责的申请及其回复等材料；相关证据",
            WhatToBringEn = "ID; an application for reconsideration; the penalty decision, the refusal notice, or your request to perform the duty and any reply; your evidence",
            LegalBasis = "《中华人民共和国行政复议法》（2023年修订）第二十三条；《中华人民共和国行政诉讼法》第四十四条、第四十五条；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "administrative-litigation", SortOrder = ++order, PetitionAccepted = false,
            Name = "行政诉讼", NameEn = "Administrative litigation",
            Body = "有管辖权的人民法院（一般为作出行政行为的行政机关所在地的基层人民法院）",
            BodyEn = "The competent people's court (usually the basic court where the agency that acted is located)",
            TimeLimits = "直接起诉的，自知道或者应当知道作出行政行为之日起6个月内；经过复议的，自收到复议决定书之日起15日内。",
            TimeLimitsEn = "Suing directly: within 6 months of learning of the act. After reconsideration: within 15 days of receiving the decision.",
            WhatToBring = "身份证件；起诉状（按被告人数提交副本）；行政行为的决定书或证明材料；经过复议的，带上复议决定书；相关证据",
            WhatToBringEn = "ID; a statement of claim (with copies for each defendant); the decision or proof of the act; the reconsideration decision if there was one; your evidence",
            LegalBasis = "《中华人民共和国行政诉讼法》第四十五条、第四十六条；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "labour", SortOrder = ++order, PetitionAccepted = false,
            Name = "劳动争议调解、仲裁和诉讼", NameEn = "Labour mediation, arbitration and litigation",
            Body = "用人单位的劳动争议调解委员会或乡镇、街道调解组织（可选）；劳动合同履行地或用人单位所在地的劳动人事争议仲裁委员会（起诉前必须先仲裁）",
            BodyEn = "The employer's labour mediation committee or a township or street mediation body (optional); the labour dispute arbitration commission where the contract is performed or the employer is located (arbitration is required before court)",
            TimeLimits = "申请仲裁的时效为1年，从知道或者应当知道权利被侵害之日起算；劳动关系存续期间拖欠劳动报酬的，不受此限，劳动关系终止的自终止之日起1年内提出。仲裁委员会自受理之日起45日内结束，可延长不超过15日。对裁决不服的，自收到裁决书之日起15日内向人民法院起诉。",
            TimeLimitsEn = "Apply for arbitration within 1 year of learning your rights were infringed; unpaid wages during employment have no limit (1 year from the end of employment). The award is due within 45 days, extendable by 15. Sue within 15 days of receiving the award if you disagree.",
            WhatToBring = "身份证件；仲裁申请书；劳动合同、工资条、考勤记录、社会保险缴费记录、解除劳动合同通知等能证明劳动关系和诉求的材料",
            WhatToBringEn = "ID; an application for arbitration; the labour contract, pay slips, attendance records, social-insurance records, dismissal notice or other proof of employment and of your claim",
            LegalBasis = "《中华人民共和国劳动争议调解仲裁法》第五条、第二十七条、第四十三条、第四十八条、第五十条；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "land-contract", SortOrder = ++order, PetitionAccepted = false,
            Name = "农村土地承包经营纠纷调解、仲裁和诉讼", NameEn = "Rural land-contract mediation, arbitration or litigation",
            Body = "村民委员会或乡（镇）人民政府（调解）；县级农村土地承包仲裁委员会（仲裁）；或直接向人民法院起诉",
            BodyEn = "The villagers' committee or the township government (mediation); the county's rural land-contract arbitration commission (arbitration); or the people's court directly",
            TimeLimits = "申请仲裁的时效为2年，自知道或者应当知道权利被侵害之日起计算。",
            TimeLimitsEn = "Apply for arbitration within 2 years of learning your rights were infringed.",
            WhatToBring = "身份证件；土地承包合同或经营权证书；申请书；能证明纠纷事实的材料",
            WhatToBringEn = "ID; the land-contract agreement or the certificate of the right; an application; proof of the facts of the dispute",
            LegalBasis = "《中华人民共和国农村土地承包经营纠纷调解仲裁法》第三条、第四条、第十八条；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "civil", SortOrder = ++order, PetitionAccepted = false,
            Name = "人民调解、仲裁或民事诉讼", NameEn = "People's mediation, arbitration or civil litigation",
            Body = "村（居）民委员会的人民调解委员会；双方约定的仲裁委员会（须有仲裁协议）；被告住所地等有管辖权的人民法院",
            BodyEn = "The people's mediation committee of the village or residents' committee; the arbitration commission both sides agreed on (only with an arbitration agreement); the competent people's court, e.g. where the defendant lives",
            TimeLimits = "诉讼时效一般为3年，自知道或者应当知道权利受到损害以及义务人之日起计算；不服一审判决的，15日内上诉；申请再审一般在判决生效后6个月内；申请执行的期间为2年。",
            TimeLimitsEn = "Generally 3 years from learning of the harm and who caused it; appeal a first-instance judgment within 15 days; apply for retrial generally within 6 months of it taking effect; apply for enforcement within 2 years.",
            WhatToBring = "身份证件；起诉状或调解、仲裁申请；合同、借条、收据、聊天记录、照片等证据；对方当事人的姓名或名称和联系方式",
            WhatToBringEn = "ID; a statement of claim or an application for mediation or arbitration; contracts, IOUs, receipts, messages, photos and other evidence; the other side's name and contact details",
            LegalBasis = "《中华人民共和国民法典》第一百八十八条；《中华人民共和国人民调解法》；《中华人民共和国仲裁法》；《中华人民共和国民事诉讼法》；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "state-compensation", SortOrder = ++order, PetitionAccepted = false,
            Name = "国家赔偿", NameEn = "State compensation",
            Body = "造成损害的行政机关、司法机关（赔偿义务机关）",
            BodyEn = "The administrative or judicial organ that caused the harm (the organ liable to compensate)",
            TimeLimits = "自知道或者应当知道国家机关及其工作人员行使职权的行为侵犯其人身权、财产权之日起2年内提出。",
            TimeLimitsEn = "Within 2 years of learning that the exercise of power harmed your person or property.",
            WhatToBring = "身份证件；国家赔偿申请书（写明要求、事实和理由）；证明损害的材料，如决定书、判决书、医疗和财产损失证明",
            WhatToBringEn = "ID; an application stating your claim, the facts and reasons; proof of the harm, such as decisions, judgments, medical or loss records",
            LegalBasis = "《中华人民共和国国家赔偿法》第三十九条；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "criminal-appeal", SortOrder = ++order, PetitionAccepted = false,
            Name = "刑事申诉", NameEn = "Appeal against an effective criminal judgment",
            Body = "作出生效判决、裁定的人民法院或者同级人民检察院",
            BodyEn = "The people's court that gave the effective judgment or ruling, or the procuratorate at the same level",
            TimeLimits = "法律未规定申诉期限；申诉不能停止判决、裁定的执行。",
            TimeLimitsEn = "The law sets no time limit; an appeal does not suspend enforcement of the judgment.",
            WhatToBring = "身份证件；申诉状；原判决书、裁定书；能证明原判决、裁定有错误的新证据或材料",
            WhatToBringEn = "ID; a written appeal; the original judgment or ruling; new evidence or material showing it was wrong",
            LegalBasis = "《中华人民共和国刑事诉讼法》第二百五十二条；《信访工作条例》第二十八条、第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "discipline", SortOrder = ++order, PetitionAccepted = false,
            Name = "向纪检监察机关检举控告", NameEn = "Report to discipline inspection and supervision",
            Body = "有管辖权的纪律检查委员会、监察委员会（可来信、来访，或拨打12388、登录举报网站）",
            BodyEn = "The competent discipline inspection commission and supervisory commission (by letter, in person, by phone 12388 or on their reporting website)",
            TimeLimits = "无申请期限。信访部门收到的检举控告类事项，也会转交纪检监察机关或有权处理的机关办理。",
            TimeLimitsEn = "No time limit. Reports received by the letters and calls bureau are passed on to discipline inspection or the competent organ.",
            WhatToBring = "被检举人的姓名、单位和职务；具体问题和线索（时间、地点、经过）；相关证据。提倡实名检举，检举人信息依法保密。",
            WhatToBringEn = "The name, unit and post of the person reported; the specific facts and leads (when, where, what happened); evidence. Reports under your own name are encouraged; your identity is kept confidential.",
            LegalBasis = "《中华人民共和国监察法》；《信访工作条例》第三十条",
        };
        yield return new LegalGuideRoute
        {
            Code = "consumer", SortOrder = ++order, PetitionAccepted = false,
            Name = "市场监管投诉（12315）", NameEn = "Market regulation complaint (12315)",
            Body = "经营者所在地的县级市场监督管理部门（拨打12315或登录全国12315平台）",
            BodyEn = "The county market regulation authority where the business is located (phone 12315 or the national 12315 platform)",
            TimeLimits = "市场监管部门自收到投诉之日起7个工作日内决定是否受理；调解自受理之日起45个工作日内终结。",
            TimeLimitsEn = "The authority decides within 7 working days whether to accept the complaint; mediation ends within 45 working days of acceptance.",
            WhatToBring = "身份证件和联系方式；经营者的名称和地址；购物凭证、发票、合同、聊天记录等；具体诉求",
            WhatToBringEn = "ID and contact details; the business's name and address; receipts, invoices, contracts, messages; what you ask for",
            LegalBasis = "《中华人民共和国消费者权益保护法》；《市场监督管理投诉举报处理暂行办法》；《信访工作条例》第三十一条",
        };
        yield return new LegalGuideRoute
        {
            Code = "petition", SortOrder = ++order, PetitionAccepted = true,
            Name = "信访", NameEn = "Petition (letters and calls)",
            Body = "问题发生地的信访工作机构（信访局），可网上提交、来信、来电或来访",
            BodyEn = "The letters and calls bureau of the place where the problem arose: online, by letter, by phone or in person",
            TimeLimits = "信访部门收到后15日内转送、交办；有权处理机关自受理之日起60日内办结，情况复杂的可延长不超过30日。不服处理意见的，可在30日内请求复查。",
            TimeLimitsEn = "The bureau passes it on within 15 days; the responsible organ handles it within 60 days of acceptance (at most 30 more for complex cases). You may ask for a review within 30 days of the reply.",
            WhatToBring = "身份证件；联系方式；事情经过和具体诉求；相关材料（照片、书面材料的复印件等）",
            WhatToBringEn = "ID; contact details; what happened and what you ask for; supporting material (photos, copies of documents)",
            LegalBasis = "《信访工作条例》第十七条、第二十二条、第三十四条、第三十五条",
        };
    }
}
