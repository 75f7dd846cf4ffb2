using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Sunshine.Web.Tests.CategorySuggestions;

/// <summary>
/// Category suggestions learnt from the demo petitions (classified by staff), through the public API and on the
/// portal's petition form without script.
/// </summary>
public abstract class CategorySuggestionTests(TestApp app)
{
    private async Task<int> CategoryAsync(string parent, string name)
    {
        await using var db = app.NewContext();
        var parentId = await db.Categories.Where(c => c.Scheme == "2018" && c.Level == 1 && c.Name == parent).Select(c => c.Id).SingleAsync();
        return await db.Categories.Where(c => c.ParentId == parentId && c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private async Task<JsonElement> SuggestAsync(string text)
    {
        using var client = app.NewClient();
        return await client.GetFromJsonAsync<JsonElement>("/api/public/category-suggestions?text=" + Uri.EscapeDataString(text));
    }

    [Fact]
    public async Task Unpaid_wages_suggest_the_wages_category_and_land_compensation_the_land_category()
    {
        var wages = await CategoryAsync("劳动和社会保障", "工资福利");
        var land = await CategoryAsync("自然资源", "土地征收");

        var forWages = await SuggestAsync("我在一家建筑公司干了半年活，老板一直拖欠工资不给，请帮忙讨薪。");
        Assert.InRange(forWages.GetArrayLength(), 1, 3);
        Assert.Equal(wages, forWages[0].GetProperty("categoryId").GetInt32());
        Assert.Equal("劳动和社会保障", forWages[0].GetProperty("parent").GetString());
        Assert.Contains("工资", forWages[0].GetProperty("words").EnumerateArray().Select(w => w.GetString()));

        var forLand = await SuggestAsync("村里修路占了我家的地，征地补偿款到现在还没发。");
        Assert.Equal(land, forLand[0].GetProperty("categoryId").GetInt32());

        Assert.Equal(0, (await SuggestAsync("   ")).GetArrayLength());
    }

    [Fact]
    public async Task The_form_shows_suggestions_as_radio_options_and_keeps_what_was_typed()
    {
        var wages = await CategoryAsync("劳动和社会保障", "工资福利");
        using var citizen = app.NewClient();
        var page = await citizen.GetStringAsync("/portal/petition/form?place=140105001000");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var submission = Regex.Match(page, "name=\"Form.SubmissionId\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("data-testid=\"suggest-categories\"", page, StringComparison.Ordinal);

        var response = await citizen.PostAsync("/portal/petition/form?place=140105001000", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "petition", ["Form.Place"] = "140105001000", ["Form.SubmissionId"] = submission,
            ["Form.Purpose"] = "Request", ["Form.Summary"] = "反映公司拖欠工资", ["Form.Content"] = "公司已经拖欠我们三个月工资，多次讨要未果。",
            ["Form.Name"] = "周小明", ["Form.Phone"] = "13912340000", ["Form.Action"] = "suggest",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches($"type=\"radio\" id=\"f-suggested-{wages}\" name=\"Form.SuggestedCategoryId\" value=\"{wages}\"", html);
        Assert.Contains("value=\"反映公司拖欠工资\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"周小明\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"error-summary\"", html, StringComparison.Ordinal); // suggesting is not submitting
        await using var db = app.NewContext();
        Assert.False(await db.Petitions.AnyAsync(p => p.ExternalId == submission));
    }
}

[Collection("sqlite")]
public sealed class SqliteCategorySuggestionTests(SqliteDemoApp app) : CategorySuggestionTests(app), IClassFixture<SqliteDemoApp>;

[Collection("postgres")]
public sealed class PostgresCategorySuggestionTests(PostgresDemoApp app) : CategorySuggestionTests(app), IClassFixture<PostgresDemoApp>;

/// <summary>On a database without classified petitions the names of the categories are matched instead.</summary>
[Collection("sqlite")]
public sealed class CategoryNameFallbackTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Without_petitions_the_category_names_are_matched()
    {
        await using (var db = app.NewContext())
            Assert.False(await db.Petitions.AnyAsync());
        using var client = app.NewClient();
        var wages = await client.GetFromJsonAsync<JsonElement>("/api/public/category-suggestions?text=" + Uri.EscapeDataString("单位拖欠工资三个月"));
        Assert.Equal("工资福利", wages[0].GetProperty("name").GetString());
        var land = await client.GetFromJsonAsync<JsonElement>("/api/public/category-suggestions?text=" + Uri.EscapeDataString("土地征收补偿标准太低"));
        Assert.Equal("土地征收", land[0].GetProperty("name").GetString());
    }
}
