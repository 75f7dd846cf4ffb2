using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.Portal;

/// <summary>
/// The home page is kept in the output cache for a short while (PortalSetup.HomeCache). A copy is served with an
/// <c>Age</c> header; it must be the copy of the visitor's own language (cookie or query), never one kept for a signed-in
/// user; and the progress lookup, which answers with a petitioner's case, is never kept by anyone.
/// </summary>
public abstract class PortalCacheTests(TestApp app)
{
    private const string Chinese = "欢迎使用阳光信访", English = "Welcome to Sunshine";

    private HttpClient Visitor(string? culture = null)
    {
        var cookies = new CookieContainer();
        if (culture is not null) cookies.Add(app.BaseAddress, new Cookie(".AspNetCore.Culture", Uri.EscapeDataString($"c={culture}|uic={culture}")));
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { BaseAddress = app.BaseAddress };
    }

    private static async Task<(string Html, bool FromCache)> HomeAsync(HttpClient client, string url = "/")
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(), response.Headers.Age is not null);
    }

    // A copy served from the cache says how old it is in whole seconds, and says nothing while it is younger than one:
    // a repeat is asked for a little over a second after the copy was drawn, so a kept copy always shows.
    private static Task AfterASecondAsync() => Task.Delay(TimeSpan.FromMilliseconds(1100));

    // A server-rendered page hands a first-time visitor the antiforgery cookie; an answer that sets a cookie is never
    // kept, so a visitor's first page is drawn for them alone and the next one (with the cookie) is the one kept.
    private static async Task<(string Html, bool FromCache)> FirstVisitAsync(HttpClient client, string url = "/")
    {
        await HomeAsync(client, url);
        return await HomeAsync(client, url);
    }

    [Fact]
    public async Task The_home_page_is_served_from_the_cache_only_in_the_language_it_was_drawn_in()
    {
        using var chinese = Visitor();
        using var english = Visitor("en-US");
        using var chineseByCookie = Visitor("zh-CN");

        var first = await FirstVisitAsync(chinese);
        Assert.Contains("<html lang=\"zh-CN\"", first.Html, StringComparison.Ordinal);
        Assert.Contains(Chinese, first.Html, StringComparison.Ordinal);
        await AfterASecondAsync();
        var again = await HomeAsync(chinese);
        Assert.True(again.FromCache, "the second request of the home page is served from the cache");
        Assert.Equal(first.Html, again.Html);

        // The Chinese copy is in the cache; an English reader still gets English, drawn for them and then kept.
        var en = await FirstVisitAsync(english);
        Assert.Contains("<html lang=\"en-US\"", en.Html, StringComparison.Ordinal);
        Assert.Contains(English, en.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Chinese, en.Html, StringComparison.Ordinal);
        await AfterASecondAsync();
        var enAgain = await HomeAsync(english);
        Assert.True(enAgain.FromCache);
        Assert.Contains(English, enAgain.Html, StringComparison.Ordinal);

        // The language chosen by the query string, and Chinese chosen by cookie.
        var byQuery = await HomeAsync(chinese, "/?culture=en-US&ui-culture=en-US");
        Assert.Contains(English, byQuery.Html, StringComparison.Ordinal);
        Assert.Contains("redirect=%2F%3Fculture%3Den-US", byQuery.Html, StringComparison.Ordinal);
        var zh = await HomeAsync(chineseByCookie);
        Assert.Contains("<html lang=\"zh-CN\"", zh.Html, StringComparison.Ordinal);
        Assert.Contains(Chinese, zh.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect=%2F%3Fculture", zh.Html, StringComparison.Ordinal);

        // And the English copy has not displaced the Chinese one.
        var last = await HomeAsync(chinese);
        Assert.True(last.FromCache);
        Assert.Contains(Chinese, last.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_is_never_served_a_kept_page_nor_is_theirs_kept()
    {
        using var visitor = Visitor();
        await FirstVisitAsync(visitor);
        await AfterASecondAsync();
        Assert.True((await HomeAsync(visitor)).FromCache);

        var bureau = await app.OrganisationAsync("小店区信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, false, StaffRoles.Registrar);
        using var staff = await app.SignedInClientAsync(user, password);
        // The anonymous copy of "/" is there, but the signed-in user gets a page drawn for them …
        Assert.False((await HomeAsync(staff)).FromCache, "a signed-in user's request is drawn for them, not taken from the cache");
        // … and what was drawn for them is not kept for the next visitor.
        await HomeAsync(staff, "/?after=staff");
        await AfterASecondAsync();
        Assert.False((await HomeAsync(visitor, "/?after=staff")).FromCache, "a page drawn for a signed-in user is not kept");

        // A page fetched with credentials is not stored either: an Authorization header bypasses lookup and storage.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?after=credentials");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        using (var response = await visitor.SendAsync(request)) Assert.Null(response.Headers.Age);
        await AfterASecondAsync();
        Assert.False((await HomeAsync(visitor, "/?after=credentials")).FromCache);
    }

    [Fact]
    public async Task Progress_answers_are_each_petitioners_own_and_marked_not_to_be_stored()
    {
        using var citizen = Visitor();
        var receipts = new List<(string Case, string Code)>();
        foreach (var name in new[] { "王建国", "赵丽华" })
        {
            var response = await citizen.PostAsJsonAsync("/api/public/petitions", new
            {
                issueLocalityCode = "140105001000", purpose = "Suggestion", summary = "建议尽快维修小区路灯",
                content = "小区东门外路灯已损坏两个月，夜间出行不便，建议有关部门尽快维修。", name, phone = "13812345678",
                acceptPrivacyNotice = true, submissionId = Guid.NewGuid().ToString(),
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
            receipts.Add((receipt.GetProperty("caseNumber").GetString()!, receipt.GetProperty("queryCode").GetString()!));
        }
        // Asked in turn, twice over: each answer is the case of its own pair.
        foreach (var round in new[] { 1, 2 })
            for (var i = 0; i < receipts.Count; i++)
            {
                using var response = await citizen.PostAsJsonAsync("/api/public/progress", new { caseNumber = receipts[i].Case, queryCode = receipts[i].Code });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(response.Headers.CacheControl?.NoStore, $"round {round}: the answer carries Cache-Control: no-store");
                Assert.Null(response.Headers.Age);
                var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(receipts[i].Case, view.GetProperty("caseNumber").GetString());
                Assert.Equal(i == 0 ? "王**" : "赵**", view.GetProperty("petitioner").GetString());
            }
    }
}

[Collection("sqlite")]
public sealed class SqlitePortalCacheTests(SqliteApp app) : PortalCacheTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPortalCacheTests(PostgresApp app) : PortalCacheTests(app), IClassFixture<PostgresApp>;
