using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sunshine.Web.Features.Petitions.Attachments;

namespace Sunshine.Web.Tests.Portal;

/// <summary>
/// Files sent with the online petition through the plain (no-JavaScript) form: the same store and checks as staff
/// uploads, clear Chinese errors, and a case registered with all its files or not at all.
/// </summary>
public abstract class PublicAttachmentTests(TestApp app)
{
    private const string FormUrl = "/portal/petition/form?place=140105001000";

    private AttachmentStore Store => app.Services.GetRequiredService<AttachmentStore>();

    private List<string> StagedFiles() => Directory.EnumerateFiles(Path.Combine(Store.Root, "staging")).ToList();

    private List<string> StoredFiles() =>
        Directory.EnumerateFiles(Store.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(Store.Root, "staging"), StringComparison.Ordinal)).ToList();

    /// <summary>Fills the form as a browser sends it (multipart/form-data); with no files, the empty file part a browser sends for an untouched input.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(HttpClient client, string summary, params (string Name, byte[] Bytes)[] files)
    {
        var page = await client.GetStringAsync(FormUrl);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var submission = Regex.Match(page, "name=\"Form.SubmissionId\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("enctype=\"multipart/form-data\"", page);
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "petition", ["Form.Place"] = "140105001000", ["Form.SubmissionId"] = submission,
            ["Form.Purpose"] = "Request", ["Form.Summary"] = summary, ["Form.Content"] = "单位拖欠三个月工资，附工资条和照片，请求督促支付。",
            ["Form.Name"] = "王建国", ["Form.IdNumber"] = "11010519491231002X", ["Form.Phone"] = "13912345678", ["Form.AcceptPrivacyNotice"] = "true",
        })
            form.Add(new StringContent(value, Encoding.UTF8), name);
        if (files.Length == 0)
        {
            var empty = new ByteArrayContent([]);
            empty.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Files\"", FileName = "\"\"" };
            empty.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(empty);
        }
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Files\"", FileNameStar = name };
            form.Add(part);
        }
        var response = await client.PostAsync(FormUrl, form);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_citizen_attaches_a_letter_and_a_photo_and_the_case_holds_them_encrypted()
    {
        using var citizen = app.NewClient();
        var pdf = TestFiles.Pdf("工资条 " + Guid.NewGuid(), lines: 6000);
        var png = TestFiles.Png(40, 30, seed: Random.Shared.Next());
        var (response, html) = await SubmitAsync(citizen, "反映单位拖欠工资（附件）", ("工资条.pdf", pdf), ("现场照片.png", png));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caseNumber = Regex.Match(html, "data-testid=\"case-number\">([^<]+)<").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(caseNumber), html);
        Assert.Contains("已收到 2 个文件", html);

        await using var db = app.NewContext();
        var petition = await db.Petitions.SingleAsync(p => p.CaseNumber == caseNumber);
        var rows = await db.PetitionAttachments.Where(a => a.PetitionId == petition.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["工资条.pdf", "现场照片.png"], rows.Select(r => r.FileName).ToArray());
        Assert.Equal(["application/pdf", "image/png"], rows.Select(r => r.ContentType).ToArray());
        Assert.All(rows, r => Assert.Null(r.UploadedBy));
        Assert.Equal(2, await db.PetitionEvents.CountAsync(e => e.PetitionId == petition.Id && e.Action == PetitionAttachments.AddedEvent && !e.IsPublic));
        // Stored encrypted (no PDF header on disk), and the content comes back byte for byte.
        foreach (var (row, bytes) in rows.Zip([pdf, png]))
        {
            var onDisk = await File.ReadAllBytesAsync(Store.PathOf(row.Sha256));
            Assert.False(onDisk.AsSpan().IndexOf("%PDF"u8) >= 0);
            using var back = new MemoryStream();
            await Store.CopyToAsync(row.Sha256, row.Size, back, default);
            Assert.Equal(bytes, back.ToArray());
        }
        Assert.Empty(StagedFiles());

        // An untouched file input sends an empty part: the petition goes in without attachments.
        var (plain, plainHtml) = await SubmitAsync(citizen, "反映单位拖欠工资（无附件）");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var plainCase = Regex.Match(plainHtml, "data-testid=\"case-number\">([^<]+)<").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(plainCase), plainHtml);
        Assert.DoesNotContain("receipt-attachments", plainHtml);
        var plainId = await db.Petitions.Where(p => p.CaseNumber == plainCase).Select(p => p.Id).SingleAsync();
        Assert.False(await db.PetitionAttachments.AnyAsync(a => a.PetitionId == plainId));
    }

    [Fact]
    public async Task A_wrong_type_size_or_count_is_explained_in_Chinese_and_nothing_is_written()
    {
        using var citizen = app.NewClient();
        async Task<(int Petitions, int Attachments, int Events, int Audit)> CountsAsync()
        {
            await using var db = app.NewContext();
            return (await db.Petitions.CountAsync(), await db.PetitionAttachments.CountAsync(), await db.PetitionEvents.CountAsync(), await db.AuditEntries.CountAsync());
        }
        var before = await CountsAsync();
        var stored = StoredFiles().Count;
        byte[] exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

        var (typed, typeHtml) = await SubmitAsync(citizen, "类型不对", ("证据.pdf", TestFiles.Pdf("ok", 3)), ("工具.exe", exe));
        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        Assert.Contains("data-testid=\"error-summary\"", typeHtml);
        Assert.Contains("“工具.exe”的文件类型不允许上传", typeHtml);
        Assert.Contains("data-testid=\"files-reselect\"", typeHtml);
        Assert.DoesNotContain("data-testid=\"case-number\"", typeHtml);
        // The other fields keep what was typed.
        Assert.Contains("value=\"类型不对\"", typeHtml);

        var (_, disguisedHtml) = await SubmitAsync(citizen, "伪装", ("发票.pdf", exe));
        Assert.Contains("“发票.pdf”的内容不是 .pdf 文件，与扩展名不符。", disguisedHtml);

        var big = new byte[Store.Options.MaxFileBytes + 1];
        "%PDF-1.4\n"u8.CopyTo(big);
        var (_, bigHtml) = await SubmitAsync(citizen, "太大", ("扫描件.pdf", big));
        Assert.Contains("“扫描件.pdf”超过单个附件 20 MB 的大小上限。", bigHtml);

        var many = Enumerable.Range(1, Store.Options.MaxFilesPerCase + 1).Select(i => ($"材料{i}.pdf", TestFiles.Pdf("材料 " + i, 1))).ToArray();
        var (_, manyHtml) = await SubmitAsync(citizen, "太多", many);
        Assert.Contains($"每件信访事项最多 {Store.Options.MaxFilesPerCase} 个附件", manyHtml);

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(stored, StoredFiles().Count);
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task Files_over_the_forms_total_are_refused_in_words_and_nothing_is_registered()
    {
        using var citizen = app.NewClient();
        var summary = "反映问题（附件过大）" + Guid.NewGuid().ToString("N")[..6];
        // Two files under the 20 MB per-file limit that together pass the form's 30 MB.
        var big = new byte[16 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        var (response, _) = await SubmitAsync(citizen, summary, ("照片一.jpg", big), ("照片二.jpg", big));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var back = response.Headers.Location!.ToString();
        Assert.StartsWith("/portal/petition/form?place=140105001000", back, StringComparison.Ordinal);
        Assert.Contains("error=files-too-large", back, StringComparison.Ordinal);

        var html = await citizen.GetStringAsync(back);
        Assert.Contains("您选择的附件合计超过 30 MB", html, StringComparison.Ordinal);
        Assert.Contains("合计不超过 30 MB", html, StringComparison.Ordinal);
        await using var db = app.NewContext();
        Assert.False(await db.Petitions.AnyAsync(p => p.Summary == summary));
    }
}

[Collection("sqlite")]
public sealed class SqlitePublicAttachmentTests(SqliteApp app) : PublicAttachmentTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPublicAttachmentTests(PostgresApp app) : PublicAttachmentTests(app), IClassFixture<PostgresApp>;
