using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>
/// The journey of issue 3 in a real browser: a registrar registers a letter and transfers it; the unit accepts, its
/// leader extends and replies; the case page shows the deadlines and the history at each step.
/// </summary>
public sealed class PetitionJourneyTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    private async Task<IPage> SignInAsync(string unit, params string[] roles)
    {
        var organisation = await app.OrganisationAsync(unit);
        var (user, password) = await app.CreateUserAsync(organisation.Id, roles.Contains(StaffRoles.Registrar), roles);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, user, password);
        return page;
    }

    private static async Task TypeAsync(IPage page, string label, string text)
    {
        var field = page.GetByLabel(label, new() { Exact = true });
        await field.FillAsync(text);
        await field.PressAsync("Tab");   // Blazor binds on change
    }

    private static async Task StepAsync(IPage page, string action, Func<Task>? fill = null)
    {
        await page.Locator("[data-testid=action-form][data-interactive=true]").WaitForAsync();
        await page.GetByLabel("办理", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = action });
        if (fill is not null) await fill();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=case-history] li").Last).ToContainTextAsync(action);
    }

    [Fact]
    public async Task A_letter_is_registered_transferred_accepted_extended_and_answered()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(TimeProvider.System.GetUtcNow().UtcDateTime, "Asia/Shanghai"));
        var registrar = await SignInAsync("小店区信访局", StaffRoles.Registrar);
        await registrar.GotoAsync("/console/petitions/new");
        await registrar.Locator("[data-testid=register-form][data-interactive=true]").WaitForAsync();
        await registrar.GetByLabel("内容分类").SelectOptionAsync(new SelectOptionValue { Label = "劳动和社会保障" });
        await registrar.GetByLabel("二级分类").SelectOptionAsync(new SelectOptionValue { Label = "工资福利" });
        await TypeAsync(registrar, "问题属地", "小店区");
        await Assertions.Expect(registrar.Locator("#r-locality option").First).ToHaveTextAsync("小店区 (140105000000)");
        await TypeAsync(registrar, "概况", "反映建筑公司拖欠农民工工资");
        await TypeAsync(registrar, "信访内容", "本人在某建筑工地务工，公司拖欠三个月工资未付，请求督促支付。");
        await TypeAsync(registrar, "信访人姓名", "周强");
        await TypeAsync(registrar, "联系电话", "13566667777");
        await registrar.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await registrar.Locator("[data-testid=registered]").WaitForAsync();
        await Assertions.Expect(registrar.Locator("[data-testid=transfer-due]")).ToHaveTextAsync(today.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await registrar.GetByRole(AriaRole.Link, new() { Name = "查看该件" }).ClickAsync();
        await registrar.Locator("[data-testid=case-facts]").WaitForAsync();
        var caseUrl = registrar.Url;

        await StepAsync(registrar, "转送", async () =>
        {
            await TypeAsync(registrar, "接收单位", "小店区人力资源");
            await Assertions.Expect(registrar.Locator("#a-target option").First).ToHaveTextAsync("小店区人力资源和社会保障局");
        });

        var officer = await SignInAsync("小店区人力资源和社会保障局", StaffRoles.HandlingOfficer);
        await officer.GotoAsync(caseUrl);
        await StepAsync(officer, "受理");
        // 60 日 from acceptance today (《信访工作条例》第三十四条); petition limits do not roll forward.
        await Assertions.Expect(officer.Locator("[data-testid=case-due]")).ToHaveTextAsync(today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var leader = await SignInAsync("小店区人力资源和社会保障局", StaffRoles.UnitLeader);
        await leader.GotoAsync(caseUrl);
        await StepAsync(leader, "延期", async () =>
        {
            await TypeAsync(leader, "延期天数", "30");
            await TypeAsync(leader, "理由或说明", "需向多家单位调取工资发放记录");
        });
        await Assertions.Expect(leader.Locator("[data-testid=case-due]")).ToHaveTextAsync(today.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(leader.Locator("[data-testid=case-due-explanation]")).ToContainTextAsync("extension");
        await StepAsync(leader, "出具处理意见", async () =>
        {
            await leader.GetByLabel("处理意见", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "支持" });
            await TypeAsync(leader, "理由或说明", "经核实，已责令公司十日内足额支付。");
        });
        // The review window: 30 日 from the opinion (第三十五条).
        await Assertions.Expect(leader.Locator("[data-testid=case-due]")).ToHaveTextAsync(today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var history = await leader.Locator("[data-testid=case-history] li").AllInnerTextsAsync();
        Assert.Equal(5, history.Count);
        Assert.Contains("登记", history[0], StringComparison.Ordinal);
        Assert.Contains("转送", history[1], StringComparison.Ordinal);
        Assert.Contains("受理", history[2], StringComparison.Ordinal);
        Assert.Contains("延期", history[3], StringComparison.Ordinal);
        Assert.Contains("出具处理意见", history[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_repeat_opens_it_without_the_last_cases_unmasked_personal_data()
    {
        // Two letters from one person about one matter: the second lists the first as a suspected repeat.
        var bureau = await app.OrganisationAsync("小店区信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        using var api = await app.SignedInClientAsync(user, password);
        async Task<(long Id, string CaseNumber)> RegisterAsync(string content)
        {
            var response = await api.PostAsJsonAsync("/api/petitions", new
            {
                channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000", summary = "反映物业公司擅自提高物业费",
                content, petitioner = new { name = "孙秀兰", idNumber = "11010519491231002X", phone = "13912345678", address = "山西省太原市小店区坞城街道金色家园小区" },
            });
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, json.ToString());
            return (json.GetProperty("id").GetInt64(), json.GetProperty("caseNumber").GetString()!);
        }
        var first = await RegisterAsync("我小区物业公司未经业主大会同意，擅自将物业费由每平方米1.2元提高到2元，请求责令其纠正。");
        var second = await RegisterAsync("小区物业公司未经业主大会同意擅自把物业费从每平方米1.2元提高到2元，请求责令纠正。");

        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, user, password);
        await page.GotoAsync($"/console/petitions/{second.Id}");
        await page.Locator("[data-testid=action-form][data-interactive=true]").WaitForAsync();
        await page.GetByLabel("查看事由（将记入日志）").FillAsync("核实信访人身份");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看完整个人信息" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unmasked]")).ToContainTextAsync("11010519491231002X");

        // The candidate's link opens the first case in the same page: its own facts, masked, with the unmask form again.
        await page.Locator("[data-testid=repeat-candidate] a", new() { HasText = first.CaseNumber }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(first.CaseNumber);
        await Assertions.Expect(page.Locator("[data-testid=unmask-form]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=unmasked]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("11010519491231002X", await page.Locator("#console-main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
