using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.PublicReplies;

/// <summary>
/// 互动回应 over HTTP: a Governor's-mailbox letter is registered, transferred, accepted and answered, then published
/// with its personal data removed — and nothing of the petitioner's appears on the public pages.
/// </summary>
public abstract class PublicReplyTests(TestApp app)
{
    private const string Name = "赵丽华";
    private const string IdNumber = "11010519491231002X";
    private const string Phone = "13912345678";
    private const string Address = "山西省太原市小店区坞城街道金色家园小区";

    private sealed record Actors(HttpClient Registrar, HttpClient Officer, HttpClient Leader, HttpClient Supervisor, HttpClient Outsider, int Unit);

    private async Task<Actors> ActorsAsync()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var other = await app.OrganisationAsync("小店区住房和城乡建设局");
        async Task<HttpClient> Client(int organisation, string role, bool subordinates = false)
        {
            var (user, password) = await app.CreateUserAsync(organisation, subordinates, role);
            return await app.SignedInClientAsync(user, password);
        }
        return new Actors(await Client(bureau.Id, StaffRoles.Registrar, true), await Client(unit.Id, StaffRoles.HandlingOfficer),
            await Client(unit.Id, StaffRoles.UnitLeader), await Client(unit.Id, StaffRoles.Supervisor), await Client(other.Id, StaffRoles.HandlingOfficer), unit.Id);
    }

    private static async Task<JsonElement> SendAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A replied mailbox letter whose text names the petitioner, their ID and phone number and their home.</summary>
    private async Task<long> RepliedLetterAsync(Actors a, string channel = "GovernorMailbox")
    {
        var registered = await SendAsync(a.Registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel, purpose = "Request", issueLocalityCode = "140105000000",
            summary = $"{Name}反映公司拖欠工资",
            content = $"省长您好，我是{Name}，身份证号{IdNumber}，电话{Phone}，住{Address}。我在某建筑公司打工，公司拖欠我八个月工资共38000元，请帮忙督促支付。",
            petitioner = new { name = Name, idNumber = IdNumber, phone = Phone, address = Address },
        }), HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetInt64();
        await SendAsync(a.Registrar.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = a.Unit }), HttpStatusCode.OK);
        await SendAsync(a.Officer.PostAsJsonAsync($"/api/petitions/{id}/actions/Accept", new { }), HttpStatusCode.OK);
        await SendAsync(a.Leader.PostAsJsonAsync($"/api/petitions/{id}/actions/IssueOpinion", new
        {
            opinion = "Support", reason = $"经劳动监察大队调查，{Name}反映的欠薪情况属实，已责令该公司十日内足额支付，可拨打12333咨询。",
        }), HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task A_published_reply_never_shows_the_petitioners_name_id_phone_or_address()
    {
        var a = await ActorsAsync();
        var id = await RepliedLetterAsync(a);

        // The case page offers the panel, pre-filled with the anonymised title.
        var casePage = await a.Officer.GetStringAsync($"/console/petitions/{id}");
        Assert.Contains("data-testid=\"public-reply-form\"", casePage, StringComparison.Ordinal);
        Assert.Contains("value=\"某某反映公司拖欠工资\"", casePage, StringComparison.Ordinal);

        var draft = await SendAsync(a.Officer.GetAsync($"/api/petitions/{id}/public-reply/draft"), HttpStatusCode.OK);
        Assert.True(draft.GetProperty("eligible").GetBoolean());
        var message = draft.GetProperty("message").GetString()!;
        foreach (var secret in new[] { Name, IdNumber, Phone, "金色家园小区" })
            Assert.DoesNotContain(secret, message + draft.GetProperty("title").GetString() + draft.GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.Contains("拖欠我八个月工资共38000元", message, StringComparison.Ordinal);
        Assert.Contains("12333", draft.GetProperty("reply").GetString(), StringComparison.Ordinal);

        // Even if staff type the particulars back in, the last pass removes them.
        var published = await SendAsync(a.Officer.PostAsJsonAsync($"/api/petitions/{id}/public-reply", new
        {
            title = "关于建筑公司拖欠工资的答复",
            message = message + $" 补充：{Name} {Phone}",
            reply = draft.GetProperty("reply").GetString(),
        }), HttpStatusCode.Created);
        var replyId = published.GetProperty("id").GetInt64();

        using var citizen = app.NewClient();
        var list = await citizen.GetStringAsync("/portal/replies");
        var page = await citizen.GetStringAsync($"/portal/replies/{replyId}");
        var api = await citizen.GetStringAsync($"/api/public/replies/{replyId}");
        Assert.Contains("关于建筑公司拖欠工资的答复", list, StringComparison.Ordinal);
        Assert.Contains("已责令该公司十日内足额支付", page, StringComparison.Ordinal);
        Assert.Contains("小店区人力资源和社会保障局", page, StringComparison.Ordinal);
        foreach (var text in new[] { list, page, api })
        {
            foreach (var secret in new[] { Name, "丽华", IdNumber, Phone, "金色家园", "坞城街道金色" })
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // Twice is refused; the history and the audit have the step, hidden from the petitioner's progress page.
        await SendAsync(a.Officer.PostAsJsonAsync($"/api/petitions/{id}/public-reply", new { title = "再次", message = "再次", reply = "再次" }), HttpStatusCode.Conflict);
        await using var db = app.NewContext();
        var step = await db.PetitionEvents.SingleAsync(e => e.PetitionId == id && e.Action == "publish-reply");
        Assert.False(step.IsPublic);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "petition.publish-reply" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Publishing_needs_a_handling_role_within_scope_and_unpublishing_takes_it_down()
    {
        var a = await ActorsAsync();
        var id = await RepliedLetterAsync(a, "LeaderMailbox");
        var body = new { title = "关于欠薪问题的答复", message = "反映公司拖欠工资。", reply = "已责令支付。" };
        // Out of scope: another unit does not even see the case. In scope but a supervisor: refused.
        await SendAsync(a.Outsider.PostAsJsonAsync($"/api/petitions/{id}/public-reply", body), HttpStatusCode.NotFound);
        var refused = await SendAsync(a.Supervisor.PostAsJsonAsync($"/api/petitions/{id}/public-reply", body), HttpStatusCode.Forbidden);
        Assert.Equal("只有承办、审批或登记人员可以公开或撤回答复。", refused.GetProperty("title").GetString());
        var invalid = await SendAsync(a.Leader.PostAsJsonAsync($"/api/petitions/{id}/public-reply", new { title = "", message = "内容", reply = "" }), HttpStatusCode.BadRequest);
        Assert.Equal("请填写标题。", invalid.GetProperty("errors").GetProperty("title")[0].GetString());

        var published = await SendAsync(a.Leader.PostAsJsonAsync($"/api/petitions/{id}/public-reply", body), HttpStatusCode.Created);
        var replyId = published.GetProperty("id").GetInt64();
        using var citizen = app.NewClient();
        var filtered = await citizen.GetFromJsonAsync<JsonElement>("/api/public/replies?channel=LeaderMailbox");
        Assert.Contains(replyId, filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        var other = await citizen.GetFromJsonAsync<JsonElement>("/api/public/replies?channel=PremierMailbox");
        Assert.DoesNotContain(replyId, other.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));

        await SendAsync(a.Registrar.DeleteAsync($"/api/petitions/{id}/public-reply"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync($"/portal/replies/{replyId}")).StatusCode);
        await using var db = app.NewContext();
        Assert.Equal(new[] { "publish-reply", "unpublish-reply" },
            await db.PetitionEvents.Where(e => e.PetitionId == id && e.Action.EndsWith("publish-reply")).OrderBy(e => e.Id).Select(e => e.Action).ToArrayAsync());
    }

    [Fact]
    public async Task A_letter_from_another_channel_or_without_a_reply_cannot_be_published()
    {
        var a = await ActorsAsync();
        var visit = await SendAsync(a.Registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000", summary = "反映噪声扰民", content = "夜间施工噪声扰民。",
            petitioner = new { name = "钱多多", phone = "13700001111" },
        }), HttpStatusCode.Created);
        var id = visit.GetProperty("id").GetInt64();
        var draft = await SendAsync(a.Registrar.GetAsync($"/api/petitions/{id}/public-reply/draft"), HttpStatusCode.OK);
        Assert.False(draft.GetProperty("eligible").GetBoolean());
        var refused = await SendAsync(a.Registrar.PostAsJsonAsync($"/api/petitions/{id}/public-reply", new { title = "标题", message = "内容", reply = "答复" }), HttpStatusCode.Conflict);
        Assert.Equal("只有信箱、留言板和网上信访渠道中已答复的事项才能公开。", refused.GetProperty("title").GetString());
    }
}

[Collection("sqlite")]
public sealed class SqlitePublicReplyTests(SqliteApp app) : PublicReplyTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPublicReplyTests(PostgresApp app) : PublicReplyTests(app), IClassFixture<PostgresApp>;
