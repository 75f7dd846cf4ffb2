namespace Sunshine.Web.Tests.Foundation;

/// <summary>The executable's subcommands, run in-process on a throwaway SQLite file.</summary>
[Collection("sqlite")]
public sealed class CliTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Help_lists_the_subcommands()
    {
        var (code, output, _) = await CliSandbox.RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "serve", "migrate", "demo", "import", "keys" })
            Assert.Contains(command, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_a_database_with_pending_migrations_in_production()
    {
        var (code, _, error) = await CliSandbox.RunAsync(_cli.Settings("serve", "--urls", "http://127.0.0.1:0"));
        Assert.Equal(1, code);
        Assert.Matches(@"^error: The database is missing \d+ migration\(s\)", error);
        Assert.Contains("sunshine migrate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_applies_then_reports_up_to_date()
    {
        var first = await CliSandbox.RunAsync(_cli.Settings("migrate"));
        Assert.Equal(0, first.Code);
        Assert.Matches(@"Applied \d+ migration\(s\)", first.Out);
        var second = await CliSandbox.RunAsync(_cli.Settings("migrate"));
        Assert.Equal(0, second.Code);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_exit_non_zero_with_one_line()
    {
        var (code, _, error) = await CliSandbox.RunAsync(_cli.Settings("demo", "--petitions", "-5"));
        Assert.Equal(1, code);
        Assert.Equal("error: --petitions must not be negative.", error.Trim());

        var unknown = await CliSandbox.RunAsync(_cli.Settings("migrat"));
        Assert.Equal(1, unknown.Code);
        Assert.Contains("unknown command or argument 'migrat'", unknown.Error, StringComparison.Ordinal);
        Assert.Single(unknown.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Import_keeps_good_rows_reports_bad_ones_by_line_and_never_registers_twice()
    {
        Assert.Equal(0, (await CliSandbox.RunAsync(_cli.Settings("demo", "--petitions", "0"))).Code);
        var csv = Path.Combine(_cli.Folder, "mailbox.csv");
        await File.WriteAllTextAsync(csv, string.Join("\n",
            "外部编号,信访人姓名,联系电话,问题属地,信访目的,内容分类,概况,信访内容,信访日期",
            "SZ-0001,赵六,13812345678,140105000000,求决,工资福利,反映拖欠工资,某公司拖欠工资三个月。,2026-03-02",
            "SZ-0002,钱七,12345,140105000000,求决,工资福利,反映拖欠工资,某公司拖欠工资。,2026-03-02",
            "SZ-0003,孙八,,140105000000,要钱,工资福利,反映拖欠工资,某公司拖欠工资。,2026-03-02",
            "SZ-0004,李九,,140106000000,意见建议,城乡建设/其他,建议增设公交线路,建议在某小区门口增设公交站点。,2026-03-03") + "\n");
        var first = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", csv, "--channel", "GovernorMailbox"));
        Assert.Equal(1, first.Code);
        Assert.Contains("4 rows: 2 registered, 0 already registered, 2 with errors.", first.Out, StringComparison.Ordinal);
        var errors = first.Error.Trim().Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("line 3: 联系电话不正确", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4: purpose '要钱'", errors[1], StringComparison.Ordinal);

        var again = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", csv, "--channel", "GovernorMailbox"));
        Assert.Contains("4 rows: 0 registered, 2 already registered, 2 with errors.", again.Out, StringComparison.Ordinal);

        var jsonl = Path.Combine(_cli.Folder, "board.jsonl");
        await File.WriteAllTextAsync(jsonl, """
            {"external_id":"LD-1","name":"周十","issue_locality":"140105000000","purpose":"咨询","summary":"咨询社保转移","content":"请问养老保险如何转移？"}
            {"external_id":"LD-2","name":
            """);
        var board = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", jsonl, "--channel", "LeaderMessageBoard"));
        Assert.Contains("2 rows: 1 registered", board.Out, StringComparison.Ordinal);
        Assert.StartsWith("line 2: JSON:", board.Error.Trim(), StringComparison.Ordinal);

        var xlsx = Path.Combine(_cli.Folder, "premier.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, new[]
        {
            new Dictionary<string, object> { ["external_id"] = "ZL-1", ["name"] = "吴一", ["issue_locality"] = "140105000000", ["summary"] = "反映噪音扰民", ["content"] = "某工地夜间施工噪音扰民。", ["received_on"] = "2026-04-01" },
        });
        var premier = await CliSandbox.RunAsync(_cli.Settings("import", "petitions", xlsx, "--channel", "PremierMailbox"));
        Assert.Equal(0, premier.Code);
        Assert.Contains("1 rows: 1 registered", premier.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_disclosure_and_report_annual_write_and_read_files()
    {
        Assert.Equal(0, (await CliSandbox.RunAsync(_cli.Settings("demo", "--petitions", "0"))).Code);
        var csv = Path.Combine(_cli.Folder, "disclosure.csv");
        await File.WriteAllTextAsync(csv, string.Join("\n",
            "record,organisation,year,kind,value,title,column,formed_on,published_on",
            "register,古交市信访局,2025,normative.made,2,,,,",
            "item,古交市信访局,,,,关于公布信访事项办理流程的公告,公告,2025-05-06,2025-05-08",
            "register,古交市信访局,1999,normative.made,2,,,,") + "\n");
        // A bad row and nothing goes in; without it, the two good rows do, once.
        var first = await CliSandbox.RunAsync(_cli.Settings("import", "disclosure", csv));
        Assert.Equal(1, first.Code);
        Assert.Contains("3 rows: 1 with errors; nothing was imported.", first.Out, StringComparison.Ordinal);
        Assert.StartsWith("line 4: year: ", first.Error.Trim(), StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(csv))[..3];
        await File.WriteAllLinesAsync(csv, lines);
        var good = await CliSandbox.RunAsync(_cli.Settings("import", "disclosure", csv));
        Assert.Equal(0, good.Code);
        Assert.Contains("2 rows: 2 imported, 0 updated, 0 already there.", good.Out, StringComparison.Ordinal);
        var again = await CliSandbox.RunAsync(_cli.Settings("import", "disclosure", csv));
        Assert.Contains("2 rows: 0 imported, 0 updated, 2 already there.", again.Out, StringComparison.Ordinal);

        int organ;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_cli.Folder, "cli.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Id FROM Organisations WHERE Name = '古交市信访局'";
            organ = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var json = Path.Combine(_cli.Folder, "report.json");
        var written = await CliSandbox.RunAsync(_cli.Settings("report", "annual", "--year", "2025", "--organisation", organ.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json", "--out", json));
        Assert.Equal(0, written.Code);
        Assert.Contains("古交市信访局2025年政府信息公开工作年度报告", written.Out, StringComparison.Ordinal);
        using (var parsed = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(json)))
        {
            // The demo's own figures for the bureau plus the two imported documents.
            var made = parsed.RootElement.GetProperty("cells").GetProperty("t2.1.normative.made").GetString()!;
            Assert.True(int.Parse(made, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        }
        var docx = Path.Combine(_cli.Folder, "report.docx");
        Assert.Equal(0, (await CliSandbox.RunAsync(_cli.Settings("report", "annual", "--year", "2025", "--organisation", organ.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "docx", "--out", docx))).Code);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(docx, false))
            Assert.Contains("古交市信访局2025年政府信息公开工作年度报告", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        var bad = await CliSandbox.RunAsync(_cli.Settings("report", "annual", "--year", "2025", "--organisation", "999999", "--format", "json", "--out", json));
        Assert.Equal(1, bad.Code);
        Assert.Contains("There is no organisation 999999", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_annual_takes_a_scope_a_template_and_writes_the_portal_html()
    {
        Assert.Equal(0, (await CliSandbox.RunAsync(_cli.Settings("demo", "--petitions", "0"))).Code);
        string parent;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_cli.Folder, "cli.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT p.Name FROM Organisations o JOIN Organisations p ON p.Id = o.ParentId WHERE o.Name = '古交市信访局'";
            parent = (string)(await command.ExecuteScalarAsync())!;
        }
        // One request of the organ above the bureau, one of the bureau under it: the organ alone counts one, its region two.
        var csv = Path.Combine(_cli.Folder, "requests.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "record,organisation,id,received_on,channel,applicant_type,concluded_on,outcome,fee",
            $"request,{parent},CLI-1,2025-04-01,InPerson,自然人,2025-04-20,disclosed,",
            "request,古交市信访局,CLI-2,2025-04-02,Online,商业企业,2025-04-21,not-processed.5,",
        ]);
        var imported = await CliSandbox.RunAsync(_cli.Settings("import", "disclosure", csv));
        Assert.True(imported.Code == 0, imported.Error);
        int parentId;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_cli.Folder, "cli.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT OrganisationId FROM DisclosureRequests WHERE RequestNumber = 'CLI-1'";
            parentId = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var id = parentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        async Task<System.Text.Json.JsonElement> Json(params string[] scope)
        {
            var path = Path.Combine(_cli.Folder, $"r{Guid.NewGuid():N}.json");
            var run = await CliSandbox.RunAsync(_cli.Settings(["report", "annual", "--year", "2025", "--organisation", id, .. scope, "--format", "json", "--out", path]));
            Assert.True(run.Code == 0, run.Error);
            using var parsed = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(path));
            return parsed.RootElement.Clone();
        }
        string Received(System.Text.Json.JsonElement report) => report.GetProperty("cells").GetProperty("t3.received.total").GetString()!;
        Assert.Equal("1", Received(await Json()));
        Assert.Equal("1", Received(await Json("--scope", "organ")));
        var region = await Json("--scope", "region");
        Assert.Equal("2", Received(region));
        Assert.Equal("1", region.GetProperty("cells").GetProperty("t3.not-processed.5.business").GetString());
        Assert.Equal("2", Received(await Json("--region")));
        // The template: 2021 by default for 2025, 2019 when asked (its table two has 本年新公开数量).
        Assert.Equal("2021", region.GetProperty("format").GetString());
        var trial = await Json("--scope", "region", "--template", "2019");
        Assert.Equal("2019", trial.GetProperty("format").GetString());
        Assert.True(trial.GetProperty("cells").TryGetProperty("t2.1.normative.published", out _));
        Assert.False(region.GetProperty("cells").TryGetProperty("t2.1.normative.published", out _));

        var contradiction = await CliSandbox.RunAsync(_cli.Settings("report", "annual", "--year", "2025", "--organisation", id, "--region", "--scope", "organ", "--format", "json", "--out", "x.json"));
        Assert.Equal(1, contradiction.Code);
        Assert.Contains("--region contradicts --scope organ", contradiction.Error, StringComparison.Ordinal);
        var wrongScope = await CliSandbox.RunAsync(_cli.Settings("report", "annual", "--year", "2025", "--scope", "county", "--format", "json", "--out", "x.json"));
        Assert.NotEqual(0, wrongScope.Code);

        // HTML, exactly as the issue writes the command (no --organisation: the provincial bureau): the portal's article in a page.
        var html = Path.Combine(_cli.Folder, "report.html");
        var written = await CliSandbox.RunAsync(_cli.Settings("report", "annual", "--year", "2025", "--scope", "region", "--template", "2019", "--format", "html", "--out", html));
        Assert.True(written.Code == 0, written.Error);
        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("<article lang=\"zh-CN\" class=\"report-body\" data-testid=\"report-html\">", page, StringComparison.Ordinal);
        Assert.Contains("山西省信访局2025年政府信息公开工作年度报告", page, StringComparison.Ordinal);
        Assert.Contains("本年新公开数量", page, StringComparison.Ordinal);
        Assert.Contains("要求行政机关确认或重新出具已获取信息", page, StringComparison.Ordinal);
        Assert.Contains("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_rotate_adds_a_key()
    {
        var (code, output, _) = await CliSandbox.RunAsync(_cli.Settings("keys", "rotate"));
        Assert.Equal(0, code);
        Assert.Contains("k2", output, StringComparison.Ordinal);
    }
}
