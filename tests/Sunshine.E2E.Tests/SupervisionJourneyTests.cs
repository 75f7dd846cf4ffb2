using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// 督查督办 in a real browser (《信访工作条例》第三十八条): a letter transferred on 2026-09-16 has not been accepted by
/// 2026-10-20, past the chain's 15 日; the county bureau's supervisor finds it red in the backlog, orders the unit from
/// the case page, the unit's officer signs in and answers in writing, and the supervisor reads the answer in the list,
/// sends it back as not enough, reads the second answer and closes the order (第四十条: the issuing bureau checks the answer).
/// </summary>
public sealed class SupervisionJourneyTests(SqliteClockApp app, Browser browser) : IClassFixture<SqliteClockApp>, IClassFixture<Browser>
{
    // A server action's answer reaches the page later on a busy host than Playwright's default 5 s.
    internal static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };
    internal static readonly LocatorAssertionsToContainTextOptions SlowContains = new() { Timeout = 30_000 };
    internal static readonly LocatorAssertionsToHaveCountOptions SlowCount = new() { Timeout = 30_000 };

    internal static Task AssertAccessibleAsync(IPage page) => AssertAccessibleAsync(page.Locator("body"));

    internal static async Task AssertAccessibleAsync(ILocator part)
    {
        var axe = await part.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))})")));
    }

    [Fact]
    public async Task A_supervisor_orders_the_unit_on_a_red_case_and_reads_its_written_answer()
    {
        var clock = (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();
        clock.SetUtcNow(new DateTimeOffset(2026, 9, 16, 2, 0, 0, TimeSpan.Zero));
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var (registrar, registrarPassword) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        using (var desk = await app.SignedInClientAsync(registrar, registrarPassword))
        {
            var registered = await desk.PostAsJsonAsync("/api/petitions", new
            {
                channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
                summary = "反映建筑工地拖欠农民工工资", content = "某建筑工地拖欠二十余名农民工工资，请求督促支付。",
                petitioner = new { name = "郑强", phone = "13300005555" },
            });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = unit.Id })).StatusCode);
        }

        // 2026-10-20, 10:00 in Beijing: the unit has neither accepted nor objected.
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero));
        var (supervisor, supervisorPassword) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Supervisor);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, supervisor, supervisorPassword);
        await page.GotoAsync("/console/oversight/supervision?tab=backlog");
        var row = page.Locator("[data-testid=backlog-row]", new() { HasText = "反映建筑工地拖欠农民工工资" });
        await Assertions.Expect(row.Locator(".deadline-tag")).ToHaveTextAsync("红色（超期）", Slow);
        await AssertAccessibleAsync(page);

        await page.Locator("[data-testid=backlog][data-interactive=true]").WaitForAsync();
        await row.Locator("a").First.ClickAsync();
        await page.Locator("[data-testid=case-supervision][data-interactive=true]").WaitForAsync();
        var form = page.Locator("[data-testid=issue-form]");
        await form.GetByLabel("督办方式").SelectOptionAsync(new SelectOptionValue { Label = "督办" });
        await form.GetByLabel("督办要求").FillAsync("该件已超期未受理，请于期限内受理并书面报告办理情况。");
        await form.GetByLabel("答复期限").FillAsync("2026-10-27");
        await page.Locator("[data-testid=issue-submit]").ClickAsync();
        var order = page.Locator("[data-testid=supervision-order]");
        await Assertions.Expect(order.Locator("[data-testid=order-state]")).ToHaveTextAsync("待答复", Slow);
        await Assertions.Expect(order.Locator("[data-testid=order-due]")).ToHaveTextAsync("2026-10-27", Slow);
        // The case page's notice links belong to another slice (link-in-text-block there): this scan covers the supervision panel.
        await AssertAccessibleAsync(page.Locator("[data-testid=case-supervision]"));
        var caseUrl = page.Url;

        // The unit's officer signs in and answers in writing.
        var (officer, officerPassword) = await app.CreateUserAsync(unit.Id, false, StaffRoles.HandlingOfficer);
        var unitPage = await browser.NewPageAsync(app.BaseAddress);
        await unitPage.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(unitPage, officer, officerPassword);
        await unitPage.GotoAsync(caseUrl);
        await unitPage.Locator("[data-testid=case-supervision][data-interactive=true]").WaitForAsync();
        await unitPage.Locator("[data-testid=answer-form]").GetByLabel("书面答复").FillAsync("已于10月20日受理，正在核实欠薪金额，拟于10月底前督促支付。");
        await unitPage.Locator("[data-testid=answer-submit]").ClickAsync();
        await Assertions.Expect(unitPage.Locator("[data-testid=order-state]")).ToHaveTextAsync("已答复待审核", Slow);

        // The supervisor finds the answer among the answered orders.
        await page.GotoAsync("/console/oversight/supervision?state=Answered");
        var listed = page.Locator("[data-testid=order-row]", new() { HasText = "该件已超期未受理" });
        await Assertions.Expect(listed.Locator("[data-testid=order-answer]")).ToContainTextAsync("拟于10月底前督促支付", SlowContains);
        await AssertAccessibleAsync(page);

        // Not satisfied: the supervisor sends the answer back from the case page, to be answered again by 2026-10-30.
        await page.GotoAsync(caseUrl);
        await page.Locator("[data-testid=case-supervision][data-interactive=true]").WaitForAsync();
        var close = page.Locator("[data-testid=close-form]");
        await close.GetByLabel("督查意见").FillAsync("未说明欠薪金额和支付时间，请核实后重新答复。");
        await close.GetByLabel("退回后的答复期限").FillAsync("2026-10-30");
        await page.Locator("[data-testid=send-back]").ClickAsync();
        await Assertions.Expect(order.Locator("[data-testid=order-state]")).ToHaveTextAsync("待答复", Slow);
        await Assertions.Expect(order.Locator("[data-testid=order-due]")).ToHaveTextAsync("2026-10-30", Slow);
        await Assertions.Expect(page.Locator("[data-testid=close-form]")).ToHaveCountAsync(0, SlowCount);

        // The unit answers again.
        await unitPage.GotoAsync(caseUrl);
        await unitPage.Locator("[data-testid=case-supervision][data-interactive=true]").WaitForAsync();
        await unitPage.Locator("[data-testid=answer-form]").GetByLabel("书面答复").FillAsync("经核实拖欠工资共计38.6万元，已督促施工单位于10月28日全额支付。");
        await unitPage.Locator("[data-testid=answer-submit]").ClickAsync();
        await Assertions.Expect(unitPage.Locator("[data-testid=order-state]")).ToHaveTextAsync("已答复待审核", Slow);

        // Satisfied: the supervisor accepts the answer and the order is closed.
        await page.GotoAsync(caseUrl);
        await page.Locator("[data-testid=case-supervision][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(order.Locator("[data-testid=order-answer]")).ToContainTextAsync("已督促施工单位于10月28日全额支付", SlowContains);
        await page.Locator("[data-testid=close-form]").GetByLabel("督查意见").FillAsync("答复材料齐全，予以认可。");
        await page.Locator("[data-testid=accept-answer]").ClickAsync();
        await Assertions.Expect(order.Locator("[data-testid=order-state]")).ToHaveTextAsync("已办结", Slow);
        await Assertions.Expect(order.Locator("[data-testid=order-remark]")).ToContainTextAsync("答复材料齐全，予以认可。", SlowContains);
        await Assertions.Expect(page.Locator("[data-testid=close-form]")).ToHaveCountAsync(0, SlowCount);
        await Assertions.Expect(page.Locator("[data-testid=answer-form]")).ToHaveCountAsync(0, SlowCount);
        await AssertAccessibleAsync(page.Locator("[data-testid=case-supervision]"));

        // The case history keeps each step in order, with the supervisor's words.
        var history = page.Locator("[data-testid=case-history] li");
        await Assertions.Expect(history.Filter(new() { HasText = "督办答复退回重新答复" })).ToContainTextAsync("未说明欠薪金额和支付时间", SlowContains);
        await Assertions.Expect(history.Filter(new() { HasText = "书面答复督办" })).ToHaveCountAsync(2, SlowCount);
        await Assertions.Expect(history.Filter(new() { HasText = "认可答复，督办办结" })).ToContainTextAsync("答复材料齐全，予以认可。", SlowContains);

        // The order is among the closed ones in the list, and no longer among the answered ones.
        await page.GotoAsync("/console/oversight/supervision?state=Closed");
        var closed = page.Locator("[data-testid=order-row]", new() { HasText = "该件已超期未受理" });
        await Assertions.Expect(closed.Locator("[data-testid=order-state]")).ToHaveTextAsync("已办结", Slow);
        await page.GotoAsync("/console/oversight/supervision?state=Answered");
        await Assertions.Expect(page.Locator("[data-testid=order-row]", new() { HasText = "该件已超期未受理" })).ToHaveCountAsync(0, SlowCount);

        // The audit trail has each step of the order, by whom.
        await using var db = app.NewContext();
        var orderId = await db.SupervisionOrders.Where(o => o.Instructions.StartsWith("该件已超期未受理")).Select(o => o.Id).SingleAsync();
        var steps = await db.AuditEntries.Where(a => a.EntityType == "SupervisionOrder" && a.EntityId == orderId.ToString(CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName }).ToListAsync();
        Assert.Equal(["supervision.issue", "supervision.answer", "supervision.send.back", "supervision.answer", "supervision.accept"], steps.Select(a => a.Action));
        Assert.Equal([supervisor, officer, supervisor, officer, supervisor], steps.Select(a => a.UserName));
    }
}
