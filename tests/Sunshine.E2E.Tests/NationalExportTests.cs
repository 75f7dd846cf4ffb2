using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>The petition list's national export in a real browser: the button downloads what the filters found.</summary>
public sealed partial class NationalExportTests(SqliteDemoApp app, Browser browser) : IClassFixture<SqliteDemoApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task The_list_page_downloads_the_visits_it_found_in_the_national_format()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, user, password);
        await page.GotoAsync("/console/petitions");
        await page.Locator("[data-testid=petition-search][data-interactive=true]").WaitForAsync();

        var unfiltered = await page.GetByTestId("result-count").InnerTextAsync();
        await page.GetByLabel("渠道", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "来访" });
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("export-national")).ToHaveAttributeAsync("href", new Regex("channel=Visit"));
        // The link follows the filter at once; the count follows when the search has answered.
        await Assertions.Expect(page.GetByTestId("result-count")).Not.ToHaveTextAsync(unfiltered);
        var count = int.Parse(Count().Match(await page.GetByTestId("result-count").InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, 1, 10_000);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出（全国信访信息系统格式）" }).ClickAsync());
        var path = await download.PathAsync();
        var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(count, rows.Count);
        Assert.All(rows, r => Assert.Equal("来访", r["信访形式"]));
        Assert.All(rows, r => Assert.Contains(r["信访事项状态"] as string, NationalStates));
    }

    private static readonly string[] NationalStates =
    [
        "受理申请审查中", "不予受理", "受理", "已作出处理意见", "超期未作出处理意见", "不再受理", "超期未申请复查", "复查",
        "提出复查意见", "超期未作出复查意见", "超期未申请复核", "复核", "提出复核意见", "超期未作出复核意见", "审核认定办结",
    ];

    [GeneratedRegex(@"共 (\d+) 件")]
    private static partial Regex Count();
}
