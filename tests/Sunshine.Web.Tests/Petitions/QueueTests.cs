using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>
/// Deadline colours, work queues and the simplified procedure, on a clock standing at 2026-09-16 (a Wednesday). Each test
/// works in its own unit, so the cases one test puts in place do not show in another's queues.
/// <para>The 2026 holiday notice (DOMAIN.md §5) around today: Sunday 9/20 is a make-up working day, 9/25–9/27 is the
/// Mid-Autumn holiday, 10/1–10/7 National Day, Saturday 10/10 a make-up working day.</para>
/// </summary>
public abstract class QueueTests(TestApp app)
{
    private static readonly DateOnly Today = new(2026, 9, 16);

    private static DateOnly Sep(int day) => new(2026, 9, day);

    private async Task<HttpClient> StaffAsync(string unit, params string[] roles)
    {
        var organisation = await app.OrganisationAsync(unit);
        var (user, password) = await app.CreateUserAsync(organisation.Id, false, roles);
        return await app.SignedInClientAsync(user, password);
    }

    /// <summary>Puts a case in place as the workflow would have left it: in <paramref name="status"/>, due on <paramref name="dueOn"/>.</summary>
    private async Task<long> CaseAsync(int unit, PetitionStatus status, DateOnly? dueOn, Purpose purpose = Purpose.Request, bool simplified = false,
        int? registeredBy = null, string summary = "反映问题")
    {
        await using var db = app.NewContext();
        var registered = status == PetitionStatus.Registered;
        var petition = new Petition
        {
            CaseNumber = "QT" + Guid.NewGuid().ToString("N")[..20],
            QueryCodeHash = RandomNumberGenerator.GetBytes(32),
            Channel = Channel.Letter,
            Purpose = purpose,
            IssueLocalityCode = "140105000000",
            PetitionerName = "李华",
            Summary = summary,
            Content = summary + "，请求处理。",
            ReceivedOn = Sep(1),
            RegisteredOn = Sep(1),
            RegisteredAt = new DateTime(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc),
            RegisteringOrganisationId = registeredBy ?? unit,
            ResponsibleOrganisationId = registered ? null : unit,
            Status = status,
            RuleSetCode = "xinfang-2022",
            TransferredOn = registered ? null : Sep(2),
            AcceptedOn = status == PetitionStatus.Accepted ? Sep(3) : null,
            IsSimplified = simplified,
            DueOn = dueOn,
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return petition.Id;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    /// <summary>
    /// Red is "due before today" in 日 and in 工作日 alike, so its query is one term on status and due date, which the
    /// (Status, DueOn) index answers alone; yellow keeps the simplified flag, because 3 日 and 3 工作日 end on different days
    /// here (Saturday 9/19 is a rest day). Both still count every case of their colour, plain and simplified.
    /// </summary>
    [Fact]
    public async Task Red_is_one_term_on_status_and_due_date_and_yellow_keeps_the_simplified_flag()
    {
        var unit = (await app.OrganisationAsync("小店区卫生健康局")).Id;
        var redPlain = await CaseAsync(unit, PetitionStatus.Accepted, Sep(15));
        var redSimplified = await CaseAsync(unit, PetitionStatus.Accepted, Sep(10), simplified: true);
        var redTransferred = await CaseAsync(unit, PetitionStatus.Transferred, Sep(14));
        // Due Saturday 9/19: the 3rd 日 after today, yellow.
        var yellowPlain = await CaseAsync(unit, PetitionStatus.Accepted, Sep(19));
        // Due Sunday 9/20 (a make-up working day): the 3rd 工作日 after today, so yellow when simplified; the 4th 日, green when plain.
        var yellowSimplified = await CaseAsync(unit, PetitionStatus.Accepted, Sep(20), simplified: true);
        var greenPlain = await CaseAsync(unit, PetitionStatus.Accepted, Sep(20));
        await CaseAsync(unit, PetitionStatus.Concluded, Sep(1));

        await using var db = app.NewContext();
        var colouring = new Sunshine.Web.Features.Petitions.Queues.DeadlineColouring(Today, await Sunshine.Web.Features.Calendar.CalendarEndpoints.LoadAsync(db), 3);
        var red = colouring.Range(DeadlineColour.Red).Predicate();
        var yellow = colouring.Range(DeadlineColour.Yellow).Predicate();
        Assert.DoesNotContain("IsSimplified", db.Petitions.Where(red).Select(p => p.Id).ToQueryString(), StringComparison.Ordinal);
        Assert.Contains("IsSimplified", db.Petitions.Where(yellow).Select(p => p.Id).ToQueryString(), StringComparison.Ordinal);

        var mine = db.Petitions.Where(p => p.ResponsibleOrganisationId == unit);
        Assert.Equal([redPlain, redSimplified, redTransferred], (await mine.Where(red).Select(p => p.Id).ToListAsync()).Order());
        Assert.Equal([yellowPlain, yellowSimplified], (await mine.Where(yellow).Select(p => p.Id).ToListAsync()).Order());
        Assert.Equal([greenPlain], await mine.Where(colouring.Range(DeadlineColour.Green).Predicate()).Select(p => p.Id).ToListAsync());
    }

    /// <summary>
    /// The lists hold the holiday calendar in memory (CalendarCache), and an administrator's change to it colours them at
    /// once: the test's clock does not move, so only the change itself can make the list read the calendar again.
    /// </summary>
    [Fact]
    public async Task A_change_to_the_holiday_table_colours_the_list_at_once()
    {
        var unit = (await app.OrganisationAsync("小店区生态环境局")).Id;
        using var officer = await StaffAsync("小店区生态环境局", StaffRoles.HandlingOfficer);
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (adminName, adminPassword) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Administrator);
        using var admin = await app.SignedInClientAsync(adminName, adminPassword);
        // Simplified handling (工作日) due Monday 9/21: 9/17 Thu (1), 9/18 Fri (2), 9/20 Sun make-up day (3), 9/21 (4) → green.
        var id = await CaseAsync(unit, PetitionStatus.Accepted, Sep(21), simplified: true);
        async Task<string?> ColourAsync() =>
            (await GetAsync(officer, "/api/petitions")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id)
                .GetProperty("colour").GetString();
        Assert.Equal("Green", await ColourAsync());
        Assert.Equal("Green", await ColourAsync());

        // Friday 9/18 made a holiday: 9/17 (1), 9/20 (2), 9/21 (3) → yellow, at once.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/calendar/days/2026-09-18", new { kind = "PublicHoliday", note = "测试" })).StatusCode);
        try
        {
            Assert.Equal("Yellow", await ColourAsync());
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/calendar/days/2026-09-18")).StatusCode);
        }
        Assert.Equal("Green", await ColourAsync());
    }

    [Fact]
    public async Task The_colour_filter_returns_exactly_the_cases_due_in_the_hand_counted_ranges()
    {
        var unit = (await app.OrganisationAsync("小店区教育局")).Id;
        using var officer = await StaffAsync("小店区教育局", StaffRoles.HandlingOfficer);

        // Today is Wednesday 2026-09-16; yellow when 3 or fewer units are left (DOMAIN.md §1.7 (a)), counted after today
        // up to and including the due date, in the unit of the step's rule.
        //   日 (every step but simplified handling): 9/16 → 0 left, 9/19 → 3 left: yellow 9/16–9/19; 9/20 → 4: green; 9/15: red.
        //   工作日 (simplified handling, 10 工作日): 9/17 Thu (1), 9/18 Fri (2), 9/19 Sat rest, 9/20 Sun make-up day (3),
        //   9/21 Mon (4): yellow 9/16–9/20, green from 9/21; 9/15: red.
        var red = new[]
        {
            await CaseAsync(unit, PetitionStatus.Accepted, Sep(15)),
            await CaseAsync(unit, PetitionStatus.Accepted, Sep(15), simplified: true),
            await CaseAsync(unit, PetitionStatus.UnderReview, Sep(10)),
        };
        var yellow = new[]
        {
            await CaseAsync(unit, PetitionStatus.Accepted, Sep(16)),                  // due today: open until 24:00
            await CaseAsync(unit, PetitionStatus.Accepted, Sep(19)),
            await CaseAsync(unit, PetitionStatus.Accepted, Sep(20), simplified: true), // 3 working days, though 4 calendar days
            await CaseAsync(unit, PetitionStatus.Transferred, Sep(17)),
        };
        var green = new[]
        {
            await CaseAsync(unit, PetitionStatus.Accepted, Sep(20)),                  // the same date in 日: 4 left
            await CaseAsync(unit, PetitionStatus.Accepted, Sep(21), simplified: true),
            await CaseAsync(unit, PetitionStatus.Registered, Sep(30)),                // registered by the unit itself, to send on
        };
        // No organ's limit runs: the 30 日 to ask for review are the petitioner's (Art. 35); a concluded case has none.
        var uncoloured = new[]
        {
            await CaseAsync(unit, PetitionStatus.OpinionIssued, Sep(10)),
            await CaseAsync(unit, PetitionStatus.Concluded, null),
        };

        foreach (var (colour, expected) in new[] { ("Red", red), ("Yellow", yellow), ("Green", green) })
        {
            var page = await GetAsync(officer, "/api/petitions?colour=" + colour);
            Assert.Equal(expected.Order().ToArray(), Ids(page).Order().ToArray());
            Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal(colour, i.GetProperty("colour").GetString()));
            Assert.Equal(expected.Length, page.GetProperty("count").GetInt32());
        }
        var all = await GetAsync(officer, "/api/petitions");
        var colours = all.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt64(), i => i.GetProperty("colour"));
        Assert.All(uncoloured, id => Assert.Equal(JsonValueKind.Null, colours[id].ValueKind));
        // The colour combines with the other filters.
        var yellowTransferred = await GetAsync(officer, "/api/petitions?colour=Yellow&status=Transferred");
        Assert.Equal([yellow[3]], Ids(yellowTransferred));

