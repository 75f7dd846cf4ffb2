using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Disclosure;

/// <summary>
/// The annual report end to end on a clock standing at 2026-09-16: the records that produce two published reports are
/// entered, the report is generated, and every table cell is compared with the published numbers — the 2025 report of
/// a county government (2021 format, whole-county caliber, every block non-zero, fees 380 元) and the seed bureau's
/// 2021 report (tables two in the 2019 format, and four).
/// </summary>
public abstract class AnnualReportTests(TestApp app)
{
    private static readonly string[] Columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

    private async Task<HttpClient> ClientAsync(int organisationId, params string[] roles)
    {
        var (user, password) = await app.CreateUserAsync(organisationId, true, roles);
        return await app.SignedInClientAsync(user, password);
    }

    private static async Task<JsonElement> OkJson(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string Cell(JsonElement grid, string row, int column) =>
        grid.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == row).GetProperty("cells")[column].GetString()!;

    /// <summary>
    /// 表三 of 沭阳县人民政府2025年政府信息公开工作年度报告 as published, per applicant column
    /// (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他; the 总计 column is checked as their sum and against the report).
    /// </summary>
    private static readonly (string Row, long[] Values, long Total)[] CountyTableThree =
    [
        ("received", [705, 3, 0, 0, 5, 0], 713),
        ("carried-in", [36, 0, 0, 0, 0, 0], 36),
        ("disclosed", [290, 1, 0, 0, 3, 0], 294),
        ("partly", [99, 0, 0, 0, 2, 0], 101),
        ("withheld.1", [0, 0, 0, 0, 0, 0], 0),
        ("withheld.2", [0, 0, 0, 0, 0, 0], 0),
        ("withheld.3", [2, 0, 0, 0, 0, 0], 2),
        ("withheld.4", [2, 0, 0, 0, 0, 0], 2),
        ("withheld.5", [13, 0, 0, 0, 0, 0], 13),
        ("withheld.6", [2, 0, 0, 0, 0, 0], 2),
        ("withheld.7", [4, 0, 0, 0, 0, 0], 4),
        ("withheld.8", [9, 0, 0, 0, 0, 0], 9),
        ("unavailable.1", [111, 0, 0, 0, 0, 0], 111),
        ("unavailable.2", [2, 0, 0, 0, 0, 0], 2),
        ("unavailable.3", [0, 0, 0, 0, 0, 0], 0),
        ("not-processed.1", [12, 0, 0, 0, 0, 0], 12),
        ("not-processed.2", [6, 1, 0, 0, 0, 0], 7),
        ("not-processed.3", [0, 0, 0, 0, 0, 0], 0),
        ("not-processed.4", [0, 0, 0, 0, 0, 0], 0),
        ("not-processed.5", [0, 0, 0, 0, 0, 0], 0),
        ("other.1", [9, 0, 0, 0, 0, 0], 9),
        ("other.2", [7, 0, 0, 0, 0, 0], 7),
        ("other.3", [142, 1, 0, 0, 0, 0], 143),
        ("concluded", [710, 3, 0, 0, 5, 0], 718),
        ("carried-out", [31, 0, 0, 0, 0, 0], 31),
    ];

    /// <summary>The stored outcome for each detail row of table three (the contract with request handling).</summary>
    private static readonly Dictionary<string, string> Outcomes = new()
    {
        ["disclosed"] = "予以公开", ["partly"] = "部分公开",
        ["withheld.1"] = "不予公开/属于国家秘密", ["withheld.2"] = "不予公开/其他法律行政法规禁止公开", ["withheld.3"] = "不予公开/危及“三安全一稳定”",
        ["withheld.4"] = "不予公开/保护第三方合法权益", ["withheld.5"] = "不予公开/属于三类内部事务信息", ["withheld.6"] = "不予公开/属于四类过程性信息",
        ["withheld.7"] = "不予公开/属于行政执法案卷", ["withheld.8"] = "不予公开/属于行政查询事项",
        ["unavailable.1"] = "无法提供/本机关不掌握相关政府信息", ["unavailable.2"] = "无法提供/没有现成信息需要另行制作", ["unavailable.3"] = "无法提供/补正后申请内容仍不明确",
        ["not-processed.1"] = "不予处理/信访举报投诉类申请", ["not-processed.2"] = "不予处理/重复申请", ["not-processed.3"] = "不予处理/要求提供公开出版物",
        ["not-processed.4"] = "不予处理/无正当理由大量反复申请", ["not-processed.5"] = "不予处理/要求行政机关确认或重新出具已获取信息",
        ["other.1"] = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["other.2"] = "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["other.3"] = "其他处理/其他",
    };

    private static int _requestNumber;

