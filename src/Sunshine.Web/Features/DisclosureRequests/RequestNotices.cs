using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Notices;
using Sunshine.Web.Infrastructure;
using Template = Sunshine.Web.Features.Petitions.Notices.DefaultNoticeTemplates.Template;

namespace Sunshine.Web.Features.DisclosureRequests;

/// <summary>
/// The written notices of a disclosure request, kept in the same editable <see cref="NoticeTemplate"/> table as the
/// petition notices (kinds starting with <c>disclosure-</c>): the correction notice (《政府信息公开条例》第三十条), the
/// extension notice (第三十三条第一款), the fee notice (第四十二条, 国办函〔2020〕109号) and one reply per group of table three
/// (第三十六条, 第三十七条). Statutory documents are always in Chinese; the texts are ours.
/// </summary>
public static class RequestNotices
{
    public const string Prefix = "disclosure-";
    public const string Correction = "disclosure-correction";
    public const string Extension = "disclosure-extension";
    public const string Fee = "disclosure-fee";
    public const string ReplyDisclosed = "disclosure-reply-disclosed";
    public const string ReplyPartial = "disclosure-reply-partial";
    public const string ReplyRefused = "disclosure-reply-refused";
    public const string ReplyUnavailable = "disclosure-reply-unavailable";
    public const string ReplyDeclined = "disclosure-reply-declined";
    public const string ReplyAbandoned = "disclosure-reply-abandoned";
    public const string ReplyOther = "disclosure-reply-other";

    public static bool IsDisclosureKind(string kind) => kind.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Every placeholder a disclosure template may use, with what fills it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Placeholders = new Dictionary<string, string>
    {
        ["申请人"] = "applicant's name",
        ["申请编号"] = "request number",
        ["收到日期"] = "receipt date (Art. 31)",
        ["申请内容"] = "the information asked for",
        ["补正事项"] = "what to correct (the reason given)",
        ["补正期限"] = "the day the correction must arrive by",
        ["原答复期限"] = "reply due date before the extension",
        ["延长天数"] = "extension in working days",
        ["延长理由"] = "the reason for the extension",
        ["答复期限"] = "current reply due date",
        ["收费方式"] = "按件计收 or 按量计收",
        ["收费标准"] = "the band applied",
        ["收费金额"] = "amount in yuan",
        ["缴费期限"] = "last day to pay (20 working days)",
        ["答复类型"] = "the table-three row of the reply",
        ["答复依据"] = "the article the reply rests on",
        ["答复内容"] = "the officer's reply text",
        ["行政机关"] = "the organ",
        ["日期"] = "date of the notice (the day of the step)",
    };

    private const string Remedy = "如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者自收到本答复之日起6个月内依法提起行政诉讼（《政府信息公开条例》第五十一条）。";

    /// <summary>A reply ends with the remedies (Art. 51) and the organ's signature.</summary>
    private static Template Reply(string kind, string title, string body) => new(kind, title, body + "\n" + Remedy + "\n\n{{行政机关}}\n{{日期}}");

    public static readonly IReadOnlyList<Template> All =
    [
        new(Correction, "政府信息公开申请补正告知书", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），申请内容为：{{申请内容}}。
            经审查，你（单位）的申请内容不明确。依据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知你（单位）作出补正，需要补正的事项如下：{{补正事项}}
            请于{{补正期限}}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。

            {{行政机关}}
            {{日期}}
            """),
        new(Extension, "政府信息公开申请延期答复告知书", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），原答复期限为{{原答复期限}}。
            因{{延长理由}}，本机关不能在原答复期限内作出答复。依据《中华人民共和国政府信息公开条例》第三十三条第一款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长天数}}个工作日，本机关将于{{答复期限}}前作出答复。

            {{行政机关}}
            {{日期}}
            """),
        new(Fee, "政府信息公开信息处理费收费通知书", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}）。你（单位）申请公开政府信息的数量、频次明显超过合理范围，依据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关按{{收费方式}}收取信息处理费：{{收费标准}}，应缴金额为人民币{{收费金额}}元。
            请于{{缴费期限}}前（自收到本通知之日起20个工作日内）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。

            {{行政机关}}
            {{日期}}
            """),
        Reply(ReplyDisclosed, "政府信息公开申请答复书", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），申请内容为：{{申请内容}}。
            经审查，依据{{答复依据}}的规定，答复如下：你（单位）申请公开的信息予以公开。{{答复内容}}
            """),
        Reply(ReplyPartial, "政府信息公开申请答复书（部分公开）", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），申请内容为：{{申请内容}}。
            经审查，你（单位）申请公开的信息中含有不应当公开的内容，但能够作区分处理。依据{{答复依据}}的规定，本机关向你（单位）提供可以公开的信息内容，并对不予公开的内容说明理由如下：{{答复内容}}
            """),
        Reply(ReplyRefused, "政府信息公开申请答复书（不予公开）", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），申请内容为：{{申请内容}}。
            经审查，你（单位）申请公开的信息{{答复类型}}。依据{{答复依据}}的规定，本机关决定不予公开。理由如下：{{答复内容}}
            """),
        Reply(ReplyUnavailable, "政府信息公开申请答复书（无法提供）", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），申请内容为：{{申请内容}}。
            经审查，{{答复类型}}。依据{{答复依据}}的规定，本机关无法提供。{{答复内容}}
            """),
        Reply(ReplyDeclined, "政府信息公开申请告知书（不予处理）", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的申请（申请编号：{{申请编号}}），申请内容为：{{申请内容}}。
            经审查，该申请属于{{答复类型}}的情形。依据{{答复依据}}的规定，本机关不予处理。{{答复内容}}
            """),
        new(ReplyAbandoned, "政府信息公开申请终止处理告知书", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}）。{{答复类型}}。依据{{答复依据}}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。{{答复内容}}

