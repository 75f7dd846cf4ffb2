using System.Security.Cryptography;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Oversight.Warnings;
using Sunshine.Web.Infrastructure;

namespace Sunshine.E2E.Tests;

/// <summary>
/// A supervisor opens an early-warning alert in a real browser: a threatening letter came in today, the pass raised an
/// alert; the supervisor sees the matched words and the case behind it, acknowledges it, and the page says so.
/// </summary>
public sealed class EarlyWarningJourneyTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_supervisor_opens_an_alert_sees_its_evidence_and_case_and_acknowledges_it()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var today = ChinaTime.Today(app.Services.GetRequiredService<TimeProvider>());
        var caseNumber = "EW" + Guid.NewGuid().ToString("N")[..16];
        await using (var db = app.NewContext())
        {
            db.Petitions.Add(new Petition
            {
                CaseNumber = caseNumber, QueryCodeHash = RandomNumberGenerator.GetBytes(32), Channel = Channel.Letter, Purpose = Purpose.Request,
                IssueLocalityCode = "140105000000", PetitionerName = "赵六", Summary = "拆迁补偿不到位", Content = "补偿款一直不发，再拖下去我就去自焚。",
                ReceivedOn = today, RegisteredOn = today, RegisteredAt = today.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc),
                RegisteringOrganisationId = bureau.Id, Status = PetitionStatus.Registered, RuleSetCode = "xinfang-2022",
            });
            await db.SaveChangesAsync();
        }
        var work = app.Services.GetServices<IHostedService>().OfType<EarlyWarningWork>().Single();
        await using (var scope = app.Services.CreateAsyncScope())
            await work.RunOnceAsync(scope.ServiceProvider, default);

        var (supervisor, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Supervisor);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, supervisor, password);
        await page.GotoAsync("/console/oversight/warnings");
        await page.Locator("[data-testid=warning-list][data-interactive=true]").WaitForAsync();

        var row = page.Locator("[data-testid=warning-row]", new() { HasText = "自焚" });
        await Assertions.Expect(row).ToContainTextAsync("扬言及敏感词");
        await Assertions.Expect(row).ToContainTextAsync("报警");
        await row.GetByTestId("warning-open").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/oversight/warnings\\?id=\\d+$"));
        var detail = page.Locator("[data-testid=warning-detail]");
        await detail.WaitForAsync();
        await Assertions.Expect(detail.GetByTestId("evidence-words")).ToHaveTextAsync("自焚");
        await Assertions.Expect(detail.GetByTestId("detail-state")).ToHaveTextAsync("新预警");
        var caseLink = detail.Locator("[data-testid=warning-case] a", new() { HasText = caseNumber });
        await Assertions.Expect(caseLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/console/petitions/\\d+$"));

        // The pointer still rests on the link just clicked; the scan is of the page, not of the library's hover colour.
        await page.Mouse.MoveAsync(600, 5);
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))})")));

        await detail.GetByTestId("acknowledge").ClickAsync();
        await Assertions.Expect(detail.GetByTestId("warning-done")).ToHaveTextAsync("预警已确认。");
        await Assertions.Expect(detail.GetByTestId("detail-state")).ToHaveTextAsync("已确认");
        await Assertions.Expect(page.GetByTestId("assign-form")).ToBeVisibleAsync();

        // The case link leads to the case page.
        await caseLink.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/petitions/\\d+$"));
    }
}
