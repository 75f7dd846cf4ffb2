using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;
using Sunshine.Web.Infrastructure;

namespace Sunshine.E2E.Tests;

/// <summary>
/// The zero-petition ledger in a real browser: a street officer records a screened dispute on the street's ledger (the
/// parties shown by surname only), and the district bureau finds the street in its roll-up and drills down to the entry.
/// </summary>
public sealed class ZeroLedgerJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_street_officer_records_a_dispute_and_the_district_roll_up_shows_the_street()
    {
        var street = await app.OrganisationAsync("坞城街道办事处");
        var (officer, password) = await app.CreateUserAsync(street.Id, false, StaffRoles.HandlingOfficer);
        var today = ChinaTime.Today(TimeProvider.System);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, officer, password);
        await page.GotoAsync("/console/oversight/ledger");
        await page.Locator("[data-testid=ledger][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-title]")).ToContainTextAsync("坞城街道");

        var form = page.Locator("[data-testid=screening-form]");
        await form.GetByLabel("纠纷事项").FillAsync("小区停车位归属纠纷");
        await form.GetByLabel("当事人").FillAsync("诸葛亮、黄月英");
        await form.GetByLabel("责任人").FillAsync("综治中心李主任");
        await form.GetByLabel("化解措施").FillAsync("召集业委会与物业协商，明确车位权属");
        await form.GetByLabel("状态").SelectOptionAsync(new SelectOptionValue { Label = "化解中" });
        await form.GetByLabel("排查日期").FillAsync(today.ToString("yyyy-MM-dd"));
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=screening-saved]")).ToBeVisibleAsync();
        var row = page.Locator("[data-testid=screening-row]", new() { HasText = "小区停车位归属纠纷" });
        await Assertions.Expect(row.Locator("[data-testid=screening-parties]")).ToHaveTextAsync("诸**、黄**");
        await AssertAccessibleAsync(page);

        var bureau = await app.OrganisationAsync("小店区信访局");
        var (leader, leaderPassword) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.BureauLeader);
        var second = await browser.NewPageAsync(app.BaseAddress);
        await second.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(second, leader, leaderPassword);
        await second.GotoAsync($"/console/oversight/ledger?division=140105000000&year={today.Year}&month={today.Month}");
        await second.Locator("[data-testid=ledger][data-interactive=true]").WaitForAsync();
        var unit = second.Locator("[data-testid=rollup-row][data-code='140105001000']");
        await Assertions.Expect(unit).ToContainTextAsync("坞城街道");
        // The roll-up counts each street once: the total's units are the rows listed.
        var rows = await second.Locator("[data-testid=rollup-row]").CountAsync();
        await Assertions.Expect(second.Locator("[data-testid=rollup-total] td").First).ToHaveTextAsync(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertAccessibleAsync(second);

        await unit.GetByRole(AriaRole.Link, new() { Name = "坞城街道" }).ClickAsync();
        await Assertions.Expect(second.Locator("[data-testid=unit-title]")).ToContainTextAsync("坞城街道");
        await Assertions.Expect(second.Locator("[data-testid=screening-row]", new() { HasText = "小区停车位归属纠纷" })).ToBeVisibleAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))})")));
    }
}
