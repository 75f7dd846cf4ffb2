using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// Proactive disclosure in a real browser: a disclosure officer drafts an item and submits it, the unit leader approves
/// it for the website, and a citizen without JavaScript finds it in the portal's catalogue. Axe scans the console list
/// and both public pages. (Dates and outlet rules are counted and checked in the integration tests.)
/// </summary>
public sealed class DisclosureCatalogueTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    private static void AssertNoSeriousViolations(AxeResult result, string page)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page + ":\n" + string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))})")));
    }

    /// <summary>A script-less page's HTML is scanned in a page that runs script (axe needs it), with the site's stylesheet.</summary>
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

    [Fact]
    public async Task An_officer_drafts_a_leader_approves_and_the_item_appears_on_the_portal()
    {
        var unit = await app.OrganisationAsync("小店区教育局");
        var (officer, officerPassword) = await app.CreateUserAsync(unit.Id, false, StaffRoles.DisclosureOfficer);
        var (leader, leaderPassword) = await app.CreateUserAsync(unit.Id, false, StaffRoles.UnitLeader);
        var title = "小店区教育局关于做好秋季学期招生工作的通知" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var yesterday = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date.AddDays(-1);

        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, officer, officerPassword);
        // The console menu leads to the list. Followed by its address rather than clicked: a click while the dashboard's
        // circuit was still starting was once lost in CI, and the list never came.
        var menuLink = await page.GetByRole(AriaRole.Link, new() { Name = "政府信息公开", Exact = true }).GetAttributeAsync("href");
        Assert.NotNull(menuLink);
        await page.GotoAsync(menuLink);
        await page.Locator("[data-testid=disclosure-filter][data-interactive=true]").WaitForAsync();
        var axe = await page.RunAxe();
        AssertNoSeriousViolations(axe, "console list");

        await page.Locator("[data-testid=new-item]").ClickAsync();
        await page.Locator("[data-testid=item-form][data-interactive=true]").WaitForAsync();
        // Saving an empty form is answered in Chinese and saves nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-errors]")).ToContainTextAsync("请填写标题。");

        await page.GetByLabel("栏目", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "公告" });
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("文号", new() { Exact = true }).FillAsync("小教发〔2026〕12号");
        await page.GetByLabel("成文日期", new() { Exact = true }).FillAsync(yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync("<p>各学校：</p><p>现将秋季学期招生工作有关事项通知如下。</p><script>alert(1)</script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/console/disclosure/items/\d+$"));
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("草稿");
        await Assertions.Expect(page.Locator("[data-testid=body-preview]")).ToContainTextAsync("现将秋季学期招生工作有关事项通知如下。");
        await page.Locator("[data-testid=item-form][data-interactive=true]").WaitForAsync();
        await page.Locator("[data-action=Submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("待审批");
        var itemUrl = new Uri(page.Url).AbsolutePath;

        var leaderPage = await browser.NewPageAsync(app.BaseAddress);
        await leaderPage.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(leaderPage, leader, leaderPassword);
        await leaderPage.GotoAsync(itemUrl);
        // The button is drawn before the page is interactive: a click before that would be lost.
        await leaderPage.Locator("[data-testid=actions][data-interactive=true] [data-action=Approve]").WaitForAsync();
        // The website is chosen by default; the leader approves, which publishes it there today.
        await Assertions.Expect(leaderPage.Locator("input[data-outlet=Website]")).ToBeCheckedAsync();
        await leaderPage.Locator("[data-action=Approve]").ClickAsync();
        await Assertions.Expect(leaderPage.Locator("[data-testid=status]")).ToHaveTextAsync("已发布");
        await Assertions.Expect(leaderPage.Locator("[data-testid=index-number]")).ToHaveTextAsync(new Regex($@"^140105000000-{unit.Id:D4}/\d{{4}}-\d{{5}}$"));
        await Assertions.Expect(leaderPage.Locator("[data-testid=history]")).ToContainTextAsync("批准并发布");

        // A citizen, without JavaScript, finds it under 公告.
        var citizen = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", JavaScriptEnabled = false });
        var portal = await citizen.NewPageAsync();
        await portal.GotoAsync("/");
        await portal.GetByRole(AriaRole.Link, new() { Name = "政府信息公开", Exact = true }).ClickAsync();
        await portal.GetByRole(AriaRole.Link, new() { Name = "公告", Exact = true }).ClickAsync();
        AssertNoSeriousViolations(await ScanAsync(portal), "portal catalogue");
        await portal.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(portal.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(portal.Locator("[data-testid=body]")).ToContainTextAsync("各学校：");
        Assert.Equal(0, await portal.Locator("[data-testid=body] script").CountAsync());
        await Assertions.Expect(portal.Locator("[data-testid=index-number]")).ToHaveTextAsync(new Regex(@"/\d{4}-\d{5}$"));
        AssertNoSeriousViolations(await ScanAsync(portal), "portal item");
        await citizen.DisposeAsync();
    }
}