            {{行政机关}}
            {{日期}}
            """),
        new(ReplyOther, "政府信息公开申请办理结果告知书", """
            {{申请人}}：
            本机关于{{收到日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{申请编号}}），申请内容为：{{申请内容}}。
            该申请已办结。{{答复内容}}

            {{行政机关}}
            {{日期}}
            """),
    ];

    /// <summary>The reply template for a table-three row.</summary>
    public static string ReplyKind(string outcome) => outcome switch
    {
        RequestOutcomes.Disclosed => ReplyDisclosed,
        RequestOutcomes.PartlyDisclosed => ReplyPartial,
        RequestOutcomes.AbandonedNoCorrection or RequestOutcomes.AbandonedFeeUnpaid => ReplyAbandoned,
        _ => RequestOutcomes.Group(outcome) switch
        {
            "不予公开" => ReplyRefused,
            "无法提供" => ReplyUnavailable,
            "不予处理" => ReplyDeclined,
            _ => ReplyOther,
        },
    };

    /// <summary>The notices a request has reached: each one belongs to a step already taken.</summary>
    public static IReadOnlyList<string> Available(DateOnly? correctionRequestedOn, int? extensionDays, DateOnly? feeNoticeOn, string? outcome)
    {
        var kinds = new List<string>();
        if (correctionRequestedOn is not null) kinds.Add(Correction);
        if (extensionDays is not null) kinds.Add(Extension);
        if (feeNoticeOn is not null) kinds.Add(Fee);
        if (outcome is not null) kinds.Add(ReplyKind(outcome));
        return kinds;
    }

    /// <summary>The article a reply rests on, by the row of table three (and Art. 36(一) when it was already published).</summary>
    public static string Basis(string outcome, bool alreadyPublished) => outcome switch
    {
        RequestOutcomes.Disclosed => alreadyPublished ? "《中华人民共和国政府信息公开条例》第三十六条第（一）项" : "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
        RequestOutcomes.PartlyDisclosed => "《中华人民共和国政府信息公开条例》第三十七条",
        "不予公开/属于国家秘密" or "不予公开/其他法律行政法规禁止公开" or "不予公开/危及“三安全一稳定”" => "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
        "不予公开/保护第三方合法权益" => "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项",
        "不予公开/属于三类内部事务信息" => "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
        "不予公开/属于四类过程性信息" or "不予公开/属于行政执法案卷" => "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
        "不予公开/属于行政查询事项" => "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
        "无法提供/本机关不掌握相关政府信息" => "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
        "无法提供/没有现成信息需要另行制作" => "《中华人民共和国政府信息公开条例》第三十八条",
        "无法提供/补正后申请内容仍不明确" => "《中华人民共和国政府信息公开条例》第二十九条、第三十条",
        "不予处理/信访举报投诉类申请" => "《中华人民共和国政府信息公开条例》第三十九条第一款",
        "不予处理/重复申请" => "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
        "不予处理/要求提供公开出版物" => "《中华人民共和国政府信息公开条例》第三十九条第二款",
        "不予处理/无正当理由大量反复申请" => "《中华人民共和国政府信息公开条例》第三十五条",
        // No article of the 条例 names this case: the row comes from the national annual-report format
        // (国办公开办函〔2019〕60号, 〔2021〕30号). So the reply cites the instrument itself and no article it does not have.
        "不予处理/要求行政机关确认或重新出具已获取信息" => "《中华人民共和国政府信息公开条例》",
        RequestOutcomes.AbandonedNoCorrection => "《中华人民共和国政府信息公开条例》第三十条",
        RequestOutcomes.AbandonedFeeUnpaid => "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        _ => "《中华人民共和国政府信息公开条例》",
    };

    /// <summary>GET a notice of a request as Word (default) or HTML; 409 when the request has not reached that step.</summary>
    public static async Task<IResult> Render(long id, string kind, string? format, ClaimsPrincipal user, SunshineDbContext db, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var r = await db.DisclosureRequests.AsNoTracking().WithinScope(db, scope).SingleOrDefaultAsync(x => x.Id == id, ct);
        var template = IsDisclosureKind(kind) ? await db.NoticeTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind, ct) : null;
        if (r is null || template is null) return TypedResults.NotFound();
        if (!Available(r.CorrectionRequestedOn, r.ExtensionDays, r.FeeNoticeOn, r.Outcome).Contains(kind))
            return TypedResults.Problem(title: L["Dr.ErrorNoNotice"], statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = "Dr.ErrorNoNotice" });
        var text = NoticeDocuments.Fill(template.Body, await ValuesAsync(db, r, kind, time, ct));
        return format == "html"
            ? TypedResults.Content(NoticeDocuments.ToHtml(template.Title, text), "text/html; charset=utf-8")
            : TypedResults.File(NoticeDocuments.ToDocx(template.Title, text), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{r.RequestNumber}-{template.Title}.docx");
    }

    /// <summary>
    /// What fills the placeholders. Dates are legal dates in Asia/Shanghai on the holiday calendar; the extension notice
    /// states the due date before and after the extension, the fee notice the 20 工作日 to pay; each notice is dated the
    /// day of its step.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> ValuesAsync(SunshineDbContext db, DisclosureRequest r, string kind, TimeProvider time, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == r.OrganisationId, ct);
        var settings = await RequestIntake.SettingsAsync(db, r.OrganisationId, ct);
        var consultations = await db.DisclosureConsultations.AsNoTracking().Where(c => c.RequestId == r.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var today = ChinaTime.Today(time);
        var clock = RequestEndpoints.Clock(r, consultations, settings, today, organisation.DivisionCode, calendar);
        var reasons = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(DisclosureRequest) && a.EntityId == r.Id.ToString() && a.Reason != null
                && (a.Action == "disclosure-request.request-correction" || a.Action == "disclosure-request.extend"))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.Reason }).ToListAsync(ct);
        // The due date as it stood before the extension: the same clock without it.
        var unextended = DisclosureClock.Compute(new DisclosureClockInput(r.ReceivedOn, r.CorrectionRequestedOn, r.CorrectionAnswerBy, r.CorrectedOn,
                consultations.Select(c => new Consultation(c.Kind, c.SentOn, c.AnsweredOn)).ToList(), null, null, r.FeeNoticeOn, r.FeePaidOn, settings.ReplyWaitsForFee),
            r.ConcludedOn ?? today, RuleBook.Default, organisation.DivisionCode, calendar);
        var replyDue = r.Status == DisclosureRequestStatus.Concluded ? r.DueOn : clock.ReplyDueOn;
        var feeBand = r.FeeMethod == FeeMethod.PerPage
            ? $"共{r.FeePages ?? 0}页，30页以下免收，31至100页每页10元，101至200页每页20元，200页以上每页40元"
            : "同一申请人一个自然月内向本机关提出的第11至30件申请，每件100元，此后每增加10件，每件加收100元";
        var date = kind switch
        {
            Correction => r.CorrectionRequestedOn,
            Extension => r.ExtendedOn,
            Fee => r.FeeNoticeOn,
            _ => r.ConcludedOn,
        } ?? today;
        return new Dictionary<string, string>
        {
            ["申请人"] = r.ApplicantName,
            ["申请编号"] = r.RequestNumber,
            ["收到日期"] = NoticeEndpoints.ChineseDate(r.ReceivedOn),
            ["申请内容"] = r.Description,
            ["补正事项"] = reasons.LastOrDefault(x => x.Action == "disclosure-request.request-correction")?.Reason ?? "",
            ["补正期限"] = r.CorrectionAnswerBy is { } by ? NoticeEndpoints.ChineseDate(by) : "",
            ["原答复期限"] = unextended.ReplyDueOn is { } before ? NoticeEndpoints.ChineseDate(before) : "",
            ["延长天数"] = r.ExtensionDays?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["延长理由"] = reasons.LastOrDefault(x => x.Action == "disclosure-request.extend")?.Reason ?? "",
            ["答复期限"] = replyDue is { } due ? NoticeEndpoints.ChineseDate(due) : "",
            ["收费方式"] = r.FeeMethod == FeeMethod.PerPage ? "按量计收" : "按件计收",
            ["收费标准"] = feeBand,
            ["收费金额"] = DisclosureFees.Yuan2(r.FeeNoticedFen ?? 0),
            ["缴费期限"] = clock.FeePaymentDueOn is { } payBy ? NoticeEndpoints.ChineseDate(payBy) : "",
            ["答复类型"] = r.Outcome switch
            {
                RequestOutcomes.AbandonedNoCorrection => "本机关已告知你（单位）补正申请，你（单位）无正当理由逾期未补正",
                RequestOutcomes.AbandonedFeeUnpaid => "本机关已向你（单位）发出收费通知，你（单位）逾期未按收费通知要求缴纳费用",
                { } o => o[(o.IndexOf('/', StringComparison.Ordinal) + 1)..],
                null => "",
            },
            ["答复依据"] = r.Outcome is { } outcome ? Basis(outcome, r.AlreadyPublished) : "",
            ["答复内容"] = r.ReplyText ?? "",
            ["行政机关"] = organisation.Name,
            ["日期"] = NoticeEndpoints.ChineseDate(date),
        };
    }
}
