using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Attachments;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>
/// Attachments over HTTP on a real database and a real folder: real PDF and PNG bytes in and out, the encrypted store
/// on disk, the limits, who may see and change them, and the case history.
/// </summary>
public abstract class AttachmentTests(TestApp app)
{
    private sealed record Actors(HttpClient Registrar, HttpClient Officer, HttpClient Stranger, HttpClient BureauLeader, int Unit);

    private async Task<Actors> ActorsAsync()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var other = await app.OrganisationAsync("小店区住房和城乡建设局");
        async Task<HttpClient> Client(int organisation, bool subordinates, string role)
        {
            var (user, password) = await app.CreateUserAsync(organisation, subordinates, role);
            return await app.SignedInClientAsync(user, password);
        }
        return new Actors(await Client(bureau.Id, true, StaffRoles.Registrar), await Client(unit.Id, false, StaffRoles.HandlingOfficer),
            await Client(other.Id, false, StaffRoles.HandlingOfficer), await Client(bureau.Id, true, StaffRoles.BureauLeader), unit.Id);
    }

    private static async Task<long> RegisterAsync(HttpClient registrar)
    {
        var response = await registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映公司拖欠工资", content = "某公司自今年五月起拖欠员工工资，附工资条和现场照片，请求督促支付。",
            petitioner = new { name = "陈明", phone = "13700002222" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, long id, params (string Name, byte[] Bytes)[] files) =>
        UploadToAsync(client, $"/api/petitions/{id}/attachments", files);

    private static async Task<HttpResponseMessage> UploadToAsync(HttpClient client, string url, params (string Name, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
            form.Add(new ByteArrayContent(bytes), "files", name);
        return await client.PostAsync(url, form);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private AttachmentStore Store => app.Services.GetRequiredService<AttachmentStore>();

    private List<string> StoredFiles() =>
        Directory.EnumerateFiles(Store.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(Store.Root, "staging"), StringComparison.Ordinal)).ToList();

    private List<string> StagedFiles() => Directory.EnumerateFiles(Path.Combine(Store.Root, "staging")).ToList();

    [Fact]
    public async Task A_registrar_uploads_a_pdf_and_a_png_and_gets_them_back_byte_for_byte()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);
        var pdf = TestFiles.Pdf("工资条 " + Guid.NewGuid(), lines: 12_000);   // about 200 KB: several 64 KiB chunks
        var png = TestFiles.Png(3, 2, seed: 7);
        var text = TestFiles.Text(2 * 64 * 1024);                         // exactly two chunks: the last one is full

        var uploaded = await JsonAsync(await UploadAsync(a.Registrar, id, ("起诉状.pdf", pdf), (@"C:\fakepath\现场照片.png", png), ("通话记录.txt", text)), HttpStatusCode.Created);
        Assert.Equal(3, uploaded.GetProperty("added").GetInt32());
        var items = uploaded.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["起诉状.pdf", "现场照片.png", "通话记录.txt"], items.Select(i => i.GetProperty("fileName").GetString()!).ToArray());
        Assert.Equal(["application/pdf", "image/png", "text/plain"], items.Select(i => i.GetProperty("contentType").GetString()!).ToArray());
        Assert.Equal(new long[] { pdf.Length, png.Length, text.Length }, items.Select(i => i.GetProperty("size").GetInt64()).ToArray());

        foreach (var (item, bytes) in items.Zip([pdf, png, text]))
        {
            using var response = await a.Registrar.GetAsync($"/api/petitions/{id}/attachments/{item.GetProperty("id").GetInt64()}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(item.GetProperty("contentType").GetString(), response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(item.GetProperty("fileName").GetString(), response.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(response.Headers.CacheControl!.NoStore);
        }

        // The officer of the responsible unit sees them once the case is transferred, and may add evidence.
        Assert.Equal(HttpStatusCode.NotFound, (await a.Officer.GetAsync($"/api/petitions/{id}/attachments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Registrar.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = a.Unit })).StatusCode);
        var list = await a.Officer.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/attachments");
        Assert.Equal(3, list.GetProperty("items").GetArrayLength());
        Assert.True(list.GetProperty("canAdd").GetBoolean());
        Assert.False(list.GetProperty("canRemove").GetBoolean());
        var jpeg = TestFiles.Jpeg(seed: 3);
        await JsonAsync(await UploadAsync(a.Officer, id, ("核查记录.jpg", jpeg)), HttpStatusCode.Created);

        await using var db = app.NewContext();
        var rows = await db.PetitionAttachments.Where(x => x.PetitionId == id).OrderBy(x => x.Id).ToListAsync();
        Assert.Equal(4, rows.Count);
        Assert.Equal(SHA256.HashData(pdf), rows[0].Sha256);
        Assert.Equal(TestClock.Start.UtcDateTime, rows[0].UploadedAt);
        foreach (var (row, bytes) in rows.Zip([pdf, png, text, jpeg]))
        {
            // On disk: named by a keyed hash (not the SHA-256), encrypted (the clear content appears nowhere in it).
            var path = Store.PathOf(row.Sha256);
            Assert.True(File.Exists(path));
            Assert.DoesNotContain(Convert.ToHexStringLower(row.Sha256), path, StringComparison.Ordinal);
            var stored = await File.ReadAllBytesAsync(path);
            Assert.NotEqual(bytes, stored);
            Assert.Equal(-1, stored.AsSpan().IndexOf(bytes.AsSpan(0, Math.Min(bytes.Length, 48))));
            Assert.True(stored.Length > bytes.Length);
        }
        Assert.Empty(StagedFiles());

        var history = await a.Officer.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/history");
        var added = history.EnumerateArray().Where(e => e.GetProperty("action").GetString() == PetitionAttachments.AddedEvent).ToList();
        Assert.Equal(4, added.Count);
        Assert.All(added, e => Assert.False(e.GetProperty("isPublic").GetBoolean()));
        Assert.Equal("起诉状.pdf", JsonDocument.Parse(added[0].GetProperty("detail").GetString()!).RootElement.GetProperty("fileName").GetString());
        Assert.Equal(4, await db.AuditEntries.CountAsync(e => e.Action == "petition.attachment-add" && rows.Select(r => r.Id.ToString()).Contains(e.EntityId)));
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == "petition.attachment-download" && rows.Select(r => r.Id.ToString()).Contains(e.EntityId)));
    }

    [Fact]
    public async Task The_same_content_is_stored_once_and_attached_to_a_case_once()
    {
        var a = await ActorsAsync();
        var first = await RegisterAsync(a.Registrar);
        var second = await RegisterAsync(a.Registrar);
        var png = TestFiles.Png(4, 4, seed: Random.Shared.Next());
        var before = StoredFiles().Count;

        await JsonAsync(await UploadAsync(a.Registrar, first, ("照片.png", png)), HttpStatusCode.Created);
        await JsonAsync(await UploadAsync(a.Registrar, second, ("同一张照片.png", png)), HttpStatusCode.Created);
        // Sent again to the first case (a retry): nothing new, the existing attachment is answered.
        var again = await JsonAsync(await UploadAsync(a.Registrar, first, ("照片-副本.png", png), ("照片.png", png)), HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        Assert.All(again.GetProperty("attachments").EnumerateArray(), x => Assert.Equal("照片.png", x.GetProperty("fileName").GetString()));

        Assert.Equal(before + 1, StoredFiles().Count);
        Assert.Empty(StagedFiles());
        await using var db = app.NewContext();
        var sha = SHA256.HashData(png);
        Assert.Equal(2, await db.PetitionAttachments.CountAsync(x => x.Sha256 == sha));
        Assert.Equal(1, await db.PetitionAttachments.CountAsync(x => x.PetitionId == first));
    }

    [Fact]
    public async Task Files_that_break_a_limit_are_refused_with_the_limit_named_and_nothing_is_kept()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);
        var before = StoredFiles().Count;

        // One file over 20 MB refuses the whole upload, the good file with it.
        var big = new byte[20 * 1024 * 1024 + 1];
        "%PDF-1.4\n"u8.CopyTo(big);
        var tooBig = await JsonAsync(await UploadAsync(a.Registrar, id, ("证据.pdf", TestFiles.Pdf("ok", 10)), ("扫描件.pdf", big)), HttpStatusCode.BadRequest);
        Assert.Equal(["“扫描件.pdf”超过单个附件 20 MB 的大小上限。"], Errors(tooBig, "files[1]"));
        Assert.False(tooBig.GetProperty("errors").TryGetProperty("files[0]", out _));

        // Exactly 20 MB is within the limit.
        var limit = new byte[20 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(limit);
        await JsonAsync(await UploadAsync(a.Registrar, id, ("整卷扫描.pdf", limit)), HttpStatusCode.Created);

        // The first bytes must match the extension: a PNG called .pdf, a Windows program called .pdf or .jpg, a PDF called .txt.
        var exe = Encoding.ASCII.GetBytes("MZ\x90\0\x03\0\0\0This program cannot be run in DOS mode.");
        var disguised = await JsonAsync(await UploadAsync(a.Registrar, id,
            ("照片.pdf", TestFiles.Png(2, 2, 1)), ("发票.pdf", exe), ("头像.jpg", exe), ("说明.txt", TestFiles.Pdf("x", 1)), ("工具.exe", exe), ("空白.txt", [])), HttpStatusCode.BadRequest);
        Assert.Equal(["“照片.pdf”的内容不是 .pdf 文件，与扩展名不符。"], Errors(disguised, "files[0]"));
        Assert.Equal(["“发票.pdf”的内容不是 .pdf 文件，与扩展名不符。"], Errors(disguised, "files[1]"));
        Assert.Equal(["“头像.jpg”的内容不是 .jpg 文件，与扩展名不符。"], Errors(disguised, "files[2]"));
        Assert.Equal(["“说明.txt”的内容不是 .txt 文件，与扩展名不符。"], Errors(disguised, "files[3]"));
        Assert.StartsWith("“工具.exe”的文件类型不允许上传（允许的类型：pdf, jpg, jpeg, png,", Errors(disguised, "files[4]")[0], StringComparison.Ordinal);
        Assert.Equal(["“空白.txt”是空文件。"], Errors(disguised, "files[5]"));

        // In English on request.
        var english = await JsonAsync(await UploadToAsync(a.Registrar, $"/api/petitions/{id}/attachments?culture=en-US", ("photo.pdf", TestFiles.Png(2, 2, 1))), HttpStatusCode.BadRequest);
        Assert.Equal(["The content of “photo.pdf” is not a .pdf file: it does not match its extension."], Errors(english, "files[0]"));

        // At most 10 per case: 11 at once are refused; with 1 attached, 9 more are too many as well.
        var eleven = Enumerable.Range(1, 11).Select(i => ($"记录{i}.txt", TestFiles.Text(100 + i))).ToArray();
        var tooMany = await JsonAsync(await UploadAsync(a.Registrar, id, eleven), HttpStatusCode.BadRequest);
        Assert.Equal(["每件信访事项最多 10 个附件：已有 1 个，本次新增 11 个。"], Errors(tooMany, "files"));
        var nine = await JsonAsync(await UploadAsync(a.Registrar, id, eleven[..9]), HttpStatusCode.Created);
        Assert.Equal(9, nine.GetProperty("added").GetInt32());
        var oneMore = await JsonAsync(await UploadAsync(a.Registrar, id, ("补充.txt", TestFiles.Text(99))), HttpStatusCode.BadRequest);
        Assert.Equal(["每件信访事项最多 10 个附件：已有 10 个，本次新增 1 个。"], Errors(oneMore, "files"));

        var noFiles = await JsonAsync(await a.Registrar.PostAsync($"/api/petitions/{id}/attachments", new MultipartFormDataContent { { new StringContent("x"), "note" } }), HttpStatusCode.BadRequest);
        Assert.Equal(["请选择要上传的文件。"], Errors(noFiles, "files"));
        var json = await JsonAsync(await a.Registrar.PostAsJsonAsync($"/api/petitions/{id}/attachments", new { files = "x" }), HttpStatusCode.BadRequest);
        Assert.Equal(["请以 multipart/form-data 格式上传文件。"], Errors(json, "files"));

        await using var db = app.NewContext();
        Assert.Equal(10, await db.PetitionAttachments.CountAsync(x => x.PetitionId == id));
        Assert.Equal(before + 10, StoredFiles().Count);
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task Only_those_who_see_the_case_see_its_attachments_and_only_its_handlers_add_them()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);
        var uploaded = await JsonAsync(await UploadAsync(a.Registrar, id, ("信件.pdf", TestFiles.Pdf("信件", 5))), HttpStatusCode.Created);
        var attachmentId = uploaded.GetProperty("attachments")[0].GetProperty("id").GetInt64();
        var url = $"/api/petitions/{id}/attachments/{attachmentId}";

        // Another unit of the county, and the responsible unit before the case reaches it: the case does not exist for them.
        foreach (var outsider in new[] { a.Stranger, a.Officer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/petitions/{id}/attachments")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(outsider, id, ("x.pdf", TestFiles.Pdf("x", 1)))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync(url)).StatusCode);
        }
        using var anonymous = app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        // An attachment id of another case does not open through this one.
        var other = await RegisterAsync(a.Registrar);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Registrar.GetAsync($"/api/petitions/{other}/attachments/{attachmentId}")).StatusCode);

        // The bureau's leader sees the case and may download, but does not handle it: no upload, no removal.
        Assert.Equal(HttpStatusCode.OK, (await a.BureauLeader.GetAsync(url)).StatusCode);
        var leaderList = await a.BureauLeader.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/attachments");
        Assert.False(leaderList.GetProperty("canAdd").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(a.BureauLeader, id, ("x.pdf", TestFiles.Pdf("x", 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.BureauLeader.DeleteAsync(url)).StatusCode);

        // A form posted by a page of another site (the browser says so) is refused, even with the cookie.
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/api/petitions/{id}/attachments"))
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            crossSite.Content = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("x", 1)), "files", "x.pdf" } };
            var refused = await JsonAsync(await a.Registrar.SendAsync(crossSite), HttpStatusCode.Forbidden);
            Assert.Equal("不接受从其他网站提交的上传。", refused.GetProperty("title").GetString());
        }

        // The API reference lists the endpoints.
        var openApi = await a.Registrar.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/petitions/{id}/attachments/{attachmentId}\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"/api/integration/petitions/{id}/attachments\"", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registrar_removes_an_attachment_only_while_the_case_has_not_left_the_bureau()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);
        var shared = TestFiles.Png(5, 5, seed: Random.Shared.Next());
        var wrong = TestFiles.Pdf("别人的身份证 " + Guid.NewGuid(), 3);
        var up = await JsonAsync(await UploadAsync(a.Registrar, id, ("身份证.pdf", wrong), ("照片.png", shared)), HttpStatusCode.Created);
        var wrongId = up.GetProperty("attachments")[0].GetProperty("id").GetInt64();
        var sharedId = up.GetProperty("attachments")[1].GetProperty("id").GetInt64();
        var elsewhere = await RegisterAsync(a.Registrar);
        await JsonAsync(await UploadAsync(a.Registrar, elsewhere, ("照片.png", shared)), HttpStatusCode.Created);
        Assert.True((await a.Registrar.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/attachments")).GetProperty("canRemove").GetBoolean());

        // A wrong file is taken back: its row, and its content, which no other case uses, are gone.
        Assert.Equal(HttpStatusCode.NoContent, (await a.Registrar.DeleteAsync($"/api/petitions/{id}/attachments/{wrongId}")).StatusCode);
        Assert.False(File.Exists(Store.PathOf(SHA256.HashData(wrong))));
        Assert.Equal(HttpStatusCode.NotFound, (await a.Registrar.GetAsync($"/api/petitions/{id}/attachments/{wrongId}")).StatusCode);
        // Content another case still uses stays on disk for it.
        Assert.Equal(HttpStatusCode.NoContent, (await a.Registrar.DeleteAsync($"/api/petitions/{id}/attachments/{sharedId}")).StatusCode);
        Assert.True(File.Exists(Store.PathOf(SHA256.HashData(shared))));
        var stillThere = (await a.Registrar.GetFromJsonAsync<JsonElement>($"/api/petitions/{elsewhere}/attachments")).GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(shared, await a.Registrar.GetByteArrayAsync($"/api/petitions/{elsewhere}/attachments/{stillThere}"));

        // Once transferred the materials are part of the record: the bureau may not remove them, nor the unit.
        var kept = (await JsonAsync(await UploadAsync(a.Registrar, id, ("信件.pdf", TestFiles.Pdf("信件", 2))), HttpStatusCode.Created)).GetProperty("attachments")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await a.Registrar.PostAsJsonAsync($"/api/petitions/{id}/actions/Transfer", new { targetOrganisationId = a.Unit })).StatusCode);
        var late = await JsonAsync(await a.Registrar.DeleteAsync($"/api/petitions/{id}/attachments/{kept}"), HttpStatusCode.Conflict);
        Assert.Equal("该件已离开登记单位办理，附件已成为案卷材料，不能删除。", late.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Officer.DeleteAsync($"/api/petitions/{id}/attachments/{kept}")).StatusCode);
        // Sent back by the unit's objection, the case is Registered again, but it has been out: still no removal.
        Assert.Equal(HttpStatusCode.OK, (await a.Officer.PostAsJsonAsync($"/api/petitions/{id}/actions/Object", new { reason = "不属于本单位职责" })).StatusCode);
        await JsonAsync(await a.Registrar.DeleteAsync($"/api/petitions/{id}/attachments/{kept}"), HttpStatusCode.Conflict);

        var history = await a.Registrar.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}/history");
        Assert.Equal(2, history.EnumerateArray().Count(e => e.GetProperty("action").GetString() == PetitionAttachments.RemovedEvent));
        await using var db = app.NewContext();
        Assert.Equal(1, await db.PetitionAttachments.CountAsync(x => x.PetitionId == id));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "petition.attachment-remove" && (e.EntityId == wrongId.ToString() || e.EntityId == sharedId.ToString())));
    }

    [Fact]
    public async Task A_damaged_file_is_not_served()
    {
        var a = await ActorsAsync();
        var id = await RegisterAsync(a.Registrar);
        var pdf = TestFiles.Pdf("将被篡改 " + Guid.NewGuid(), 4000);
        var attachmentId = (await JsonAsync(await UploadAsync(a.Registrar, id, ("材料.pdf", pdf)), HttpStatusCode.Created)).GetProperty("attachments")[0].GetProperty("id").GetInt64();
        var path = Store.PathOf(SHA256.HashData(pdf));
        var stored = await File.ReadAllBytesAsync(path);
        stored[^100] ^= 0x01;   // one bit in the last chunk
        await File.WriteAllBytesAsync(path, stored);

        var answer = await a.Registrar.GetAsync($"/api/petitions/{id}/attachments/{attachmentId}");
        // The tests' clients carry what the server logged into a 5xx answer's reason phrase, so a 500 met once in CI says why.
        Assert.Contains($"Attachment {attachmentId} of petition {id} cannot be read", answer.ReasonPhrase, StringComparison.Ordinal);
        var response = await JsonAsync(answer, HttpStatusCode.InternalServerError);
        Assert.Equal("附件内容缺失或已损坏，请联系系统管理员。", response.GetProperty("title").GetString());
    }

    [Fact]
    public void Pieces_of_uploads_cut_off_by_a_crash_are_swept_at_start_when_a_day_old()
    {
        var root = Directory.CreateTempSubdirectory("sunshine-attachments-").FullName;
        try
        {
            var staging = Directory.CreateDirectory(Path.Combine(root, "staging")).FullName;
            var old = Path.Combine(staging, "old.part");
            var fresh = Path.Combine(staging, "fresh.part");
            File.WriteAllBytes(old, [1]);
            File.WriteAllBytes(fresh, [2]);
            File.SetLastWriteTimeUtc(old, TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-25));
            _ = new AttachmentStore(Microsoft.Extensions.Options.Options.Create(new AttachmentOptions { Path = root }), Sunshine.Web.Infrastructure.PersonalData.ForTests(), TimeProvider.System);
            Assert.False(File.Exists(old));
            Assert.True(File.Exists(fresh));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_mailbox_system_attaches_the_files_of_a_message_it_registered()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        using var mailbox = await app.TokenClientAsync(bureau.Id, Channel.GovernorMailbox, "省长信箱");
        using var otherMailbox = await app.TokenClientAsync((await app.OrganisationAsync("小店区信访局")).Id, Channel.GovernorMailbox, "省长信箱");
        var registered = await JsonAsync(await mailbox.PostAsJsonAsync("/api/integration/petitions", new
        {
            channel = "GovernorMailbox", purpose = "Suggestion", issueLocalityCode = "140105000000", externalId = "SZXX" + Guid.NewGuid().ToString("N")[..10],
            summary = "建议增设公交线路", content = "建议在小店区增设一条连接高铁站的公交线路，附线路示意图。", petitioner = new { name = "刘洋" },
        }), HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetInt64();

        var png = TestFiles.Png(6, 3, seed: 11);
        var sent = await JsonAsync(await UploadToAsync(mailbox, $"/api/integration/petitions/{id}/attachments", ("线路示意图.png", png)), HttpStatusCode.Created);
        Assert.Equal(1, sent.GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await UploadToAsync(otherMailbox, $"/api/integration/petitions/{id}/attachments", ("x.png", png))).StatusCode);
        // The token opens the integration door only, not the staff API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await mailbox.GetAsync($"/api/petitions/{id}/attachments")).StatusCode);

        await using var db = app.NewContext();
        var row = await db.PetitionAttachments.SingleAsync(x => x.PetitionId == id);
        Assert.Equal("token:省长信箱", row.UploadedBy);
        Assert.True(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Action == PetitionAttachments.AddedEvent));
    }
}

[Collection("sqlite")]
public sealed class SqliteAttachmentTests(SqliteClockApp app) : AttachmentTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresAttachmentTests(PostgresClockApp app) : AttachmentTests(app), IClassFixture<PostgresClockApp>;
