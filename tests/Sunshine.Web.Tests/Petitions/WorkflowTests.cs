using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>
/// A letter through the workflow over HTTP, on a clock standing at 2026-09-16 (a Wednesday). Every due date below is
/// counted by hand from the statute and the 2026 holiday notice.
/// </summary>
public abstract class WorkflowTests(TestApp app)
{
    private sealed record Actors(HttpClient Registrar, HttpClient Officer, HttpClient Leader, HttpClient Stranger, int Unit);

    private async Task<Actors> ActorsAsync()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var other = await app.OrganisationAsync("小店区住房和城乡建设局");
        async Task<HttpClient> Client(int organisation, string role)
        {
            // The bureau's registrar acts within the county (its scope covers the county's units); units act for themselves.
            var (user, password) = await app.CreateUserAsync(organisation, role == StaffRoles.Registrar, role);
            return await app.SignedInClientAsync(user, password);
        }
        return new Actors(await Client(bureau.Id, StaffRoles.Registrar), await Client(unit.Id, StaffRoles.HandlingOfficer),
            await Client(unit.Id, StaffRoles.UnitLeader), await Client(other.Id, StaffRoles.HandlingOfficer), unit.Id);
    }

    private static async Task<long> RegisterAsync(HttpClient registrar)
    {
        var response = await registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映公司拖欠工资", content = "某公司自今年五月起拖欠员工工资，请求督促支付。",
            petitioner = new { name = "陈明", phone = "13700002222" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/petitions/{id}/actions/{action}", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{action}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    [Fact]
    public async Task Transfer_accept_extend_and_opinion_each_set_the_right_due_date_and_history()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);

        // Transfer on 2026-09-16. The unit must object within 5 working days (Art. 23): 9/17 Thu, 9/18 Fri,
        // 9/19 Sat rest, 9/20 Sun is a make-up working day in 2026, 9/21 Mon, 9/22 Tue → 2026-09-22.
        await ActAsync(a.Registrar, id, "Transfer", new { targetOrganisationId = a.Unit });
        await using (var db = app.NewContext())
        {
            var hop = await db.PetitionHops.SingleAsync(h => h.PetitionId == id);
            Assert.Equal(new DateOnly(2026, 9, 22), hop.DueOn);
            Assert.Equal(PetitionStatus.Transferred, (await db.Petitions.SingleAsync(p => p.Id == id)).Status);
        }

        // Accepted on 2026-09-16: 60 日 (Art. 34): 14 days to 9/30, 31 to 10/31, 15 more → 2026-11-15.
        var accepted = await ActAsync(a.Officer, id, "Accept", new { });
        Assert.Equal("2026-11-15", accepted.GetProperty("dueOn").GetString());

        // The leader extends by 30 日: 2026-11-15 + 30 → 2026-12-15.
        var extended = await ActAsync(a.Leader, id, "Extend", new { extensionDays = 30, reason = "涉及多名当事人，需进一步调查" });
        Assert.Equal("2026-12-15", extended.GetProperty("dueOn").GetString());
        var twice = await ActAsync(a.Leader, id, "Extend", new { extensionDays = 5, reason = "再次延期" }, HttpStatusCode.BadRequest);
        Assert.Equal("workflow.extension-twice", twice.GetProperty("code").GetString());
        Assert.Equal("办理期限只能延长一次。", twice.GetProperty("title").GetString());

        // The opinion opens the 30 日 review window (Art. 35): 2026-09-16 + 30 → 2026-10-16.
        var opinion = await ActAsync(a.Leader, id, "IssueOpinion", new { opinion = "Support", reason = "经核实，责令该公司于十日内支付拖欠工资。" });
        Assert.Equal("2026-10-16", opinion.GetProperty("dueOn").GetString());
        var early = await ActAsync(a.Officer, id, "Conclude", new { }, HttpStatusCode.BadRequest);
        Assert.Equal("workflow.request-window-open", early.GetProperty("code").GetString());

        var history = await a.Officer.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/history");
        Assert.Equal(new[] { "register", "transfer", "accept", "extend", "issue-opinion" }, history.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray());
        await using var check = app.NewContext();
        var petition = await check.Petitions.SingleAsync(p => p.Id == id);
        Assert.Equal(HandlingOpinion.Support, petition.Opinion);
        Assert.Equal(30, petition.ExtensionDays);
        Assert.Equal(4, petition.Version);
        Assert.Equal(4, await check.AuditEntries.CountAsync(e => e.EntityType == "Petition" && e.EntityId == id.ToString() && e.Action != "petition.register"));
    }

    [Fact]
    public async Task A_department_that_registers_a_petition_itself_is_its_responsible_unit_and_accepts_it()
    {
        // Art. 23: the organ that receives an item directly handles it — no bureau transfer in between.
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var (user, password) = await app.CreateUserAsync(unit.Id, false, StaffRoles.Registrar, StaffRoles.HandlingOfficer);
        var desk = await app.SignedInClientAsync(user, password);
        var id = await RegisterAsync(desk);
        await using (var db = app.NewContext())
            Assert.Equal(unit.Id, (await db.Petitions.SingleAsync(p => p.Id == id)).ResponsibleOrganisationId);

        // Accepted on 2026-09-16: 60 日 (Art. 34) → 2026-11-15, as for a transferred item.
        var accepted = await ActAsync(desk, id, "Accept", new { });
        Assert.Equal("2026-11-15", accepted.GetProperty("dueOn").GetString());

        // A bureau's registration still waits for its transfer: no responsible unit yet.
        var a = await ActorsAsync();
        var viaBureau = await RegisterAsync(a.Registrar);
        await using var check = app.NewContext();
        Assert.Null((await check.Petitions.SingleAsync(p => p.Id == viaBureau)).ResponsibleOrganisationId);
    }

    [Fact]
    public async Task Steps_are_refused_to_the_wrong_role_the_wrong_unit_and_the_wrong_state()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);
        var notYet = await ActAsync(a.Officer, id, "Accept", new { }, HttpStatusCode.NotFound);   // not transferred: not even visible to the unit
        Assert.Equal(JsonValueKind.Object, notYet.ValueKind);
        await ActAsync(a.Registrar, id, "Transfer", new { targetOrganisationId = a.Unit });
        var stranger = await a.Stranger.PostAsJsonAsync($"/api/petitions/{id}/actions/Accept", new { });
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        var registrarAccepts = await ActAsync(a.Registrar, id, "Accept", new { }, HttpStatusCode.Forbidden);
        Assert.StartsWith("workflow.", registrarAccepts.GetProperty("code").GetString(), StringComparison.Ordinal);
        var officerOpines = await ActAsync(a.Officer, id, "IssueOpinion", new { opinion = "Support" }, HttpStatusCode.Conflict);
        Assert.Equal("workflow.wrong-state", officerOpines.GetProperty("code").GetString());
        var stale = await ActAsync(a.Officer, id, "Accept", new { version = 0 }, HttpStatusCode.Conflict);
        Assert.Equal(JsonValueKind.Object, stale.ValueKind);

        var allowed = await a.Officer.GetFromJsonAsync<string[]>($"/api/petitions/{id}/actions");
        Assert.Contains("Accept", allowed!);
        Assert.Contains("Object", allowed!);
        Assert.DoesNotContain("IssueOpinion", allowed!);

        // Objecting needs its reason and sends the case back to the bureau.
        var noReason = await ActAsync(a.Officer, id, "Object", new { }, HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await ActAsync(a.Officer, id, "Object", new { reason = "该事项属于住建部门职责" });
        await using var db = app.NewContext();
        var petition = await db.Petitions.SingleAsync(p => p.Id == id);
        Assert.Equal(PetitionStatus.Registered, petition.Status);
        Assert.Null(petition.ResponsibleOrganisationId);
        Assert.Equal("objected", (await db.PetitionHops.SingleAsync(h => h.PetitionId == id)).Outcome);
    }

    [Fact]
    public async Task A_matter_for_the_courts_is_routed_with_a_notice_naming_the_route()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);
        await ActAsync(a.Registrar, id, "Transfer", new { targetOrganisationId = a.Unit });
        await ActAsync(a.Officer, id, "RouteToLegalChannel", new { route = "Arbitration", reason = "属于劳动争议，应申请劳动仲裁。" });
        var html = await a.Officer.GetStringAsync($"/api/petitions/{id}/notices/legal-route?format=html");
        Assert.Contains("仲裁", html, StringComparison.Ordinal);
        Assert.Contains("属于劳动争议，应申请劳动仲裁。", html, StringComparison.Ordinal);
        await using var db = app.NewContext();
        Assert.Equal(PetitionStatus.RoutedToLegalChannel, (await db.Petitions.SingleAsync(p => p.Id == id)).Status);
    }
}

[Collection("sqlite")]
public sealed class SqliteWorkflowTests(SqliteClockApp app) : WorkflowTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresWorkflowTests(PostgresClockApp app) : WorkflowTests(app), IClassFixture<PostgresClockApp>;
