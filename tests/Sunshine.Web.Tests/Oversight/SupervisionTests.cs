using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Tests.Oversight;

/// <summary>
/// 督查督办 (《信访工作条例》第三十八至四十条) over HTTP on a clock that starts at 2026-09-16 10:00 in Beijing (a Wednesday)
/// and is moved by the tests; each test class has its own app, so the moves touch no other class. Dates are counted by
/// hand: a limit ends at 24:00 Beijing time of its due date (DOMAIN.md §1.4).
/// </summary>
public abstract class SupervisionTests(TestApp app)
{
    private FakeTimeProvider Clock => (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();

    private void SetBeijing(DateTime local) => Clock.AdjustTime(new DateTimeOffset(local.AddHours(-8), TimeSpan.Zero));

    private async Task<(HttpClient Client, string User, string Password)> StaffAsync(string organisation, bool subordinates, params string[] roles)
    {
        var org = await app.OrganisationAsync(organisation);
        var (user, password) = await app.CreateUserAsync(org.Id, subordinates, roles);
        return (await app.SignedInClientAsync(user, password), user, password);
    }

    private async Task<HttpClient> SupervisorAsync(string bureau = "小店区信访局") => (await StaffAsync(bureau, true, StaffRoles.Supervisor)).Client;

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    private static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;

    /// <summary>A letter registered at the county bureau and transferred to <paramref name="unit"/> today.</summary>
    private async Task<long> TransferredCaseAsync(string unit)
    {
        var registrar = (await StaffAsync("小店区信访局", true, StaffRoles.Registrar)).Client;
        var created = await PostAsync(registrar, "/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映小区物业维修资金使用问题", content = "小区电梯长期故障，物业维修资金迟迟未能使用，请求督促解决。",
            petitioner = new { name = "周敏", phone = "13600006666" },
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var target = await app.OrganisationAsync(unit);
        await PostAsync(registrar, $"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = target.Id }, HttpStatusCode.OK);
        return id;
    }

    /// <summary>The same, accepted and answered with a handling opinion today (已作出处理意见): a handled case.</summary>
    private async Task<long> HandledCaseAsync(string unit)
    {
        var id = await TransferredCaseAsync(unit);
        var officer = (await StaffAsync(unit, false, StaffRoles.HandlingOfficer, StaffRoles.UnitLeader)).Client;
        await PostAsync(officer, $"/api/petitions/{id}/actions/Accept", new { }, HttpStatusCode.OK);
        await PostAsync(officer, $"/api/petitions/{id}/actions/IssueOpinion", new { opinion = "Explain", reason = "经核实，已向信访人说明维修资金使用程序。" }, HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task A_county_bureau_orders_only_units_of_its_own_county_and_only_its_supervisors_and_leaders_issue()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        var supervisor = await SupervisorAsync();
        var ownUnit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var otherCounty = await app.OrganisationAsync("迎泽区人力资源和社会保障局");
        var bureau = await app.OrganisationAsync("小店区信访局");
        object Order(int target) => new { targetOrganisationId = target, kind = "Supervise", instructions = "请于期限内报告欠薪类信访事项办理情况。", dueOn = "2026-09-30" };

        var outside = await PostAsync(supervisor, "/api/oversight/supervision", Order(otherCounty.Id), HttpStatusCode.Forbidden);
        Assert.Equal("Sv.ErrorOutOfScope", Code(outside));
        Assert.Equal("该单位不在本机关督查范围内。", outside.GetProperty("title").GetString());
        Assert.Equal("Sv.ErrorOwnUnit", Code(await PostAsync(supervisor, "/api/oversight/supervision", Order(bureau.Id), HttpStatusCode.Conflict)));

        // A unit's own supervisor, and a bureau's registrar, are not the bureau's supervision (Art. 38).
        var unitSupervisor = (await StaffAsync("小店区人力资源和社会保障局", true, StaffRoles.Supervisor)).Client;
        Assert.Equal("Sv.ErrorNotSupervisor", Code(await PostAsync(unitSupervisor, "/api/oversight/supervision", Order(ownUnit.Id), HttpStatusCode.Forbidden)));
        var registrar = (await StaffAsync("小店区信访局", true, StaffRoles.Registrar)).Client;
        Assert.Equal("Sv.ErrorNotSupervisor", Code(await PostAsync(registrar, "/api/oversight/supervision", Order(ownUnit.Id), HttpStatusCode.Forbidden)));

        // Bad input is explained field by field, and nothing is written.
        var bad = await PostAsync(supervisor, "/api/oversight/supervision", new { targetOrganisationId = ownUnit.Id, kind = "Supervise", instructions = " ", dueOn = "2026-09-16" },
            HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("instructions", out _));
        Assert.Equal("答复期限须晚于今天。", bad.GetProperty("errors").GetProperty("dueOn")[0].GetString());

        var leader = (await StaffAsync("小店区信访局", true, StaffRoles.BureauLeader)).Client;
        var issued = await PostAsync(leader, "/api/oversight/supervision", Order(ownUnit.Id), HttpStatusCode.Created);
        Assert.Equal(ownUnit.Id, issued.GetProperty("targetOrganisationId").GetInt32());
        Assert.Equal("Open", issued.GetProperty("status").GetString());
        var orderId = issued.GetProperty("id").GetInt64();

        // The unit ordered sees it; a unit of the other county does not.
        var unitOfficer = (await StaffAsync("小店区人力资源和社会保障局", false, StaffRoles.HandlingOfficer)).Client;
        Assert.Contains((await unitOfficer.GetFromJsonAsync<JsonElement>("/api/oversight/supervision")).EnumerateArray(), o => o.GetProperty("id").GetInt64() == orderId);
        var stranger = (await StaffAsync("迎泽区人力资源和社会保障局", false, StaffRoles.HandlingOfficer)).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/oversight/supervision/{orderId}")).StatusCode);
        Assert.DoesNotContain((await stranger.GetFromJsonAsync<JsonElement>("/api/oversight/supervision")).EnumerateArray(), o => o.GetProperty("id").GetInt64() == orderId);

        await using var db = app.NewContext();
        Assert.Equal(1, await db.SupervisionOrders.CountAsync(o => o.TargetOrganisationId == ownUnit.Id || o.TargetOrganisationId == otherCounty.Id || o.TargetOrganisationId == bureau.Id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "supervision.issue" && a.EntityId == orderId.ToString()));
    }

    [Fact]
    public async Task An_order_on_a_case_is_answered_sent_back_answered_again_and_closed_each_step_refused_out_of_turn_and_recorded()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        var id = await TransferredCaseAsync("小店区住房和城乡建设局");
        var supervisor = await SupervisorAsync();
        var officer = (await StaffAsync("小店区住房和城乡建设局", false, StaffRoles.HandlingOfficer)).Client;
        var otherOfficer = (await StaffAsync("小店区教育局", false, StaffRoles.HandlingOfficer)).Client;

        var issued = await PostAsync(supervisor, "/api/oversight/supervision",
            new { petitionId = id, kind = "Supervise", instructions = "请尽快受理并报告办理进展。", dueOn = "2026-09-26" }, HttpStatusCode.Created);
        var orderId = issued.GetProperty("id").GetInt64();
        var url = $"/api/oversight/supervision/{orderId}";
        Assert.Equal((await app.OrganisationAsync("小店区住房和城乡建设局")).Id, issued.GetProperty("targetOrganisationId").GetInt32());
        Assert.False(issued.GetProperty("isOverdue").GetBoolean());

        Assert.Equal("Sv.ErrorNotAnswered", Code(await PostAsync(supervisor, url + "/close", new { accept = true }, HttpStatusCode.Conflict)));
        Assert.Equal("Sv.ErrorNotOverdue", Code(await PostAsync(supervisor, url + "/escalate",
            new { kind = "Listed", instructions = "挂牌督办", dueOn = "2026-10-10" }, HttpStatusCode.Conflict)));
        Assert.Equal("Sv.ErrorNotTargetUnit", Code(await PostAsync(supervisor, url + "/answer", new { answer = "代为答复" }, HttpStatusCode.Forbidden)));
        await PostAsync(otherOfficer, url + "/answer", new { answer = "不相干的单位" }, HttpStatusCode.NotFound);
        var empty = await PostAsync(officer, url + "/answer", new { answer = "" }, HttpStatusCode.BadRequest);
        Assert.Equal("请填写书面答复。", empty.GetProperty("errors").GetProperty("answer")[0].GetString());

        var answered = await PostAsync(officer, url + "/answer", new { answer = "已受理，正在调查。" }, HttpStatusCode.OK);
        Assert.Equal("Answered", answered.GetProperty("status").GetString());
        Assert.Equal("2026-09-16", answered.GetProperty("answeredOn").GetString());
        Assert.Equal("Sv.ErrorNotOpen", Code(await PostAsync(officer, url + "/answer", new { answer = "再答一次" }, HttpStatusCode.Conflict)));
        Assert.Equal("Sv.ErrorNotIssuer", Code(await PostAsync(officer, url + "/close", new { accept = true }, HttpStatusCode.Forbidden)));
        var stale = await PostAsync(supervisor, url + "/close", new { accept = true, version = 0 }, HttpStatusCode.Conflict);
        Assert.Equal("ErrorStale", Code(stale));

        // Sent back: a remark and a new due date are needed.
        var noRemark = await PostAsync(supervisor, url + "/close", new { accept = false, newDueOn = "2026-09-30" }, HttpStatusCode.BadRequest);
        Assert.True(noRemark.GetProperty("errors").TryGetProperty("remark", out _));
        var sentBack = await PostAsync(supervisor, url + "/close", new { accept = false, remark = "答复过于笼统，请说明调查结论和时间表。", newDueOn = "2026-09-30" }, HttpStatusCode.OK);
        Assert.Equal("Open", sentBack.GetProperty("status").GetString());
        Assert.Equal("2026-09-30", sentBack.GetProperty("dueOn").GetString());
        await PostAsync(officer, url + "/answer", new { answer = "经调查，维修资金将于十月底前启用。" }, HttpStatusCode.OK);
        var closed = await PostAsync(supervisor, url + "/close", new { accept = true, remark = "认可。" }, HttpStatusCode.OK);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal("2026-09-16", closed.GetProperty("closedOn").GetString());
        Assert.Equal("经调查，维修资金将于十月底前启用。", closed.GetProperty("answer").GetString());

        // The case history holds every step, none of them public; the audit has one entry per step.
        var history = await supervisor.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/history");
        Assert.Equal(new[] { "supervision-issue", "supervision-answer", "supervision-send-back", "supervision-answer", "supervision-accept" },
            history.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).Where(a => a.StartsWith("supervision", StringComparison.Ordinal)).ToArray());
        await using var db = app.NewContext();
        Assert.False(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Action.StartsWith("supervision") && e.IsPublic));
        Assert.Equal(5, await db.AuditEntries.CountAsync(a => a.EntityType == "SupervisionOrder" && a.EntityId == orderId.ToString()));

        var listed = await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/supervision?state=Closed&kind=Supervise");
        Assert.Contains(listed.EnumerateArray(), o => o.GetProperty("id").GetInt64() == orderId);
        Assert.DoesNotContain((await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/supervision?state=Open")).EnumerateArray(), o => o.GetProperty("id").GetInt64() == orderId);
    }

    [Fact]
    public async Task An_order_is_overdue_from_the_first_minute_after_its_due_date_in_Beijing_and_escalates_only_then_to_a_stronger_measure()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        var (_, supUser, supPassword) = await StaffAsync("小店区信访局", true, StaffRoles.Supervisor);
        var (_, offUser, offPassword) = await StaffAsync("小店区农业农村局", false, StaffRoles.HandlingOfficer);
        var supervisor = await app.SignedInClientAsync(supUser, supPassword);
        var unit = await app.OrganisationAsync("小店区农业农村局");
        var issued = await PostAsync(supervisor, "/api/oversight/supervision",
            new { targetOrganisationId = unit.Id, kind = "Supervise", instructions = "请报告秋收补贴发放情况。", dueOn = "2026-09-21" }, HttpStatusCode.Created);
        var orderId = issued.GetProperty("id").GetInt64();
        var url = $"/api/oversight/supervision/{orderId}";
        bool InOverdue(JsonElement list) => list.EnumerateArray().Any(o => o.GetProperty("id").GetInt64() == orderId);

        // 2026-09-21 23:59 in Beijing is still the due date (15:59 UTC): not overdue, not escalable.
        SetBeijing(new DateTime(2026, 9, 21, 23, 59, 0));
        supervisor = await app.SignedInClientAsync(supUser, supPassword);
        Assert.False(InOverdue(await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/supervision?state=Overdue")));
        Assert.False((await supervisor.GetFromJsonAsync<JsonElement>(url)).GetProperty("isOverdue").GetBoolean());
        Assert.Equal("Sv.ErrorNotOverdue", Code(await PostAsync(supervisor, url + "/escalate",
            new { kind = "Listed", instructions = "挂牌督办", dueOn = "2026-09-29" }, HttpStatusCode.Conflict)));

        // 2026-09-22 00:01 in Beijing (16:01 UTC on the 21st): the limit ended at 24:00, the order is overdue.
        SetBeijing(new DateTime(2026, 9, 22, 0, 1, 0));
        supervisor = await app.SignedInClientAsync(supUser, supPassword);
        Assert.True(InOverdue(await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/supervision?state=Overdue")));
        var late = await supervisor.GetFromJsonAsync<JsonElement>(url);
        Assert.True(late.GetProperty("isOverdue").GetBoolean());
        Assert.True(late.GetProperty("mayEscalate").GetBoolean());

        var same = await PostAsync(supervisor, url + "/escalate", new { kind = "Supervise", instructions = "再次督办", dueOn = "2026-09-29" }, HttpStatusCode.BadRequest);
        Assert.True(same.GetProperty("errors").TryGetProperty("kind", out _));
        var escalated = await PostAsync(supervisor, url + "/escalate",
            new { kind = "Listed", instructions = "逾期未报告，予以挂牌督办，请于月底前书面报告。", dueOn = "2026-09-29" }, HttpStatusCode.Created);
        Assert.Equal("Listed", escalated.GetProperty("kind").GetString());
        Assert.Equal(orderId, escalated.GetProperty("escalatedFromId").GetInt64());
        Assert.Equal("2026-09-22", escalated.GetProperty("issuedOn").GetString());
        var old = await supervisor.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("Escalated", old.GetProperty("status").GetString());
        Assert.Equal(escalated.GetProperty("id").GetInt64(), old.GetProperty("escalatedToId").GetInt64());
        Assert.False(old.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("Sv.ErrorNotOverdue", Code(await PostAsync(supervisor, url + "/escalate",
            new { kind = "Summons", instructions = "约谈", dueOn = "2026-09-29" }, HttpStatusCode.Conflict)));

        // The replaced order can no longer be answered; the stronger one can, and a late answer is marked as such later.
        var officer = await app.SignedInClientAsync(offUser, offPassword);
        Assert.Equal("Sv.ErrorNotOpen", Code(await PostAsync(officer, url + "/answer", new { answer = "迟到的答复" }, HttpStatusCode.Conflict)));
        SetBeijing(new DateTime(2026, 9, 30, 9, 0, 0));
        officer = await app.SignedInClientAsync(offUser, offPassword);
        var answered = await PostAsync(officer, $"/api/oversight/supervision/{escalated.GetProperty("id").GetInt64()}/answer",
            new { answer = "补贴已于九月三十日前全部发放。" }, HttpStatusCode.OK);
        Assert.True(answered.GetProperty("answeredLate").GetBoolean());
        Assert.False(answered.GetProperty("isOverdue").GetBoolean());
    }

    [Fact]
    public async Task A_seeded_sample_is_the_same_every_time_and_a_rule_sample_takes_every_matching_handled_case()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        const string unit = "小店区卫生健康局";
        var handled = new List<long>();
        for (var i = 0; i < 6; i++) handled.Add(await HandledCaseAsync(unit));
        var open = await TransferredCaseAsync(unit);   // not handled yet: never a candidate
        var unitId = (await app.OrganisationAsync(unit)).Id;
        var supervisor = await SupervisorAsync();

        long[] Ids(JsonElement result) => result.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("petitionId").GetInt64()).ToArray();
        var first = await PostAsync(supervisor, "/api/oversight/inspection/samples/preview", new { seed = 20260916, size = 3, unitId }, HttpStatusCode.OK);
        var again = await PostAsync(supervisor, "/api/oversight/inspection/samples/preview", new { seed = 20260916, size = 3, unitId }, HttpStatusCode.OK);
        Assert.Equal(6, first.GetProperty("candidates").GetInt32());
        Assert.Equal(3, Ids(first).Length);
        Assert.Equal(Ids(first), Ids(again));
        Assert.All(Ids(first), id => Assert.Contains(id, handled));
        Assert.DoesNotContain(open, Ids(first));
        // The draw depends on the seed: ten seeds do not all give one sample.
        var samples = new HashSet<string>();
        for (var seed = 1; seed <= 10; seed++)
            samples.Add(string.Join(",", Ids(await PostAsync(supervisor, "/api/oversight/inspection/samples/preview", new { seed, size = 3, unitId }, HttpStatusCode.OK))));
        Assert.True(samples.Count > 1);
        // Keeping the sample keeps exactly the previewed cases, in the queue.
        var kept = await PostAsync(supervisor, "/api/oversight/inspection/samples", new { seed = 20260916, size = 3, unitId }, HttpStatusCode.Created);
        Assert.Equal(Ids(first), Ids(kept));
        var queue = await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/inspection/queue");
        var sampleId = kept.GetProperty("sampleId").GetInt64();
        Assert.Equal(Ids(first), queue.EnumerateArray().Where(q => q.TryGetProperty("sampleId", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt64() == sampleId)
            .Select(q => q.GetProperty("petitionId").GetInt64()).Order().ToArray());

        // Without a seed the rules take every matching case; a channel no case came by matches none.
        var rule = await PostAsync(supervisor, "/api/oversight/inspection/samples/preview", new { size = 50, unitId }, HttpStatusCode.OK);
        Assert.Equal(handled.Order().ToArray(), Ids(rule));
        var none = await PostAsync(supervisor, "/api/oversight/inspection/samples/preview", new { size = 50, unitId, channel = "Visit" }, HttpStatusCode.OK);
        Assert.Empty(Ids(none));
        var period = await PostAsync(supervisor, "/api/oversight/inspection/samples/preview", new { size = 50, unitId, from = "2026-09-17" }, HttpStatusCode.OK);
        Assert.Empty(Ids(period));
        var bad = await PostAsync(supervisor, "/api/oversight/inspection/samples/preview", new { size = 0, unitId }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("size", out _));
        // Another county's supervisor finds none of these cases.
        var other = await SupervisorAsync("迎泽区信访局");
        Assert.Equal(0, (await PostAsync(other, "/api/oversight/inspection/samples/preview", new { size = 50, unitId }, HttpStatusCode.OK)).GetProperty("candidates").GetInt32());
    }

    [Fact]
    public async Task A_seeded_draw_does_not_depend_on_the_order_of_the_candidates()
    {
        var ids = Enumerable.Range(1, 200).Select(i => (long)i * 7).ToList();
        var forward = SampleDraw.Draw(ids, 12, 42);
        Assert.Equal(forward, SampleDraw.Draw(Enumerable.Reverse(ids), 12, 42));
        Assert.Equal(12, forward.Count);
        Assert.NotEqual(forward, SampleDraw.Draw(ids, 12, 43));
        Assert.Equal(ids, SampleDraw.Draw(ids, 500, 1));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_poor_score_sends_the_case_back_for_rework_with_sixty_days_from_the_day_of_the_order()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        const string unit = "小店区民政局";
        var poor = await HandledCaseAsync(unit);
        var good = await HandledCaseAsync(unit);
        var unitId = (await app.OrganisationAsync(unit)).Id;
        var (_, supUser, supPassword) = await StaffAsync("小店区信访局", true, StaffRoles.Supervisor);
        var supervisor = await app.SignedInClientAsync(supUser, supPassword);
        var sample = await PostAsync(supervisor, "/api/oversight/inspection/samples", new { size = 10, unitId }, HttpStatusCode.Created);
        Assert.Equal(new[] { poor, good }.Order().ToArray(), sample.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("petitionId").GetInt64()).ToArray());
        var queue = await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/inspection/queue");
        long Entry(long petition) => queue.EnumerateArray().Single(q => q.GetProperty("petitionId").GetInt64() == petition && q.GetProperty("source").GetString() == "Sample")
            .GetProperty("entryId").GetInt64();

        // Monday 2026-10-12, 10:00 in Beijing.
        SetBeijing(new DateTime(2026, 10, 12, 10, 0, 0));
        supervisor = await app.SignedInClientAsync(supUser, supPassword);
        var leader = (await StaffAsync("小店区信访局", true, StaffRoles.BureauLeader)).Client;
        var scores = new { notice = 10, procedure = 8, reply = 5, timeliness = 12, satisfaction = 5 };   // 40 < 60
        Assert.Equal("Sv.ErrorNotInspector", Code(await PostAsync(leader, $"/api/oversight/inspection/cases/{poor}/score",
            new { entryId = Entry(poor), scores, reason = "答复未回应诉求" }, HttpStatusCode.Forbidden)));
        var noReason = await PostAsync(supervisor, $"/api/oversight/inspection/cases/{poor}/score", new { entryId = Entry(poor), scores }, HttpStatusCode.BadRequest);
        Assert.Equal("请填写退回重办理由。", noReason.GetProperty("errors").GetProperty("reason")[0].GetString());
        var tooMany = await PostAsync(supervisor, $"/api/oversight/inspection/cases/{poor}/score",
            new { entryId = Entry(poor), scores = new { notice = 21, procedure = 8, reply = 5, timeliness = 12, satisfaction = 5 }, reason = "x" }, HttpStatusCode.BadRequest);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("scores.notice", out _));

        // 退回重办 on 2026-10-12: handled again under Art. 34, 60 日 from the next day: 19 days to 10/31, 30 to 11/30,
        // 11 more → 2026-12-11 (a Friday).
        var sentBack = await PostAsync(supervisor, $"/api/oversight/inspection/cases/{poor}/score",
            new { entryId = Entry(poor), scores, reason = "处理意见未回应维修资金的使用诉求，退回重办。" }, HttpStatusCode.OK);
        Assert.Equal("SentBack", sentBack.GetProperty("outcome").GetString());
        Assert.Equal(40, sentBack.GetProperty("total").GetInt32());
        Assert.Equal("Accepted", sentBack.GetProperty("status").GetString());
        Assert.Equal("2026-12-11", sentBack.GetProperty("dueOn").GetString());
        Assert.Equal("Sv.ErrorInspected", Code(await PostAsync(supervisor, $"/api/oversight/inspection/cases/{poor}/score",
            new { entryId = Entry(poor), scores, reason = "再退一次" }, HttpStatusCode.Conflict)));

        var passed = await PostAsync(supervisor, $"/api/oversight/inspection/cases/{good}/score",
            new { entryId = Entry(good), scores = new { notice = 20, procedure = 18, reply = 15, timeliness = 20, satisfaction = 10 } }, HttpStatusCode.OK);
        Assert.Equal("Passed", passed.GetProperty("outcome").GetString());
        Assert.Equal("OpinionIssued", passed.GetProperty("status").GetString());

        await using var db = app.NewContext();
        var reopened = await db.Petitions.SingleAsync(p => p.Id == poor);
        Assert.Equal(PetitionStatus.Accepted, reopened.Status);
        Assert.Equal(new DateOnly(2026, 10, 12), reopened.AcceptedOn);
        Assert.Equal(new DateOnly(2026, 12, 11), reopened.DueOn);
        Assert.Null(reopened.OpinionIssuedOn);
        var actions = await db.PetitionEvents.Where(e => e.PetitionId == poor).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(new[] { "inspection-score", "reopen" }, actions.TakeLast(2).ToArray());
        var reopen = await db.PetitionEvents.SingleAsync(e => e.PetitionId == poor && e.Action == "reopen");
        Assert.Equal("处理意见未回应维修资金的使用诉求，退回重办。", reopen.Reason);
        Assert.Equal(new DateOnly(2026, 10, 12), reopen.On);
        Assert.Equal(PetitionStatus.OpinionIssued, (await db.Petitions.SingleAsync(p => p.Id == good)).Status);
        var done = await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/inspection/inspected");
        Assert.Contains(done.EnumerateArray(), d => d.GetProperty("petitionId").GetInt64() == poor && d.GetProperty("outcome").GetString() == "SentBack");
    }

    [Fact]
    public async Task A_dissatisfied_evaluation_puts_the_case_in_the_queue_once_and_a_refused_rework_writes_nothing()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        const string unit = "小店区交通运输局";
        var handled = await HandledCaseAsync(unit);
        var accepted = await TransferredCaseAsync(unit);
        var satisfied = await HandledCaseAsync(unit);
        await using (var db = app.NewContext())
        {
            // The petitioner's evaluations, as the portal records them (DOMAIN.md §1.5).
            (await db.Petitions.SingleAsync(p => p.Id == handled)).UnitEvaluation = SatisfactionEvaluation.Dissatisfied;
            (await db.Petitions.SingleAsync(p => p.Id == accepted)).BureauEvaluation = SatisfactionEvaluation.Dissatisfied;
            (await db.Petitions.SingleAsync(p => p.Id == satisfied)).UnitEvaluation = SatisfactionEvaluation.FairlySatisfied;
            await db.SaveChangesAsync();
        }
        var supervisor = await SupervisorAsync();
        JsonElement[] Dissatisfied(JsonElement queue) => queue.EnumerateArray().Where(q => q.GetProperty("source").GetString() == "Dissatisfied").ToArray();
        var queue = Dissatisfied(await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/inspection/queue"));
        Assert.Contains(queue, q => q.GetProperty("petitionId").GetInt64() == handled && q.GetProperty("entryId").ValueKind == JsonValueKind.Null);
        Assert.Contains(queue, q => q.GetProperty("petitionId").GetInt64() == accepted);
        Assert.DoesNotContain(queue, q => q.GetProperty("petitionId").GetInt64() == satisfied);
        var other = await SupervisorAsync("迎泽区信访局");
        Assert.Empty(Dissatisfied(await other.GetFromJsonAsync<JsonElement>("/api/oversight/inspection/queue")));

        // The case is still being handled (受理): the workflow refuses to reopen it, and neither the score nor an entry is kept.
        var low = new { notice = 5, procedure = 5, reply = 5, timeliness = 5, satisfaction = 0 };
        var refused = await PostAsync(supervisor, $"/api/oversight/inspection/cases/{accepted}/score", new { scores = low, reason = "群众不满意" }, HttpStatusCode.Conflict);
        Assert.Equal("workflow.wrong-state", Code(refused));
        await using (var db = app.NewContext())
        {
            Assert.False(await db.InspectionEntries.AnyAsync(e => e.PetitionId == accepted));
            Assert.False(await db.PetitionEvents.AnyAsync(e => e.PetitionId == accepted && e.Action == "inspection-score"));
        }
        Assert.Equal("Sv.ErrorNotInQueue", Code(await PostAsync(supervisor, $"/api/oversight/inspection/cases/{satisfied}/score",
            new { scores = low, reason = "x" }, HttpStatusCode.Conflict)));

        var full = new { notice = 20, procedure = 20, reply = 20, timeliness = 20, satisfaction = 0 };
        var result = await PostAsync(supervisor, $"/api/oversight/inspection/cases/{handled}/score", new { scores = full }, HttpStatusCode.OK);
        Assert.Equal("Passed", result.GetProperty("outcome").GetString());
        Assert.DoesNotContain(Dissatisfied(await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/inspection/queue")),
            q => q.GetProperty("petitionId").GetInt64() == handled);
        Assert.Equal("Sv.ErrorInspected", Code(await PostAsync(supervisor, $"/api/oversight/inspection/cases/{handled}/score", new { scores = full }, HttpStatusCode.Conflict)));
        await using var check = app.NewContext();
        var entry = await check.InspectionEntries.SingleAsync(e => e.PetitionId == handled);
        Assert.Equal(InspectionSource.Dissatisfied, entry.Source);
        Assert.Equal(80, entry.Total);
    }

    [Fact]
    public async Task The_backlog_lists_overdue_cases_with_their_leader_and_latest_progress_note()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        var owned = await TransferredCaseAsync("小店区自然资源局");
        var (_, supUser, supPassword) = await StaffAsync("小店区信访局", true, StaffRoles.Supervisor);
        var supervisor = await app.SignedInClientAsync(supUser, supPassword);
        var ownership = await PostAsync(supervisor, $"/api/petitions/{owned}/ownership", new { leaderName = "王建国", leaderTitle = "副区长" }, HttpStatusCode.Created);
        var ownershipId = ownership.GetProperty("id").GetInt64();
        var unowned = await TransferredCaseAsync("小店区自然资源局");

        // 2026-10-20: the unit has not accepted either case within the chain's 15 日 from 2026-09-16 (due by 2026-10-01).
        SetBeijing(new DateTime(2026, 10, 20, 10, 0, 0));
        supervisor = await app.SignedInClientAsync(supUser, supPassword);
        await PostAsync(supervisor, $"/api/petitions/{owned}/ownership/{ownershipId}/notes", new { note = "已召集自然资源局和街道现场协调。" }, HttpStatusCode.NoContent);
        var recent = await TransferredCaseAsync("小店区自然资源局");   // registered today: neither late nor long-running

        var backlog = await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/supervision/backlog");
        var row = backlog.EnumerateArray().Single(b => b.GetProperty("petitionId").GetInt64() == owned);
        Assert.True(row.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("王建国", row.GetProperty("leader").GetString());
        Assert.Equal("副区长", row.GetProperty("leaderTitle").GetString());
        Assert.Equal("已召集自然资源局和街道现场协调。", row.GetProperty("lastNote").GetString());
        Assert.Equal("2026-10-20", row.GetProperty("lastNoteOn").GetString());
        Assert.Equal(34, row.GetProperty("daysOpen").GetInt32());   // 9/16 → 10/20: 14 + 20 days
        var bare = backlog.EnumerateArray().Single(b => b.GetProperty("petitionId").GetInt64() == unowned);
        Assert.Equal(JsonValueKind.Null, bare.GetProperty("leader").ValueKind);
        Assert.DoesNotContain(backlog.EnumerateArray(), b => b.GetProperty("petitionId").GetInt64() == recent);
        var onlyOwned = await supervisor.GetFromJsonAsync<JsonElement>("/api/oversight/supervision/backlog?owned=true");
        Assert.Contains(onlyOwned.EnumerateArray(), b => b.GetProperty("petitionId").GetInt64() == owned);
        Assert.DoesNotContain(onlyOwned.EnumerateArray(), b => b.GetProperty("petitionId").GetInt64() == unowned);
        var other = await SupervisorAsync("迎泽区信访局");
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>("/api/oversight/supervision/backlog")).EnumerateArray(),
            b => b.GetProperty("petitionId").GetInt64() == owned);
    }

    /// <summary>
    /// The console messages of supervision and early warning, through the leased sweep into the outbox: an order issued
    /// tells the unit's handling officers and leaders; unanswered past its due date, it tells them again and the issuing
    /// supervisor (escalation); an alert assigned tells the assignee. Passes run twice and two at once: one row per event
    /// and recipient.
    /// </summary>
    [Fact]
    public async Task Orders_issued_and_overdue_and_alerts_assigned_are_told_once_to_the_people_responsible()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        const string unitName = "小店区生态环境局";
        var unit = await app.OrganisationAsync(unitName);
        var (supervisor, supervisorName, _) = await StaffAsync("小店区信访局", true, StaffRoles.Supervisor);
        var (_, officerName, _) = await StaffAsync(unitName, false, StaffRoles.HandlingOfficer);
        await StaffAsync(unitName, false, StaffRoles.UnitLeader);
        await StaffAsync(unitName, false, StaffRoles.Registrar); // not told: registrars do not answer orders
        var order = await PostAsync(supervisor, "/api/oversight/supervision",
            new { targetOrganisationId = unit.Id, kind = "Listed", instructions = "请报告商铺租金纠纷的化解情况。", dueOn = "2026-09-30" }, HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetInt64();

        var sweep = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Sunshine.Web.Features.Notifications.DeadlineSweep>().Single();
        async Task SweepAsync(DateTime beijing)
        {
            var passes = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                await sweep.RunAtAsync(scope.ServiceProvider, beijing.AddHours(-8), default);
            }));
            await Task.WhenAll(passes);
        }
        async Task<List<(string Key, string? To, string Subject, string Text)>> MessagesAsync(string prefix)
        {
            await using var db = app.NewContext();
            return (await db.Notifications.AsNoTracking().Where(n => n.EventKey.StartsWith(prefix)).OrderBy(n => n.Id)
                .Select(n => new { n.EventKey, n.RecipientUserId, n.Subject, n.Text }).ToListAsync())
                .Select(n => (n.EventKey, n.RecipientUserId, n.Subject, n.Text)).ToList();
        }
        async Task<HashSet<string>> UsersAsync(params string[] names)
        {
            await using var db = app.NewContext();
            return (await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => u.Id).ToListAsync()).ToHashSet();
        }
        HashSet<string> unitPeople;
        await using (var db = app.NewContext())
            unitPeople = (await (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
                                 where u.OrganisationId == unit.Id && (r.Name == StaffRoles.HandlingOfficer || r.Name == StaffRoles.UnitLeader)
                                 select u.Id).ToListAsync()).ToHashSet();
        Assert.Equal(2, unitPeople.Count);

