using System.Globalization;
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

        // One bad row anywhere and nothing is written; each bad row is named by line and column.
        var first = await DisclosureImport.ImportAsync(csv, app.Services, default);
        Assert.Equal(8, first.Rows);
        Assert.Equal((0, 0, 0), (first.Created, first.Updated, first.AlreadyThere));
        Assert.Equal([4, 7, 8, 9], first.Errors.Select(e => e.Line));
        Assert.StartsWith("value: ", first.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("很多", first.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Equal("record: 无法判断该行的记录类型：请在“记录类型”列填写“目录”“登记”“申请”或“复议诉讼”。", first.Errors[2].Reason);
        Assert.Equal("published_on: 发布日期不能早于成文日期，也不能晚于今天。", first.Errors[3].Reason);
        await using (var check = app.NewContext())
        {
            Assert.False(await check.RegisterEntries.AnyAsync(e => e.OrganisationId == organ.Id));
            Assert.False(await check.DisclosureItems.AnyAsync(i => i.OrganisationId == organ.Id));
        }

        // The good rows alone go in.
        lines = [lines[0], lines[1], lines[2], lines[4], lines[5]];
        await File.WriteAllTextAsync(csv, string.Join("\n", lines) + "\n");
        var good = await DisclosureImport.ImportAsync(csv, app.Services, default);
        Assert.Empty(good.Errors);
        Assert.Equal((4, 0, 0), (good.Created, good.Updated, good.AlreadyThere));

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
        var (json, report) = await AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, null, "json", app.Services, default);
        Assert.Equal("Draft", report.Status);
        using var parsed = JsonDocument.Parse(json);
        var cells = parsed.RootElement.GetProperty("cells");
        Assert.Equal("3", cells.GetProperty("t2.1.normative.made").GetString());
        Assert.Equal("14", cells.GetProperty("t2.1.normative.in-force").GetString());
        Assert.Equal("2021", parsed.RootElement.GetProperty("format").GetString());

        var (docx, _) = await AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, null, "docx", app.Services, default);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
            Assert.Contains("古交市信访局2025年政府信息公开工作年度报告", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        var (xlsx, _) = await AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, "2019", "xlsx", app.Services, default);
        using (var sheet = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
            Assert.NotEmpty(sheet.WorkbookPart!.Workbook.Sheets!.ChildElements);

        var current = await Assert.ThrowsAsync<ArgumentException>(() => AnnualReportFile.RenderAsync(db, 2026, organ.Id, false, null, "json", app.Services, default));
        Assert.Contains("2025", current.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, "2020", "json", app.Services, default));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// 表三 of 沭阳县人民政府2025年政府信息公开工作年度报告 as published, per applicant column (自然人, 商业企业, 科研机构,
    /// 社会公益组织, 法律服务机构, 其他), keyed by the outcome code of the import file (docs/annual-report.md).
    /// </summary>
    private static readonly (string Code, long[] Values)[] CountyOutcomes =
    [
        ("disclosed", [290, 1, 0, 0, 3, 0]), ("partly", [99, 0, 0, 0, 2, 0]),
        ("withheld.3", [2, 0, 0, 0, 0, 0]), ("withheld.4", [2, 0, 0, 0, 0, 0]), ("withheld.5", [13, 0, 0, 0, 0, 0]),
        ("withheld.6", [2, 0, 0, 0, 0, 0]), ("withheld.7", [4, 0, 0, 0, 0, 0]), ("withheld.8", [9, 0, 0, 0, 0, 0]),
        ("unavailable.1", [111, 0, 0, 0, 0, 0]), ("unavailable.2", [2, 0, 0, 0, 0, 0]),
        ("not-processed.1", [12, 0, 0, 0, 0, 0]), ("not-processed.2", [6, 1, 0, 0, 0, 0]),
        ("other.1", [9, 0, 0, 0, 0, 0]), ("other.2", [7, 0, 0, 0, 0, 0]), ("other.3", [142, 1, 0, 0, 0, 0]),
    ];

    private static readonly long[] CarriedIn = [36, 0, 0, 0, 0, 0];
    private static readonly long[] CarriedOut = [31, 0, 0, 0, 0, 0];
    private static readonly string[] ApplicantColumns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
    private static readonly string[] ChannelNames = ["InPerson", "邮寄", "Online", "电子邮件", "Fax", "平常信函"];

    private static Dictionary<string, string> RequestRow(string organ, string id, string applicant, int n, DateOnly received, DateOnly? concluded, string? outcome, string fee = "") => new()
    {
        ["record"] = "request", ["organisation"] = organ, ["id"] = id, ["received_on"] = received.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["channel"] = ChannelNames[n % ChannelNames.Length], ["applicant_type"] = applicant,
        ["concluded_on"] = concluded?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", ["outcome"] = outcome ?? "", ["fee"] = fee,
        ["kind"] = "", ["result"] = "", ["filed_on"] = "", ["decided_on"] = "",
    };

    private static Dictionary<string, string> AppealRow(string organ, string id, string kind, string result, string? decided) => new()
    {
        ["record"] = "appeal", ["organisation"] = organ, ["id"] = id, ["received_on"] = "", ["channel"] = "", ["applicant_type"] = "", ["concluded_on"] = "",
        ["outcome"] = "", ["fee"] = "", ["kind"] = kind, ["result"] = result, ["filed_on"] = "2025-06-02", ["decided_on"] = decided ?? "",
    };

    /// <summary>
    /// The records behind the county's tables three and four: per column, the 二 requests came in December 2024 and
    /// concluded in January 2025, the 四 ones came in December 2025 and are still open; one request charged 380 元; one
    /// from 2024 that the 2025 report must not count. Cases: 行政复议 27/10/9/15, 直接起诉 3, 复议后起诉 8/0/1/1.
    /// </summary>
    private static List<Dictionary<string, string>> CountyRecords(string organ, string prefix)
    {
        var rows = new List<Dictionary<string, string>>();
        var n = 0;
        for (var c = 0; c < ApplicantColumns.Length; c++)
        {
            var outcomes = CountyOutcomes.SelectMany(o => Enumerable.Repeat(o.Code, (int)o.Values[c])).ToList();
            for (var i = 0; i < outcomes.Count; i++, n++)
            {
                var received = i < CarriedIn[c] ? new DateOnly(2024, 12, 2 + i % 20) : new DateOnly(2025, 1 + i % 11, 1 + i % 27);
                var concluded = i < CarriedIn[c] ? new DateOnly(2025, 1, 6 + i % 20) : received.AddDays(15);
                rows.Add(RequestRow(organ, $"{prefix}-{n}", ApplicantColumns[c], n, received, concluded, outcomes[i]));
            }
            for (var i = 0; i < CarriedOut[c]; i++, n++)
                rows.Add(RequestRow(organ, $"{prefix}-{n}", ApplicantColumns[c], n, new DateOnly(2025, 12, 10 + i % 20), null, null));
        }
        rows.First(r => r["outcome"] == "disclosed" && r["received_on"].StartsWith("2025", StringComparison.Ordinal))["fee"] = "380";
        rows.Add(RequestRow(organ, $"{prefix}-old", "自然人", 0, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 20), "disclosed"));
        var k = 0;
        foreach (var (kind, result, count, decided) in new (string, string, int, string?)[]
        {
            ("Reconsideration", "Upheld", 27, "2025-10-01"), ("行政复议", "纠正", 10, "2025-10-01"), ("Reconsideration", "Other", 9, "2025-11-01"),
            ("Reconsideration", "Pending", 15, null), ("DirectSuit", "结果维持", 3, "2025-12-01"),
            ("复议后起诉", "Upheld", 8, "2025-12-01"), ("SuitAfterReconsideration", "其他结果", 1, "2025-12-15"), ("SuitAfterReconsideration", "尚未审结", 1, null),
        })
        {
            for (var i = 0; i < count; i++) rows.Add(AppealRow(organ, $"（2025）{prefix}复{++k}号", kind, result, decided));
        }
        return rows;
    }

    private static async Task WriteAsync(string path, List<Dictionary<string, string>> rows)
    {
        switch (Path.GetExtension(path))
        {
            case ".csv":
                var header = rows[0].Keys.ToList();
                await File.WriteAllLinesAsync(path, [string.Join(",", header), .. rows.Select(r => string.Join(",", header.Select(h => r[h])))]);
                break;
            case ".xlsx":
                MiniExcelLibs.MiniExcel.SaveAs(path, rows.Select(r => r.ToDictionary(kv => kv.Key, kv => (object)kv.Value)).ToList());
                break;
            default:
                await File.WriteAllLinesAsync(path, rows.Select(r => JsonSerializer.Serialize(r.Where(kv => kv.Value != "").ToDictionary())));
                break;
        }
    }

    [Theory]
    [InlineData("csv", "清徐县信访局")]
    [InlineData("xlsx", "阳曲县信访局")]
    [InlineData("jsonl", "娄烦县信访局")]
    public async Task Requests_and_cases_imported_from_each_format_give_the_county_tables_three_and_four_cell_for_cell(string format, string organName)
    {
        var organ = await app.OrganisationAsync(organName);
        var folder = Directory.CreateTempSubdirectory("sunshine-disclosure-requests-").FullName;
        var path = Path.Combine(folder, "records." + format);
        var rows = CountyRecords(organName, format.ToUpperInvariant());
        await WriteAsync(path, rows);

        var first = await DisclosureImport.ImportAsync(path, app.Services, default);
        Assert.Empty(first.Errors);
        Assert.Equal(713 + 36 + 1 + 74, first.Created);
        // Again: keyed on the source id (requests) and the 案号 (cases), nothing doubles.
        var again = await DisclosureImport.ImportAsync(path, app.Services, default);
        Assert.Equal((0, 0, 713 + 36 + 1 + 74), (again.Created, again.Updated, again.AlreadyThere));

        await using var db = app.NewContext();
        Assert.Equal(713 + 36 + 1, await db.DisclosureRequests.CountAsync(r => r.OrganisationId == organ.Id));
        var sample = await db.DisclosureRequests.SingleAsync(r => r.RequestNumber == format.ToUpperInvariant() + "-1");
        Assert.Equal((RequestChannel.RegisteredPost, DisclosureRequestStatus.Concluded), (sample.Channel, sample.Status));

        var (json, _) = await AnnualReportFile.RenderAsync(db, 2025, organ.Id, false, null, "json", app.Services, default);
        using var parsed = JsonDocument.Parse(json);
        var cells = parsed.RootElement.GetProperty("cells");
        string Cell(string row, int column) => cells.GetProperty($"t3.{row}.{(column == 6 ? "total" : ReportTemplates.ApplicantKeys[column])}").GetString()!;
        void Row(string row, long[] values)
        {
            for (var c = 0; c < 6; c++) Assert.True(values[c].ToString(CultureInfo.InvariantCulture) == Cell(row, c), $"{row} × {ApplicantColumns[c]}");
            Assert.Equal(values.Sum().ToString(CultureInfo.InvariantCulture), Cell(row, 6));
        }
        Row("received", [705, 3, 0, 0, 5, 0]);
        Row("carried-in", CarriedIn);
        foreach (var (code, values) in CountyOutcomes) Row(code, values);
        foreach (var empty in new[] { "withheld.1", "withheld.2", "unavailable.3", "not-processed.3", "not-processed.4", "not-processed.5" }) Row(empty, new long[6]);
        Row("concluded", [710, 3, 0, 0, 5, 0]);
        Row("carried-out", CarriedOut);
        Assert.Equal("718", Cell("concluded", 6));
        var four = ReportTemplates.TableFour().ColumnKeys.Select(k => cells.GetProperty("t4.cases." + k).GetString());
        Assert.Equal("27,10,9,15,61,3,0,0,0,3,8,0,1,1,10", string.Join(",", four));
        Assert.Equal("380", parsed.RootElement.GetProperty("fees").GetString());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_bad_request_row_names_its_line_and_field_and_leaves_nothing_behind()
    {
        var organ = await app.OrganisationAsync("晋源区信访局");
        var folder = Directory.CreateTempSubdirectory("sunshine-disclosure-bad-").FullName;
        var path = Path.Combine(folder, "records.csv");
        List<Dictionary<string, string>> rows =
        [
            RequestRow("晋源区信访局", "JY-1", "自然人", 0, new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 20), "disclosed"),
            AppealRow("晋源区信访局", "（2025）晋源复1号", "Reconsideration", "Upheld", "2025-08-01"),
            RequestRow("晋源区信访局", "JY-2", "自然人", 1, new DateOnly(2025, 3, 4), new DateOnly(2025, 3, 21), "withheld.9"),
            RequestRow("晋源区信访局", "JY-3", "个体户", 2, new DateOnly(2025, 3, 5), null, null),
            RequestRow("晋源区信访局", "JY-4", "自然人", 3, new DateOnly(2025, 3, 6), new DateOnly(2025, 3, 1), "disclosed"),
            RequestRow("晋源区信访局", "JY-5", "自然人", 4, new DateOnly(2025, 3, 6), new DateOnly(2025, 3, 9), "other.2", "100"),
            AppealRow("晋源区信访局", "（2025）晋源复2号", "Reconsideration", "Pending", "2025-08-01"),
        ];
        await WriteAsync(path, rows);

        var report = await DisclosureImport.ImportAsync(path, app.Services, default);
        Assert.Equal(0, report.Created);
        Assert.Equal([4, 5, 6, 7, 8], report.Errors.Select(e => e.Line));
        Assert.Equal("outcome: 办理结果“withheld.9”不是表三的一行，请填写结果代码（如 disclosed、withheld.1、other.3）。", report.Errors[0].Reason);
        Assert.Equal("applicant_type: 申请人类型的取值无效。", report.Errors[1].Reason);
        Assert.Equal("concluded_on: 办结日期不能早于收到日期，也不能晚于今天。", report.Errors[2].Reason);
        Assert.Equal("fee: 因逾期未缴费而不再处理的申请不能有已收取的信息处理费。", report.Errors[3].Reason);
        Assert.StartsWith("decided_on: ", report.Errors[4].Reason, StringComparison.Ordinal);
        Assert.All(report.Errors, e => Assert.DoesNotContain('\n', e.Reason));

        // The good rows before and after the bad ones were rolled back with them.
        await using var db = app.NewContext();
        Assert.False(await db.DisclosureRequests.AnyAsync(r => r.OrganisationId == organ.Id));
        Assert.False(await db.DisclosureAppeals.AnyAsync(a => a.OrganisationId == organ.Id));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Every_outcome_code_is_one_row_of_table_three()
    {
        var detailRows = ReportTemplates.TableThree(ReportFormat.Format2021).Rows.Select(r => r.Key)
            .Except(["received", "carried-in", "concluded", "carried-out"]).ToList();
        Assert.Equal(detailRows.Order(), DisclosureImport.OutcomeCodes.Keys.Order());
        Assert.Equal(RequestOutcomes.All.Order(), DisclosureImport.OutcomeCodes.Values.Order());
        Assert.Equal("不予处理/要求行政机关确认或重新出具已获取信息", DisclosureImport.OutcomeCodes["not-processed.5"]);
    }
}

[Collection("sqlite")]
public sealed class SqliteDisclosureImportTests(SqliteClockApp app) : DisclosureImportTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresDisclosureImportTests(PostgresClockApp app) : DisclosureImportTests(app), IClassFixture<PostgresClockApp>;
