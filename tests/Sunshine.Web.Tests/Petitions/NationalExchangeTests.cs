using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Features.Petitions.National;
using Sunshine.Web.Infrastructure;
using Sunshine.Web.Tests.Foundation;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>
/// Exchange with the national petition information system (DOMAIN.md §1.2, §1.3), on a clock standing at 2026-09-16
/// (a Wednesday). Each test works in its own county so that its exports hold only its own cases. Due dates are counted
/// by hand from the statute and the 2026 holiday notice; petition limits do not roll forward to a working day.
/// </summary>
public abstract class NationalExchangeTests(TestApp app) : IDisposable
{
    // The national column set in its order, written out by hand (not taken from the code under test).
    private static readonly string[] Headers =
    [
        "信访件编号", "信访人姓名", "信访人数", "住址", "手机号码", "证件号码", "证件类型", "问题属地", "信访目的", "内容分类",
        "信访日期", "登记日期", "办理期限", "信访形式", "概况", "信访内容", "附件", "是否办结", "是否全国初次信访",
        "是否联名信或集体访", "信访事项状态", "登记单位", "登记人", "责任单位",
    ];

    private const string IdNumber = "11010519491231002X";
    private const string Phone = "13912345678";
    private const string Address = "山西省太原市某街道某小区3号楼";

    private sealed record County(HttpClient Registrar, string RegistrarName, HttpClient Officer, HttpClient Leader, string Bureau, string Unit, int UnitId, string Locality);