    private static DisclosureRequest Request(int organisationId, string applicant, DateOnly received, DateOnly? concluded, string? outcome, long feeFen = 0) => new()
    {
        RequestNumber = "YSQ-T" + Interlocked.Increment(ref _requestNumber).ToString("D7", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6],
        OrganisationId = organisationId, ApplicantType = applicant, ApplicantName = "申请人", Description = "申请公开有关政府信息",
        ReceivedOn = received, DueOn = received.AddDays(28), ConcludedOn = concluded, Outcome = outcome, FeeFen = feeFen,
    };

    /// <summary>
    /// The county's requests spread over the government and its departments: per column, the 二 requests came in late
    /// in 2024 and concluded in 2025, the 四 ones came in December 2025 and are open; plus records another year or
    /// another county holds, which the report must not count.
    /// </summary>
    private static List<DisclosureRequest> CountyRequests(IReadOnlyList<int> region, int outsider, int civilAffairs)
    {
        var rows = new List<DisclosureRequest>();
        for (var c = 0; c < Columns.Length; c++)
        {
            var carriedIn = CountyTableThree.Single(r => r.Row == "carried-in").Values[c];
            var outcomes = CountyTableThree.Where(r => Outcomes.ContainsKey(r.Row)).SelectMany(r => Enumerable.Repeat(Outcomes[r.Row], (int)r.Values[c])).ToList();
            for (var i = 0; i < outcomes.Count; i++)
            {
                var organ = region[i % region.Count];
                var received = i < carriedIn ? new DateOnly(2024, 12, 2 + i % 20) : new DateOnly(2025, 1 + i % 11, 1 + i % 27);
                var concluded = i < carriedIn ? new DateOnly(2025, 1, 6 + i % 20) : received.AddDays(15);
                rows.Add(Request(organ, Columns[c], received, concluded, outcomes[i]));
            }
            var open = CountyTableThree.Single(r => r.Row == "carried-out").Values[c];
            for (var i = 0; i < open; i++) rows.Add(Request(region[i % region.Count], Columns[c], new DateOnly(2025, 12, 10 + i % 20), null, null));
        }
        // 380 元 charged once, by the civil affairs bureau (民政局), on a request disclosed in 2025.
        var charged = rows.First(r => r.Outcome == "予以公开" && r.ReceivedOn.Year == 2025);
        charged.OrganisationId = civilAffairs;
        charged.FeeFen = 38_000;
        // Not this year's, or not this county's.
        rows.Add(Request(region[0], "自然人", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 20), "予以公开"));
        rows.Add(Request(region[0], "自然人", new DateOnly(2026, 1, 5), null, null));
        rows.Add(Request(outsider, "自然人", new DateOnly(2025, 5, 5), new DateOnly(2025, 5, 25), "予以公开"));
        return rows;
    }

    private static string Csv(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public async Task The_county_report_2025_is_reproduced_cell_for_cell_finalised_published_and_written_as_Word_and_Excel()
    {
        var county = await app.OrganisationAsync("小店区人民政府");
        var outsider = await app.OrganisationAsync("迎泽区人民政府");
        await using var db0 = app.NewContext();
        var region = await db0.Organisations.Where(o => o.Path.StartsWith(county.Path)).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
        var civilAffairs = (await app.OrganisationAsync("小店区民政局")).Id;
        var market = (await app.OrganisationAsync("小店区市场监督管理局")).Id;
        db0.DisclosureRequests.AddRange(CountyRequests(region, outsider.Id, civilAffairs));
        // Proactive disclosure: one record per item per outlet.
        for (var i = 0; i < 7; i++)
            db0.Publications.Add(new Publication { IndexNumber = $"T-{county.Id}-{i}", Title = "工作动态" + i, Column = i < 5 ? "工作要闻" : "政策解读", Outlet = "网站",
                OrganisationId = county.Id, FormedOn = new DateOnly(2025, 3, 1), PublishedOn = new DateOnly(2025, 3, 2), Body = "<p>正文</p>" });
        await db0.SaveChangesAsync();

        using var officer = await ClientAsync(county.Id, StaffRoles.DisclosureOfficer);
        using var leader = await ClientAsync(county.Id, StaffRoles.UnitLeader);

        // Registers: normative documents listed one by one from a CSV file; the rest as counts and amounts.
        var documents = Csv(["organisation,year,kind,value,title,document_number",
            .. Enumerable.Range(1, 6).Select(i => $"小店区人民政府,2025,normative.made,1,关于规范第{i}项工作的通知,小政发〔2025〕{i}号"),
            "小店区人民政府,2025,normative.repealed,1,,", "小店区人民政府,2025,normative.in-force,32,,"]);
        var imported = await officer.PostAsync("/api/disclosure/registers/import?format=csv", new StringContent(documents, Encoding.UTF8, "text/csv"));
        Assert.Equal(8, (await OkJson(imported)).GetProperty("rows").GetInt32());
        foreach (var (organ, kind, value) in new[]
        {
            (county.Id, "licensing.decisions", "517645"), (market, "penalty.decisions", "600000"), (county.Id, "penalty.decisions", "93957"),
            (county.Id, "coercion.decisions", "2154"), (county.Id, "fee.amount", "40682080"),
            (county.Id, "licensing.decisions", "12"), // entered against the wrong year, then removed
        })
        {
            var added = await OkJson(await officer.PostAsJsonAsync("/api/disclosure/registers", new { organisationId = organ, year = 2025, kind, value }), HttpStatusCode.Created);
            if (value == "12") Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync($"/api/disclosure/registers/{added.GetProperty("id").GetInt64()}")).StatusCode);
        }
        // Table four: 复议 27/10/9/15, 直接起诉 3/0/0/0, 复议后起诉 8/0/1/1. Two reconsiderations decided only in 2026 are
        // printed as pending in the 2025 report.
        var cases = new List<(string Kind, string Result, int Count, string? DecidedOn)>
        {
            ("Reconsideration", "Upheld", 27, "2025-10-01"), ("Reconsideration", "Corrected", 10, "2025-10-01"), ("Reconsideration", "Other", 9, "2025-11-01"),
            ("Reconsideration", "Pending", 13, null), ("Reconsideration", "Corrected", 2, "2026-02-03"),
            ("DirectSuit", "Upheld", 3, "2025-12-01"),
            ("SuitAfterReconsideration", "Upheld", 8, "2025-12-01"), ("SuitAfterReconsideration", "Other", 1, "2025-12-15"), ("SuitAfterReconsideration", "Pending", 1, null),
        };
        var n = 0;
        foreach (var (kind, result, count, decided) in cases)
            for (var i = 0; i < count; i++)
                await OkJson(await officer.PostAsJsonAsync("/api/disclosure/appeals", new
                {
                    organisationId = region[n % region.Count], kind, result, caseNumber = $"（2025）复{++n}号", filedOn = "2025-06-02", decidedOn = decided,
                }), HttpStatusCode.Created);

        // The report: the whole county, 2021 format by default for 2025.
        var created = await OkJson(await officer.PostAsJsonAsync("/api/disclosure/reports", new { organisationId = county.Id, year = 2025, region = true }), HttpStatusCode.Created);
        var id = created.GetProperty("summary").GetProperty("id").GetInt64();
        Assert.Equal("2021", created.GetProperty("summary").GetProperty("format").GetString());
        // Art. 49: a people's government publishes its own report by 31 March.
        Assert.Equal("2026-03-31", created.GetProperty("summary").GetProperty("deadline").GetString());

        var two = created.GetProperty("tableTwo");
        Assert.Equal(["0", "0", "0"], two[0].GetProperty("rows")[0].GetProperty("cells").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal(["6", "1", "32"], two[0].GetProperty("rows")[1].GetProperty("cells").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("行政规范性文件", two[0].GetProperty("rows")[1].GetProperty("labels")[0].GetString());
        Assert.Equal("517645", Cell(two[1], "licensing", 0));
        Assert.Equal("693957", Cell(two[2], "penalty", 0));
        Assert.Equal("2154", Cell(two[2], "coercion", 0));
        Assert.Equal("本年收费金额（单位：万元）", two[3].GetProperty("columns")[0].GetString());
        Assert.Equal("4068.208", Cell(two[3], "fee", 0));
        Assert.Equal(4, two.GetArrayLength());

        var three = created.GetProperty("tableThree");
        Assert.Equal(CountyTableThree.Length, three.GetProperty("rows").GetArrayLength());
        foreach (var (row, values, total) in CountyTableThree)
        {
            for (var c = 0; c < 6; c++) Assert.True(values[c].ToString(CultureInfo.InvariantCulture) == Cell(three, row, c), $"{row} × {Columns[c]}");
            Assert.Equal(total.ToString(CultureInfo.InvariantCulture), Cell(three, row, 6));
        }
        Assert.Equal("27,10,9,15,61,3,0,0,0,3,8,0,1,1,10",
            string.Join(",", created.GetProperty("tableFour").GetProperty("rows")[0].GetProperty("cells").EnumerateArray().Select(c => c.GetString())));
        Assert.Equal("380", created.GetProperty("fees").GetString());

        // The draft narrative states its numbers with their caliber, and leaves what no record tells for the officer.
        var overview = created.GetProperty("overview").GetString()!;
        Assert.Contains("新收政府信息公开申请713件，上年结转政府信息公开申请36件，办结718件，结转下年度继续办理31件", overview, StringComparison.Ordinal);
        Assert.Contains("行政复议61件、行政诉讼13件", overview, StringComparison.Ordinal);
        Assert.Contains("通过网站主动公开政府信息7条，其中工作要闻5条、政策解读2条", overview, StringComparison.Ordinal);
        Assert.Contains("统计口径", overview, StringComparison.Ordinal);
        Assert.Contains("收取信息处理费共计380元", created.GetProperty("other").GetString(), StringComparison.Ordinal);

        // Finalising: only a unit leader, and only when every rule holds — the draft still has text to write.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/disclosure/reports/{id}/finalise", null)).StatusCode);
        var refused = await leader.PostAsync($"/api/disclosure/reports/{id}/finalise", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("规则12：五、存在的主要问题及改进情况", errors.GetProperty("rule12")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("规则10：一、总体情况", errors.GetProperty("rule10")[0].GetString(), StringComparison.Ordinal);

        // A wrong number typed into the narrative is caught too (rule 10), naming the table cell.
        var edited = overview.Replace("【请填写】", "按要求落实。", StringComparison.Ordinal);
        var text = new { overview = edited.Replace("办结718件", "办结720件", StringComparison.Ordinal), problems = "一是政策解读多样性需进一步加强。二是依申请办件质量需进一步提升。", other = created.GetProperty("other").GetString() };
        var saved = await OkJson(await officer.PutAsJsonAsync($"/api/disclosure/reports/{id}/narrative", text));
        Assert.Contains(saved.GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetInt32() == 10 && v.GetProperty("detail").GetString()!.Contains("办结720件", StringComparison.Ordinal));
        saved = await OkJson(await officer.PutAsJsonAsync($"/api/disclosure/reports/{id}/narrative", text with { overview = edited }));
        Assert.Equal(0, saved.GetProperty("violations").GetArrayLength());

        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"/api/disclosure/reports/{id}/publish", null)).StatusCode);
        var finalised = await OkJson(await leader.PostAsync($"/api/disclosure/reports/{id}/finalise", null));
        Assert.Equal("Finalised", finalised.GetProperty("summary").GetProperty("status").GetString());
        // Finalised tables are frozen: a request concluded later does not change them.
        await using (var db1 = app.NewContext())
        {
            db1.DisclosureRequests.Add(Request(county.Id, "自然人", new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 9), "予以公开"));
            await db1.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PutAsJsonAsync($"/api/disclosure/reports/{id}/narrative", text)).StatusCode);
        var published = await OkJson(await officer.PostAsync($"/api/disclosure/reports/{id}/publish", null));
        Assert.Equal("Published", published.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("713", Cell(published.GetProperty("tableThree"), "received", 6));
        await using (var db2 = app.NewContext())
        {
            var actions = await db2.AuditEntries.Where(a => a.EntityType == nameof(AnnualReport) && a.EntityId == id.ToString(CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync();
            Assert.Equal(["annual-report.create", "annual-report.edit", "annual-report.edit", "annual-report.finalise", "annual-report.publish"], actions);
        }

        // The portal lists it and renders it without signing in.
        using var anonymous = app.NewClient();
        var list = await anonymous.GetStringAsync("/portal/disclosure/reports");
        Assert.Contains("小店区人民政府2025年政府信息公开工作年度报告", list, StringComparison.Ordinal);
        var page = await anonymous.GetStringAsync($"/portal/disclosure/reports/{id}");
        Assert.Contains("4068.208", page, StringComparison.Ordinal);
        Assert.Contains("国办公开办函〔2021〕30号", page, StringComparison.Ordinal);

        // Word: real tables with the template's labels and the same numbers; fonts set for Chinese.
        var docx = await anonymous.GetByteArrayAsync($"/portal/disclosure/reports/{id}/document?format=docx");
        var path = Path.Combine(Path.GetTempPath(), $"annual-report-{Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(path, docx);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var tables = word.MainDocumentPart!.Document.Body!.Elements<Table>().ToList();
            Assert.Equal(6, tables.Count); // four blocks of table two, table three, table four
            string[] RowText(Table t, int r) => t.Elements<TableRow>().ElementAt(r).Elements<TableCell>().Select(c => c.InnerText).ToArray();
            Assert.Equal(["行政规范性文件", "6", "1", "32"], RowText(tables[0], 3));
            Assert.Equal(["行政事业性收费", "4068.208"], RowText(tables[3], 2));
            var tableThree = tables[4];
            // Three header rows, then the rows of the template; a detail row carries its three label levels.
            Assert.Equal(["", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"], RowText(tableThree, 3 + 4));
            Assert.Equal(["", "", "2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"], RowText(tableThree, 3 + 5));
            Assert.Equal(["四、结转下年度继续办理", "31", "0", "0", "0", "0", "0", "31"], RowText(tableThree, 3 + 24));
            Assert.Equal(["27", "10", "9", "15", "61", "3", "0", "0", "0", "3", "8", "0", "1", "1", "10"], RowText(tables[5], 3));
            // Valid against the schema Word checks when it opens a file.
            var invalid = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(invalid.Count == 0, string.Join("\n", invalid.Take(5)));
            var fonts = word.MainDocumentPart.Document.Descendants<RunFonts>().Select(f => f.EastAsia?.Value).Distinct().ToList();
            Assert.Contains("仿宋_GB2312", fonts);
            Assert.Contains("黑体", fonts);
        }
        // LibreOffice, where installed, converts it to PDF with the Chinese text intact.
        if (File.Exists("/usr/bin/libreoffice") && File.Exists("/usr/bin/pdftotext"))
        {
            var pdfText = await ConvertToTextAsync(path);
            Assert.Contains("二、主动公开政府信息情况", pdfText, StringComparison.Ordinal);
            Assert.Contains("4068.208", pdfText, StringComparison.Ordinal);
        }
        File.Delete(path);

        // Excel: the same numbers, as numbers.
        var xlsx = await officer.GetByteArrayAsync($"/api/disclosure/reports/{id}/document?format=xlsx");
        var sheet3 = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: false, sheetName: "表三", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("一、本年新收政府信息公开申请数量", sheet3[1]["A"]);
        Assert.Equal(705d, Convert.ToDouble(sheet3[1]["B"], CultureInfo.InvariantCulture));
        Assert.Equal(718d, Convert.ToDouble(sheet3[24]["H"], CultureInfo.InvariantCulture));
        var sheet2 = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: false, sheetName: "表二", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var fee = sheet2.Single(r => Equals(r["A"], "行政事业性收费"));
        Assert.Equal(4068.208m, Convert.ToDecimal(fee["B"], CultureInfo.InvariantCulture));
        // JSON: every cell under a stable key.
        var json = await OkJson(await officer.GetAsync($"/api/disclosure/reports/{id}/document?format=json"));
        Assert.Equal("517645", json.GetProperty("cells").GetProperty("t2.5.licensing.decisions").GetString());
        Assert.Equal("31", json.GetProperty("cells").GetProperty("t3.carried-out.natural").GetString());
    }

    private static async Task<string> ConvertToTextAsync(string docx)
    {
        var folder = Path.GetDirectoryName(docx)!;
        var profile = Path.Combine(folder, "lo-profile-" + Guid.NewGuid().ToString("N"));
        using (var convert = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("libreoffice",
                   ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf", "--outdir", folder, docx]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
            await convert.WaitForExitAsync();
        var pdf = Path.ChangeExtension(docx, ".pdf");
        Assert.True(File.Exists(pdf), "LibreOffice wrote the PDF");
        using var text = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [pdf, "-"]) { RedirectStandardOutput = true })!;
        var output = await text.StandardOutput.ReadToEndAsync();
        await text.WaitForExitAsync();
        File.Delete(pdf);
        Directory.Delete(profile, true);
        return output;
    }

    [Fact]
    public async Task The_seed_report_2021_tables_two_in_the_2019_format_and_four_are_reproduced()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        using var officer = await ClientAsync(bureau.Id, StaffRoles.DisclosureOfficer);
        foreach (var (kind, value) in new[] { ("normative.made", "1"), ("procurement.projects", "4"), ("procurement.amount", "512679") })
            await OkJson(await officer.PostAsJsonAsync("/api/disclosure/registers", new { organisationId = bureau.Id, year = 2021, kind, value }), HttpStatusCode.Created);
        // The bureau received no requests and had no reconsideration or lawsuit in 2021 (its report says so).
        var report = await OkJson(await officer.PostAsJsonAsync("/api/disclosure/reports", new { organisationId = bureau.Id, year = 2021, region = false, format = "2019" }), HttpStatusCode.Created);
        Assert.Equal("2019", report.GetProperty("summary").GetProperty("format").GetString());
        // Art. 49: a department (the bureau) publishes by 31 January.
        Assert.Equal("2022-01-31", report.GetProperty("summary").GetProperty("deadline").GetString());

        // 二、主动公开政府信息情况 of 山西省信访局2021年政府信息公开工作报告, every block and cell.
        var expected = new (string Heading, string[] Columns, (string Label, string[] Cells)[] Rows)[]
        {
            ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], [("规章", ["0", "0", "0"]), ("规范性文件", ["1", "0", "0"])]),
            ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], [("行政许可", ["0", "0", "0"]), ("其他对外管理服务事项", ["0", "0", "0"])]),
            ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"], [("行政处罚", ["0", "0", "0"]), ("行政强制", ["0", "0", "0"])]),
            ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("行政事业性收费", ["0", "0"])]),
            ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", ["4", "512679"])]),
        };
        var two = report.GetProperty("tableTwo");
        Assert.Equal(expected.Length, two.GetArrayLength());
        for (var b = 0; b < expected.Length; b++)
        {
            Assert.Equal(expected[b].Heading, two[b].GetProperty("heading").GetString());
            Assert.Equal(expected[b].Columns, two[b].GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
            var rows = two[b].GetProperty("rows");
            Assert.Equal(expected[b].Rows.Length, rows.GetArrayLength());
            for (var r = 0; r < expected[b].Rows.Length; r++)
            {
                Assert.Equal(expected[b].Rows[r].Label, rows[r].GetProperty("labels")[0].GetString());
                Assert.Equal(expected[b].Rows[r].Cells, rows[r].GetProperty("cells").EnumerateArray().Select(c => c.GetString()!));
            }
        }
        Assert.Equal(string.Join(",", Enumerable.Repeat("0", 15)),
            string.Join(",", report.GetProperty("tableFour").GetProperty("rows")[0].GetProperty("cells").EnumerateArray().Select(c => c.GetString())));
        // In the 2019 format （六）其他处理 is one row.
        Assert.Contains(report.GetProperty("tableThree").GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == "other");
        Assert.Contains("收取信息处理费共计0元", report.GetProperty("other").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_register_import_names_each_line_and_writes_nothing()
    {
        var county = await app.OrganisationAsync("阳曲县人民政府");
        using var officer = await ClientAsync(county.Id, StaffRoles.DisclosureOfficer);
        await using var before = app.NewContext();
        var count = await before.RegisterEntries.CountAsync();
        var file = Csv("organisation,year,kind,value,title,document_number",
            "阳曲县人民政府,2025,licensing.decisions,517645,,",
            "阳曲县人民政府,2025,licensing.decisionz,5,,",
            "阳曲县人民政府,2025,fee.amount,12.345,,",
            "迎泽区人民政府,2025,penalty.decisions,3,,",
            "阳曲县人民政府,2025,penalty.decisions,-3,,",
            "阳曲县人民政府,2025,licensing.change,-3,,");
        // The same file as XLSX must give the same answer.
        var rows = file.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).Select(c => new Dictionary<string, object>
        {
            ["organisation"] = c[0], ["year"] = int.Parse(c[1], CultureInfo.InvariantCulture), ["kind"] = c[2], ["value"] = c[3], ["title"] = "", ["document_number"] = "",
        }).ToList();
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(rows, excelType: ExcelType.XLSX);
        foreach (var (format, content) in new[] { ("csv", (HttpContent)new StringContent(file, Encoding.UTF8, "text/csv")), ("xlsx", new ByteArrayContent(xlsx.ToArray())) })
        {
            var response = await officer.PostAsync($"/api/disclosure/registers/import?format={format}", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.StartsWith("第3行：类别“licensing.decisionz”", errors.GetProperty("line3")[0].GetString(), StringComparison.Ordinal);
            Assert.StartsWith("第4行：金额“12.345”", errors.GetProperty("line4")[0].GetString(), StringComparison.Ordinal);
            Assert.StartsWith("第5行：请选择您权限范围内的机关", errors.GetProperty("line5")[0].GetString(), StringComparison.Ordinal);
            Assert.StartsWith("第6行：数量“-3”", errors.GetProperty("line6")[0].GetString(), StringComparison.Ordinal);
            Assert.False(errors.TryGetProperty("line2", out _));
            Assert.False(errors.TryGetProperty("line7", out _));
        }
        await using var after = app.NewContext();
        Assert.Equal(count, await after.RegisterEntries.CountAsync());

        // A role without disclosure duties cannot write registers; a report year that has not ended is refused.
        using var registrar = await ClientAsync(county.Id, StaffRoles.Registrar);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PostAsJsonAsync("/api/disclosure/registers", new { organisationId = county.Id, year = 2025, kind = "fee.amount", value = "1" })).StatusCode);
        var early = await officer.PostAsJsonAsync("/api/disclosure/reports", new { organisationId = county.Id, year = 2026, region = false });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        // A pending case has no decision date.
        var appeal = await officer.PostAsJsonAsync("/api/disclosure/appeals", new { organisationId = county.Id, kind = "Reconsideration", result = "Pending", caseNumber = "（2025）复1号", filedOn = "2025-03-01", decidedOn = "2025-04-01" });
        Assert.Equal(HttpStatusCode.BadRequest, appeal.StatusCode);
    }

    [Fact]
    public async Task Last_years_carried_out_requests_must_be_this_years_carried_in()
    {
        var county = await app.OrganisationAsync("清徐县人民政府");
        await using (var db = app.NewContext())
        {
            db.DisclosureRequests.Add(Request(county.Id, "自然人", new DateOnly(2024, 12, 20), new DateOnly(2025, 1, 10), "予以公开"));
            await db.SaveChangesAsync();
        }
        using var officer = await ClientAsync(county.Id, StaffRoles.DisclosureOfficer, StaffRoles.UnitLeader);
        var last = await OkJson(await officer.PostAsJsonAsync("/api/disclosure/reports", new { organisationId = county.Id, year = 2024, region = false }), HttpStatusCode.Created);
        var lastId = last.GetProperty("summary").GetProperty("id").GetInt64();
        Assert.Equal("1", Cell(last.GetProperty("tableThree"), "carried-out", 0));
        await OkJson(await officer.PutAsJsonAsync($"/api/disclosure/reports/{lastId}/narrative", new { overview = "2024年，本机关依法做好政府信息公开工作。", problems = "公开时效有待提高。", other = "本年度收取信息处理费共计0元。" }));
        await OkJson(await officer.PostAsync($"/api/disclosure/reports/{lastId}/finalise", null));

        // The 2025 table carries the request in, as last year's report carried it out.
        var report = await OkJson(await officer.PostAsJsonAsync("/api/disclosure/reports", new { organisationId = county.Id, year = 2025, region = false }), HttpStatusCode.Created);
        Assert.Equal("1", Cell(report.GetProperty("tableThree"), "carried-in", 0));
        Assert.DoesNotContain(report.GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetInt32() == 6);
        // The records change after last year's report was finalised: the request was in fact concluded in 2024.
        await using (var db = app.NewContext())
        {
            var request = await db.DisclosureRequests.SingleAsync(r => r.OrganisationId == county.Id);
            request.ConcludedOn = new DateOnly(2024, 12, 30);
            await db.SaveChangesAsync();
        }
        var again = await OkJson(await officer.GetAsync($"/api/disclosure/reports/{report.GetProperty("summary").GetProperty("id").GetInt64()}"));
        Assert.Contains(again.GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetInt32() == 6
            && v.GetProperty("cell").GetString() == "表三 二、上年结转政府信息公开申请数量 × 自然人");
    }

    [Fact]
    public async Task Requests_counted_in_one_pass_and_a_broken_one_named_by_its_number()
    {
        // 娄烦县: 40 clean requests the GROUP BY counts in a few tallies; then one concluded before it was received.
        var county = await app.OrganisationAsync("娄烦县人民政府");
        var clean = Enumerable.Range(0, 40).Select(i => Request(county.Id, i % 4 == 0 ? "商业企业" : "自然人", new DateOnly(2025, 1 + i % 12, 3),
            i % 10 == 9 ? null : new DateOnly(2025, 1 + i % 12, 20), i % 10 == 9 ? null : i % 2 == 0 ? "予以公开" : "部分公开", i == 2 ? 50_000 : 0)).ToList();
        await using (var db = app.NewContext())
        {
            db.DisclosureRequests.AddRange(clean);
            await db.SaveChangesAsync();
        }
        using var officer = await ClientAsync(county.Id, StaffRoles.DisclosureOfficer);
        var report = await OkJson(await officer.PostAsJsonAsync("/api/disclosure/reports", new { organisationId = county.Id, year = 2025, region = false }), HttpStatusCode.Created);
        var three = report.GetProperty("tableThree");
        // By hand: i ≡ 9 (mod 10) are open (4, all 自然人: 9, 19, 29, 39); of the other 36, even i are 予以公开 (20: 10 of them 商业企业), odd 部分公开 (16).
        Assert.Equal(("30", "10", "40"), (Cell(three, "received", 0), Cell(three, "received", 1), Cell(three, "received", 6)));
        Assert.Equal(("10", "10"), (Cell(three, "disclosed", 0), Cell(three, "disclosed", 1)));
        Assert.Equal(("16", "0"), (Cell(three, "partly", 0), Cell(three, "partly", 1)));
        Assert.Equal("4", Cell(three, "carried-out", 0));
        Assert.Equal("500", report.GetProperty("fees").GetString());
        Assert.DoesNotContain(report.GetProperty("violations").EnumerateArray(), v => v.GetProperty("cell").GetString()!.StartsWith("申请 ", StringComparison.Ordinal));

        var broken = Request(county.Id, "自然人", new DateOnly(2025, 6, 10), new DateOnly(2025, 6, 1), "予以公开");
        await using (var db = app.NewContext())
        {
            db.DisclosureRequests.Add(broken);
            await db.SaveChangesAsync();
        }
        var again = await OkJson(await officer.GetAsync($"/api/disclosure/reports/{report.GetProperty("summary").GetProperty("id").GetInt64()}"));
        var named = Assert.Single(again.GetProperty("violations").EnumerateArray(), v => v.GetProperty("cell").GetString()!.StartsWith("申请 ", StringComparison.Ordinal));
        Assert.Equal((5, "申请 " + broken.RequestNumber), (named.GetProperty("rule").GetInt32(), named.GetProperty("cell").GetString()));
        // The broken request is not counted; the clean ones are counted as before.
        Assert.Equal("40", Cell(again.GetProperty("tableThree"), "received", 6));

        // Only the broken tallies' requests are read again. 逾期未缴费 (the unpaid-fee row) with a fee charged breaks rule 12
        // and one without a fee shares its tally (both read one by one, both counted); a third of the same type and outcome,
        // received in 2024, is in a clean tally of its own (read by the narrowed query too, but counted once, as a tally).
        // A request concluded without an outcome breaks rule 5; the four open requests (no outcome either) stay as tallied.
        var charged = Request(county.Id, "自然人", new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 20), RequestOutcomes.AbandonedFeeUnpaid, 10_000);
        var unpaid = Request(county.Id, "自然人", new DateOnly(2025, 7, 2), new DateOnly(2025, 7, 21), RequestOutcomes.AbandonedFeeUnpaid);
        var carried = Request(county.Id, "自然人", new DateOnly(2024, 12, 10), new DateOnly(2025, 1, 5), RequestOutcomes.AbandonedFeeUnpaid);
        var noOutcome = Request(county.Id, "自然人", new DateOnly(2025, 8, 1), new DateOnly(2025, 8, 3), null);
        await using (var db = app.NewContext())
        {
            db.DisclosureRequests.AddRange(charged, unpaid, carried, noOutcome);
            await db.SaveChangesAsync();
        }
        var third = await OkJson(await officer.GetAsync($"/api/disclosure/reports/{report.GetProperty("summary").GetProperty("id").GetInt64()}"));
        var names = third.GetProperty("violations").EnumerateArray().Where(v => v.GetProperty("cell").GetString()!.StartsWith("申请 ", StringComparison.Ordinal))
            .Select(v => (v.GetProperty("rule").GetInt32(), v.GetProperty("cell").GetString()!)).Order().ToList();
        Assert.Equal(new[] { (5, "申请 " + broken.RequestNumber), (5, "申请 " + noOutcome.RequestNumber), (12, "申请 " + charged.RequestNumber) }.Order(), names);
        three = third.GetProperty("tableThree");
        // By hand: received 40 + charged + unpaid = 42 (30 + 2 自然人); carried in: the 2024 one; the unpaid-fee row 3 (all 自然人);
        // still 4 carried out; fees 500 + 100 元.
        Assert.Equal(("32", "10", "42"), (Cell(three, "received", 0), Cell(three, "received", 1), Cell(three, "received", 6)));
        Assert.Equal(("1", "1"), (Cell(three, "carried-in", 0), Cell(three, "carried-in", 6)));
        Assert.Equal(("3", "3"), (Cell(three, ReportTemplates.UnpaidFeeRow, 0), Cell(three, ReportTemplates.UnpaidFeeRow, 6)));
        Assert.Equal(("4", "4"), (Cell(three, "carried-out", 0), Cell(three, "carried-out", 6)));
        Assert.Equal("600", third.GetProperty("fees").GetString());
        // Table three still adds up: 一 + 二 = （七） + 四.
        Assert.Equal(long.Parse(Cell(three, "received", 6), CultureInfo.InvariantCulture) + long.Parse(Cell(three, "carried-in", 6), CultureInfo.InvariantCulture),
            long.Parse(Cell(three, "concluded", 6), CultureInfo.InvariantCulture) + long.Parse(Cell(three, "carried-out", 6), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Table_three_is_read_from_one_index_that_holds_every_column_it_counts_by()
    {
        // The migration pair (DisclosureRequestReportIndex) builds the same index on both databases: an organ's requests by
        // date, then the columns the tallies group and sum — so the report's GROUP BY never reads the wide rows. The old
        // (OrganisationId, ReceivedOn) index is its prefix and is gone.
        await using var db = app.NewContext();
        var columns = await db.Database.SqlQueryRaw<string>(app.Provider == DatabaseProvider.Sqlite
            ? """SELECT "name" AS "Value" FROM pragma_index_info('IX_DisclosureRequests_Report') ORDER BY "seqno" """
            : """
              SELECT a.attname::text AS "Value" FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE c.relname = 'IX_DisclosureRequests_Report' ORDER BY k.n
              """).ToListAsync();
        Assert.Equal(["OrganisationId", "ReceivedOn", "ConcludedOn", "ApplicantType", "Outcome", "FeeFen"], columns);
        var old = await db.Database.SqlQueryRaw<string>(app.Provider == DatabaseProvider.Sqlite
            ? """SELECT "name" AS "Value" FROM sqlite_master WHERE "type" = 'index' AND "name" = 'IX_DisclosureRequests_OrganisationId_ReceivedOn' """
            : """SELECT indexname::text AS "Value" FROM pg_indexes WHERE indexname = 'IX_DisclosureRequests_OrganisationId_ReceivedOn' """).ToListAsync();
        Assert.Empty(old);
    }
}

[Collection("sqlite")]
public sealed class SqliteAnnualReportTests(SqliteClockApp app) : AnnualReportTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresAnnualReportTests(PostgresClockApp app) : AnnualReportTests(app), IClassFixture<PostgresClockApp>;
