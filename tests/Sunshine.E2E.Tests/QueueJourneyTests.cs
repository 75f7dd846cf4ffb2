using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// A handling officer works from the queues in a real browser: the dashboard's "to accept" card leads to the queue tab,
/// the case carries its deadline colour, and it is accepted under the simplified procedure from the case page.
/// (The dates of the simplified procedure are counted by hand in the integration tests, on a fixed clock.)
/// </summary>
public sealed class QueueJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task An_officer_takes_a_case_from_the_to_accept_queue_and_accepts_it_under_the_simplified_procedure()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区教育局");
        var (registrar, registrarPassword) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        using var desk = await app.SignedInClientAsync(registrar, registrarPassword);
        var registered = await desk.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映学校食堂收费偏高", content = "某小学食堂午餐收费偏高，请求核实。",
            petitioner = new { name = "钱进", phone = "13400004444" },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var (id, caseNumber) = (body.GetProperty("id").GetInt64(), body.GetProperty("caseNumber").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = unit.Id })).StatusCode);

        var (officer, password) = await app.CreateUserAsync(unit.Id, false, StaffRoles.HandlingOfficer);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, officer, password);

        // Follow the link once the page is interactive, as a person would after it has loaded.
        await page.Locator("[data-testid=my-queues][data-interactive=true] a[data-queue=to-accept]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/petitions\\?queue=to-accept$"));
        await page.Locator("[data-testid=petition-search][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=queue-tabs] a[aria-current=page]")).ToContainTextAsync("待受理");
        // Received today, the receipt notice is due in 15 日 (Art. 23): green.
        var row = page.Locator("[data-testid=petition-list] tr", new() { HasText = caseNumber });
        await Assertions.Expect(row.Locator(".deadline-tag")).ToHaveTextAsync("绿色（正常）");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))})")));

        await row.GetByRole(AriaRole.Link, new() { Name = caseNumber }).ClickAsync();
        await page.Locator("[data-testid=action-form][data-interactive=true]").WaitForAsync();
        await page.GetByLabel("办理", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "受理" });
        await page.GetByLabel("按简易程序办理").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=case-procedure]")).ToHaveTextAsync("简易办理（受理之日起 10 个工作日）");
        await Assertions.Expect(page.Locator("[data-testid=case-due-explanation]")).ToContainTextAsync("简易办理（2016）");
    }
}
