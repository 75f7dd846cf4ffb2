using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Sunshine.E2E.Tests;

/// <summary>
/// The portal's policy library, public replies and category suggestions in a real browser with JavaScript switched
/// off (plain GET and POST forms). Axe scans each page as the browser received it, in a second page that runs script.
/// </summary>
public sealed class PolicyLibraryJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    private static void AssertNoSeriousViolations(AxeResult result, string page)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page + ":\n" + string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }

    private async Task<AxeResult> ScanAsync(IPage page)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN" });
        try
        {
            var scanner = await context.NewPageAsync();
            await scanner.GotoAsync("/portal/busy");
            await scanner.SetContentAsync(await page.ContentAsync());
            return await scanner.RunAxe();
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private async Task<IPage> PageWithoutScriptAsync()
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "zh-CN",
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task A_citizen_without_JavaScript_searches_the_policies_reads_a_statute_and_gets_category_suggestions()
    {
        var page = await PageWithoutScriptAsync();
        var scanned = new List<(string Name, AxeResult Result)>();
        async Task Scan(string name) => scanned.Add((name, await ScanAsync(page)));

        await page.GotoAsync("/portal/petition");
        // A phone: the menu opens first.
        await page.GetByText("栏目导航", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "政策法规", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "政策法规咨询", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("关键词").FillAsync("复议期限");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var results = page.Locator("[data-testid=policy-results]");
        await Assertions.Expect(results).ToContainTextAsync("中华人民共和国行政复议法");
        await Assertions.Expect(results.Locator("mark").First).ToBeVisibleAsync();
        await Scan("policy results");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-policies-phone.png"), FullPage = true });

        await results.GetByRole(AriaRole.Link, new() { Name = "中华人民共和国行政复议法", Exact = true }).ClickAsync();
        var document = page.Locator("[data-testid=policy-document]");
        await Assertions.Expect(document).ToContainTextAsync("中华人民共和国主席令第九号");
        await Assertions.Expect(document).ToContainTextAsync("2024-01-01");
        await Scan("policy document");

        await page.GetByText("栏目导航", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "互动回应", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "互动回应", Level = 1 })).ToBeVisibleAsync();
        await Scan("replies");

        await page.GotoAsync("/portal/petition/form?place=140105001000");
        await page.Locator("#f-summary").FillAsync("反映公司拖欠工资");
        await page.Locator("#f-content").FillAsync("公司已经拖欠我们三个月工资，多次讨要未果，请帮助我们讨薪。");
        await page.Locator("#f-name").FillAsync("周小明");
        await page.GetByRole(AriaRole.Button, new() { Name = "推荐内容分类" }).ClickAsync();
        var suggestions = page.Locator("[data-testid=category-suggestions]");
        await Assertions.Expect(suggestions).ToContainTextAsync("工资福利");
        await Assertions.Expect(page.Locator("#f-summary")).ToHaveValueAsync("反映公司拖欠工资");
        await Assertions.Expect(page.Locator("#f-name")).ToHaveValueAsync("周小明");
        await suggestions.GetByText("工资福利").ClickAsync();
        await Scan("form with suggestions");

        foreach (var (name, result) in scanned) AssertNoSeriousViolations(result, name);
    }
}
