using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// A bureau leader of 太原市 opens the assessment table (信访考核) on the demo data in a real browser, finds the
/// rates coloured by band, clicks a number and sees exactly the cases it counts in the case list. (The formulas and the
/// counts are checked by hand in the integration tests, on a fixed clock.)
/// </summary>
public sealed class AssessmentJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_bureau_leader_opens_the_assessment_and_drills_into_a_number()
    {
        var bureau = await app.OrganisationAsync("太原市信访局");
        var (leader, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.BureauLeader);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, leader, password);

        await page.GotoAsync("/console/oversight/assessment");
        var table = page.Locator("[data-testid=assessment-table]");
        await table.WaitForAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("信访考核");
        Assert.True(await table.Locator("tbody tr").CountAsync() > 0);
        // Some rate carries a band colour, and every shown rate is a colour or "无".
        Assert.True(await table.Locator("td[data-metric] [data-colour=Red], td[data-metric] [data-colour=Yellow], td[data-metric] [data-colour=Green]").CountAsync() > 0);

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))})")));

        // A number small enough to be listed on one page: the link leads to exactly that many cases.
        var links = table.Locator("a[data-set=on-time], a[data-set=items]");
        ILocator? link = null;
        var expected = 0;
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            var count = int.Parse(await links.Nth(i).GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            if (count is > 0 and <= 50)
            {
                (link, expected) = (links.Nth(i), count);
                break;
            }
        }
        Assert.NotNull(link);
        await link.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/petitions\\?assessment=(on-time|items)&unit=\\d+&period=\\d{4}$"));
        await Assertions.Expect(page.Locator("[data-testid=result-count]")).ToHaveTextAsync($"共 {expected} 件");
        await Assertions.Expect(page.Locator("[data-testid=petition-list] tbody tr")).ToHaveCountAsync(expected);
    }
}
