using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sunshine.Data;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Oversight.BigData;
using Sunshine.Web.Infrastructure;

namespace Sunshine.E2E.Tests;

/// <summary>
/// A bureau leader opens the big-data dashboard in a real browser: the charts are drawn (ECharts canvas), each has its
/// data table, a number of the channel table opens the case list with exactly that many cases, and the big screen shows
/// the same figures dark and full-screen. Both pages pass axe with no serious or critical violation.
/// </summary>
public sealed class DashboardJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_leader_opens_the_dashboard_and_a_number_leads_to_the_same_count_of_cases()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await DashboardRollups.RebuildAsync(scope.ServiceProvider.GetRequiredService<SunshineDbContext>(), TimeProvider.System);
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (leader, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.BureauLeader);
        var page = await browser.NewPageAsync(app.BaseAddress);
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") console.Add(m.Text); };
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, leader, password);

        var today = ChinaTime.Today(TimeProvider.System);
        var from = today.AddYears(-1).AddDays(1);
        await page.GotoAsync($"/console/oversight/dashboard?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        try
        {
            await page.Locator("[data-testid=bd-ready][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException)
        {
            Assert.Fail("the dashboard did not become interactive: " + string.Join(" | ", console));
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "信访大数据", Level = 1 })).ToBeVisibleAsync();
        // The charts are drawn by ECharts (canvas) and each has its table.
        await Assertions.Expect(page.Locator("section[aria-labelledby=bd-h-channel] :is(canvas, svg)").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=bd-table-locality] tbody tr").First).ToBeVisibleAsync();
        // Each chart fills its card (a chart drawn before its card was laid out used to stay a narrow strip).
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sunshine-dashboard.png"), FullPage = true });
        foreach (var panel in new[] { "bd-h-time", "bd-h-channel", "bd-h-category", "bd-h-locality" })
            await AssertChartFillsCardAsync(page, panel);
        await Assertions.Expect(page.Locator("[data-testid=bd-supervision-open]")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        var link = page.Locator("[data-testid=bd-table-channel] a[data-testid=bd-cases]").First;
        var count = int.Parse((await link.GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 0);
        await link.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/petitions\\?from=.*channel="));
        await page.Locator("[data-testid=petition-search][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=result-count]")).ToContainTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rows = await page.Locator("[data-testid=petition-list] tbody tr").CountAsync();
        Assert.Equal(Math.Min(count, 50), rows);

        // The big screen: the same figures, dark, refreshed on its own.
        await page.GotoAsync($"/console/oversight/big-screen?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        await page.Locator("[data-testid=bd-ready][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("main.big-screen")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=bd-table-channel] a[data-testid=bd-cases]").First).ToHaveAttributeAsync("data-count", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertAccessibleAsync(page);
    }

    private static async Task AssertChartFillsCardAsync(IPage page, string heading)
    {
        var card = page.Locator($"section[aria-labelledby={heading}]");
        var chart = card.Locator(":is(canvas, svg)").First;
        await Assertions.Expect(chart).ToBeVisibleAsync(new() { Timeout = 30_000 });
        double? cardWidth = null, chartWidth = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            cardWidth = (await card.BoundingBoxAsync())?.Width;
            chartWidth = (await chart.BoundingBoxAsync())?.Width;
            if (cardWidth is { } c && chartWidth is { } w && w >= c * 0.85) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{heading}: the chart is {chartWidth}px wide in a {cardWidth}px card");
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))})")));
    }
}
