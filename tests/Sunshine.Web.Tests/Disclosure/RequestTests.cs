using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;

namespace Sunshine.Web.Tests.Disclosure;

/// <summary>
/// 依申请公开 over HTTP on a clock standing at 2026-09-16. Every due date is counted by hand on the State Council's
/// holiday notices (DOMAIN.md §5); the counts are written next to each assertion.
/// </summary>
public abstract class RequestTests(TestApp app)
{
    private async Task<(HttpClient Client, Organisation Organ)> StaffAsync(string unit, params string[] roles)
    {
        var organisation = await app.OrganisationAsync(unit);
        var (user, password) = await app.CreateUserAsync(organisation.Id, false, roles);
        return (await app.SignedInClientAsync(user, password), organisation);
    }

    private static object Intake(int organisationId, string arrivedOn, string channel = "InPerson", string? confirmedOn = null,
        string idNumber = "11010519491231002X", string type = "自然人", string name = "王建国") => new
    {
        organisationId,
        channel,
        arrivedOn,
        confirmedOn,
        applicantType = type,
        applicantName = name,
        idNumber,
        contact = "13912345678",
        description = "申请公开2025年小店区某道路改扩建工程征地补偿安置方案",
        formWanted = "纸质，邮寄",
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> Act(HttpClient client, long id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/disclosure/requests/{id}/actions/{action}", body);
        var json = await Json(response);
        Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {json}");
        return json;
    }

    [Fact]
    public async Task An_officer_registers_a_request_handed_in_and_the_reply_is_due_in_twenty_working_days()
    {
        var (client, organ) = await StaffAsync("小店区信访局", StaffRoles.DisclosureOfficer);
        var response = await client.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2025-09-26"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal("YSQ20250926" + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("requestNumber").GetString());
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", body.GetProperty("queryCode").GetString());
        // Handed in Fri 2025-09-26 (Art. 31(一)). 9/28 (make-up) 1, 9/29 2, 9/30 3; 国庆节 10/1–10/8; 10/9 4, 10/10 5,
        // 10/11 (make-up) 6, 10/13–17 7–11, 10/20–24 12–16, 10/27 17, 10/28 18, 10/29 19, Thu 10/30 20.
        Assert.Equal("2025-10-30", body.GetProperty("dueOn").GetString());

        await using var db = app.NewContext();
        var row = await db.DisclosureRequests.SingleAsync(r => r.Id == id);
        Assert.DoesNotContain("1949", row.IdNumberProtected!, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", row.ContactProtected!, StringComparison.Ordinal);
        Assert.NotNull(row.ApplicantKey);
        Assert.Equal(0, row.FeeFen);
        Assert.Null(row.Outcome);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "disclosure-request.register" && a.EntityId == id.ToString()));

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/disclosure/requests/{id}");
        Assert.Equal("王**", view.GetProperty("applicant").GetString());
        Assert.Equal("1101**********002X", view.GetProperty("idNumber").GetString());
        Assert.Equal("139****5678", view.GetProperty("contact").GetString());
        var clock = view.GetProperty("clock");
        Assert.Equal("2025-10-13", clock.GetProperty("correctionLimitOn").GetString()); // 7 工作日: …, 10/11 6, Mon 10/13 7
        Assert.Contains("第三十一条", clock.GetProperty("receiptRule").GetString(), StringComparison.Ordinal);

        // Another organ's officer does not see it.
        var (other, _) = await StaffAsync("迎泽区信访局", StaffRoles.DisclosureOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/disclosure/requests/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_intake_is_explained_and_nothing_is_written()
    {
        var (client, organ) = await StaffAsync("万柏林区信访局", StaffRoles.DisclosureOfficer);
        var foreign = await app.OrganisationAsync("迎泽区信访局");
        await using var before = app.NewContext();
        var count = await before.DisclosureRequests.CountAsync();

        var badId = await client.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-01", idNumber: "110105194912310021"));
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.StartsWith("身份证号码不正确", (await Json(badId)).GetProperty("errors").GetProperty("idNumber")[0].GetString(), StringComparison.Ordinal);

        var future = await client.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-17"));
        Assert.Equal("日期不能晚于今天。", (await Json(future)).GetProperty("errors").GetProperty("arrivedOn")[0].GetString());

        var outside = await client.PostAsJsonAsync("/api/disclosure/requests", Intake(foreign.Id, "2026-09-01"));
        Assert.True((await Json(outside)).GetProperty("errors").TryGetProperty("organisationId", out _));

        var badType = await client.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-01", type: "公司"));
        Assert.True((await Json(badType)).GetProperty("errors").TryGetProperty("applicantType", out _));

        await using var after = app.NewContext();
        Assert.Equal(count, await after.DisclosureRequests.CountAsync());
    }

    [Fact]
    public async Task Correction_consultation_extension_and_reply_move_the_clock_as_the_statute_says()
    {
        var (officer, organ) = await StaffAsync("杏花岭区信访局", StaffRoles.DisclosureOfficer);
        var leaderUser = await app.CreateUserAsync(organ.Id, false, StaffRoles.UnitLeader);
        using var leader = await app.SignedInClientAsync(leaderUser.UserName, leaderUser.Password);
        var id = (await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-02-05")))).GetProperty("id").GetInt64();

        // Art. 30: the correction must be asked within 7 工作日 of receipt (Thu 2/5): 2/6 1, 2/9 2, 2/10 3, 2/11 4, 2/12 5,
        // 2/13 6, Sat 2/14 (make-up) 7. Asking on Tue 2/24, after 春节, is too late.
        var late = await Act(officer, id, "request-correction", new { on = "2026-02-24", answerBy = "2026-03-06", reason = "请明确所需信息的具体名称" }, HttpStatusCode.BadRequest);
        Assert.Contains("2026-02-14", late.GetProperty("errors").GetProperty("on")[0].GetString(), StringComparison.Ordinal);
        var asked = await Act(officer, id, "request-correction", new { on = "2026-02-06", answerBy = "2026-02-27", reason = "请明确所需信息的具体名称" });
        Assert.Equal("AwaitingCorrection", asked.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, asked.GetProperty("clock").GetProperty("replyDueOn").ValueKind);
        var again = await Act(officer, id, "request-correction", new { on = "2026-02-07", answerBy = "2026-02-27", reason = "再次补正" }, HttpStatusCode.Conflict);
        Assert.Equal("Disclosure.ErrorRequestState", again.GetProperty("code").GetString());

        // The corrected application arrives Thu 2/12: the clock restarts. A third party is asked Fri 2/13.
        await Act(officer, id, "record-correction", new { on = "2026-02-12" });
        var consulted = await Act(officer, id, "consult", new { on = "2026-02-13", kind = "ThirdParty", party = "某房地产开发有限公司" });
        var consultation = consulted.GetProperty("consultations")[0];
        // The third party's 15 工作日: 2/14 1, 2/24–2/27 2–5, 2/28 6, 3/2–3/6 7–11, 3/9 12, 3/10 13, 3/11 14, Thu 3/12 15.
        Assert.Equal("2026-03-12", consultation.GetProperty("answerDueOn").GetString());
        Assert.True(consulted.GetProperty("clock").GetProperty("stopped").GetBoolean());
        var early = await Act(officer, id, "reply", new { on = "2026-02-24", outcome = "予以公开", replyText = "经审查，予以公开。" }, HttpStatusCode.Conflict);
        Assert.Equal("Disclosure.ErrorConsulting", early.GetProperty("code").GetString());

        // Answered Thu 2/26: 2/13, 2/14, 2/24, 2/25, 2/26 are not counted. From 2/12: 2/27 1, 2/28 2, 3/2–3/6 3–7,
        // 3/9–3/13 8–12, 3/16–3/20 13–17, 3/23 18, 3/24 19, Wed 3/25 20.
        var answered = await Act(officer, id, "record-answer", new { on = "2026-02-26", consultationId = consultation.GetProperty("id").GetInt64(), answer = "不同意公开涉及本公司商业秘密的部分" });
        Assert.Equal("2026-03-25", answered.GetProperty("clock").GetProperty("replyDueOn").GetString());

        // Art. 33: only the head consents to an extension, ≤ 20 工作日. From 3/25: 3/26 1, 3/27 2, 3/30–4/3 3–7,
        // (清明节 4/4–4/6) 4/7–4/10 8–11, 4/13–17 12–16, 4/20 17, 4/21 18, 4/22 19, Thu 4/23 20.
        var refused = await Act(officer, id, "extend", new { on = "2026-03-20", extensionDays = 20, reason = "需要调取档案" }, HttpStatusCode.Forbidden);
        Assert.Equal("Disclosure.ErrorLeaderOnly", refused.GetProperty("code").GetString());
        await Act(leader, id, "extend", new { on = "2026-03-20", extensionDays = 21, reason = "需要调取档案" }, HttpStatusCode.BadRequest);
        var extended = await Act(leader, id, "extend", new { on = "2026-03-20", extensionDays = 20, reason = "需要调取档案" });
        Assert.Equal("2026-04-23", extended.GetProperty("clock").GetProperty("replyDueOn").GetString());

        await Act(officer, id, "reply", new { on = "2026-04-10", outcome = "不予公开", replyText = "x" }, HttpStatusCode.BadRequest);
        var replied = await Act(officer, id, "reply", new { on = "2026-04-10", outcome = "部分公开", replyText = "经审查，对涉及商业秘密的部分作区分处理后予以公开。" });
        Assert.Equal("Concluded", replied.GetProperty("status").GetString());

        await using var db = app.NewContext();
        var row = await db.DisclosureRequests.SingleAsync(r => r.Id == id);
        Assert.Equal(new DateOnly(2026, 4, 10), row.ConcludedOn);
        Assert.Equal(RequestOutcomes.PartlyDisclosed, row.Outcome);
        Assert.Equal(new DateOnly(2026, 4, 23), row.DueOn);
        var actions = await db.AuditEntries.Where(a => a.EntityType == "DisclosureRequest" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(["disclosure-request.register", "disclosure-request.request-correction", "disclosure-request.record-correction", "disclosure-request.consult",
            "disclosure-request.record-answer", "disclosure-request.extend", "disclosure-request.reply"], actions);
    }

    [Fact]
    public async Task Fees_follow_the_monthly_allowance_of_each_applicant_at_each_organ()
    {
        var (officer, organ) = await StaffAsync("晋源区信访局", StaffRoles.DisclosureOfficer);
        var (elsewhere, otherOrgan) = await StaffAsync("尖草坪区信访局", StaffRoles.DisclosureOfficer);
        const string frequent = "140105198001011233";
        // One application elsewhere in the same month does not count towards this organ's allowance.
        await elsewhere.PostAsJsonAsync("/api/disclosure/requests", Intake(otherOrgan.Id, "2026-03-02", idNumber: frequent));
        var ids = new List<long>();
        for (var i = 0; i < 11; i++)
        {
            // Ten received Mon 3/2 – Fri 3/6 (two a day), the eleventh Mon 3/9.
            var day = (i < 10 ? i % 5 + 2 : 9).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            var created = await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-03-" + day, idNumber: frequent)));
            ids.Add(created.GetProperty("id").GetInt64());
        }
        // The 10th of the month at this organ is free — it would be the 11th if the other organ's request counted.
        var free = await Act(officer, ids[9], "notice-fee", new { on = "2026-03-09", feeMethod = "PerApplication" }, HttpStatusCode.BadRequest);
        Assert.Equal("按此方式不产生信息处理费，无需发出收费通知。", free.GetProperty("errors").GetProperty("feeMethod")[0].GetString());
        var eleventh = await Act(officer, ids[^1], "notice-fee", new { on = "2026-03-09", feeMethod = "PerApplication" });
        Assert.Equal(10_000, eleventh.GetProperty("feeNoticedFen").GetInt64()); // 11th–30th: 100 元
        // 20 工作日 to pay from Mon 3/9: 3/10–3/13 1–4, 3/16–20 5–9, 3/23–27 10–14, 3/30–4/3 15–19, (清明 4/4–4/6) Tue 4/7 20.
        Assert.Equal("2026-04-07", eleventh.GetProperty("clock").GetProperty("feePaymentDueOn").GetString());
        await Act(officer, ids[^1], "notice-fee", new { on = "2026-03-10", feeMethod = "PerPage", pages = 50 }, HttpStatusCode.Conflict);
        var paid = await Act(officer, ids[^1], "record-payment", new { on = "2026-03-12" });
        Assert.Equal(10_000, paid.GetProperty("feeFen").GetInt64());

        // Per page on another application: 101 pages = 70 × 10 + 1 × 20 = 720 元. Not paid by 4/7: abandoned after it, not before.
        var pages = await Act(officer, ids[1], "notice-fee", new { on = "2026-03-09", feeMethod = "PerPage", pages = 101 });
        Assert.Equal(72_000, pages.GetProperty("feeNoticedFen").GetInt64());
        await Act(officer, ids[1], "abandon", new { on = "2026-04-07", outcome = RequestOutcomes.AbandonedFeeUnpaid }, HttpStatusCode.BadRequest);
        var abandoned = await Act(officer, ids[1], "abandon", new { on = "2026-04-08", outcome = RequestOutcomes.AbandonedFeeUnpaid });
        Assert.Equal(RequestOutcomes.AbandonedFeeUnpaid, abandoned.GetProperty("outcome").GetString());

        await using var db = app.NewContext();
        var second = ids[1];
        Assert.Equal(0, (await db.DisclosureRequests.SingleAsync(r => r.Id == second)).FeeFen);
        var last = ids[^1];
        Assert.Equal(10_000, (await db.DisclosureRequests.SingleAsync(r => r.Id == last)).FeeFen);
    }

    [Fact]
    public async Task A_pending_fee_notice_holds_the_reply_clock_unless_the_organ_says_otherwise()
    {
        var (officer, organ) = await StaffAsync("清徐县信访局", StaffRoles.DisclosureOfficer);
        var id = (await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2025-09-26")))).GetProperty("id").GetInt64();
        // 31 pages: 1 × 10 元. Notice Thu 10/9, paid Mon 10/13: 10/9, 10/10, 10/11 (make-up), 10/13 not counted →
        // 9/28–9/30 1–3, 10/14–17 4–7, 10/20–24 8–12, 10/27–31 13–17, 11/3 18, 11/4 19, Wed 11/5 20.
        await Act(officer, id, "notice-fee", new { on = "2025-10-09", feeMethod = "PerPage", pages = 31 });
        var paid = await Act(officer, id, "record-payment", new { on = "2025-10-13" });
        Assert.Equal("2025-11-05", paid.GetProperty("clock").GetProperty("replyDueOn").GetString());
        Assert.Equal(1_000, paid.GetProperty("feeFen").GetInt64());

        // The organ's head switches the setting off: the same facts give the plain 20 工作日, Thu 10/30.
        var leaderUser = await app.CreateUserAsync(organ.Id, false, StaffRoles.UnitLeader);
        using var leader = await app.SignedInClientAsync(leaderUser.UserName, leaderUser.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync($"/api/disclosure/settings/{organ.Id}", new { emailReceiptByMailSystem = false, replyWaitsForFee = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync($"/api/disclosure/settings/{organ.Id}", new { emailReceiptByMailSystem = true, replyWaitsForFee = false })).StatusCode);
        var view = await officer.GetFromJsonAsync<JsonElement>($"/api/disclosure/requests/{id}");
        Assert.Equal("2025-10-30", view.GetProperty("clock").GetProperty("replyDueOn").GetString());

        // With the mail-system setting on, an e-mail counts from the day it arrived (国办公开办函〔2015〕207号).
        var mail = await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-14", channel: "Email")));
        Assert.Equal("2026-09-14", mail.GetProperty("receivedOn").GetString());
    }

    [Fact]
    public async Task Letters_online_and_email_wait_for_the_confirmation_with_the_applicant()
    {
        var (officer, organ) = await StaffAsync("阳曲县信访局", StaffRoles.DisclosureOfficer);
        var mail = await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-07", channel: "Email")));
        Assert.Equal(JsonValueKind.Null, mail.GetProperty("receivedOn").ValueKind);
        var id = mail.GetProperty("id").GetInt64();
        await Act(officer, id, "confirm-receipt", new { on = "2026-09-06" }, HttpStatusCode.BadRequest); // before it arrived
        var confirmed = await Act(officer, id, "confirm-receipt", new { on = "2026-09-08" });
        Assert.Equal("InProgress", confirmed.GetProperty("status").GetString());
        // Received Tue 9/8 (Art. 31(三)): 9/9–9/11 1–3, 9/14–18 4–8, Sun 9/20 (make-up) 9, 9/21–24 10–13, (中秋节 9/25–9/27)
        // 9/28 14, 9/29 15, 9/30 16, (国庆节 10/1–10/7) 10/8 17, 10/9 18, Sat 10/10 (make-up) 19, Mon 10/12 20.
        Assert.Equal("2026-10-12", confirmed.GetProperty("clock").GetProperty("replyDueOn").GetString());
        Assert.Equal("2026-09-08", confirmed.GetProperty("clock").GetProperty("receivedOn").GetString());

        var letter = await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-07", channel: "OrdinaryPost", confirmedOn: "2026-09-07")));
        Assert.Equal("2026-09-07", letter.GetProperty("receivedOn").GetString());
        var registered = await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-09-07", channel: "RegisteredPost")));
        Assert.Equal("2026-09-07", registered.GetProperty("receivedOn").GetString());

        var list = await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests?status=InProgress");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        var bad = await officer.GetAsync("/api/disclosure/requests?due=tomorrow");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_stopped_clock_shows_as_stopped_on_the_list_not_as_overdue()
    {
        var (officer, organ) = await StaffAsync("古交市信访局", StaffRoles.DisclosureOfficer);
        async Task<long> NewAsync() => (await Json(await officer.PostAsJsonAsync("/api/disclosure/requests", Intake(organ.Id, "2026-08-03")))).GetProperty("id").GetInt64();
        // Received Mon 8/3: 8/4–8/7 1–4, 8/10–14 5–9, 8/17–21 10–14, 8/24–28 15–19, Mon 8/31 20 — overdue on 9/16.
        var running = await NewAsync();
        var consulting = await NewAsync();
        var feePending = await NewAsync();
        await Act(officer, consulting, "consult", new { on = "2026-08-20", kind = "ThirdParty", party = "某物业服务有限公司" });
        await Act(officer, feePending, "notice-fee", new { on = "2026-08-20", feeMethod = "PerPage", pages = 40 });

        static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        var overdue = await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests?due=overdue");
        Assert.Contains(running, Ids(overdue));
        Assert.DoesNotContain(consulting, Ids(overdue));
        Assert.DoesNotContain(feePending, Ids(overdue));
        var stopped = await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests?due=stopped");
        Assert.Equal([feePending, consulting], Ids(stopped));
        var all = await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests");
        var row = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == consulting);
        Assert.True(row.GetProperty("stopped").GetBoolean());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("dueOn").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("colour").ValueKind);
        var runningRow = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == running);
        Assert.False(runningRow.GetProperty("stopped").GetBoolean());
        Assert.Equal("2026-08-31", runningRow.GetProperty("dueOn").GetString());

        // The third party answers Mon 9/14: 8/4–8/19 counted 1–12; 8/20–9/14 not counted; 9/15 13, 9/16 14, 9/17 15,
        // 9/18 16, Sun 9/20 (make-up) 17, 9/21 18, 9/22 19, Wed 9/23 20 — running again, neither stopped nor overdue.
        var view = await officer.GetFromJsonAsync<JsonElement>($"/api/disclosure/requests/{consulting}");
        var answered = await Act(officer, consulting, "record-answer", new { on = "2026-09-14", consultationId = view.GetProperty("consultations")[0].GetProperty("id").GetInt64(), answer = "同意公开" });
        Assert.Equal("2026-09-23", answered.GetProperty("clock").GetProperty("replyDueOn").GetString());
        Assert.DoesNotContain(consulting, Ids(await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests?due=stopped")));
        Assert.DoesNotContain(consulting, Ids(await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests?due=overdue")));

        // Where the organ lets the reply clock run during a fee notice, an unpaid notice does not stop it.
        var leaderUser = await app.CreateUserAsync(organ.Id, false, StaffRoles.UnitLeader);
        using var leader = await app.SignedInClientAsync(leaderUser.UserName, leaderUser.Password);
        Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync($"/api/disclosure/settings/{organ.Id}", new { emailReceiptByMailSystem = false, replyWaitsForFee = false })).StatusCode);
        Assert.Empty(Ids(await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests?due=stopped")));
        var feeRow = (await officer.GetFromJsonAsync<JsonElement>("/api/disclosure/requests")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == feePending);
        Assert.False(feeRow.GetProperty("stopped").GetBoolean());
        Assert.Equal(JsonValueKind.String, feeRow.GetProperty("dueOn").ValueKind);
    }

    [Fact]
    public async Task An_applicant_submits_online_and_looks_the_request_up_with_number_and_code()
    {
        var organ = await app.OrganisationAsync("娄烦县信访局");
        using var citizen = app.NewClient();
        var missing = await citizen.PostAsJsonAsync("/api/public/disclosure/requests", new { organisationId = organ.Id, applicantType = "自然人", applicantName = "李明" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await Json(missing)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("acceptPrivacyNotice", out _));
        Assert.True(errors.TryGetProperty("description", out _));

        var response = await citizen.PostAsJsonAsync("/api/public/disclosure/requests", new
        {
            organisationId = organ.Id, applicantType = "自然人", applicantName = "李明", idNumber = "11010519491231002X", contact = "liming@example.cn",
            description = "申请公开娄烦县2025年农民工工资保证金缴存和使用情况", formWanted = "电子邮件", acceptPrivacyNotice = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await Json(response);
        var number = receipt.GetProperty("requestNumber").GetString()!;
        var code = receipt.GetProperty("queryCode").GetString()!;
        Assert.StartsWith("YSQ20260916", number, StringComparison.Ordinal);

        var status = await Json(await citizen.PostAsJsonAsync("/api/public/disclosure/requests/status", new { requestNumber = number, queryCode = code }));
        Assert.Equal("AwaitingConfirmation", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("receivedOn").ValueKind);
        var wrong = await citizen.PostAsJsonAsync("/api/public/disclosure/requests/status", new { requestNumber = number, queryCode = "AAAAAAAA" });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal("申请编号或查询码不正确。", (await Json(wrong)).GetProperty("title").GetString());

        await using var db = app.NewContext();
        var row = await db.DisclosureRequests.SingleAsync(r => r.RequestNumber == number);
        Assert.Equal(RequestChannel.Online, row.Channel);
        Assert.Equal(DisclosureRequestStatus.AwaitingConfirmation, row.Status);
    }
}

[Collection("sqlite")]
public sealed class SqliteRequestTests(SqliteClockApp app) : RequestTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresRequestTests(PostgresClockApp app) : RequestTests(app), IClassFixture<PostgresClockApp>;
