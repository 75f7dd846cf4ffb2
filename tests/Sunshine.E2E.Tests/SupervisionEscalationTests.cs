using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;

namespace Sunshine.E2E.Tests;

/// <summary>
/// Escalating a supervision order in a real browser. Its own app, because its clock runs on dates of its own (a test
/// clock only moves forward, and the journey in <see cref="SupervisionJourneyTests"/> starts earlier).
/// </summary>
public sealed class SupervisionEscalationTests(SqliteClockApp app, Browser browser) : IClassFixture<SqliteClockApp>, IClassFixture<Browser>
{
    /// <summary>
    /// 第三十九条's stronger measures: an order answered by nobody past its date may be escalated by its issuer, here from
    /// 督办 to 约谈. The order issued on 2026-10-20 is due 2026-10-27; on 2026-10-29 it is overdue and the escalate form
    /// appears; the escalated order closes as 已升级 and the new one is open with its own date.
    /// </summary>
    [Fact]
    public async Task A_supervisor_escalates_an_order_left_unanswered_past_its_date()
    {
        var clock = (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();
        clock.SetUtcNow(new DateTimeOffset(2026, 9, 16, 2, 0, 0, TimeSpan.Zero));
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区住房和城乡建设局");
        var (registrar, registrarPassword) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        long id;
        using (var desk = await app.SignedInClientAsync(registrar, registrarPassword))
        {
            var registered = await desk.PostAsJsonAsync("/api/petitions", new
            {
                channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
                summary = "反映小区电梯长期停运无人维修", content = "小区三号楼电梯停运两个月，物业和开发商互相推诿，请求督促维修。",
                petitioner = new { name = "冯丽", phone = "13300006666" },
            });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = unit.Id })).StatusCode);
        }
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero));
        var (supervisor, supervisorPassword) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Supervisor);
        using (var api = await app.SignedInClientAsync(supervisor, supervisorPassword))
        {
            var issued = await api.PostAsJsonAsync("/api/oversight/supervision", new
            {
                petitionId = id, kind = "Supervise", instructions = "电梯停运已超两月，请于期限内书面报告维修安排。", dueOn = "2026-10-27",
            });
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        // 2026-10-29: two days past the order's date, and no answer.
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 29, 2, 0, 0, TimeSpan.Zero));
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, supervisor, supervisorPassword);
        await page.GotoAsync($"/console/petitions/{id}");
        await page.Locator("[data-testid=case-supervision][data-interactive=true]").WaitForAsync();
        var first = page.Locator("[data-testid=supervision-order]", new() { HasText = "电梯停运已超两月" });
        await Assertions.Expect(first.Locator("[data-testid=order-overdue]")).ToHaveTextAsync("逾期未答复", SupervisionJourneyTests.Slow);
        var escalate = first.Locator("[data-testid=escalate-form]");
        await escalate.GetByLabel("升级为").SelectOptionAsync(new SelectOptionValue { Label = "约谈" });
        await escalate.GetByLabel("督办要求").FillAsync("逾期未报告维修安排，约谈住建局分管负责同志。");
        await escalate.GetByLabel("答复期限").FillAsync("2026-11-05");
        await escalate.Locator("[data-testid=escalate-submit]").ClickAsync();

        await Assertions.Expect(first.Locator("[data-testid=order-state]")).ToHaveTextAsync("已升级", SupervisionJourneyTests.Slow);
        var stronger = page.Locator("[data-testid=supervision-order]", new() { HasText = "约谈住建局分管负责同志" });
        await Assertions.Expect(stronger.Locator("[data-testid=order-kind]")).ToHaveTextAsync("约谈", SupervisionJourneyTests.Slow);
        await Assertions.Expect(stronger.Locator("[data-testid=order-state]")).ToHaveTextAsync("待答复", SupervisionJourneyTests.Slow);
        await Assertions.Expect(stronger.Locator("[data-testid=order-due]")).ToHaveTextAsync("2026-11-05", SupervisionJourneyTests.Slow);
        await Assertions.Expect(page.Locator("[data-testid=escalate-form]")).ToHaveCountAsync(0, SupervisionJourneyTests.SlowCount);
        await Assertions.Expect(page.Locator("[data-testid=case-history] li").Filter(new() { HasText = "升级督办" })).ToHaveCountAsync(1, SupervisionJourneyTests.SlowCount);
        await SupervisionJourneyTests.AssertAccessibleAsync(page.Locator("[data-testid=case-supervision]"));

        await using var db = app.NewContext();
        var orders = await db.SupervisionOrders.Where(o => o.PetitionId == id).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Status, o.Kind, o.EscalatedFromId, o.DueOn }).ToListAsync();
        Assert.Equal(2, orders.Count);
        Assert.Equal(SupervisionStatus.Escalated, orders[0].Status);
        Assert.Equal(SupervisionKind.Summons, orders[1].Kind);
        Assert.Equal(orders[0].Id, orders[1].EscalatedFromId);
        Assert.Equal(new DateOnly(2026, 11, 5), orders[1].DueOn);
        var audited = await db.AuditEntries.Where(a => a.EntityType == "SupervisionOrder" && a.EntityId == orders[0].Id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName }).ToListAsync();
        Assert.Equal(["supervision.issue", "supervision.escalate"], audited.Select(a => a.Action));
        Assert.All(audited, a => Assert.Equal(supervisor, a.UserName));
    }
}
