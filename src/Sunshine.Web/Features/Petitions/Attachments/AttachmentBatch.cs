using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Attachments;

/// <summary>A file as it arrives: its name as the sender gave it, its size when known in advance, and its content.</summary>
public sealed record IncomingFile(string? FileName, long? Size, Func<Stream> Open);

/// <summary>
/// The files of one upload. Each is encrypted into the store's staging folder as it arrives and then checked against
/// the limits; nothing is placed in the store or recorded unless every file passes, and what was staged is removed
/// when the batch is disposed.
/// </summary>
internal sealed class AttachmentBatch(AttachmentStore store, IStringLocalizer<SharedResource> L) : IAsyncDisposable
{
    private readonly List<(string FileName, AttachmentType Type, StagedContent Content)> _accepted = [];
    private readonly Problems _problems = new(L);
    private int _received;
    private int _unread;

    private AttachmentOptions Options => store.Options;

    public async Task AddAsync(IncomingFile file, CancellationToken ct)
    {
        var field = "files[" + _received.ToString(CultureInfo.InvariantCulture) + "]";
        _received++;
        var name = CleanName(file.FileName);
        if (name is null)
        {
            _problems.Add(field, "ErrorAttachmentName");
            return;
        }
        var extension = Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
        var type = store.Allowed.FirstOrDefault(t => t.Extension == extension);
        if (type is null)
        {
            _problems.Add(field, "ErrorAttachmentType", name, string.Join(", ", store.Allowed.Select(t => t.Extension)));
            return;
        }
        if (file.Size > Options.MaxFileBytes)
        {
            _problems.Add(field, "ErrorAttachmentTooLarge", name, Megabytes(Options.MaxFileBytes));
            return;
        }
        if (_received > Options.MaxFilesPerCase)
        {
            // More files than any case may hold: not worth reading; counted when saving.
            _unread++;
            return;
        }
        StagedContent staged;
        await using (var content = file.Open())
            staged = await store.StageAsync(content, Options.MaxFileBytes, ct);
        if (staged.TooLarge)
            _problems.Add(field, "ErrorAttachmentTooLarge", name, Megabytes(Options.MaxFileBytes));
        else if (staged.Size == 0)
            _problems.Add(field, "ErrorAttachmentEmpty", name);
        else if (!type.Matches(staged.Head))
            _problems.Add(field, "ErrorAttachmentContent", name, type.Extension);
        else
        {
            _accepted.Add((name, type, staged));
            return;
        }
        AttachmentStore.Discard(staged);
    }

    /// <summary>Files were sent (an empty file input of a plain form sends none).</summary>
    public bool Any => _received > 0;

    /// <summary>
    /// For a case not registered yet (the public form): the refusals so far and a count over the limit, so the
    /// citizen is told before anything is registered. Null when every file passed.
    /// </summary>
    public Problems? RefusalForNewCase()
    {
        if (_received > Options.MaxFilesPerCase)
            _problems.Add("files", "ErrorAttachmentCount", Options.MaxFilesPerCase, 0, _received);
        return _problems.Any ? _problems : null;
    }

    /// <summary>
    /// Checks the count against the case, places the content and records the rows, their history events and audit
    /// entries in one transaction — the caller's, when it has one open (the public form registers the case and its
    /// files together). Content the case already holds is not attached twice: its row is answered instead.
    /// <paramref name="scope"/> is null for the citizen's own upload with the online petition.
    /// </summary>
    public async Task<IResult> SaveAsync(Petition petition, UserScope? scope, SunshineDbContext db, Audit audit, TimeProvider time, CancellationToken ct)
    {
        if (_received == 0) _problems.Add("files", "ErrorAttachmentNone");
        if (_problems.Any) return _problems.ToResult();

        var placed = new List<StagedContent>();
        await store.Gate.WaitAsync(ct);
        try
        {
            // Counted under the gate, so two uploads at once cannot together pass the limit.
            var existing = await db.PetitionAttachments.Where(a => a.PetitionId == petition.Id).OrderBy(a => a.Id).ToListAsync(ct);
            var adding = _accepted
                .Where(f => !existing.Any(e => e.Sha256.AsSpan().SequenceEqual(f.Content.Sha256)))
                .DistinctBy(f => Convert.ToHexString(f.Content.Sha256))
                .ToList();
            if (existing.Count + adding.Count + _unread > Options.MaxFilesPerCase)
            {
                _problems.Add("files", "ErrorAttachmentCount", Options.MaxFilesPerCase, existing.Count, adding.Count + _unread);
                return _problems.ToResult();
            }

            var now = time.GetUtcNow().UtcDateTime;
            var rows = adding.Select(f => new PetitionAttachment
            {
                PetitionId = petition.Id,
                FileName = f.FileName,
                ContentType = f.Type.ContentType,
                Size = f.Content.Size,
                Sha256 = f.Content.Sha256,
                UploadedAt = now,
                UploadedBy = scope?.UserName,
            }).ToList();
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            foreach (var (file, row) in adding.Zip(rows))
            {
                if (store.Place(file.Content)) placed.Add(file.Content);
                db.PetitionAttachments.Add(row);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                foreach (var row in rows)
                {
                    db.PetitionEvents.Add(new PetitionEvent
                    {
                        PetitionId = petition.Id,
                        At = now,
                        On = ChinaTime.Today(time),
                        Action = PetitionAttachments.AddedEvent,
                        ToStatus = petition.Status,
                        ActorUserId = scope?.UserId,
                        ActorName = scope?.UserName,
                        OrganisationId = scope?.OrganisationId,
                        Detail = JsonSerializer.Serialize(new { attachmentId = row.Id, fileName = row.FileName, contentType = row.ContentType, size = row.Size }),
                        IsPublic = false,
                    });
                    audit.Record(scope, "petition.attachment-add", nameof(PetitionAttachment), row.Id,
                        after: new { row.PetitionId, row.FileName, row.ContentType, row.Size, Sha256 = Convert.ToHexStringLower(row.Sha256) });
                }
                await db.SaveChangesAsync(ct);
                if (tx is not null) await tx.CommitAsync(ct);
            }
            catch (DbUpdateException) when (tx is not null)
            {
                // Another node attached the same content to the case at the same moment (the unique index). Its row
                // may use the file just placed, so the file stays: unreferenced at worst, encrypted, reused if sent again.
                placed.Clear();
                return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
            }
            placed.Clear();

            var all = existing.Concat(rows).ToList();
            var answer = _accepted.Select(f => PetitionAttachments.Dto(all.First(a => a.Sha256.AsSpan().SequenceEqual(f.Content.Sha256)))).ToList();
            var result = new AttachmentUploadResult(answer, rows.Count);
            return rows.Count > 0
                ? TypedResults.Created($"/api/petitions/{petition.Id}/attachments/{rows[0].Id}", result)
                : TypedResults.Ok(result);
        }
        finally
        {
            // Content this upload placed is referenced by no row if the transaction failed; still under the gate,
            // nobody else can have started to use it, so it goes.
            foreach (var content in placed) store.Delete(content.Sha256);
            store.Gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in _accepted) AttachmentStore.Discard(file.Content);
        return ValueTask.CompletedTask;
    }

    public static string Megabytes(long bytes) => (bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The file's own name: no folders (old browsers sent the full Windows path), no control characters, at most 255 characters.</summary>
    private static string? CleanName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var name = new string(raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..].Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0) return null;
        if (name.Length > 255)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length > 16) extension = "";
            var cut = 255 - extension.Length;
            if (char.IsHighSurrogate(name[cut - 1])) cut--;
            name = name[..cut] + extension;
        }
        return name;
    }
}
