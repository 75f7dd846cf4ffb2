using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// A disclosure officer who is also the unit's leader drafts last year's annual report in the console, is told which
/// rules the draft still breaks, writes the missing text, finalises and publishes it; a citizen without JavaScript
/// then finds it on the portal and reads its tables.
/// </summary>
public sealed class AnnualReportJourneyTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>, IClassFixture<Browser>
{
    private static void AssertNoSeriousViolations(Deque.AxeCore.Commons.AxeResult result, string page)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page + ":\n" + string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }

    // Each step runs the consistency checks over the year's records on a machine that may be busy.
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_officer_drafts_finalises_and_publishes_the_annual_report_which_then_appears_on_the_portal()
    {
        var organ = await app.OrganisationAsync("小店区教育局");
        // Last year in Beijing, whatever today is: a report covers a year that has ended.
        var year = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year - 1;
        var (user, password) = await app.CreateUserAsync(organ.Id, false, StaffRoles.DisclosureOfficer, StaffRoles.UnitLeader);
        using (var client = await app.SignedInClientAsync(user, password))
        {
            var entry = await client.PostAsJsonAsync("/api/disclosure/registers", new { organisationId = organ.Id, year, kind = "licensing.decisions", value = "1234" });
            Assert.Equal(HttpStatusCode.Created, entry.StatusCode);
        }
        await using (var db = app.NewContext())
        {
            db.DisclosureRequests.Add(new DisclosureRequest
            {
                RequestNumber = "E2E-" + Guid.NewGuid().ToString("N")[..12], OrganisationId = organ.Id, ApplicantType = "自然人", ApplicantName = "申请人",
                Description = "申请公开学校收费标准", ReceivedOn = new DateOnly(year, 3, 2), DueOn = new DateOnly(year, 3, 30),
                ConcludedOn = new DateOnly(year, 3, 20), Outcome = "予以公开",
            });
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, user, password);
        await page.GotoAsync("/console/disclosure/reports");
        await page.Locator("[data-testid=reports-page][data-interactive=true]").WaitForAsync();
        await page.GetByLabel("年度", new() { Exact = true }).First.FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "新建报告草稿" }).ClickAsync();

        var detail = page.Locator("[data-testid=report-detail]");
        await Assertions.Expect(detail.Locator("[data-testid=detail-status]")).ToHaveTextAsync("草稿", Slow);
        await Assertions.Expect(detail.Locator("[data-testid=t2\\.5]")).ToContainTextAsync("1234");
        await Assertions.Expect(detail.Locator("[data-testid=t3] tr[data-row=disclosed] td").Last).ToHaveTextAsync("1");
        // The draft still has text to write: the rules say where.
        await Assertions.Expect(detail.Locator("[data-testid=violations]")).ToContainTextAsync("五、存在的主要问题及改进情况");
        var axe = await page.RunAxe();
        AssertNoSeriousViolations(axe, "console");

        var overview = page.GetByLabel("一、总体情况");
        await overview.FillAsync((await overview.InputValueAsync()).Replace("【请填写】", "已按要求落实。", StringComparison.Ordinal));
        await page.GetByLabel("五、存在的主要问题及改进情况").FillAsync("一是公开时效有待提高。下一步将加强培训。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存正文" }).ClickAsync();
        await Assertions.Expect(detail.Locator("[data-testid=checks-passed]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await detail.Locator("[data-testid=finalise]").ClickAsync();
        await Assertions.Expect(detail.Locator("[data-testid=detail-status]")).ToHaveTextAsync("已定稿", Slow);
        await detail.Locator("[data-testid=publish]").ClickAsync();
        await Assertions.Expect(detail.Locator("[data-testid=detail-status]")).ToHaveTextAsync("已发布", Slow);

        // The portal, as a citizen's browser without JavaScript sees it.
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", JavaScriptEnabled = false });
        var portal = await context.NewPageAsync();
        await portal.GotoAsync("/portal/petition");
        await portal.GetByRole(AriaRole.Link, new() { Name = "政府信息公开年报" }).ClickAsync();
        var title = $"小店区教育局{year}年政府信息公开工作年度报告";
        var listHtml = await portal.ContentAsync();
        await portal.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(portal.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(portal.Locator("[data-testid=portal-t3]")).ToContainTextAsync("一、本年新收政府信息公开申请数量");
        await Assertions.Expect(portal.Locator("[data-testid=report-html]")).ToContainTextAsync("一是公开时效有待提高");
        var reportHtml = await portal.ContentAsync();
        await context.DisposeAsync();

        // Axe runs on script; scan the HTML the script-less browser received in a page that runs it.
        foreach (var (name, html) in new[] { ("list", listHtml), ("report", reportHtml) })
        {
            var scanContext = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN" });
            var scanner = await scanContext.NewPageAsync();
            await scanner.GotoAsync("/portal/busy");
            await scanner.SetContentAsync(html);
            AssertNoSeriousViolations(await scanner.RunAxe(), name);
            await scanContext.DisposeAsync();
        }
    }
}
