using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.Disclosure;

/// <summary>
/// The written notices of 依申请公开 as real Word files, opened and read back, on a clock standing at 2026-09-16. Dates
/// are counted by hand on the 2026 holiday notice (DOMAIN.md §5: 中秋节 9/25–9/27, 国庆节 10/1–10/7, make-up 9/20, 10/10).
/// </summary>
public abstract class RequestNoticeTests(TestApp app)
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static object Intake(int organisationId, string arrivedOn, string name) => new
    {
        organisationId, channel = "InPerson", arrivedOn, applicantType = "自然人", applicantName = name, idNumber = "11010519491231002X",
        contact = "13912345678", description = "申请公开2026年某街道背街小巷改造工程的招标文件", formWanted = "纸质，自取",
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task Act(HttpClient client, long id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/disclosure/requests/{id}/actions/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Downloads a notice and reads the Word file's paragraphs back.</summary>
    private static async Task<List<string>> ParagraphsAsync(HttpClient client, long id, string kind)
    {
        using var response = await client.GetAsync($"/api/disclosure/requests/{id}/notices/{kind}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(Docx, response.Content.Headers.ContentType!.MediaType);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var body = document.MainDocumentPart!.Document.Body!;
        Assert.Equal(11906U, body.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!.Width!.Value); // A4
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.DoesNotContain(paragraphs, p => p.Contains("{{", StringComparison.Ordinal));
        return paragraphs;
    }

    private static string All(List<string> paragraphs) => string.Join("\n", paragraphs);

    [Fact]
    public async Task Correction_extension_and_reply_notices_state_the_legal_dates_and_articles()
    {
        var organ = await app.OrganisationAsync("小店区信访局");
        var officerUser = await app.CreateUserAsync(organ.Id, false, StaffRoles.DisclosureOfficer);
        using var officer = await app.SignedInClientAsync(officerUser.UserName, officerUser.Password);
        var leaderUser = await app.CreateUserAsync(organ.Id, false, StaffRoles.UnitLeader);
        using var leader = await app.SignedInClientAsync(leaderUser.UserName, leaderUser.Password);
        var id = (await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-08-03", "钱国强")))).GetProperty("id").GetInt64();

        // No notice before its step: the request has no correction yet.
        var early = await officer.GetAsync($"/api/disclosure/requests/{id}/notices/disclosure-correction");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("该申请尚未办理到这一步，不能生成此文书。", (await Json(early)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/disclosure/requests/{id}/notices/acceptance")).StatusCode);

        // Received Mon 8/3 in person; correction asked Tue 8/4 (within 7 工作日, 8/12), to be answered by Fri 8/14.
        await Act(officer, id, "request-correction", new { on = "2026-08-04", answerBy = "2026-08-14", reason = "请写明所需招标文件的项目名称和招标年份。" });
        var correction = await ParagraphsAsync(officer, id, "disclosure-correction");
        Assert.Equal("政府信息公开申请补正告知书", correction[0]);
        Assert.Equal("钱国强：", correction[1]);
        var text = All(correction);
        Assert.Contains("本机关于2026年8月3日收到", text, StringComparison.Ordinal);
        Assert.Contains("第三十条", text, StringComparison.Ordinal);
        Assert.Contains("请写明所需招标文件的项目名称和招标年份。", text, StringComparison.Ordinal);
        Assert.Contains("请于2026年8月14日前", text, StringComparison.Ordinal);
        Assert.Equal("小店区信访局", correction[^2]);
        Assert.Equal("2026年8月4日", correction[^1]);

        // Corrected Mon 8/10: the 20 工作日 restart — 8/11–8/14 1–4, 8/17–21 5–9, 8/24–28 10–14, 8/31–9/4 15–19, Mon 9/7 20.
        // Extended Tue 9/1 by 20: 9/8–9/11 1–4, 9/14–18 5–9, Sun 9/20 (make-up) 10, 9/21–24 11–14, (中秋节) 9/28–9/30 15–17,
        // (国庆节) 10/8 18, 10/9 19, Sat 10/10 (make-up) 20.
        await Act(officer, id, "record-correction", new { on = "2026-08-10" });
        await Act(leader, id, "extend", new { on = "2026-09-01", extensionDays = 20, reason = "需要调取归档的招标文件并审查是否涉及商业秘密" });
        var extension = All(await ParagraphsAsync(officer, id, "disclosure-extension"));
        Assert.Contains("原答复期限为2026年9月7日", extension, StringComparison.Ordinal);
        Assert.Contains("第三十三条第一款", extension, StringComparison.Ordinal);
        Assert.Contains("延长20个工作日", extension, StringComparison.Ordinal);
        Assert.Contains("于2026年10月10日前作出答复", extension, StringComparison.Ordinal);
        Assert.Contains("因需要调取归档的招标文件并审查是否涉及商业秘密", extension, StringComparison.Ordinal);
        Assert.EndsWith("2026年9月1日", extension, StringComparison.Ordinal);

        await Act(officer, id, "reply", new { on = "2026-09-15", outcome = "部分公开", replyText = "投标人报价明细涉及商业秘密，不予公开；其余部分见附件。" });
        var reply = await ParagraphsAsync(officer, id, "disclosure-reply-partial");
        Assert.Equal("政府信息公开申请答复书（部分公开）", reply[0]);
        var replyText = All(reply);
        Assert.Contains("第三十七条", replyText, StringComparison.Ordinal);
        Assert.Contains("投标人报价明细涉及商业秘密", replyText, StringComparison.Ordinal);
        Assert.Contains("60日内依法申请行政复议", replyText, StringComparison.Ordinal);
        Assert.Equal("2026年9月15日", reply[^1]);
        // The other reply kinds do not belong to this request.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.GetAsync($"/api/disclosure/requests/{id}/notices/disclosure-reply-refused")).StatusCode);

        // Another organ's officer cannot download it.
        var other = await app.OrganisationAsync("迎泽区信访局");
        var otherUser = await app.CreateUserAsync(other.Id, false, StaffRoles.DisclosureOfficer);
        using var outsider = await app.SignedInClientAsync(otherUser.UserName, otherUser.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/disclosure/requests/{id}/notices/disclosure-reply-partial")).StatusCode);
    }

    [Fact]
    public async Task The_fee_notice_states_the_amount_and_the_twenty_working_days_to_pay_and_templates_are_editable()
    {
        var organ = await app.OrganisationAsync("古交市信访局");
        var (user, password) = await app.CreateUserAsync(organ.Id, false, StaffRoles.DisclosureOfficer, StaffRoles.Administrator);
        using var officer = await app.SignedInClientAsync(user, password);
        var id = (await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-07", "孙丽")))).GetProperty("id").GetInt64();

        // 150 pages: 30 free, 31–100 70 × 10 元, 101–150 50 × 20 元 = 1,700 元. Notice Tue 9/8; 20 工作日 to pay: 9/9–9/11 1–3,
        // 9/14–18 4–8, Sun 9/20 9, 9/21–24 10–13, 9/28–30 14–16, 10/8 17, 10/9 18, Sat 10/10 19, Mon 10/12 20.
        await Act(officer, id, "notice-fee", new { on = "2026-09-08", feeMethod = "PerPage", pages = 150 });
        var fee = await ParagraphsAsync(officer, id, "disclosure-fee");
        Assert.Equal("政府信息公开信息处理费收费通知书", fee[0]);
        var text = All(fee);
        Assert.Contains("第四十二条", text, StringComparison.Ordinal);
        Assert.Contains("国办函〔2020〕109号", text, StringComparison.Ordinal);
        Assert.Contains("按量计收", text, StringComparison.Ordinal);
        Assert.Contains("人民币1,700.00元", text, StringComparison.Ordinal);
        Assert.Contains("请于2026年10月12日前", text, StringComparison.Ordinal);
        Assert.Equal("2026年9月8日", fee[^1]);

        // The disclosure templates are listed apart from the petition notices, and an administrator edits them.
        var disclosure = await officer.GetFromJsonAsync<JsonElement>("/api/notice-templates?group=disclosure");
        Assert.Contains(disclosure.EnumerateArray(), t => t.GetProperty("kind").GetString() == "disclosure-fee");
        var petitions = await officer.GetFromJsonAsync<JsonElement>("/api/notice-templates");
        Assert.DoesNotContain(petitions.EnumerateArray(), t => t.GetProperty("kind").GetString()!.StartsWith("disclosure-", StringComparison.Ordinal));
        var unknown = await officer.PutAsJsonAsync("/api/notice-templates/disclosure-fee", new { title = "收费通知书", body = "{{信访人}}：请缴费。" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var saved = await officer.PutAsJsonAsync("/api/notice-templates/disclosure-fee", new { title = "收费通知书", body = "{{申请人}}：\n请于{{缴费期限}}前缴纳{{收费金额}}元。\n\n{{行政机关}}\n{{日期}}" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var edited = await ParagraphsAsync(officer, id, "disclosure-fee");
        Assert.Equal(["收费通知书", "孙丽：", "请于2026年10月12日前缴纳1,700.00元。", "古交市信访局", "2026年9月8日"], edited);

        // HTML as well, for printing from the browser.
        var html = await officer.GetStringAsync($"/api/disclosure/requests/{id}/notices/disclosure-fee?format=html");
        Assert.Contains("<h1>收费通知书</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reply_to_a_request_to_confirm_information_already_obtained_cites_the_regulation_and_officers_keep_versions_of_the_templates()
    {
        var organ = await app.OrganisationAsync("杏花岭区信访局");
        var (user, password) = await app.CreateUserAsync(organ.Id, false, StaffRoles.DisclosureOfficer);
        using var officer = await app.SignedInClientAsync(user, password);
        var id = (await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-01", "周建华")))).GetProperty("id").GetInt64();
        await Act(officer, id, "reply", new { on = "2026-09-10", outcome = "不予处理/要求行政机关确认或重新出具已获取信息", replyText = "你已于2026年6月取得该文件，本机关不再重新出具。" });

        // Table three's 三（五）5: the 条例 has no article naming it, so the reply cites the regulation itself, no invented article.
        var reply = All(await ParagraphsAsync(officer, id, "disclosure-reply-declined"));
        Assert.Contains("该申请属于要求行政机关确认或重新出具已获取信息的情形。依据《中华人民共和国政府信息公开条例》的规定，本机关不予处理。", reply, StringComparison.Ordinal);
        Assert.Contains("第五十一条", reply, StringComparison.Ordinal); // the remedies
        Assert.DoesNotContain("条例》第三十九条", reply, StringComparison.Ordinal);

        // A disclosure officer (not an administrator) edits the disclosure templates, never the petition notices.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync("/api/notice-templates/acceptance", new { title = "受理告知书", body = "{{信访人}}：" })).StatusCode);
        Assert.Empty(await officer.GetFromJsonAsync<JsonElement[]>("/api/notice-templates/disclosure-reply-declined/versions") ?? []);
        var original = (await officer.GetFromJsonAsync<JsonElement>("/api/notice-templates?group=disclosure")).EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == "disclosure-reply-declined");
        var edited = original.GetProperty("body").GetString()!.Replace("本机关不予处理。", "本机关不作为政府信息公开申请处理。", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync("/api/notice-templates/disclosure-reply-declined", new { title = "政府信息公开申请告知书", body = edited })).StatusCode);
        Assert.Contains("本机关不作为政府信息公开申请处理。", All(await ParagraphsAsync(officer, id, "disclosure-reply-declined")), StringComparison.Ordinal);

        // Versions, newest first: 2 is the officer's text, 1 the text it replaced; a second save is version 3.
        var versions = (await officer.GetFromJsonAsync<JsonElement[]>("/api/notice-templates/disclosure-reply-declined/versions"))!;
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(user, versions[0].GetProperty("savedBy").GetString());
        Assert.Equal(original.GetProperty("body").GetString(), versions[1].GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync("/api/notice-templates/disclosure-reply-declined",
            new { title = original.GetProperty("title").GetString(), body = original.GetProperty("body").GetString() })).StatusCode);
        versions = (await officer.GetFromJsonAsync<JsonElement[]>("/api/notice-templates/disclosure-reply-declined/versions"))!;
        Assert.Equal([3, 2, 1], versions.Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(versions[2].GetProperty("body").GetString(), versions[0].GetProperty("body").GetString());
    }
}

[Collection("sqlite")]
public sealed class SqliteRequestNoticeTests(SqliteClockApp app) : RequestNoticeTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresRequestNoticeTests(PostgresClockApp app) : RequestNoticeTests(app), IClassFixture<PostgresClockApp>;