        await SweepAsync(new DateTime(2026, 9, 16, 10, 5, 0));
        await SweepAsync(new DateTime(2026, 9, 16, 10, 15, 0));
        var issued = await MessagesAsync($"supervision-issued:{orderId}:");
        Assert.Equal(unitPeople, issued.Select(m => m.To!).ToHashSet());
        Assert.Equal(2, issued.Count);
        Assert.All(issued, m => Assert.Equal("收到挂牌督办", m.Subject));
        Assert.All(issued, m => Assert.Contains("2026-09-30", m.Text));
        Assert.Empty(await MessagesAsync($"supervision-overdue:{orderId}:"));

        // 9/30 is the last day to answer (until 24:00 Beijing time): still not late on 9/30, late from 10/1.
        await SweepAsync(new DateTime(2026, 9, 30, 23, 0, 0));
        Assert.Empty(await MessagesAsync($"supervision-overdue:{orderId}:"));
        await SweepAsync(new DateTime(2026, 10, 1, 8, 0, 0));
        await SweepAsync(new DateTime(2026, 10, 2, 8, 0, 0));
        var overdue = await MessagesAsync($"supervision-overdue:{orderId}:");
        var expected = unitPeople.Union(await UsersAsync(supervisorName)).ToHashSet();
        Assert.Equal(expected, overdue.Select(m => m.To!).ToHashSet());
        Assert.Equal(3, overdue.Count);
        Assert.All(overdue, m => Assert.Contains(unitName, m.Text));

