using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.Portal;

/// <summary>
/// The legal-route guide (法定途径指引, DOMAIN.md §1.8) over HTTP, as a citizen without JavaScript walks it: plain GET
/// pages, one question each. What it answers comes from the rule table, so an administrator's edit shows at once.
/// Also the kiosk's promises that can be checked without a browser: no caching, no autocomplete, the idle time.
/// </summary>
public abstract partial class LegalRouteGuideTests(TestApp app)
{
    /// <summary>The channels of the §1.8 table the guide is seeded with, and the petition itself (Art. 31: everything else).</summary>
    private static readonly string[] SeededRoutes =
    [
        "reconsideration", "reconsideration-first", "administrative-litigation", "labour", "land-contract", "civil",
        "state-compensation", "criminal-appeal", "discipline", "consumer", "petition",
    ];

    [GeneratedRegex("name=\"at\" value=\"(\\d+)\"")]
    private static partial Regex AnswerValue();

    [GeneratedRegex("data-route=\"([a-z0-9-]+)\"")]
    private static partial Regex RouteCode();

    /// <summary>The address each result page was read from.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Urls = new();

    /// <summary>Follows every answer of every page from the first question; returns route code → the page showing it.</summary>
    private static async Task<Dictionary<string, string>> WalkAsync(HttpClient client, string start = "/portal/guide")
    {
        var reached = new Dictionary<string, string>();
        var pending = new Queue<string>([start]);
        var seen = new HashSet<string>();
        while (pending.TryDequeue(out var url))
        {
            if (!seen.Add(url)) continue;
            Assert.True(seen.Count < 200, "the questionnaire ends");
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            if (RouteCode().Match(page) is { Success: true } route)
            {
                Assert.DoesNotContain("name=\"at\"", page);
                reached.TryAdd(route.Groups[1].Value, page);
                Urls[page] = url;
                continue;
            }
            var answers = AnswerValue().Matches(page).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(answers);
            foreach (var answer in answers) pending.Enqueue(start + "?at=" + answer);
        }
        return reached;
    }

    [Fact]
    public async Task Every_seeded_route_is_reached_through_the_questionnaire_and_says_where_to_go()
    {
        using var citizen = app.NewClient();
        var reached = await WalkAsync(citizen);
        Assert.Equal(SeededRoutes.Order(), reached.Keys.Where(SeededRoutes.Contains).Order());
        await using (var db = app.NewContext())
            Assert.Equal(await db.LegalGuideRoutes.CountAsync(), reached.Count);

        // A channel outside the petition system: its body, its limit, and the Art. 31 explanation instead of a petition form.
        var reconsideration = reached["reconsideration"];
        Assert.Contains("60日内提出申请", reconsideration);
        Assert.Contains("data-testid=\"next-body\"", reconsideration);
        Assert.Contains("第三十一条", reconsideration);
        Assert.DoesNotContain("data-testid=\"next-petition\"", reconsideration);
        Assert.Contains("不作为信访事项受理", reconsideration);
        Assert.Contains("劳动人事争议仲裁委员会", reached["labour"]);
        Assert.Contains("45日内结束", reached["labour"]);
        // Only the petition route offers the petition form.
        var petition = reached["petition"];
        Assert.Contains("data-testid=\"next-petition\"", petition);
        Assert.Contains("href=\"/portal/petition\"", petition);
        Assert.Contains("/portal/policies", petition);

        // The same walk in English shows the administrators' English text, and the kiosk shows the same guide under its own addresses.
        var page = await citizen.GetStringAsync("/portal/guide?culture=en-US");
        Assert.Contains("What is your matter mainly about?", page);
        var labour = await citizen.GetStringAsync(Urls[reached["labour"]] + "&culture=en-US");
        Assert.Contains("Labour mediation, arbitration and litigation", labour);
        var kiosk = await WalkAsync(citizen, "/kiosk/guide");
        Assert.Equal(reached.Keys.Order(), kiosk.Keys.Order());
        Assert.Contains("href=\"/kiosk/petition\"", kiosk["petition"]);
    }

