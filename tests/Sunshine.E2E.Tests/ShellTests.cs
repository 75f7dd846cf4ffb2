using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>The first journeys: a member of staff signs in and sees the dashboard with real counts, in both languages, accessibly.</summary>
public sealed class ShellTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    private static void AssertNoSeriousViolations(AxeResult result)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }

    private async Task<IPage> SignInAsync(string locale = "zh-CN")
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, includeSubordinates: true, StaffRoles.BureauLeader, StaffRoles.Administrator);
        var page = await browser.NewPageAsync(app.BaseAddress, locale);
        await page.GotoAsync("/console");
        await page.WaitForURLAsync("**/account/login**");
        await Browser.SignInAsync(page, user, password);
        return page;
    }

    [Fact]
    public async Task Staff_sign_in_and_see_the_dashboard_with_real_counts()
    {
        var page = await SignInAsync();
        await using var db = app.NewContext();
        var petitions = await db.Petitions.CountAsync();
        Assert.True(petitions > 0, "the demo data was loaded");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync();
        var total = page.Locator(".ant-statistic").Filter(new() { HasText = "信访事项总数" });
        var shown = new string((await total.Locator(".ant-statistic-content").InnerTextAsync()).Where(char.IsAsciiDigit).ToArray());
        Assert.Equal(petitions.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "省长信箱" })).ToBeVisibleAsync();
        // Kept beside the test results, for a person to look at.
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard.png"), FullPage = true });
        AssertNoSeriousViolations(await page.RunAxe());
    }

    [Fact]
    public async Task The_console_switches_to_English_and_back()
    {
        var page = await SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        // The switch is a full page load: the Chinese page's ready marker is still there until it lands,
        // so wait for the English document first, then for it to be interactive.
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en-US'");
        await page.Locator("[data-testid=dashboard-ready]").WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        // The switch is a full page load: wait for the Chinese page to be interactive before looking.
        await page.WaitForFunctionAsync("document.documentElement.lang === 'zh-CN'");
        await page.Locator("[data-testid=dashboard-ready]").WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task The_public_home_and_login_pages_are_accessible_without_javascript_errors()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "欢迎使用阳光信访" })).ToBeVisibleAsync();
        AssertNoSeriousViolations(await page.RunAxe());
        await page.GotoAsync("/account/login");
        AssertNoSeriousViolations(await page.RunAxe());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_wrong_password_is_explained_in_Chinese()
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("nobody");
        await page.GetByLabel("密码").FillAsync("Wrong-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码不正确。");
    }
}
