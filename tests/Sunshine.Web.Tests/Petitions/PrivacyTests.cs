using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>
/// Who may see what: accusations (检举控告类, Art. 30) never reach the unit accused and stay with the bureaus and the
/// handling organ; a collective visit's representatives (Art. 20); unmasking personal data is a logged permission;
/// repeat hints are confirmed or dismissed by staff.
/// </summary>
public abstract class PrivacyTests(TestApp app)
{
    private async Task<HttpClient> ClientAsync(string organisation, bool subordinates, string role)
    {
        var org = await app.OrganisationAsync(organisation);
        var (user, password) = await app.CreateUserAsync(org.Id, subordinates, role);
        return await app.SignedInClientAsync(user, password);
    }

    private static async Task<long> RegisterAsync(HttpClient registrar, object body)
    {
        var response = await registrar.PostAsJsonAsync("/api/petitions", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetInt64();
    }

    private static object Accusation(int? accused) => new
    {
        channel = "Letter", purpose = "Accusation", issueLocalityCode = "140105000000",
        summary = "举报某局工作人员违规审批用地", content = "举报小店区某局工作人员在用地审批中收受好处，违规为企业办理手续。",
        petitioner = new { name = "周建华", phone = "13900001111" },
        accusedOrganisationId = accused, accusedParty = "某科室负责人",
    };

    [Fact]
    public async Task An_accusation_never_reaches_the_accused_unit_nor_the_government_above_it_but_the_bureaus_and_handler_see_it()
    {
        var accused = await app.OrganisationAsync("小店区自然资源局");
        var handler = await app.OrganisationAsync("小店区公安局");
        var registrar = await ClientAsync("小店区信访局", true, StaffRoles.Registrar);
        var id = await RegisterAsync(registrar, Accusation(accused.Id));

        var refused = await registrar.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = accused.Id });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不得转送、交办给被检举控告的单位", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sent = await registrar.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = handler.Id });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // A request in the same county, transferred to the accused unit: the control that shows the scopes do work.
        var request = await RegisterAsync(registrar, new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "申请办理宅基地确权", content = "请求自然资源部门为我家宅基地办理确权登记。",
            petitioner = new { name = "王芳" },
        });
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsJsonAsync($"/api/petitions/{request}/actions/Transfer", new { targetOrganisationId = accused.Id })).StatusCode);

        var accusedOfficer = await ClientAsync("小店区自然资源局", false, StaffRoles.HandlingOfficer);
        var government = await ClientAsync("小店区人民政府", true, StaffRoles.BureauLeader);
        var handlerOfficer = await ClientAsync("小店区公安局", false, StaffRoles.HandlingOfficer);
        var cityBureau = await ClientAsync("太原市信访局", true, StaffRoles.BureauLeader);

        foreach (var (client, sees) in new[] { (accusedOfficer, false), (government, false), (handlerOfficer, true), (cityBureau, true), (registrar, true) })
            Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/api/petitions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await accusedOfficer.GetAsync($"/api/petitions/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await accusedOfficer.GetAsync($"/api/petitions/{request}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await government.GetAsync($"/api/petitions/{request}")).StatusCode);

        // Nor does it turn up in their lists or searches.
        async Task<List<long>> ListedAsync(HttpClient client, string query)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/petitions" + query);
            return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        }
        Assert.DoesNotContain(id, await ListedAsync(government, ""));
        Assert.DoesNotContain(id, await ListedAsync(government, "?q=" + Uri.EscapeDataString("违规审批")));
        Assert.Contains(request, await ListedAsync(government, ""));
        Assert.Contains(id, await ListedAsync(cityBureau, "?q=" + Uri.EscapeDataString("违规审批")));
        var shown = await handlerOfficer.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");
        Assert.Equal("某科室负责人", shown.GetProperty("accusedParty").GetString());
    }

    [Fact]
    public async Task Only_an_accusation_names_an_accused_party()
    {
        var registrar = await ClientAsync("小店区信访局", true, StaffRoles.Registrar);
        var response = await registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000", summary = "求决", content = "请求解决。",
            petitioner = new { name = "王芳" }, accusedParty = "某人",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("只有检举控告类事项才填写被检举控告对象", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collective_visit_elects_at_most_five_representatives_shown_masked()
    {
        var registrar = await ClientAsync("小店区信访局", true, StaffRoles.Registrar);
        object Visit(params string[] representatives) => new
        {
            channel = "Visit", purpose = "Request", issueLocalityCode = "140105000000", headCount = 30,
            summary = "小区居民反映供暖不达标", content = "小区三十余户居民反映冬季供暖温度长期不达标。",
            petitioner = new { name = "刘志强", phone = "13600003333" }, representatives,
        };
        var six = await registrar.PostAsJsonAsync("/api/petitions", Visit("甲一", "乙二", "丙三", "丁四", "戊五", "己六"));
        Assert.Equal(HttpStatusCode.BadRequest, six.StatusCode);
        Assert.Contains("集体访推选的代表不得超过5人", await six.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.NewContext())
            Assert.False(await db.Petitions.AnyAsync(p => p.Summary == "小区居民反映供暖不达标"), "nothing is written for a refused registration");

        var id = await RegisterAsync(registrar, Visit("刘志强", "张秀英", "李国庆"));
        var detail = await registrar.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");
        Assert.Equal("刘**、张**、李**", detail.GetProperty("representatives").GetString());
    }

    [Fact]
    public async Task Unmasking_needs_the_permission_and_a_reason_and_is_logged()
    {
        var registrar = await ClientAsync("小店区信访局", true, StaffRoles.Registrar);
        var id = await RegisterAsync(registrar, new
        {
            channel = "Phone", purpose = "Request", issueLocalityCode = "140105000000", summary = "反映路灯损坏", content = "某路段路灯损坏多日无人维修。",
            petitioner = new { name = "赵丽", phone = "13512345678", address = "小店区平阳路1号" },
        });
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var masked = await registrar.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");
        Assert.DoesNotContain("13512345678", masked.ToString(), StringComparison.Ordinal);
        Assert.True(masked.GetProperty("mayUnmask").GetBoolean());

        var noReason = await registrar.PostAsJsonAsync($"/api/petitions/{id}/personal-data", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var leader = await ClientAsync("小店区信访局", true, StaffRoles.BureauLeader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/petitions/{id}/personal-data", new { reason = "查看" })).StatusCode);
        await using (var db = app.NewContext())
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "petition.unmask" && a.EntityId == key), "a refused unmasking reveals and logs nothing");

        var shown = await registrar.PostAsJsonAsync($"/api/petitions/{id}/personal-data", new { reason = "电话回访信访人" });
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var data = await shown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("13512345678", data.GetProperty("phone").GetString());
        Assert.Equal("小店区平阳路1号", data.GetProperty("address").GetString());
        await using var check = app.NewContext();
        var entry = await check.AuditEntries.SingleAsync(a => a.Action == "petition.unmask" && a.EntityId == key);
        Assert.Equal("电话回访信访人", entry.Reason);
    }

    [Fact]
    public async Task Repeat_hints_are_dismissed_or_confirmed_and_each_decision_is_in_the_history()
    {
        var registrar = await ClientAsync("小店区信访局", true, StaffRoles.Registrar);
        object Letter(string phone) => new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映幸福里小区物业违规收取停车费", content = "幸福里小区物业公司自今年三月起向业主违规收取地面停车费每月三百元，业主多次反映无果，请求查处并退还。",
            petitioner = new { name = "孙红", phone },
        };
        var first = await RegisterAsync(registrar, Letter("13811112222"));
        var second = await RegisterAsync(registrar, Letter("13811112222"));
        var third = await RegisterAsync(registrar, Letter("13833334444"));

        async Task<JsonElement> OverviewAsync(long id) => await registrar.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/repeats");
        List<long> Candidates(JsonElement o) => o.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("petitionId").GetInt64()).ToList();

        var overview = await OverviewAsync(second);
        Assert.Equal(new long[] { first }, Candidates(overview));
        Assert.Equal("person+content", overview.GetProperty("candidates")[0].GetProperty("reason").GetString());
        // The first letter is open and within its 15 日: the same matter again is a case for 不予受理 (Art. 19).
        Assert.True(overview.GetProperty("candidates")[0].GetProperty("stillInLimit").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await registrar.PostAsync($"/api/petitions/{second}/repeats/{first}/dismiss", null)).StatusCode);
        Assert.Empty(Candidates(await OverviewAsync(second)));

        Assert.Equal(new long[] { second, first }, Candidates(await OverviewAsync(third)));
        Assert.Equal(HttpStatusCode.NoContent, (await registrar.PostAsync($"/api/petitions/{third}/repeats/{first}/confirm", null)).StatusCode);
        var again = await registrar.PostAsync($"/api/petitions/{third}/repeats/{second}/confirm", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var later = await registrar.PostAsync($"/api/petitions/{first}/repeats/{third}/confirm", null);
        Assert.Equal(HttpStatusCode.BadRequest, later.StatusCode);

        var original = await OverviewAsync(first);
        Assert.Equal(new long[] { third }, original.GetProperty("repeats").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(first, (await OverviewAsync(third)).GetProperty("original").GetProperty("id").GetInt64());
        await using var db = app.NewContext();
        var repeat = await db.Petitions.SingleAsync(p => p.Id == third);
        Assert.True(repeat.IsRepeat);
        Assert.Equal(first, repeat.OriginalPetitionId);
        Assert.Equal(new[] { "register", "repeat-confirmed" }, await db.PetitionEvents.Where(e => e.PetitionId == third).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(new[] { "register", "repeat-dismissed" }, await db.PetitionEvents.Where(e => e.PetitionId == second).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }
}

[Collection("sqlite")]
public sealed class SqlitePrivacyTests(SqliteApp app) : PrivacyTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPrivacyTests(PostgresApp app) : PrivacyTests(app), IClassFixture<PostgresApp>;