    [Fact]
    public async Task A_page_sent_without_an_answer_asks_again_and_says_why()
    {
        using var citizen = app.NewClient();
        var page = await citizen.GetStringAsync("/portal/guide?asked=0");
        Assert.Contains("请选择一项，再点“下一步”。", page);
        Assert.Contains("您要反映的事情，主要属于哪一类？", page);
        Assert.Matches(AnswerValue(), page);
        Assert.Contains("data-testid=\"guide-unknown\"", await citizen.GetStringAsync("/portal/guide?at=999999"));
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync("/api/legal-routes/guide?at=999999")).StatusCode);
    }

    [Fact]
    public async Task An_edit_in_the_table_changes_what_the_guide_answers_and_is_audited()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Administrator);
        using var admin = await app.SignedInClientAsync(user, password);
        using var citizen = app.NewClient();

        // Anyone reads the table; only an administrator writes it.
        var table = await citizen.GetFromJsonAsync<JsonElement>("/api/legal-routes");
        Assert.Equal(SeededRoutes.Length, table.GetProperty("routes").EnumerateArray().Count(r => SeededRoutes.Contains(r.GetProperty("code").GetString())));
        var petitionRouteId = table.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "petition").GetProperty("id").GetInt32();
        var route = new
        {
            code = "test-" + Guid.NewGuid().ToString("N")[..8], name = "仲裁测试途径", body = "某市仲裁委员会", timeLimits = "知道之日起1年内",
            whatToBring = "身份证件", petitionAccepted = false, legalBasis = "《中华人民共和国仲裁法》", sortOrder = 99,
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await citizen.PostAsJsonAsync("/api/legal-routes", route)).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/legal-routes", route);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var routeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Bad rows are explained field by field, in Chinese.
        var bad = await admin.PostAsJsonAsync("/api/legal-routes/choices", new { text = "", question = "还有问题吗？", routeId, sortOrder = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("请填写回答。", errors.GetProperty("text")[0].GetString());
        Assert.Equal("一个回答不能既指向途径又继续提问，请二选一。", errors.GetProperty("routeId")[0].GetString());
        var taken = await admin.PostAsJsonAsync("/api/legal-routes", route with { });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);

        var choice = await admin.PostAsJsonAsync("/api/legal-routes/choices", new { text = "测试用的新回答", routeId, sortOrder = 99 });
        Assert.Equal(HttpStatusCode.Created, choice.StatusCode);
        var choiceId = (await choice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // The first question now offers the new answer, and it leads to the new route.
        Assert.Contains($"value=\"{choiceId}\"", await citizen.GetStringAsync("/portal/guide"));
        var shown = await citizen.GetStringAsync($"/portal/guide?at={choiceId}");
        Assert.Contains("某市仲裁委员会", shown);
        Assert.Contains($"data-route=\"{route.code}\"", shown);

        // Editing the route changes the answer; pointing the answer elsewhere changes where it leads.
        var edited = await admin.PutAsJsonAsync($"/api/legal-routes/{routeId}", route with { body = "省劳动人事争议仲裁院" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        shown = await citizen.GetStringAsync($"/portal/guide?at={choiceId}");
        Assert.Contains("省劳动人事争议仲裁院", shown);
        Assert.DoesNotContain("某市仲裁委员会", shown);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/legal-routes/choices/{choiceId}", new { text = "测试用的新回答", routeId = petitionRouteId, sortOrder = 99 })).StatusCode);
        Assert.Contains("data-route=\"petition\"", await citizen.GetStringAsync($"/portal/guide?at={choiceId}"));

        // A route still answered cannot go; once free, it can. Each change is in the audit trail.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/legal-routes/{petitionRouteId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/legal-routes/choices/{choiceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/legal-routes/{routeId}")).StatusCode);
        Assert.DoesNotContain($"value=\"{choiceId}\"", await citizen.GetStringAsync("/portal/guide"));
        await using var db = app.NewContext();
        var actions = await db.AuditEntries.Where(a => (a.EntityType == "LegalGuideRoute" && a.EntityId == routeId.ToString()) || (a.EntityType == "LegalGuideChoice" && a.EntityId == choiceId.ToString()))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["legal-route.create", "legal-route.choice-create", "legal-route.update", "legal-route.choice-update", "legal-route.choice-remove", "legal-route.remove"], actions.ToArray());
    }

    [Fact]
    public async Task Kiosk_pages_are_not_cached_offer_no_autocomplete_and_carry_the_idle_time()
    {
        using var client = app.NewClient();
        foreach (var url in new[] { "/kiosk", "/kiosk/guide", "/kiosk/progress", "/kiosk/petition", "/kiosk/petition/form?place=140105001000" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, url + " is not stored");
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("data-idle-seconds=\"120\"", page);
            Assert.Matches("src=\"[^\"]*kiosk[^\"]*\\.js\"", page);
            Assert.DoesNotContain("href=\"/console\"", page);
        }
        var form = await client.GetStringAsync("/kiosk/petition/form?place=140105001000");
        Assert.DoesNotContain("autocomplete=\"name\"", form);
        Assert.DoesNotContain("autocomplete=\"tel\"", form);
        Assert.Contains("autocomplete=\"off\"", form);
        // The portal itself keeps the browser's help with names and phone numbers, and loads no kiosk script.
        var portal = await client.GetStringAsync("/portal/petition/form?place=140105001000");
        Assert.Contains("autocomplete=\"name\"", portal);
        Assert.DoesNotMatch("src=\"[^\"]*kiosk[^\"]*\\.js\"", portal);
    }
}

[Collection("sqlite")]
public sealed class SqliteLegalRouteGuideTests(SqliteApp app) : LegalRouteGuideTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresLegalRouteGuideTests(PostgresApp app) : LegalRouteGuideTests(app), IClassFixture<PostgresApp>;