    private async Task<County> CountyAsync(string county, string locality)
    {
        var bureau = await app.OrganisationAsync(county + "信访局");
        var unit = await app.OrganisationAsync(county + "人力资源和社会保障局");
        var (registrar, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        var (officer, _) = await app.CreateUserAsync(unit.Id, false, StaffRoles.HandlingOfficer);
        var (leader, _) = await app.CreateUserAsync(unit.Id, false, StaffRoles.UnitLeader);
        return new County(await app.SignedInClientAsync(registrar, password), "测试用户" + registrar[..4],
            await app.SignedInClientAsync(officer, password), await app.SignedInClientAsync(leader, password), bureau.Name, unit.Name, unit.Id, locality);
    }

    private async Task<int> CategoryAsync(string name)
    {
        await using var db = app.NewContext();
        return await db.Categories.Where(c => c.Scheme == "2018" && c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private static async Task<(long Id, string CaseNumber)> RegisterAsync(County c, string summary, string purpose = "Request", string channel = "Letter",
        int headCount = 1, bool jointLetter = false, int? categoryId = null, string? content = null)
    {
        var response = await c.Registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel, purpose, categoryId, issueLocalityCode = c.Locality, summary,
            content = content ?? summary + "，请求有关部门依法处理。",
            receivedOn = "2026-09-15",
            petitioner = new { name = "王建国", idNumber = IdNumber, phone = Phone, address = Address },
            headCount, isJointLetter = jointLetter,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetInt64(), body.GetProperty("caseNumber").GetString()!);
    }

    private static async Task ActAsync(HttpClient client, long id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/petitions/{id}/actions/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<(long Id, string CaseNumber)> AcceptedAsync(County c, string summary, string purpose = "Request", string channel = "Letter",
        int headCount = 1, bool jointLetter = false, string? content = null)
    {
        var petition = await RegisterAsync(c, summary, purpose, channel, headCount, jointLetter, content: content);
        await ActAsync(c.Registrar, petition.Id, "Transfer", new { targetOrganisationId = c.UnitId });
        await ActAsync(c.Officer, petition.Id, "Accept", new { });
        return petition;
    }

    /// <summary>The export as bytes, checked to be a real workbook whose first row is exactly the national header row.</summary>
    private static async Task<byte[]> ExportAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync("/api/petitions/national.xlsx" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            Assert.Single(document.WorkbookPart!.WorksheetParts);
        var header = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().First();
        Assert.Equal(Headers, header.Values.Select(v => v?.ToString()).ToArray());
        return bytes;
    }

    private static List<Dictionary<string, string?>> Rows(byte[] file, ExcelType type) =>
        MiniExcel.Query(new MemoryStream(file), useHeaderRow: true, excelType: type).Cast<IDictionary<string, object?>>()
            .Select(r => r.ToDictionary(kv => kv.Key, kv => kv.Value switch
            {
                null => null,
                string s when s.Length == 0 => null,
                // MiniExcel's CSV reader joins the lines of a quoted value with CR LF; the file itself holds LF.
                string s => s.Replace("\r\n", "\n", StringComparison.Ordinal),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var v => v.ToString(),
            }))
            .ToList();

    private static Dictionary<string, string?> Row(List<Dictionary<string, string?>> rows, string caseNumber) =>
        Assert.Single(rows, r => r["信访件编号"] == caseNumber);

    private static void AssertSameRow(Dictionary<string, string?> expected, Dictionary<string, string?> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, value) in expected)
            Assert.True(value == actual[key], $"{expected["信访件编号"]} {key}: expected «{Escape(value)}», got «{Escape(actual[key])}»");
    }

    private static string? Escape(string? s) => s?.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private string SaveTemp(byte[] bytes, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "sunshine-national-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllBytes(path, bytes);
        _files.Add(path);
        return path;
    }

    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var file in _files) File.Delete(file);
    }

    private async Task<int> ProvincialBureauAsync(TestApp target)
    {
        await using var db = target.NewContext();
        return await db.Organisations.Where(o => o.Name == "山西省信访局").Select(o => o.Id).SingleAsync();
    }

    [Fact]
    public async Task The_export_reports_each_case_in_the_national_state_it_stands_in_today()
    {
        var c = await CountyAsync("小店区", "140105000000");
        var wages = await CategoryAsync("工资福利");
        // A content that needs quoting in CSV: a comma, quotes and a line break.
        var registered = await RegisterAsync(c, "反映拖欠工资", categoryId: wages, content: "某公司拖欠工资，\"三个月\"未发,\n请求督促支付。");
        var accepted = await AcceptedAsync(c, "反映社保断缴");
        var opinion = await AcceptedAsync(c, "反映工伤待遇");
        await ActAsync(c.Leader, opinion.Id, "IssueOpinion", new { opinion = "Support", reason = "责令依法支付工伤待遇。" });
        var review = await AcceptedAsync(c, "反映加班费");
        await ActAsync(c.Leader, review.Id, "IssueOpinion", new { opinion = "Reject", reason = "经核实，诉求无依据。" });
        var city = await app.OrganisationAsync("太原市人力资源和社会保障局");
        await ActAsync(c.Registrar, review.Id, "RequestReview", new { targetOrganisationId = city.Id });
        var declined = await RegisterAsync(c, "反映邻里纠纷");
        await ActAsync(c.Registrar, declined.Id, "Transfer", new { targetOrganisationId = c.UnitId });
        await ActAsync(c.Officer, declined.Id, "Decline", new { reason = "已由人民法院受理。" });
        var inquiry = await AcceptedAsync(c, "咨询养老保险转移", purpose: "Inquiry");
        await ActAsync(c.Officer, inquiry.Id, "Conclude", new { });
        var overdue = await AcceptedAsync(c, "反映培训补贴未发放");
        await using (var db = app.NewContext())
        {
            // Accepted on 2026-07-01 instead: its 60 日 (Art. 34) ran 7/2 … 8/30, so on 2026-09-16 it is overdue.
            await db.Petitions.Where(p => p.Id == overdue.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.AcceptedOn, new DateOnly(2026, 7, 1)));
        }

        var xlsx = await ExportAsync(c.Registrar);
        var rows = Rows(xlsx, ExcelType.XLSX);
        Assert.Equal(7, rows.Count);

        // Registered on 2026-09-16: transfer due after 15 日 (Art. 22), 2026-10-01, in the National Day holiday.
        var first = Row(rows, registered.CaseNumber);
        var expected = new Dictionary<string, string?>
        {
            ["信访件编号"] = registered.CaseNumber, ["信访人姓名"] = "王建国", ["信访人数"] = "1", ["住址"] = Address, ["手机号码"] = Phone,
            ["证件号码"] = IdNumber, ["证件类型"] = "居民身份证", ["问题属地"] = "140105000000", ["信访目的"] = "求决", ["内容分类"] = "劳动和社会保障/工资福利",
            ["信访日期"] = "2026-09-15", ["登记日期"] = "2026-09-16", ["办理期限"] = "2026-10-01", ["信访形式"] = "来信", ["概况"] = "反映拖欠工资",
            ["信访内容"] = "某公司拖欠工资，\"三个月\"未发,\n请求督促支付。", ["附件"] = null, ["是否办结"] = "否", ["是否全国初次信访"] = "是",
            ["是否联名信或集体访"] = "否", ["信访事项状态"] = "受理申请审查中", ["登记单位"] = "小店区信访局", ["登记人"] = c.RegistrarName, ["责任单位"] = null,
        };
        AssertSameRow(expected, first);

        void Expect((long Id, string CaseNumber) petition, string state, string? due, string closed, string? unit)
        {
            var row = Row(rows, petition.CaseNumber);
            Assert.Equal((state, due, closed, unit), (row["信访事项状态"], row["办理期限"], row["是否办结"], row["责任单位"]));
        }
        // Accepted 2026-09-16: 60 日 (Art. 34) → 2026-11-15.
        Expect(accepted, "受理", "2026-11-15", "否", c.Unit);
        // Opinion received 2026-09-16: 30 日 to ask for review (Art. 35) → 2026-10-16.
        Expect(opinion, "已作出处理意见", "2026-10-16", "否", c.Unit);
        // Review asked 2026-09-16 at the city's department: 30 日 to answer (Art. 35) → 2026-10-16.
        Expect(review, "复查", "2026-10-16", "否", "太原市人力资源和社会保障局");
        Expect(declined, "不予受理", null, "是", c.Unit);
        Expect(inquiry, "审核认定办结", null, "是", c.Unit);
        Expect(overdue, "超期未作出处理意见", "2026-08-30", "否", c.Unit);

        // The CSV variant: UTF-8 with a byte-order mark, the same header line, the same rows.
        using var csvResponse = await c.Registrar.GetAsync("/api/petitions/national.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        var csv = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.Equal(string.Join(",", Headers), text.Split('\n')[0].TrimEnd('\r'));
        Assert.Contains(",\"某公司拖欠工资，\"\"三个月\"\"未发,\n请求督促支付。\",", text, StringComparison.Ordinal);
        var csvRows = Rows(csv, ExcelType.CSV);
        Assert.Equal(rows.Count, csvRows.Count);
        foreach (var row in rows) AssertSameRow(row, Row(csvRows, row["信访件编号"]!));

        // The console's list page offers the export beside the ordinary one.
        var page = await c.Registrar.GetStringAsync("/console/petitions");
        Assert.Contains("导出（全国信访信息系统格式）", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/petitions/national.xlsx?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_trip_into_a_fresh_database_gives_the_same_cases_and_a_resend_creates_none()
    {
        var c = await CountyAsync("迎泽区", "140106000000");
        var wages = await CategoryAsync("工资福利");
        var registered = await RegisterAsync(c, "反映拖欠工资", categoryId: wages);
        var collective = await AcceptedAsync(c, "集体反映征地补偿", purpose: "Appeal", channel: "Visit", headCount: 6);
        var suggestion = await AcceptedAsync(c, "建议增设公交站点", purpose: "Suggestion", channel: "Online");
        await ActAsync(c.Leader, suggestion.Id, "ReplySuggestion", new { reason = "已转公交公司研究办理。" });
        var declined = await RegisterAsync(c, "反映合同纠纷", channel: "Phone");
        await ActAsync(c.Registrar, declined.Id, "Transfer", new { targetOrganisationId = c.UnitId });
        await ActAsync(c.Officer, declined.Id, "Decline", new { reason = "属于民事纠纷，已告知起诉。" });
        var joint = await AcceptedAsync(c, "联名反映物业乱收费", jointLetter: true, content: "某小区，\"物业\"乱收费,\n请求查处。");
        await ActAsync(c.Leader, joint.Id, "IssueOpinion", new { opinion = "Explain", reason = "收费标准已公示。" });
        var routed = await RegisterAsync(c, "反映劳动合同解除", channel: "WeChat");
        await ActAsync(c.Registrar, routed.Id, "RouteToLegalChannel", new { route = "Arbitration", reason = "属于劳动争议，应申请劳动仲裁。" });

        var exported = await ExportAsync(c.Registrar);
        var before = Rows(exported, ExcelType.XLSX);
        Assert.Equal(6, before.Count);
        var file = SaveTemp(exported, ".xlsx");

        TestApp fresh = app.Provider == DatabaseProvider.Sqlite ? new SqliteClockApp() : new PostgresClockApp();
        await fresh.InitializeAsync();
        try
        {
            var report = await NationalImport.ImportAsync(file, await ProvincialBureauAsync(fresh), fresh.Services, default);
            Assert.True(report.Errors.Count == 0, string.Join("\n", report.Errors.Select(e => $"line {e.Line}: {e.Reason}")));
            Assert.Equal((6, 6, 0), (report.Rows, report.Created, report.AlreadyThere));

            // The fresh system reports every case exactly as the first one did: numbers, people, dates, states, units.
            var bureau = await fresh.OrganisationAsync("迎泽区信访局");
            var (user, password) = await fresh.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
            using var registrar = await fresh.SignedInClientAsync(user, password);
            var after = Rows(await ExportAsync(registrar), ExcelType.XLSX);
            Assert.Equal(before.Count, after.Count);
            foreach (var row in before) AssertSameRow(row, Row(after, row["信访件编号"]!));

            await using (var db = fresh.NewContext())
            {
                var cases = await db.Petitions.ToDictionaryAsync(p => p.ExternalId!);
                Assert.Equal(PetitionStatus.Registered, cases[registered.CaseNumber].Status);
                Assert.Equal(new DateOnly(2026, 10, 1), cases[registered.CaseNumber].DueOn);
                Assert.Equal(bureau.Id, cases[registered.CaseNumber].RegisteringOrganisationId);
                Assert.Equal(PetitionStatus.Concluded, cases[suggestion.CaseNumber].Status);
                Assert.Equal(PetitionStatus.Declined, cases[declined.CaseNumber].Status);
                Assert.Equal(PetitionStatus.Declined, cases[routed.CaseNumber].Status);
                // 受理 needs its acceptance date to run the 60 日: the case stays registered, the state is history.
                var visit = cases[collective.CaseNumber];
                Assert.Equal((PetitionStatus.Registered, Channel.Visit, true, 6), (visit.Status, visit.Channel, visit.IsCollective, visit.HeadCount));
                var history = await db.PetitionEvents.Where(e => e.PetitionId == visit.Id).OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail }).ToListAsync();
                Assert.Equal(["register", "national-import"], history.Select(e => e.Action).ToArray());
                var record = NationalRecord.FromJson(history[1].Detail)!;
                Assert.Equal(("受理", new DateOnly(2026, 11, 15), c.Unit), (record.State, record.DueOn, record.ResponsibleUnit));
                Assert.True(cases[joint.CaseNumber].IsJointLetter);
                Assert.Equal(Channel.Online, cases[suggestion.CaseNumber].Channel);
            }

            // The same file again, and the same cases as CSV: nothing is created twice.
            var again = await NationalImport.ImportAsync(file, await ProvincialBureauAsync(fresh), fresh.Services, default);
            Assert.Equal((6, 0, 6, 0), (again.Rows, again.Created, again.AlreadyThere, again.Errors.Count));
            var csv = await c.Registrar.GetByteArrayAsync("/api/petitions/national.csv");
            var viaCsv = await NationalImport.ImportAsync(SaveTemp(csv, ".csv"), await ProvincialBureauAsync(fresh), fresh.Services, default);
            Assert.Equal((6, 0, 6, 0), (viaCsv.Rows, viaCsv.Created, viaCsv.AlreadyThere, viaCsv.Errors.Count));
            await using (var db = fresh.NewContext()) Assert.Equal(6, await db.Petitions.CountAsync());

            // Once someone acts on an imported case here, it is reported in its own state, still under the national number.
            long firstId;
            await using (var db = fresh.NewContext()) firstId = await db.Petitions.Where(p => p.ExternalId == registered.CaseNumber).Select(p => p.Id).SingleAsync();
            var unit = await fresh.OrganisationAsync("迎泽区人力资源和社会保障局");
            await ActAsync(registrar, firstId, "Transfer", new { targetOrganisationId = unit.Id });
            var moved = Row(Rows(await ExportAsync(registrar), ExcelType.XLSX), registered.CaseNumber);
            Assert.Equal(("受理申请审查中", unit.Name, "2026-10-01"), (moved["信访事项状态"], moved["责任单位"], moved["办理期限"]));
        }
        finally
        {
            await fresh.DisposeAsync();
        }

        // Sent back to the system it came from, each case is recognised by its own case number.
        var home = await NationalImport.ImportAsync(file, await ProvincialBureauAsync(app), app.Services, default);
        Assert.Equal((6, 0, 6, 0), (home.Rows, home.Created, home.AlreadyThere, home.Errors.Count));
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_line_and_the_good_rows_are_kept()
    {
        var prefix = "GJ" + Guid.NewGuid().ToString("N")[..8];
        Dictionary<string, object?> Line(string number, string state = "受理申请审查中", string closed = "否", string name = "李明", string phone = "13700001111",
            string receivedOn = "2026-08-19", string registeredOn = "2026-08-20", string unit = "杏花岭区信访局", string channel = "来信", string? category = null) => new()
        {
            ["信访件编号"] = prefix + number, ["信访人姓名"] = name, ["信访人数"] = 1, ["住址"] = "山西省太原市杏花岭区某街道", ["手机号码"] = phone,
            ["证件号码"] = null, ["证件类型"] = null, ["问题属地"] = "140107000000", ["信访目的"] = "求决", ["内容分类"] = category,
            ["信访日期"] = receivedOn, ["登记日期"] = registeredOn, ["办理期限"] = null, ["信访形式"] = channel, ["概况"] = "反映拖欠工程款",
            ["信访内容"] = "某工程项目拖欠工程款，请求督促支付。", ["附件"] = null, ["是否办结"] = closed, ["是否全国初次信访"] = "否",
            ["是否联名信或集体访"] = "否", ["信访事项状态"] = state, ["登记单位"] = unit, ["登记人"] = "国家局登记员", ["责任单位"] = "杏花岭区住房和城乡建设局",
        };
        var path = Path.Combine(Path.GetTempPath(), "sunshine-national-" + Guid.NewGuid().ToString("N") + ".xlsx");
        _files.Add(path);
        MiniExcel.SaveAs(path, new[]
        {
            Line("-01", state: "审核认定办结", closed: "是", category: "劳动和社会保障/工资福利/拖欠农民工工资"), // line 2
            Line("-02", phone: "12345"),                                                             // line 3
            Line("-03", state: "办理中"),                                                             // line 4
            Line("-04", name: "李**"),                                                               // line 5
            Line("-05", state: "审核认定办结", closed: "否"),                                          // line 6
            Line("-06", state: "复查", receivedOn: "2026-05-30", registeredOn: "2026-06-01", unit: "国家信访局", channel: "网上建议"), // line 7
            Line("-07", registeredOn: "2026-09-20"),                                                 // line 8
        });

        var province = await ProvincialBureauAsync(app);
        var report = await NationalImport.ImportAsync(path, province, app.Services, default);
        Assert.Equal((7, 2, 0), (report.Rows, report.Created, report.AlreadyThere));
        Assert.Equal([3, 4, 5, 6, 8], report.Errors.Select(e => e.Line).ToArray());
        Assert.StartsWith("联系电话不正确", report.Errors[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("信访事项状态 '办理中' is not one of the national system's 15 states", report.Errors[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("信访人姓名 is masked", report.Errors[2].Reason, StringComparison.Ordinal);
        Assert.StartsWith("是否办结 '否' contradicts 信访事项状态 '审核认定办结'", report.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Equal("登记日期不能早于信访日期，也不能晚于今天。", report.Errors[4].Reason);

        await using (var db = app.NewContext())
        {
            var rows = await db.Petitions.Where(p => p.ExternalId!.StartsWith(prefix)).OrderBy(p => p.ExternalId).ToListAsync();
            Assert.Equal(new[] { prefix + "-01", prefix + "-06" }, rows.Select(p => p.ExternalId!).ToArray());
            var concluded = rows[0];
            Assert.Equal((PetitionStatus.Concluded, (DateOnly?)null, new DateOnly(2026, 8, 20), false), (concluded.Status, concluded.DueOn, concluded.RegisteredOn, concluded.IsFirstNationally));
            Assert.Equal((await app.OrganisationAsync("杏花岭区信访局")).Id, concluded.RegisteringOrganisationId);
            // A third level the 2018 seed does not hold falls back to its second level; the full name stays in the history.
            Assert.Equal(await CategoryAsync("工资福利"), concluded.CategoryId);
            var detail = await db.PetitionEvents.Where(e => e.PetitionId == concluded.Id && e.Action == "national-import").Select(e => e.Detail).SingleAsync();
            Assert.Equal("劳动和社会保障/工资福利/拖欠农民工工资", NationalRecord.FromJson(detail)!.Category);

            // 复查 is kept as history: the case is registered at the default unit (国家信访局 is not a unit here), and
            // 登记日期 starts the chain's 15 日 (Art. 22): 2026-06-01 → 2026-06-16.
            var review = rows[1];
            Assert.Equal((PetitionStatus.Registered, Channel.Online, province, new DateOnly(2026, 6, 16)), (review.Status, review.Channel, review.RegisteringOrganisationId, review.DueOn));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "petition.national-import" && (a.EntityId == concluded.Id.ToString() || a.EntityId == review.Id.ToString())));

            // The case page reports it where the national system said it stands, until someone acts on it here.
            var (user, password) = await app.CreateUserAsync(province, true, StaffRoles.Registrar);
            using var client = await app.SignedInClientAsync(user, password);
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/petitions/{review.Id}");
            Assert.Equal("复查", page.GetProperty("nationalStatus").GetString());
        }

        var again = await NationalImport.ImportAsync(path, province, app.Services, default);
        Assert.Equal((7, 0, 2, 5), (again.Rows, again.Created, again.AlreadyThere, again.Errors.Count));
    }

    [Fact]
    public async Task Personal_data_goes_out_in_clear_only_to_bureau_staff_and_every_export_is_audited()
    {
        var c = await CountyAsync("万柏林区", "140109000000");
        var petition = await RegisterAsync(c, "反映噪音扰民");
        await ActAsync(c.Registrar, petition.Id, "Transfer", new { targetOrganisationId = c.UnitId });
        var (unitRegistrar, password) = await app.CreateUserAsync(c.UnitId, false, StaffRoles.Registrar);
        using var departmentRegistrar = await app.SignedInClientAsync(unitRegistrar, password);

        (string? Name, string? Id, string? Phone, string? Address) PersonOf(byte[] file)
        {
            var row = Assert.Single(Rows(file, ExcelType.XLSX));
            return (row["信访人姓名"], row["证件号码"], row["手机号码"], row["住址"]);
        }
        var masked = ("王**", "1101**********002X", "139****5678", "山西省太原市****");
        Assert.Equal(masked, PersonOf(await ExportAsync(c.Officer)));
        Assert.Equal(masked, PersonOf(await ExportAsync(departmentRegistrar)));
        Assert.Equal(masked, PersonOf(await ExportAsync(c.Registrar, "?masked=true")));
        var clear = await ExportAsync(c.Registrar);
        Assert.Equal(("王建国", IdNumber, Phone, Address), PersonOf(clear));

        await using (var db = app.NewContext())
        {
            var audits = await db.AuditEntries.Where(a => a.Action == "petition.export-national").OrderBy(a => a.Id).ToListAsync();
            var mine = audits.TakeLast(4).Select(a => JsonDocument.Parse(a.After!).RootElement).ToList();
            Assert.All(mine, a => Assert.Equal(1, a.GetProperty("Rows").GetInt32()));
            Assert.Equal([false, false, false, true], mine.Select(a => a.GetProperty("PersonalDataInClear").GetBoolean()).ToArray());
            Assert.Equal(unitRegistrar, audits[^3].UserName);
        }

        // A masked file cannot come back in as cases with made-up people.
        var maskedFile = SaveTemp(await ExportAsync(c.Officer), ".xlsx");
        var report = await NationalImport.ImportAsync(maskedFile, await ProvincialBureauAsync(app), app.Services, default);
        var error = Assert.Single(report.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("信访人姓名 is masked", error.Reason, StringComparison.Ordinal);
    }
}

[Collection("sqlite")]
public sealed class SqliteNationalExchangeTests(SqliteClockApp app) : NationalExchangeTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresNationalExchangeTests(PostgresClockApp app) : NationalExchangeTests(app), IClassFixture<PostgresClockApp>;

/// <summary><c>sunshine import petitions FILE --format national</c>, run in-process on a throwaway SQLite file.</summary>
[Collection("sqlite")]
public sealed class NationalImportCliTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_import_command_takes_a_national_file_and_keeps_the_project_format_as_its_default()
    {
        Assert.Equal(0, (await CliSandbox.RunAsync(_cli.Settings("demo", "--petitions", "0"))).Code);
        var csv = Path.Combine(_cli.Folder, "national.csv");
        await File.WriteAllTextAsync(csv, string.Join("\n",
            "信访件编号,信访人姓名,信访人数,手机号码,问题属地,信访目的,内容分类,信访日期,登记日期,信访形式,概况,信访内容,是否办结,信访事项状态,登记单位",
            "GJ-0001,赵六,1,13812345678,140105000000,求决,工资福利,2026-03-02,2026-03-03,来信,反映拖欠工资,某公司拖欠工资三个月。,是,审核认定办结,小店区信访局",
            "GJ-0002,钱七,2,,140105000000,意见建议,城乡建设/其他,2026-03-02,2026-03-02,网上建议,建议增设公交线路,建议增设公交站点。,否,受理,国家信访局",
            "GJ-0003,孙八,1,,140105000000,求决,,2026-03-02,2026-03-02,飞鸽传书,反映拖欠工资,某公司拖欠工资。,否,受理申请审查中,") + "\n", new UTF8Encoding(true));

        var first = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", csv, "--format", "national"));
        Assert.Equal(1, first.Code);
        Assert.Contains("3 rows: 2 registered, 0 already registered, 1 with errors.", first.Out, StringComparison.Ordinal);
        Assert.StartsWith("line 4: 信访形式 '飞鸽传书'", first.Error.Trim(), StringComparison.Ordinal);
        var again = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", csv, "--format", "national"));
        Assert.Contains("3 rows: 0 registered, 2 already registered, 1 with errors.", again.Out, StringComparison.Ordinal);

        var withChannel = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", csv, "--format", "national", "--channel", "Letter"));
        Assert.Equal((1, "error: --channel does not apply to --format national: each row's 信访形式 names its channel."), (withChannel.Code, withChannel.Error.Trim()));
        var projectWithoutChannel = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", csv));
        Assert.Equal((1, "error: --channel is required: the channel the rows came by, e.g. GovernorMailbox."), (projectWithoutChannel.Code, projectWithoutChannel.Error.Trim()));

        var project = Path.Combine(_cli.Folder, "mailbox.csv");
        await File.WriteAllTextAsync(project, "外部编号,信访人姓名,问题属地,概况,信访内容\nSZ-1,周十,140105000000,咨询社保,请问如何转移社保？\n");
        var wrongFormat = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", project, "--format", "national"));
        Assert.Equal(1, wrongFormat.Code);
        Assert.StartsWith("error: the file lacks the national column(s) 信访件编号, 信访形式", wrongFormat.Error, StringComparison.Ordinal);
        var projectFormat = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", project, "--channel", "GovernorMailbox"));
        Assert.Equal(0, projectFormat.Code);
        Assert.Contains("1 rows: 1 registered", projectFormat.Out, StringComparison.Ordinal);
    }
}
