using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// 依申请公开 in a real browser: an applicant without JavaScript finds the organ, submits the request, keeps the number
/// and code and looks the request up; the organ's disclosure officer confirms the receipt in the console and sees the
/// reply limit explained. Axe scans the public pages as received and the console case page.
/// </summary>
public sealed class DisclosureRequestJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    private static void AssertNoSeriousViolations(AxeResult result, string page)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page + ":\n" + string.Join("\n", serious.Select(v => $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }

    // Axe needs script; the script-less page's HTML is scanned in a second page on the same origin (see PortalJourneyTests).
    private async Task<AxeResult> ScanAsync(IPage page)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN" });
        try
        {
            var scanner = await context.NewPageAsync();
            await scanner.GotoAsync("/portal/busy");
            await scanner.SetContentAsync(await page.ContentAsync());
            return await scanner.RunAxe();
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_applicant_requests_information_online_and_the_officer_confirms_the_receipt()
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var scanned = new List<(string Name, AxeResult Result)>();
        async Task Scan(string name) => scanned.Add((name, await ScanAsync(page)));

        await page.GotoAsync("/portal/disclosure/request");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "申请政府信息公开", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("查找行政机关").FillAsync("小店区信访");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Scan("organ search");
        await page.Locator("[data-testid=organ-choices]").GetByRole(AriaRole.Link, new() { Name = "小店区信访局", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=chosen-organ]")).ToHaveTextAsync("小店区信访局");

        // Sent empty: the errors come first, in Chinese, each linked to its field.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        var summary = page.Locator("[data-testid=error-summary]");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "请填写申请人姓名或名称。" })).ToHaveAttributeAsync("href", "#f-name");
        await Scan("form with errors");

        await page.GetByLabel("申请人姓名或名称").FillAsync("赵文静");
        await page.Locator("#f-id").FillAsync("11010519491231002X");
        await page.Locator("#f-contact").FillAsync("13912345678");
        await page.Locator("#f-description").FillAsync("申请公开小店区2025年老旧小区改造项目的资金使用明细");
        await page.Locator("#f-form").FillAsync("电子邮件");
        await page.GetByLabel("我已阅读并同意").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        var receipt = page.Locator("[data-testid=request-receipt]");
        await Assertions.Expect(receipt.GetByRole(AriaRole.Heading, new() { Name = "申请已提交" })).ToBeVisibleAsync();
        var number = await receipt.Locator("[data-testid=request-number]").InnerTextAsync();
        var code = await receipt.Locator("[data-testid=query-code]").InnerTextAsync();
        Assert.Matches("^YSQ[0-9]{15,}$", number);
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", code);
        await Scan("receipt");

        await page.GetByRole(AriaRole.Link, new() { Name = "查询办理情况" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("申请编号")).ToHaveValueAsync(number);
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=request-status] [data-testid=status]")).ToHaveTextAsync("待确认收到");
        await Scan("status");

        foreach (var (name, result) in scanned) AssertNoSeriousViolations(result, name);

        long id;
        await using (var db = app.NewContext())
            id = await db.DisclosureRequests.Where(r => r.RequestNumber == number).Select(r => r.Id).SingleAsync();

        // The officer of 小店区信访局 confirms the receipt: the reply limit starts (Art. 31(三)) and is explained.
        var organ = await app.OrganisationAsync("小店区信访局");
        var (officer, password) = await app.CreateUserAsync(organ.Id, false, StaffRoles.DisclosureOfficer);
        var console = await browser.NewPageAsync(app.BaseAddress);
        await console.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(console, officer, password);
        await console.GotoAsync($"/console/disclosure/requests/{id}");
        await console.Locator("[data-testid=action-form][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(console.Locator("[data-testid=request-status]")).ToHaveTextAsync("待确认收到");
        await Assertions.Expect(console.Locator("[data-testid=request-facts]")).Not.ToContainTextAsync("13912345678");
        await console.GetByLabel("办理", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "确认收到申请" });
        await console.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(console.Locator("[data-testid=request-status]")).ToHaveTextAsync("办理中");
        await Assertions.Expect(console.Locator("[data-testid=clock-explanation]")).ToContainTextAsync("第三十三条");
        await Assertions.Expect(console.Locator("[data-testid=history]")).ToContainTextAsync("确认收到申请");
        AssertNoSeriousViolations(await console.RunAxe(), "console case");

        await console.GotoAsync("/console/disclosure/requests");
        await Assertions.Expect(console.Locator("[data-testid=request-list]")).ToContainTextAsync(number);
    }

    [Fact]
    public async Task The_officer_asks_for_a_correction_and_replies_and_the_applicant_follows_both_on_the_portal()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(TimeProvider.System.GetUtcNow().UtcDateTime, "Asia/Shanghai"));
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", JavaScriptEnabled = false });
        context.SetDefaultTimeout(20_000);
        var portal = await context.NewPageAsync();
        var scanned = new List<(string Name, AxeResult Result)>();

        // The applicant files the request with 迎泽区信访局 on the portal.
        await portal.GotoAsync("/portal/disclosure/request");
        await portal.GetByLabel("查找行政机关").FillAsync("迎泽区信访");
        await portal.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await portal.Locator("[data-testid=organ-choices]").GetByRole(AriaRole.Link, new() { Name = "迎泽区信访局", Exact = true }).ClickAsync();
        await portal.GetByLabel("申请人姓名或名称").FillAsync("郑晓明");
        await portal.Locator("#f-id").FillAsync("11010519491231002X");
        await portal.Locator("#f-contact").FillAsync("13800001234");
        await portal.Locator("#f-description").FillAsync("申请公开迎泽区某小区加装电梯补贴的发放名单");
        await portal.Locator("#f-form").FillAsync("电子邮件");
        await portal.GetByLabel("我已阅读并同意").CheckAsync();
        await portal.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        var receipt = portal.Locator("[data-testid=request-receipt]");
        var number = await receipt.Locator("[data-testid=request-number]").InnerTextAsync();
        var code = await receipt.Locator("[data-testid=query-code]").InnerTextAsync();

        async Task LookUpAsync(string name)
        {
            await portal.GotoAsync("/portal/disclosure/status?number=" + number);
            await portal.GetByLabel("查询码").FillAsync(code);
            await portal.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await portal.Locator("[data-testid=request-status]").WaitForAsync();
            scanned.Add((name, await ScanAsync(portal)));
        }

        long id;
        await using (var db = app.NewContext())
            id = await db.DisclosureRequests.Where(r => r.RequestNumber == number).Select(r => r.Id).SingleAsync();
        var organ = await app.OrganisationAsync("迎泽区信访局");
        var (officer, password) = await app.CreateUserAsync(organ.Id, false, StaffRoles.DisclosureOfficer);
        var console = await browser.NewPageAsync(app.BaseAddress);
        await console.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(console, officer, password);
        await console.GotoAsync($"/console/disclosure/requests/{id}");
        await console.Locator("[data-testid=action-form][data-interactive=true]").WaitForAsync();
        async Task ActAsync(string action)
        {
            await console.GetByLabel("办理", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = action });
        }

        // Receipt confirmed today; the correction asked today, to be answered within ten days (Art. 30).
        await ActAsync("确认收到申请");
        await console.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(console.Locator("[data-testid=request-status]")).ToHaveTextAsync("办理中");
        var answerBy = today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ActAsync("告知补正");
        await console.GetByLabel("补正期限").FillAsync(answerBy);
        await console.GetByLabel("理由", new() { Exact = true }).FillAsync("请写明小区名称和补贴年度。");
        await console.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(console.Locator("[data-testid=request-status]")).ToHaveTextAsync("待补正");

        // The correction notice is on the page as a Word document.
        var links = console.Locator("[data-testid=notice-links]");
        await Assertions.Expect(links).ToContainTextAsync("补正告知书");
        var href = await links.Locator("[data-testid=notice-disclosure-correction]").GetAttributeAsync("href");
        var notice = await console.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, notice.Status);
        Assert.StartsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document", notice.Headers["content-type"], StringComparison.Ordinal);

        await LookUpAsync("status awaiting correction");
        await Assertions.Expect(portal.Locator("[data-testid=status]")).ToHaveTextAsync("待补正");
        await Assertions.Expect(portal.Locator("[data-testid=answer-by]")).ToHaveTextAsync(answerBy);

        // The corrected application arrives; the officer replies.
        await ActAsync("收到补正");
        await console.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(console.Locator("[data-testid=request-status]")).ToHaveTextAsync("办理中");
        await ActAsync("答复");
        await console.GetByLabel("结果", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "予以公开" });
        await console.GetByLabel("答复书内容").FillAsync("经审查，补贴发放名单予以公开，见附件。");
        await console.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(console.Locator("[data-testid=request-status]")).ToHaveTextAsync("已办结");
        await Assertions.Expect(links).ToContainTextAsync("答复书（予以公开）");
        AssertNoSeriousViolations(await console.RunAxe(), "console case with notices");

        await LookUpAsync("status replied");
        await Assertions.Expect(portal.Locator("[data-testid=status]")).ToHaveTextAsync("已办结");
        await Assertions.Expect(portal.Locator("[data-testid=outcome]")).ToHaveTextAsync("予以公开");
        await Assertions.Expect(portal.Locator("[data-testid=reply-text]")).ToHaveTextAsync("经审查，补贴发放名单予以公开，见附件。");
        foreach (var (name, result) in scanned) AssertNoSeriousViolations(result, name);
    }
}