        // The export carries the same filter and writes the colour out.
        using var export = await officer.GetAsync("/api/petitions/export.xlsx?colour=Yellow");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX)
            .Cast<IDictionary<string, object>>().ToList();
        await using var db = app.NewContext();
        var numbers = await db.Petitions.Where(p => yellow.Contains(p.Id)).Select(p => p.CaseNumber).ToListAsync();
        Assert.Equal(numbers.Order(), sheet.Select(r => (string)r["信访件编号"]).Order());
        Assert.All(sheet, r => Assert.Equal("黄色（临期）", r["期限颜色"]));

        using var wrong = await officer.GetAsync("/api/petitions?colour=Purple");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    [Fact]
    public async Task Each_queue_holds_the_unit_s_cases_in_its_states_ordered_by_deadline()
    {
        var unit = (await app.OrganisationAsync("小店区民政局")).Id;
        var other = (await app.OrganisationAsync("小店区市场监督管理局")).Id;
        using var officer = await StaffAsync("小店区民政局", StaffRoles.HandlingOfficer);
        using var leader = await StaffAsync("小店区民政局", StaffRoles.UnitLeader);

        // to accept: transferred or assigned to the unit (Art. 23).
        var transferred = await CaseAsync(unit, PetitionStatus.Transferred, Sep(25));          // 9 days left: green
        var assignedLate = await CaseAsync(unit, PetitionStatus.Assigned, Sep(14));            // overdue
        // in handling: accepted, under review or re-examination at the unit (Art. 34–36).
        var request = await CaseAsync(unit, PetitionStatus.Accepted, new DateOnly(2026, 11, 10));
        var accusation = await CaseAsync(unit, PetitionStatus.Accepted, null, Purpose.Accusation); // Art. 30: no handling limit, the officer closes it
        var suggestion = await CaseAsync(unit, PetitionStatus.Accepted, null, Purpose.Suggestion); // Art. 29: the leader answers it
        var review = await CaseAsync(unit, PetitionStatus.UnderReview, Sep(18));               // 2 days left: yellow
        var simplified = await CaseAsync(unit, PetitionStatus.Accepted, Sep(20), simplified: true); // 3 working days left: yellow
        var reexamLate = await CaseAsync(unit, PetitionStatus.UnderReexamination, Sep(1));     // overdue
        // The unit registered an item itself and must still send it on (Art. 22): due today, yellow.
        var toSend = await CaseAsync(unit, PetitionStatus.Registered, Sep(16));
        // Not the unit's step: the petitioner's review window, a closed case, a case it sent to another unit, another unit's case.
        await CaseAsync(unit, PetitionStatus.OpinionIssued, Sep(10));
        await CaseAsync(unit, PetitionStatus.Concluded, null);
        var sentOn = await CaseAsync(other, PetitionStatus.Transferred, Sep(10), registeredBy: unit);
        await CaseAsync(other, PetitionStatus.Accepted, Sep(10));

        var counts = await GetAsync(officer, "/api/petitions/queues");
        Assert.Equal(2, counts.GetProperty("toAccept").GetInt32());
        Assert.Equal(6, counts.GetProperty("inHandling").GetInt32());
        Assert.Equal(3, counts.GetProperty("dueSoon").GetInt32());
        Assert.Equal(2, counts.GetProperty("overdue").GetInt32());
        Assert.Equal(5, counts.GetProperty("toApprove").GetInt32());
        Assert.Equal(counts.GetRawText(), (await GetAsync(leader, "/api/petitions/queues")).GetRawText());

        async Task AssertQueue(string queue, params long[] expected)
        {
            var page = await GetAsync(leader, "/api/petitions?queue=" + queue);
            Assert.Equal(expected, Ids(page));
            Assert.Equal(expected.Length, page.GetProperty("count").GetInt32());
            Assert.Equal(JsonValueKind.Null, page.GetProperty("nextAfter").ValueKind);
        }
        // By due date, then id; cases without a due date last.
        await AssertQueue("to-accept", assignedLate, transferred);
        await AssertQueue("in-handling", reexamLate, review, simplified, request, Math.Min(accusation, suggestion), Math.Max(accusation, suggestion));
        await AssertQueue("due-soon", toSend, review, simplified);
        await AssertQueue("overdue", reexamLate, assignedLate);
        await AssertQueue("to-approve", reexamLate, review, simplified, request, suggestion);
        // The sender still sees the case it sent on, but it is not in the sender's queues.
        Assert.Contains(sentOn, Ids(await GetAsync(officer, "/api/petitions")));

        // A queue combines with the other filters, but not with a text search; an unknown queue is named in the problem.
        Assert.Equal([reexamLate], Ids(await GetAsync(officer, "/api/petitions?queue=in-handling&colour=Red")));
        var unknown = await GetAsync(officer, "/api/petitions?queue=mine", HttpStatusCode.BadRequest);
        Assert.Contains("to-accept", unknown.GetProperty("errors").GetProperty("queue")[0].GetString(), StringComparison.Ordinal);
        var withText = await GetAsync(officer, "/api/petitions?queue=overdue&q=" + Uri.EscapeDataString("问题"), HttpStatusCode.BadRequest);
        Assert.Equal("工作队列不能与全文检索同时使用。", withText.GetProperty("errors").GetProperty("q")[0].GetString());

        // The console shows the tabs with their counts ("to approve" only to the leader), the colours, and the dashboard links.
        var list = await leader.GetStringAsync("/console/petitions?queue=due-soon");
        Assert.Contains("data-queue=\"to-approve\"", list, StringComparison.Ordinal);
        Assert.Contains("待审批 <span class=\"queue-count\">5</span>", list, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(list, "data-colour=\"Yellow\""));
        Assert.DoesNotContain("data-queue=\"to-approve\"", await officer.GetStringAsync("/console/petitions"), StringComparison.Ordinal);
        var dashboard = await leader.GetStringAsync("/console");
        Assert.Contains("href=\"/console/petitions?queue=overdue\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"my-queues\"", dashboard, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task A_queue_pages_by_deadline_with_a_keyset_on_due_date_and_id()
    {
        var unit = (await app.OrganisationAsync("小店区交通运输局")).Id;
        using var officer = await StaffAsync("小店区交通运输局", StaffRoles.HandlingOfficer);
        // 120 accepted requests, three to each due date from 9/17 on, inserted out of date order, and 5 suggestions without one.
        await using (var db = app.NewContext())
        {
            foreach (var i in Enumerable.Range(0, 120))
                db.Petitions.Add(Row(unit, Sep(17).AddDays(39 - i / 3), Purpose.Request));
            foreach (var _ in Enumerable.Range(0, 5))
                db.Petitions.Add(Row(unit, null, Purpose.Suggestion));
            await db.SaveChangesAsync();
        }
        List<(long Id, DateOnly? Due)> expected;
        await using (var db = app.NewContext())
        {
            var rows = await db.Petitions.Where(p => p.ResponsibleOrganisationId == unit).Select(p => new { p.Id, p.DueOn }).ToListAsync();
            expected = rows.OrderBy(r => r.DueOn is null).ThenBy(r => r.DueOn).ThenBy(r => r.Id).Select(r => (r.Id, r.DueOn)).ToList();
        }

        var seen = new List<long>();
        var url = "/api/petitions?queue=in-handling";
        var pages = 0;
        while (true)
        {
            var page = await GetAsync(officer, url);
            pages++;
            if (pages == 1) Assert.Equal(125, page.GetProperty("count").GetInt32());
            else Assert.Equal(JsonValueKind.Null, page.GetProperty("count").ValueKind);
            var ids = Ids(page);
            seen.AddRange(ids);
            if (page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null) break;
            Assert.Equal(50, ids.Count);
            var after = page.GetProperty("nextAfter").GetInt64();
            Assert.Equal(ids[^1], after);
            var due = page.GetProperty("nextAfterDue");
            url = "/api/petitions?queue=in-handling&after=" + after + (due.ValueKind == JsonValueKind.Null ? "" : "&afterDue=" + due.GetString());
        }
        Assert.Equal(3, pages);
        Assert.Equal(expected.Select(e => e.Id), seen);

        Petition Row(int organisation, DateOnly? due, Purpose purpose) => new()
        {
            CaseNumber = "QP" + Guid.NewGuid().ToString("N")[..20],
            QueryCodeHash = RandomNumberGenerator.GetBytes(32),
            Channel = Channel.Online,
            Purpose = purpose,
            IssueLocalityCode = "140105000000",
            PetitionerName = "周强",
            Summary = "公交线路调整",
            Content = "建议调整公交线路。",
            ReceivedOn = Sep(1),
            RegisteredOn = Sep(1),
            RegisteredAt = new DateTime(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc),
            RegisteringOrganisationId = organisation,
            ResponsibleOrganisationId = organisation,
            Status = PetitionStatus.Accepted,
            RuleSetCode = "xinfang-2022",
            AcceptedOn = Sep(2),
            DueOn = due,
        };
    }

    private sealed record Desk(HttpClient Registrar, HttpClient Officer, HttpClient Leader, int Unit);

    private async Task<Desk> DeskAsync(string unitName)
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync(unitName);
        var (registrar, p1) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        var (officer, p2) = await app.CreateUserAsync(unit.Id, false, StaffRoles.HandlingOfficer);
        var (leader, p3) = await app.CreateUserAsync(unit.Id, false, StaffRoles.UnitLeader);
        return new Desk(await app.SignedInClientAsync(registrar, p1), await app.SignedInClientAsync(officer, p2), await app.SignedInClientAsync(leader, p3), unit.Id);
    }

    private static async Task<long> RegisterAsync(HttpClient registrar, string channel = "Letter", string purpose = "Request", int headCount = 1, bool jointLetter = false)
    {
        var response = await registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel, purpose, issueLocalityCode = "140105000000", headCount, isJointLetter = jointLetter,
            summary = "反映小区供暖管道漏水", content = "小区供暖管道漏水已一周，物业未处理，请求督促维修。",
            petitioner = new { name = "赵敏", phone = "13600001111" },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/petitions/{id}/actions/{action}", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{action}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    [Fact]
    public async Task A_simple_first_time_item_accepted_under_the_simplified_procedure_is_due_in_10_working_days()
    {
        var desk = await DeskAsync("小店区卫生健康局");
        var id = await RegisterAsync(desk.Registrar);
        await ActAsync(desk.Registrar, id, "Transfer", new { targetOrganisationId = desk.Unit });
        var detail = await GetAsync(desk.Officer, $"/api/petitions/{id}");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("simplifiedRefusal").ValueKind); // the case page offers it

        // Accepted on Wednesday 2026-09-16; 10 工作日 after it: 9/17 Thu (1), 9/18 Fri (2), 9/19 Sat rest, 9/20 Sun make-up
        // working day (3), 9/21–9/24 Mon–Thu (4–7), 9/25–9/27 Mid-Autumn holiday, 9/28 Mon (8), 9/29 (9), 9/30 (10) → 2026-09-30.
        var accepted = await ActAsync(desk.Officer, id, "Accept", new { simplified = true });
        Assert.Equal("2026-09-30", accepted.GetProperty("dueOn").GetString());
        Assert.Contains(accepted.GetProperty("dueExplanation").EnumerateArray(), l => l.GetString()!.Contains("简易办理（2016）", StringComparison.Ordinal));
        await using (var db = app.NewContext())
        {
            var petition = await db.Petitions.SingleAsync(p => p.Id == id);
            Assert.True(petition.IsSimplified);
            Assert.Equal(new DateOnly(2026, 9, 30), petition.DueOn);
            var accept = await db.PetitionEvents.Where(e => e.PetitionId == id).OrderBy(e => e.Id).LastAsync();
            Assert.Equal("accept", accept.Action);
            Assert.Contains("\"simplified\":true", accept.Detail, StringComparison.Ordinal);
            var audit = await db.AuditEntries.SingleAsync(e => e.Action == "petition.accept" && e.EntityId == id.ToString());
            Assert.Contains("\"IsSimplified\":false", audit.Before, StringComparison.Ordinal);
            Assert.Contains("\"IsSimplified\":true", audit.After, StringComparison.Ordinal);
        }
        detail = await GetAsync(desk.Officer, $"/api/petitions/{id}");
        Assert.True(detail.GetProperty("isSimplified").GetBoolean());
        Assert.Equal("Green", detail.GetProperty("colour").GetString()); // 10 working days left
        Assert.Contains("简易办理（受理之日起 10 个工作日）", await desk.Officer.GetStringAsync($"/console/petitions/{id}"), StringComparison.Ordinal);

        // The simplified procedure has no extension (its rule allows none).
        var extend = await ActAsync(desk.Leader, id, "Extend", new { extensionDays = 10, reason = "需要补充调查" }, HttpStatusCode.BadRequest);
        Assert.Equal("workflow.extension-cap", extend.GetProperty("code").GetString());
        // Only acceptance takes the flag.
        var elsewhere = await ActAsync(desk.Leader, id, "IssueOpinion", new { opinion = "Support", simplified = true }, HttpStatusCode.BadRequest);
        Assert.True(elsewhere.GetProperty("errors").TryGetProperty("simplified", out _));
    }

    [Fact]
    public async Task The_simplified_procedure_is_refused_for_items_that_are_not_simple_first_time_ones()
    {
        var desk = await DeskAsync("小店区自然资源局");

        // A collective visit (6 people: collective from 5, DOMAIN.md §1.1) and a joint letter have many petitioners.
        var collective = await RegisterAsync(desk.Registrar, channel: "Visit", headCount: 6);
        var joint = await RegisterAsync(desk.Registrar, jointLetter: true);
        // A suggestion is answered (Art. 29): no handling opinion, no limit to shorten.
        var suggestion = await RegisterAsync(desk.Registrar, purpose: "Suggestion");
        // A repeat item (重件) — marked in the case record as the repeat check's confirmation does.
        var repeat = await RegisterAsync(desk.Registrar);
        // 交办: an important matter with its own deadline and completion report (Art. 22).
        var assigned = await RegisterAsync(desk.Registrar);
        foreach (var id in new[] { collective, joint, suggestion, repeat })
            await ActAsync(desk.Registrar, id, "Transfer", new { targetOrganisationId = desk.Unit });
        await ActAsync(desk.Registrar, assigned, "Assign", new { targetOrganisationId = desk.Unit, reportDueOn = "2026-10-30" });
        await using (var db = app.NewContext())
        {
            await db.Petitions.Where(p => p.Id == repeat).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsRepeat, true));
        }

        foreach (var (id, code, title) in new[]
                 {
                     (collective, "workflow.simplified-collective", "集体访、联名信不适用简易办理。"),
                     (joint, "workflow.simplified-collective", "集体访、联名信不适用简易办理。"),
                     (suggestion, "workflow.simplified-purpose", "简易办理只适用于需出具处理意见的求决、申诉等事项。"),
                     (repeat, "workflow.simplified-repeat", "简易办理限于初次信访事项，重复信访事项（重件）不适用。"),
                     (assigned, "workflow.simplified-assigned", "交办件属于重要事项，不适用简易办理。"),
                 })
        {
            Assert.Equal(code, (await GetAsync(desk.Officer, $"/api/petitions/{id}")).GetProperty("simplifiedRefusal").GetString());
            var refused = await ActAsync(desk.Officer, id, "Accept", new { simplified = true }, HttpStatusCode.BadRequest);
            Assert.Equal(code, refused.GetProperty("code").GetString());
            Assert.Equal(title, refused.GetProperty("title").GetString());
            await using (var db = app.NewContext())
            {
                // Nothing half-written: still waiting for acceptance, no flag, no event.
                var petition = await db.Petitions.SingleAsync(p => p.Id == id);
                Assert.Equal(id == assigned ? PetitionStatus.Assigned : PetitionStatus.Transferred, petition.Status);
                Assert.False(petition.IsSimplified);
                Assert.Null(petition.AcceptedOn);
                Assert.False(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Action == "accept"));
            }
        }

        // The ordinary procedure still applies: accepted 9/16, 60 日 (Art. 34) → 9/16 + 14 = 9/30, + 31 = 10/31, + 15 → 11/15.
        var ordinary = await ActAsync(desk.Officer, collective, "Accept", new { });
        Assert.Equal("2026-11-15", ordinary.GetProperty("dueOn").GetString());
    }
}