        // An alert assigned to the officer on 10/2: told once to the officer.
        SetBeijing(new DateTime(2026, 10, 2, 8, 30, 0));
        // Signed in again: the first sign-in's cookie has expired over the fortnight the clock moved.
        supervisor = (await StaffAsync("小店区信访局", true, StaffRoles.Supervisor)).Client;
        long alertId;
        await using (var db = app.NewContext())
        {
            var alert = new Sunshine.Data.Entities.WarningAlert
            {
                AlertKey = "Collective:test-notice:" + Guid.NewGuid().ToString("N"), Rule = Sunshine.Data.Entities.WarningRule.Collective,
                Severity = WarningSeverity.Abnormal, LocalityCode = "140105000000", Period = "", Summary = "商铺租户集体来访",
                Evidence = "{}", CaseCount = 0, State = Sunshine.Data.Entities.WarningState.Raised,
                CreatedAt = Clock.GetUtcNow().UtcDateTime, UpdatedAt = Clock.GetUtcNow().UtcDateTime,
            };
            db.WarningAlerts.Add(alert);
            await db.SaveChangesAsync();
            alertId = alert.Id;
        }
        var officerId = Assert.Single(await UsersAsync(officerName));
        await PostAsync(supervisor, $"/api/oversight/warnings/{alertId}/acknowledge", new { }, HttpStatusCode.OK);
        await PostAsync(supervisor, $"/api/oversight/warnings/{alertId}/assign", new { userId = officerId }, HttpStatusCode.OK);
        await SweepAsync(new DateTime(2026, 10, 2, 9, 0, 0));
        await SweepAsync(new DateTime(2026, 10, 2, 9, 10, 0));
        var assigned = Assert.Single(await MessagesAsync($"warning-assigned:{alertId}:"));
        Assert.Equal(officerId, assigned.To);
        Assert.Contains("商铺租户集体来访", assigned.Text);
    }
}

[Collection("sqlite")]
public sealed class SqliteSupervisionTests(SqliteClockApp app) : SupervisionTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresSupervisionTests(PostgresClockApp app) : SupervisionTests(app), IClassFixture<PostgresClockApp>;
