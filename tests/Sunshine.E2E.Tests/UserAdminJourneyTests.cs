using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Oversight.Supervision;

namespace Sunshine.E2E.Tests;

/// <summary>
/// An administrator gives the demo supervisor — created without a password — a one-time password in the browser, and
/// the supervisor signs in with it and must choose a new one before working. (Scope, lockout and audit of the reset
/// are checked in the integration tests.)
/// </summary>
public sealed class UserAdminJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task An_administrator_resets_the_demo_supervisors_password_and_the_supervisor_signs_in()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (admin, password) = await app.CreateUserAsync(bureau.Id, includeSubordinates: true, StaffRoles.Administrator);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, admin, password);
        await page.GotoAsync("/console/users");
        await page.Locator("[data-testid=user-list][data-interactive=true]").WaitForAsync();

        var row = page.Locator("[data-testid=user-list] tbody tr").Filter(new() { HasText = DemoSupervision.DemoSupervisorUserName });
        await row.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        var alert = page.Locator(".ant-alert-success").Filter(new() { HasText = "一次性密码" });
        await Assertions.Expect(alert).ToContainTextAsync(DemoSupervision.DemoSupervisorUserName);
        var oneTime = Regex.Match(await alert.InnerTextAsync(), "一次性密码：(\\S+?)（").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(oneTime));

        var supervisor = await browser.NewPageAsync(app.BaseAddress);
        await supervisor.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await supervisor.GetByLabel("用户名").FillAsync(DemoSupervision.DemoSupervisorUserName);
        await supervisor.GetByLabel("密码").FillAsync(oneTime);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await supervisor.WaitForURLAsync("**/account/change-password");
        await supervisor.GetByLabel("当前密码").FillAsync(oneTime);
        await supervisor.GetByLabel("新密码", new() { Exact = true }).FillAsync("Supervisor-Pass-2026");
        await supervisor.GetByLabel("确认新密码").FillAsync("Supervisor-Pass-2026");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await supervisor.Locator("[data-testid=dashboard-ready]").WaitForAsync();
    }
}
