using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sunshine.Domain.Petitions;

namespace Sunshine.E2E.Tests;

/// <summary>
/// The citizen's journey of issue 4 in a real browser with JavaScript switched off: choose the place, submit the
/// petition, keep the receipt, follow the case on the progress page. The portal's pages are plain HTML forms, so nothing
/// waits for Blazor to become interactive. Axe scans each page the citizen sees, as the citizen's browser received it.
/// </summary>
public sealed class PortalJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    private static void AssertNoSeriousViolations(AxeResult result, string page)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page + ":\n" + string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }

    /// <summary>
    /// Axe runs on timers and promises, which a page without JavaScript never runs. So each page the script-less browser
    /// received is scanned as is — its HTML, with the site's stylesheet — in a second page that runs script.
    /// </summary>
    private async Task<AxeResult> ScanAsync(IPage page)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = page.ViewportSize!.Width, Height = page.ViewportSize.Height } });
        try
        {
            var scanner = await context.NewPageAsync();
            await scanner.GotoAsync("/portal/busy");   // the site's origin, so the stylesheet loads
            await scanner.SetContentAsync(await page.ContentAsync());
            return await scanner.RunAxe();
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private async Task<IPage> PageWithoutScriptAsync(int width = 390, int height = 844)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "zh-CN",
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task A_citizen_without_JavaScript_submits_a_petition_keeps_the_receipt_and_follows_the_case()
    {
        var page = await PageWithoutScriptAsync();
        var scanned = new List<(string Name, AxeResult Result)>();
        async Task Scan(string name) => scanned.Add((name, await ScanAsync(page)));

        await page.GotoAsync("/");
        await Scan("home");
        // On a phone the menu is folded behind one button, so the page's own content starts high on the first screen.
        var menuButton = page.GetByText("栏目导航", new() { Exact = true });
        var policyInMenu = page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "政策法规", Exact = true });
        await Assertions.Expect(policyInMenu).ToBeHiddenAsync();
        Assert.True((await page.Locator("header").BoundingBoxAsync())!.Height < 120, "the folded header should take less than 120 px on a phone");
        await menuButton.ClickAsync();
        await Assertions.Expect(policyInMenu).ToBeVisibleAsync();
        await Scan("home, menu open");
        await menuButton.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "网上信访：提交诉求" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "网上信访", Level = 1 })).ToBeVisibleAsync();
        await Scan("place");

        // Down to the township by plain links: 太原市 › 小店区 › 坞城街道.
        await page.GetByRole(AriaRole.Link, new() { Name = "太原市", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "小店区", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "坞城街道", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=choose-place]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=chosen-place]")).ToHaveTextAsync("山西省太原市小店区坞城街道");
        await Scan("form");

        // Sent empty: the errors are listed first, each a link to its field, in Chinese.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交信访事项" }).ClickAsync();
        var summary = page.Locator("[data-testid=error-summary]");
        await Assertions.Expect(summary).ToContainTextAsync("请选择信访目的。");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "请填写信访人姓名。" })).ToHaveAttributeAsync("href", "#f-name");
        await Scan("form with errors");

        await page.GetByRole(AriaRole.Radio, new() { Name = "求决" }).CheckAsync();
        await page.GetByLabel("概况").FillAsync("反映小区冬季供暖温度不达标");
        await page.GetByLabel("信访内容").FillAsync("本人居住的小区入冬以来室内温度长期低于十六度，多次向物业反映未解决，请求督促供热公司整改。");
        await page.GetByLabel("信访人姓名").FillAsync("李秀兰");
        await page.GetByLabel("身份证号码").FillAsync("11010519491231002X");
        await page.GetByLabel("联系电话").FillAsync("13912345678");
        await page.GetByLabel("我已阅读并同意").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交信访事项" }).ClickAsync();

        var receipt = page.Locator("[data-testid=receipt]");
        await Assertions.Expect(receipt.GetByRole(AriaRole.Heading, new() { Name = "提交成功" })).ToBeVisibleAsync();
        var caseNumber = await page.Locator("[data-testid=receipt] [data-testid=case-number]").InnerTextAsync();
        var code = await page.Locator("[data-testid=query-code]").InnerTextAsync();
        Assert.Matches("^XF[0-9]{15,}$", caseNumber);
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", code);
        await Assertions.Expect(receipt).ToContainTextAsync("小店区信访局");
        await Assertions.Expect(page.Locator("[data-testid=qr] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=progress-url]")).ToHaveTextAsync(new Regex(Regex.Escape("/portal/progress?case=" + caseNumber) + "$"));
        await Scan("receipt");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-receipt-phone.png"), FullPage = true });

        // On paper: the receipt without the site's header and navigation.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".portal-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=query-code]")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await using (var db = app.NewContext())
        {
            var petition = await db.Petitions.Include(p => p.RegisteringOrganisation).SingleAsync(p => p.CaseNumber == caseNumber);
            Assert.Equal(Channel.Online, petition.Channel);
            Assert.Equal("小店区信访局", petition.RegisteringOrganisation!.Name);
        }

        // The progress page from the receipt: the case number is filled in, the code is typed.
        await page.GetByRole(AriaRole.Link, new() { Name = "查询办理进度" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("信访件编号")).ToHaveValueAsync(caseNumber);
        await Scan("progress form");
        await page.GetByLabel("查询码").FillAsync(code.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var view = page.Locator("[data-testid=case-view]");
        await Assertions.Expect(view.Locator("[data-testid=case-number]")).ToHaveTextAsync(caseNumber);
        await Assertions.Expect(view.Locator("[data-testid=petitioner]")).ToHaveTextAsync("李**");
        await Assertions.Expect(view.Locator("[data-testid=status]")).ToHaveTextAsync("已登记");
        await Assertions.Expect(view.Locator("[data-testid=timeline] li")).ToHaveCountAsync(1);
        await Assertions.Expect(view.Locator("[data-testid=timeline] li").First).ToContainTextAsync("小店区信访局");
        await Assertions.Expect(view).Not.ToContainTextAsync("13912345678");
        await Scan("progress");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-progress-phone.png"), FullPage = true });

        // A wrong code is refused in words.
        await page.GotoAsync("/portal/progress?case=" + caseNumber);
        await page.GetByLabel("查询码").FillAsync(code == "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=lookup-error]")).ToContainTextAsync("信访件编号或查询码不正确。");
        await Scan("progress error");

        foreach (var (name, result) in scanned) AssertNoSeriousViolations(result, name);
    }

    [Fact]
    public async Task The_portal_pages_load_no_script_and_read_well_at_desktop_width()
    {
        var page = await PageWithoutScriptAsync(1280, 900);
        var response = await page.GotoAsync("/portal/petition/form?place=140105001000");
        Assert.NotNull(response);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        // Every public service is in the menu, and none is left marked "coming soon".
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Assertions.Expect(menu).ToContainTextAsync("法定途径指引");
        await Assertions.Expect(menu).Not.ToContainTextAsync("即将开通");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-form-desktop.png"), FullPage = true });
        AssertNoSeriousViolations(await ScanAsync(page), "form at desktop width");
    }
}
