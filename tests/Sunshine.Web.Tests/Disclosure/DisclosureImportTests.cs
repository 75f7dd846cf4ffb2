using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Disclosure;
using Sunshine.Web.Features.Disclosure.AnnualReports;

namespace Sunshine.Web.Tests.Disclosure;

/// <summary>
/// What <c>sunshine import disclosure</c> and <c>sunshine report annual</c> do, on a clock standing at 2026-09-16: a
/// mixed file of catalogue items and register figures, bad rows reported by line, a second import changing nothing,
/// and the 2025 report of the organ written as JSON, Word and Excel from what was imported.
/// </summary>
public abstract class DisclosureImportTests(TestApp app)
{
    [Fact]
    public async Task A_mixed_file_is_imported_once_bad_lines_are_named_and_the_annual_report_counts_it()
    {
        var organ = await app.OrganisationAsync("古交市信访局");
        var folder = Directory.CreateTempSubdirectory("sunshine-disclosure-import-").FullName;
        var csv = Path.Combine(folder, "records.csv");
        string[] lines =
        [
            "记录类型,机关,年度,类别,数量或金额,标题,文号,栏目,成文日期,发布日期,有效性,发布渠道",
            "登记,古交市信访局,2025,normative.made,3,,,,,,,",
            "登记,古交市信访局,2025,normative.in-force,12,,,,,,,",
            "登记,古交市信访局,2025,licensing.decisions,很多,,,,,,,",
            "目录,古交市信访局,,,,古交市信访局2024年政府信息公开工作年度报告,,年度报告,2025-01-20,2025-01-24,有效,网站",
            "目录,古交市信访局,,,,关于规范信访事项办理程序的通知,古信发〔2025〕3号,法规制度,2025-03-02,2025-03-10,有效,微信公众号",
            "目录,不存在的机关,,,,某通知,,法规制度,2025-03-02,2025-03-10,有效,网站",
            "其他,古交市信访局,2025,,,,,,,,,",
            "目录,古交市信访局,,,,发布早于成文的通知,,法规制度,2025-03-02,2025-03-01,有效,网站",
        ];
        await File.WriteAllTextAsync(csv, string.Join("\n", lines) + "\n");

        var first = await DisclosureImport.ImportAsync(csv, app.Services, default);
        Assert.Equal(8, first.Rows);
        Assert.Equal(4, first.Created);
        Assert.Equal([4, 7, 8, 9], first.Errors.Select(e => e.Line));
        Assert.Contains("很多", first.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Equal("无法判断该行是目录信息还是登记数据：请在“记录类型”列填写“目录”或“登记”。", first.Errors[2].Reason);
        Assert.Equal("发布日期不能早于成文日期，也不能晚于今天。", first.Errors[3].Reason);

        // Again: nothing new. With one amount changed, that figure is updated in place.
        var again = await DisclosureImport.ImportAsync(csv, app.Services, default);
        Assert.Equal((0, 0, 4), (again.Created, again.Updated, again.AlreadyThere));
        lines[2] = "登记,古交市信访局,2025,normative.in-force,14,,,,,,,";
        await File.WriteAllTextAsync(csv, string.Join("\n", lines) + "\n");
        var changed = await DisclosureImport.ImportAsync(csv, app.Services, default);
        Assert.Equal((0, 1, 3), (changed.Created, changed.Updated, changed.AlreadyThere));

        await using var db = app.NewContext();
        var entries = await db.RegisterEntries.Where(e => e.OrganisationId == organ.Id && e.Year == 2025).OrderBy(e => e.Kind).ToListAsync();
        Assert.Equal([("normative.in-force", 14L), ("normative.made", 3L)], entries.Select(e => (e.Kind, e.Value)));
        var items = await db.DisclosureItems.Where(i => i.OrganisationId == organ.Id).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(DisclosureItemStatus.Published, i.Status));
        // Numbered per organ and year of publication by the default pattern.
        Assert.Equal([1, 2], items.Select(i => i.IndexSequence!.Value));
        Assert.EndsWith("/2025-00002", items[1].IndexNumber, StringComparison.Ordinal);
        // Formed Sun 3/2, published Mon 3/10: 20 工作日 from 3/2 end Fri 3/28, so in time.
        Assert.Equal(new DateOnly(2025, 3, 28), items[1].DueOn);
        var publications = await db.Publications.Where(p => p.OrganisationId == organ.Id).OrderBy(p => p.Id).Select(p => new { p.Outlet, p.Column, p.PublishedOn }).ToListAsync();
        Assert.Equal([("网站", "年度报告"), ("微信公众号", "法规制度")], publications.Select(p => (p.Outlet, p.Column)));

        // The 2025 report from these records: JSON cells, a Word file, an Excel file.
        var (json, report) = await AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, null, "json", app.Services.GetRequiredService<TimeProvider>(), default);
        Assert.Equal("Draft", report.Status);
        using var parsed = JsonDocument.Parse(json);
        var cells = parsed.RootElement.GetProperty("cells");
        Assert.Equal("3", cells.GetProperty("t2.1.normative.made").GetString());
        Assert.Equal("14", cells.GetProperty("t2.1.normative.in-force").GetString());
        Assert.Equal("2021", parsed.RootElement.GetProperty("format").GetString());

        var (docx, _) = await AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, null, "docx", app.Services.GetRequiredService<TimeProvider>(), default);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
            Assert.Contains("古交市信访局2025年政府信息公开工作年度报告", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        var (xlsx, _) = await AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, "2019", "xlsx", app.Services.GetRequiredService<TimeProvider>(), default);
        using (var sheet = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
            Assert.NotEmpty(sheet.WorkbookPart!.Workbook.Sheets!.ChildElements);

        var current = await Assert.ThrowsAsync<ArgumentException>(() => AnnualReportFile.RenderAsync(db, 2026, organ.Id, false, null, "json", app.Services.GetRequiredService<TimeProvider>(), default));
        Assert.Contains("2025", current.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, "2020", "json", app.Services.GetRequiredService<TimeProvider>(), default));
        Directory.Delete(folder, recursive: true);
    }
}

[Collection("sqlite")]
public sealed class SqliteDisclosureImportTests(SqliteClockApp app) : DisclosureImportTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresDisclosureImportTests(PostgresClockApp app) : DisclosureImportTests(app), IClassFixture<PostgresClockApp>;
