using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sunshine.Web.Infrastructure;

namespace Sunshine.E2E.Tests;

/// <summary>
/// The reception-hall terminal with a short idle time (<c>Kiosk:IdleSeconds</c> = 3, set before the app builds its
/// configuration; no other browser test opens the kiosk).
/// </summary>
public sealed class KioskApp : TestApp
{
    static KioskApp() => Environment.SetEnvironmentVariable("Kiosk__IdleSeconds", "3");

    public KioskApp() : base(DatabaseProvider.Sqlite) { }
}

/// <summary>
/// Issue 4's kiosk and legal-route guide in Chromium: a visitor types into the terminal's petition form and walks
/// away; after the idle time every field is empty, the browser's storage is cleared and the terminal is back home.
/// A citizen without JavaScript walks the guide to a channel. Axe scans each page (no serious or critical violations).
/// </summary>
public sealed class KioskJourneyTests(KioskApp app, Browser browser) : IClassFixture<KioskApp>, IClassFixture<Browser>
{
    private static void AssertNoSeriousViolations(AxeResult result, string page)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page + ":\n" + string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }

    [Fact]
    public async Task What_a_visitor_typed_is_cleared_after_the_idle_time_and_the_terminal_returns_home()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/kiosk");
        await Assertions.Expect(page.Locator("[data-testid=kiosk-tiles] a")).ToHaveCountAsync(4);
        AssertNoSeriousViolations(await page.RunAxe(), "kiosk home");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "kiosk-home.png") });

        await page.GetByRole(AriaRole.Link, new() { Name = "自助办理登记" }).ClickAsync();
        await page.WaitForURLAsync("**/kiosk/petition");
        // Off the terminal while the form is scanned, so its idle reset cannot race the next navigation.
        await page.GotoAsync("/portal/busy");
        // Axe takes longer than the short idle time, and on a busy host even reading the page back can race the
        // reset: the form is fetched over HTTP as the server sends it and scanned in a page without the idle script.
        var formResponse = await page.APIRequest.GetAsync("/kiosk/petition/form?place=140105001000");
        Assert.True(formResponse.Ok, $"kiosk form answered {formResponse.Status}");
        var formHtml = await formResponse.TextAsync();
        var scanner = await browser.NewPageAsync(app.BaseAddress);
        await scanner.GotoAsync("/portal/busy");
        await scanner.SetContentAsync(System.Text.RegularExpressions.Regex.Replace(formHtml, "<script[^>]*kiosk[^>]*></script>", ""));
        AssertNoSeriousViolations(await scanner.RunAxe(), "kiosk form");
        await scanner.Context.DisposeAsync();
        await page.GotoAsync("/kiosk/petition/form?place=140105001000");
        await page.EvaluateAsync("() => { sessionStorage.setItem('draft', 'x'); localStorage.setItem('draft', 'y'); }");
        await page.Locator("#f-purpose-Request").CheckAsync();
        await page.Locator("#f-summary").FillAsync("反映小区供暖不达标");
        await page.Locator("#f-content").FillAsync("室内温度长期低于十六度，请求督促整改。");
        await page.Locator("#f-name").FillAsync("李秀兰");
        await page.Locator("#f-id").FillAsync("11010519491231002X");
        await page.Locator("#f-phone").FillAsync("13912345678");
        await page.Locator("#f-address").FillAsync("坞城街道某小区5号楼");
        await page.Locator("#f-privacy").CheckAsync();
        await Assertions.Expect(page.Locator("#f-name")).ToHaveValueAsync("李秀兰");
        // No touch for the idle time: back at the kiosk's home page, with nothing left.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/kiosk", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=kiosk-tiles]")).ToBeVisibleAsync();
        // localStorage outlives navigation: empty now, so the reset cleared it before leaving the form.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length + localStorage.length"));

        // The form opened again is empty: nothing cached, nothing offered by autocomplete.
        await page.GotoAsync("/kiosk/petition/form?place=140105001000");
        foreach (var id in new[] { "#f-summary", "#f-content", "#f-name", "#f-id", "#f-phone", "#f-address" })
            await Assertions.Expect(page.Locator(id)).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#f-privacy")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("form[data-testid=petition-form]")).ToHaveAttributeAsync("autocomplete", "off");
    }

    [Fact]
    public async Task A_citizen_without_JavaScript_walks_the_guide_to_the_proper_channel()
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var results = new List<(string Name, AxeResult Result)>();
        async Task Scan(string name)
        {
            // Axe needs script: the page as received is scanned in a second page that runs it.
            var scanner = await browser.NewPageAsync(app.BaseAddress);
            await scanner.GotoAsync("/portal/busy");
            await scanner.SetContentAsync(await page.ContentAsync());
            results.Add((name, await scanner.RunAxe()));
            await scanner.Context.DisposeAsync();
        }

        await page.GotoAsync("/portal/guide");
        await Assertions.Expect(page.Locator("[data-testid=guide-question]")).ToHaveTextAsync("您要反映的事情，主要属于哪一类？");
        await Scan("guide start");
        // Next without an answer: asked again, with the reason.
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=error-summary]")).ToContainTextAsync("请选择一项");
        await Scan("guide error");

        await page.GetByLabel("对行政机关作出的决定或行为不服", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=guide-question]")).ToHaveTextAsync("您是否已经申请过行政复议？");
        await page.GetByLabel("还没有申请行政复议").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await page.GetByLabel("其他行政行为").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();

        var result = page.Locator("[data-testid=guide-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-route", "reconsideration");
        await Assertions.Expect(page.Locator("[data-testid=route-name]")).ToHaveTextAsync("行政复议");
        await Assertions.Expect(page.Locator("[data-testid=route-limits]")).ToContainTextAsync("60日内提出申请");
        await Assertions.Expect(page.Locator("[data-testid=next-body]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=next-petition]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=guide-path] li")).ToHaveCountAsync(3);
        await Scan("guide result");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-guide-phone.png"), FullPage = true });

        foreach (var (name, scan) in results) AssertNoSeriousViolations(scan, name);
        await context.DisposeAsync();
    }
}