[Collection("sqlite")]
public sealed class SqliteQueueTests(SqliteClockApp app) : QueueTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresQueueTests(PostgresClockApp app) : QueueTests(app), IClassFixture<PostgresClockApp>;

/// <summary>
/// A simplified acceptance across National Day 2026, on its own app: the test moves the clock to 2026-09-28, which the
/// other tests' hand-counted dates must not see.
/// </summary>
public abstract class SimplifiedAcrossNationalDayTests(TestApp app)
{
    [Fact]
    public async Task Accepted_on_28_September_the_opinion_is_due_on_16_October()
    {
        var clock = (Microsoft.Extensions.Time.Testing.FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区农业农村局");
        var (registrar, p1) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        var (officer, p2) = await app.CreateUserAsync(unit.Id, false, StaffRoles.HandlingOfficer);
        using var desk = await app.SignedInClientAsync(registrar, p1);
        var registered = await desk.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Phone", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映农田灌溉渠堵塞", content = "村东灌溉渠堵塞，影响秋季灌溉，请求疏通。",
            petitioner = new { name = "孙立", phone = "13500003333" },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = unit.Id })).StatusCode);

        // Monday 2026-09-28, 10:00 in Beijing. Signed in after the move, so the session is not stale on the new clock.
        clock.SetUtcNow(new DateTimeOffset(2026, 9, 28, 2, 0, 0, TimeSpan.Zero));
        using var handler = await app.SignedInClientAsync(officer, p2);
        // 10 工作日 after 9/28: 9/29 Tue (1), 9/30 Wed (2), 10/1–10/7 National Day, 10/8 Thu (3), 10/9 Fri (4), 10/10 Sat
        // make-up working day (5), 10/11 Sun rest, 10/12–10/16 Mon–Fri (6–10) → 2026-10-16.
        var response = await handler.PostAsJsonAsync($"/api/petitions/{id}/actions/Accept", new { simplified = true });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("2026-10-16", body.GetProperty("dueOn").GetString());

        // On 9/28 the working days left are 9/29, 9/30, 10/8, 10/9 (4th): 10/16 is green, and so is the case.
        var detail = await handler.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");
        Assert.Equal("Green", detail.GetProperty("colour").GetString());
    }
}

[Collection("sqlite")]
public sealed class SqliteSimplifiedAcrossNationalDayTests(SqliteClockApp app) : SimplifiedAcrossNationalDayTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresSimplifiedAcrossNationalDayTests(PostgresClockApp app) : SimplifiedAcrossNationalDayTests(app), IClassFixture<PostgresClockApp>;
