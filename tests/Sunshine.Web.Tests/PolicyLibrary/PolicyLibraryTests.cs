using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.PolicyLibrary;

namespace Sunshine.Web.Tests.PolicyLibrary;

/// <summary>
/// The policy library over HTTP on a real database: Chinese full-text search (jieba words, FTS5 / tsvector), ranking
/// and paging, the administrators' writes with validation and audit, and the public pages.
/// </summary>
public abstract class PolicyLibraryTests(TestApp app)
{
    private static readonly SemaphoreSlim Shelving = new(1, 1);

    /// <summary>The demo shelf, once per database (tests of one class share it).</summary>
    private async Task ShelfAsync()
    {
        await Shelving.WaitAsync();
        try
        {
            await using var db = app.NewContext();
            if (!await db.PolicyDocuments.AnyAsync(d => d.Title == "信访工作条例"))
                await PolicyLibrarySeed.AddShelfAsync(db, TimeProvider.System, default);
        }
        finally
        {
            Shelving.Release();
        }
    }

    private async Task<int> CategoryAsync(string name)
    {
        await using var db = app.NewContext();
        return await db.PolicyCategories.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>("/api/policies?" + query);

    private static string[] Titles(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();

    private Task<HttpClient> AdminAsync() => app.SignedInClientAsync(app.Admin.UserName, app.Admin.Password);

    [Fact]
    public async Task A_word_finds_the_documents_containing_it_with_title_hits_first_and_the_word_marked()
    {
        await ShelfAsync();
        using var client = app.NewClient();
        var page = await SearchAsync(client, "q=" + Uri.EscapeDataString("信访"));
        var titles = Titles(page);
        // Both statutes on petitions have the word in the title; they come before the documents that have it only in the body.
        Assert.Equal(new[] { "信访工作条例", "信访条例" }, titles.Take(2).Order(StringComparer.Ordinal).ToArray());
        var first = page.GetProperty("items")[0];
        var marked = first.GetProperty("snippet").EnumerateArray().Where(r => r.GetProperty("match").GetBoolean()).Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.Contains("信访", marked);
        // Every hit really contains the word.
        await using var db = app.NewContext();
        foreach (var title in titles)
        {
            var doc = await db.PolicyDocuments.FirstAsync(d => d.Title == title);
            Assert.True(doc.Title.Contains("信访", StringComparison.Ordinal) || doc.Body.Contains("信访", StringComparison.Ordinal), title);
        }
    }

    [Fact]
    public async Task Two_words_must_both_occur_and_the_category_filter_narrows_the_hits()
    {
        await ShelfAsync();
        using var client = app.NewClient();
        var page = await SearchAsync(client, "q=" + Uri.EscapeDataString("复议期限"));
        var titles = Titles(page);
        Assert.Contains("中华人民共和国行政复议法", titles);
        Assert.Contains("中华人民共和国行政复议法实施条例", titles);
        // 《行政诉讼法》 mentions 复议 but not 期限: all words must be there.
        Assert.DoesNotContain("中华人民共和国行政诉讼法", titles);
        await using (var db = app.NewContext())
        {
            foreach (var title in titles)
            {
                var doc = await db.PolicyDocuments.FirstAsync(d => d.Title == title);
                var text = doc.Title + doc.Body;
                Assert.True(text.Contains("复议", StringComparison.Ordinal) && text.Contains("期限", StringComparison.Ordinal), title);
            }
        }

        var laws = await CategoryAsync("法律");
        var filtered = await SearchAsync(client, $"q={Uri.EscapeDataString("复议期限")}&categoryId={laws}");
        Assert.Contains("中华人民共和国行政复议法", Titles(filtered));
        Assert.DoesNotContain("中华人民共和国行政复议法实施条例", Titles(filtered)); // a regulation, not a law
        Assert.Equal(Titles(filtered).Length, filtered.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Equal_ranks_go_newest_first_and_pages_split_the_list()
    {
        await ShelfAsync();
        using var admin = await AdminAsync();
        var category = await CategoryAsync("规范性文件");
        foreach (var (title, issued) in new[] { ("排序核对通知甲", "2019-03-01"), ("排序核对通知乙", "2024-06-30"), ("排序核对通知丙", "2021-11-15") })
        {
            var created = await admin.PostAsJsonAsync("/api/policies", new
            {
                title, issuingBody = "测试机关", categoryId = category, issuedOn = issued, body = "本通知用于核对排序，内容完全相同。",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var client = app.NewClient();
        var page = await SearchAsync(client, "q=" + Uri.EscapeDataString("核对排序") + "&pageSize=2");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(new[] { "排序核对通知乙", "排序核对通知丙" }, Titles(page));
        var second = await SearchAsync(client, "q=" + Uri.EscapeDataString("核对排序") + "&pageSize=2&page=2");
        Assert.Equal(new[] { "排序核对通知甲" }, Titles(second));
    }

    [Fact]
    public async Task Only_administrators_write_and_bad_input_is_explained_in_chinese()
    {
        await ShelfAsync();
        var category = await CategoryAsync("规范性文件");
        var valid = new { title = "关于规范信访事项办理的通知", issuingBody = "山西省信访局", documentNumber = "晋信发〔2026〕1号", categoryId = category, issuedOn = "2026-03-02", effectiveOn = "2026-04-01", body = "第一段。\n第二段提到回执编号。", sourceUrl = "https://example.org/notice" };

        using var anonymous = app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/policies", valid)).StatusCode);
        var bureau = await app.OrganisationAsync("小店区信访局");
        var (officer, password) = await app.CreateUserAsync(bureau.Id, false, StaffRoles.HandlingOfficer);
        using var staff = await app.SignedInClientAsync(officer, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/policies", valid)).StatusCode);

        using var admin = await AdminAsync();
        var bad = await admin.PostAsJsonAsync("/api/policies", new { title = "", issuingBody = "某机关", categoryId = 999_999, issuedOn = "2026-13-01", effectiveOn = "2026-01-01", body = "正文", sourceUrl = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("请填写标题。", errors.GetProperty("title")[0].GetString());
        Assert.Equal("发布日期应为 yyyy-MM-dd 格式的日期。", errors.GetProperty("issuedOn")[0].GetString());
        Assert.Equal("类别不存在。", errors.GetProperty("categoryId")[0].GetString());
        Assert.StartsWith("来源链接应为", errors.GetProperty("sourceUrl")[0].GetString(), StringComparison.Ordinal);
        var early = await admin.PostAsJsonAsync("/api/policies", valid with { });
        Assert.Equal(HttpStatusCode.Created, early.StatusCode);
        var before = await admin.PostAsJsonAsync("/api/policies", new { valid.title, valid.issuingBody, categoryId = category, issuedOn = "2026-03-02", effectiveOn = "2026-03-01", body = "正文" });
        Assert.Equal("施行日期不能早于发布日期。", (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("effectiveOn")[0].GetString());

        var created = await early.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("晋信发〔2026〕1号", created.GetProperty("documentNumber").GetString());
        Assert.Contains(id, (await SearchAsync(anonymous, "q=" + Uri.EscapeDataString("回执编号"))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));

        // An edit re-indexes: the old word is gone, the new one is found.
        var edited = await admin.PutAsJsonAsync($"/api/policies/{id}", valid with { });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var changed = await admin.PutAsJsonAsync($"/api/policies/{id}", new { valid.title, valid.issuingBody, categoryId = category, issuedOn = "2026-03-02", body = "改为提到督办台账。" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(0, (await SearchAsync(anonymous, "q=" + Uri.EscapeDataString("回执编号"))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await SearchAsync(anonymous, "q=" + Uri.EscapeDataString("督办台账"))).GetProperty("total").GetInt32());

        // Repeal: marked 废止 from the date given; not twice; not before the date issued.
        var tooEarly = await admin.PostAsJsonAsync($"/api/policies/{id}/repeal", new { repealedOn = "2026-03-01" });
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        var repealed = await admin.PostAsJsonAsync($"/api/policies/{id}/repeal", new { repealedOn = "2026-05-01" });
        var repealedBody = await repealed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(repealedBody.GetProperty("isValid").GetBoolean());
        Assert.Equal("2026-05-01", repealedBody.GetProperty("repealedOn").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/policies/{id}/repeal", new { })).StatusCode);
        var page = await anonymous.GetStringAsync($"/portal/policies/{id}");
        Assert.Contains("本文件已于 2026-05-01 废止", page, StringComparison.Ordinal);

        // A category in use cannot be deleted; a duplicate name is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/policies/categories/{category}")).StatusCode);
        var duplicate = await admin.PostAsJsonAsync("/api/policies/categories", new { name = "规范性文件" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/policies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/policies/{id}")).StatusCode);
        Assert.Equal(0, (await SearchAsync(anonymous, "q=" + Uri.EscapeDataString("督办台账"))).GetProperty("total").GetInt32());

        await using var db = app.NewContext();
        var actions = await db.AuditEntries.Where(a => a.EntityType == "PolicyDocument" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(new[] { "policy.create", "policy.update", "policy.update", "policy.repeal", "policy.delete" }, actions);
        Assert.False(await db.PolicySearchEntries.AnyAsync(e => e.PolicyDocumentId == id));
    }

    [Fact]
    public async Task The_portal_pages_search_without_script_and_show_a_document()
    {
        await ShelfAsync();
        using var client = app.NewClient();
        var html = await client.GetStringAsync("/portal/policies?q=" + Uri.EscapeDataString("劳动报酬"));
        Assert.Contains("中华人民共和国劳动争议调解仲裁法", html, StringComparison.Ordinal);
        Assert.Contains("<mark>劳动报酬</mark>", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"get\" action=\"/portal/policies\"", html, StringComparison.Ordinal);

        await using var db = app.NewContext();
        var law = await db.PolicyDocuments.FirstAsync(d => d.Title == "中华人民共和国劳动争议调解仲裁法");
        var page = await client.GetStringAsync($"/portal/policies/{law.Id}");
        Assert.Contains("中华人民共和国主席令第八十号", page, StringComparison.Ordinal);
        Assert.Contains("2008-05-01", page, StringComparison.Ordinal);
        var old = await db.PolicyDocuments.FirstAsync(d => d.Title == "信访条例");
        Assert.Contains("本文件已于 2022-05-01 废止", await client.GetStringAsync($"/portal/policies/{old.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/portal/policies/987654321")).StatusCode);
        // The portal menu links here now.
        Assert.Contains("href=\"/portal/policies\"", page, StringComparison.Ordinal);

        // The console page lists the shelf and the categories for administrators, and is closed to other staff.
        using var admin = await AdminAsync();
        var console = await admin.GetStringAsync("/console/policies");
        Assert.Contains("data-testid=\"policy-list\"", console, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"policy-categories\"", console, StringComparison.Ordinal);
        Assert.Contains("href=\"/console/policies\"", console, StringComparison.Ordinal);
        var bureau = await app.OrganisationAsync("小店区信访局");
        var (officer, password) = await app.CreateUserAsync(bureau.Id, false, StaffRoles.HandlingOfficer);
        using var staff = await app.SignedInClientAsync(officer, password);
        var refused = await staff.GetAsync("/console/policies");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/denied", refused.Headers.Location!.AbsolutePath);
    }
}

[Collection("sqlite")]
public sealed class SqlitePolicyLibraryTests(SqliteApp app) : PolicyLibraryTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPolicyLibraryTests(PostgresApp app) : PolicyLibraryTests(app), IClassFixture<PostgresApp>;
