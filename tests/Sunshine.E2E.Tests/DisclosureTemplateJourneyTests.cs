using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// The reply-document templates in a real browser: a disclosure officer changes the wording of the extension notice,
/// sees the new version beside the one it replaced, takes the old wording back into the editor, and the page passes
/// an axe scan.
/// </summary>
public sealed class DisclosureTemplateJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_disclosure_officer_edits_a_reply_template_and_takes_an_earlier_version_back()
    {
        var organ = await app.OrganisationAsync("迎泽区信访局");
        var (officer, password) = await app.CreateUserAsync(organ.Id, false, StaffRoles.DisclosureOfficer);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, officer, password);
        await page.GotoAsync("/console/disclosure/templates");
        await page.Locator("[data-testid=template-list][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "答复文书模板" })).ToBeVisibleAsync();

        await page.Locator("[data-testid=edit-disclosure-extension]").ClickAsync();
        var body = page.GetByLabel("正文", new() { Exact = true });
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("第三十三条第一款"));
        var original = await body.InputValueAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-versions]")).ToBeVisibleAsync();

        await body.FillAsync(original.Replace("经本机关政府信息公开工作机构负责人同意，", "经本机关负责人同意，", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=template-saved]")).ToBeVisibleAsync();
        var versions = page.Locator("[data-testid=template-versions] tbody tr");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.First).ToContainTextAsync(officer);

        // An unknown placeholder is refused in Chinese and nothing is saved.
        await body.FillAsync("{{信访人}}：请知悉。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-errors]")).ToContainTextAsync("信访人");
        await Assertions.Expect(versions).ToHaveCountAsync(2);

        // Version 1, the text before the officer's change, goes back into the editor.
        await page.Locator("[data-testid=restore-1]").ClickAsync();
        await Assertions.Expect(body).ToHaveValueAsync(original);

        var scan = await page.RunAxe();
        var serious = scan.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help}")));
    }
}
