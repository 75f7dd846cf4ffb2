using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Petitions.Attachments;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure.Catalogue;

/// <summary>
/// An item's attachments and its clean HTML copy. Files go into the same encrypted attachment store as petitions'
/// (same kinds, size limit and count limit per item), added and removed while the item is a draft: what the leader
/// approved is what is published.
/// </summary>
public static class DisclosureFiles
{
    public static async Task<IResult> Upload(long id, HttpRequest request, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        // As for petitions: a plain form on another site must not be able to post files here.
        if (request.Headers["Sec-Fetch-Site"] is [var site] && site is "cross-site" or "same-site")
            return TypedResults.Problem(title: L["ErrorAttachmentCrossSite"], statusCode: StatusCodes.Status403Forbidden);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary) is not { Length: > 0 } boundary)
            return new Problems(L).Require(false, "files", "ErrorAttachmentMultipart").ToResult();
        var files = new List<IncomingFile>();
        var reader = new MultipartReader(boundary.ToString(), request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                // Sections stream one after another: each is read into memory (at most the size limit plus one byte).
                using var buffer = new MemoryStream();
                await CopyLimitedAsync(section.Body, buffer, store.Options.MaxFileBytes + 1, ct);
                var bytes = buffer.ToArray();
                files.Add(new IncomingFile(name, bytes.Length, () => new MemoryStream(bytes, writable: false)));
            }
        }
        catch (InvalidDataException)
        {
            return new Problems(L).Require(false, "files", "ErrorAttachmentMultipart").ToResult();
        }
        return await AddAsync(id, files, user, db, store, audit, time, L, ct);
    }

    private static async Task CopyLimitedAsync(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), ct)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            total += read;
        }
        // Drain the rest of an oversized part so the next section can be read.
        while (await from.ReadAsync(buffer, ct) > 0) { }
    }

    /// <summary>The console's upload and the API's: checks each file like petitions' attachments, then records them all or none.</summary>
    public static async Task<IResult> AddAsync(long id, IReadOnlyList<IncomingFile> files, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var item = await db.DisclosureItems.WithinScope(scope).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return TypedResults.NotFound();
        if (!DisclosureItemWorkflow.MayEdit(item.Status, scope.Roles))
            return TypedResults.Problem(title: L[scope.IsInRole(Domain.Directory.StaffRoles.DisclosureOfficer) ? "Disclosure.ErrorNotDraft" : "ErrorForbiddenAction"],
                statusCode: scope.IsInRole(Domain.Directory.StaffRoles.DisclosureOfficer) ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden);

        var problems = new Problems(L);
        if (files.Count == 0) problems.Add("files", "ErrorAttachmentNone");
        var staged = new List<(string Name, AttachmentType Type, StagedContent Content)>();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var field = "files[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var name = Path.GetFileName(files[i].FileName?.Trim() ?? "");
                if (name.Length is 0 or > 200) { problems.Add(field, "ErrorAttachmentName"); continue; }
                var type = store.Allowed.FirstOrDefault(t => t.Extension == Path.GetExtension(name).TrimStart('.').ToLowerInvariant());
                if (type is null) { problems.Add(field, "ErrorAttachmentType", name, string.Join(", ", store.Allowed.Select(t => t.Extension))); continue; }
                if (files[i].Size > store.Options.MaxFileBytes) { problems.Add(field, "ErrorAttachmentTooLarge", name, store.Options.MaxFileBytes / 1024 / 1024); continue; }
                StagedContent content;
                await using (var stream = files[i].Open())
                    content = await store.StageAsync(stream, store.Options.MaxFileBytes, ct);
                if (content.TooLarge) problems.Add(field, "ErrorAttachmentTooLarge", name, store.Options.MaxFileBytes / 1024 / 1024);
                else if (content.Size == 0) problems.Add(field, "ErrorAttachmentEmpty", name);
                else if (!type.Matches(content.Head)) problems.Add(field, "ErrorAttachmentContent", name, type.Extension);
                else { staged.Add((name, type, content)); continue; }
                AttachmentStore.Discard(content);
            }
            if (problems.Any) return problems.ToResult();

            await store.Gate.WaitAsync(ct);
            try
            {
                var existing = await db.DisclosureAttachments.Where(a => a.DisclosureItemId == id).Select(a => a.Sha256).ToListAsync(ct);
                var adding = staged.Where(f => !existing.Any(e => e.AsSpan().SequenceEqual(f.Content.Sha256))).DistinctBy(f => Convert.ToHexString(f.Content.Sha256)).ToList();
                if (existing.Count + adding.Count > store.Options.MaxFilesPerCase)
                    return problems.Require(false, "files", "Disclosure.ErrorAttachmentCount", store.Options.MaxFilesPerCase, existing.Count, adding.Count).ToResult();
                var now = time.GetUtcNow().UtcDateTime;
                var rows = new List<DisclosureAttachment>();
                foreach (var f in adding)
                {
                    store.Place(f.Content);
                    var row = new DisclosureAttachment
                    {
                        DisclosureItemId = id, FileName = f.Name, ContentType = f.Type.ContentType, Size = f.Content.Size, Sha256 = f.Content.Sha256,
                        UploadedAt = now, UploadedBy = scope.UserName,
                    };
                    rows.Add(row);
                    db.DisclosureAttachments.Add(row);
                }
                item.Version++;
                audit.Record(scope, "disclosure.item-attach", DisclosureItems.EntityType, id, after: rows.Select(r => new { r.FileName, r.Size }).ToList());
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/disclosure/items/{id}", rows.Select(r => new DisclosureAttachmentDto(r.Id, r.FileName, r.ContentType, r.Size)).ToList());
            }
            catch (DbUpdateException)
            {
                return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
            }
            finally
            {
                store.Gate.Release();
            }
        }
        finally
        {
            foreach (var f in staged) if (File.Exists(f.Content.TempPath)) AttachmentStore.Discard(f.Content);
        }
    }

    public static async Task<IResult> Remove(long id, long attachmentId, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var item = await db.DisclosureItems.WithinScope(scope).SingleOrDefaultAsync(i => i.Id == id, ct);
        var attachment = item is null ? null : await db.DisclosureAttachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.DisclosureItemId == id, ct);
        if (item is null || attachment is null) return TypedResults.NotFound();
        if (!DisclosureItemWorkflow.MayEdit(item.Status, scope.Roles))
            return TypedResults.Problem(title: L["Disclosure.ErrorNotDraft"], statusCode: StatusCodes.Status409Conflict);
        await store.Gate.WaitAsync(ct);
        try
        {
            db.DisclosureAttachments.Remove(attachment);
            item.Version++;
            audit.Record(scope, "disclosure.item-detach", DisclosureItems.EntityType, id, before: new { attachment.FileName, attachment.Size });
            await db.SaveChangesAsync(ct);
            // The content goes with its last reference, whichever kind of record held it.
            if (!await db.DisclosureAttachments.AnyAsync(a => a.Sha256 == attachment.Sha256, ct) && !await db.PetitionAttachments.AnyAsync(a => a.Sha256 == attachment.Sha256, ct))
                store.Delete(attachment.Sha256);
        }
        finally
        {
            store.Gate.Release();
        }
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Download(long id, long attachmentId, HttpContext http, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!await db.DisclosureItems.WithinScope(scope).AnyAsync(i => i.Id == id, ct)) return TypedResults.NotFound();
        return await StreamAsync(http, db, store, id, attachmentId, L, ct);
    }

    /// <summary>The content, decrypted, checked against its SHA-256 before the first byte goes out, as a download.</summary>
    internal static async Task<IResult> StreamAsync(HttpContext http, SunshineDbContext db, AttachmentStore store, long itemId, long attachmentId,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var attachment = await db.DisclosureAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.DisclosureItemId == itemId, ct);
        if (attachment is null) return TypedResults.NotFound();
        try
        {
            await store.CopyToAsync(attachment.Sha256, attachment.Size, Stream.Null, ct);
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            return TypedResults.Problem(title: L["ErrorAttachmentDamaged"], statusCode: StatusCodes.Status500InternalServerError);
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.ContentLength = attachment.Size;
        // Images are shown in place (the body refers to them); every other kind is saved, never run as a page of this site.
        var inline = attachment.ContentType.StartsWith("image/", StringComparison.Ordinal);
        return TypedResults.Stream(body => store.CopyToAsync(attachment.Sha256, attachment.Size, body, ct), attachment.ContentType,
            inline ? null : attachment.FileName);
    }

    /// <summary>
    /// A clean HTML copy of the item for the WeChat and 政务头条 editors: a statutory publication, so always in Chinese;
    /// no inline styles; images and attachments referenced by their public address on the portal.
    /// </summary>
    public static async Task<IResult> Export(long id, HttpContext http, ClaimsPrincipal user, SunshineDbContext db, IConfiguration configuration, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var item = await db.DisclosureItems.AsNoTracking().WithinScope(scope).Include(i => i.Organisation).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return TypedResults.NotFound();
        var baseAddress = (configuration["Portal:PublicAddress"] ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/') + "/";
        var attachments = await db.DisclosureAttachments.AsNoTracking().Where(a => a.DisclosureItemId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.FileName }).ToListAsync(ct);
        var facts = new List<(string, string)>();
        if (item.IndexNumber is not null) facts.Add(("索引号", item.IndexNumber));
        facts.Add(("发布机构", item.Organisation!.Name));
        if (item.DocumentNumber is not null) facts.Add(("文号", item.DocumentNumber));
        facts.Add(("成文日期", item.FormedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)));
        if (item.PublishedOn is { } published) facts.Add(("发布日期", published.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)));
        var html = DisclosureHtml.Export(item.Title, facts, item.Body,
            attachments.Select(a => (a.FileName, baseAddress + PublicCatalogue.AttachmentPath(a.Id).TrimStart('/'))).ToList(), baseAddress);
        return TypedResults.Text(html, "text/html; charset=utf-8");
    }
}
