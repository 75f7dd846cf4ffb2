using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>Notices come out as real Word files on A4 that LibreOffice opens, and as HTML.</summary>
public abstract class NoticeTests(TestApp app)
{
    private async Task<(HttpClient Client, long Id, string CaseNumber)> RegisteredAsync()
    {
        var unit = await app.OrganisationAsync("杏花岭区信访局");
        var (user, password) = await app.CreateUserAsync(unit.Id, true, StaffRoles.Registrar, StaffRoles.Administrator);
        var client = await app.SignedInClientAsync(user, password);
        var response = await client.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140107000000",
            summary = "反映小区供暖温度不达标", content = "本小区今冬室内温度长期低于十六度，多次反映无果。",
            petitioner = new { name = "刘芳", phone = "13600001111" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (client, body.GetProperty("id").GetInt64(), body.GetProperty("caseNumber").GetString()!);
    }

    [Fact]
    public async Task A_notice_is_an_A4_Word_document_with_the_case_filled_in()
    {
        var (client, id, caseNumber) = await RegisteredAsync();
        using var response = await client.GetAsync($"/api/petitions/{id}/notices/acceptance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (var document = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var body = document.MainDocumentPart!.Document.Body!;
            var size = body.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;
            Assert.Equal(11906U, size.Width!.Value);   // 210 mm
            Assert.Equal(16838U, size.Height!.Value);  // 297 mm
            var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Equal("受理告知书", paragraphs[0]);
            Assert.Equal("刘芳：", paragraphs[1]);
            Assert.Contains(caseNumber, paragraphs[2], StringComparison.Ordinal);
            Assert.Contains("2026年9月16日", paragraphs, StringComparer.Ordinal);
            Assert.DoesNotContain(paragraphs, p => p.Contains("{{", StringComparison.Ordinal) && p.Contains("信访件编号", StringComparison.Ordinal));
        }

        // LibreOffice, where installed (test.sh installs it), must be able to turn it into a PDF that holds the text.
        var folder = Directory.CreateTempSubdirectory("sunshine-notice-").FullName;
        var docx = Path.Combine(folder, "notice.docx");
        await File.WriteAllBytesAsync(docx, bytes);
        Assert.True(File.Exists("/usr/bin/soffice"), "LibreOffice Writer is needed to check documents: run ./test.sh, which installs it.");
        Assert.Equal(0, await RunAsync("/usr/bin/soffice", $"--headless -env:UserInstallation=file://{folder}/profile --convert-to pdf --outdir {folder} {docx}"));
        Assert.Equal(0, await RunAsync("/usr/bin/pdftotext", $"{folder}/notice.pdf {folder}/notice.txt"));
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "notice.txt"));
        Assert.Contains("受理告知书", text, StringComparison.Ordinal);
        Assert.Contains(caseNumber, text, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Html_notices_are_escaped_and_templates_with_unknown_placeholders_are_refused()
    {
        var (client, id, caseNumber) = await RegisteredAsync();
        var html = await client.GetStringAsync($"/api/petitions/{id}/notices/acceptance?format=html");
        Assert.Contains("<h1>受理告知书</h1>", html, StringComparison.Ordinal);
        Assert.Contains(caseNumber, html, StringComparison.Ordinal);

        var bad = await client.PutAsJsonAsync("/api/notice-templates/decline", new { title = "不予受理告知书", body = "{{信访人}}：你的{{案由}}已受理。" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString();
        Assert.Equal("模板中的占位符 {{案由}} 不存在。", error);

        var good = await client.PutAsJsonAsync("/api/notice-templates/decline", new { title = "不予受理告知书", body = "{{信访人}}：\n你的信访事项（{{信访件编号}}）不予受理。<script>\n\n{{责任单位}}" });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var edited = await client.GetStringAsync($"/api/petitions/{id}/notices/decline?format=html");
        Assert.Contains("不予受理。&lt;script&gt;", edited, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/petitions/{id}/notices/no-such-kind")).StatusCode);
    }

    private static async Task<int> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }
}

[Collection("sqlite")]
public sealed class SqliteNoticeTests(SqliteClockApp app) : NoticeTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresNoticeTests(PostgresClockApp app) : NoticeTests(app), IClassFixture<PostgresClockApp>;
