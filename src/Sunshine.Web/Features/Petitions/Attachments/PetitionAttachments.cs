using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Attachments;

public sealed record AttachmentDto(long Id, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAt, string? UploadedBy);

/// <summary>A case's attachments, what the caller may do with them, and the limits, for the console to show.</summary>
public sealed record AttachmentList(IReadOnlyList<AttachmentDto> Items, bool CanAdd, bool CanRemove, int MaxFiles, long MaxFileBytes, IReadOnlyList<string> Extensions);

/// <summary>The attachments of an upload in the order sent (content the case already held answers with its row), and how many are new.</summary>
public sealed record AttachmentUploadResult(IReadOnlyList<AttachmentDto> Attachments, int Added);

/// <summary>
/// Attachments of a case (the letter's scan, evidence, recordings of calls): part of the registration record
/// (DOMAIN.md §1.2) and, like the rest of it, entered into the system and passed on with the case (《信访工作条例》第二十一条).
/// Only those who may see the case see them; each upload, download and removal is audited.
/// </summary>
public static class PetitionAttachments
{
    public const string AddedEvent = "attachment-added";
    public const string RemovedEvent = "attachment-removed";

    private const string UploadDescription = "multipart/form-data with one or more file parts (any field name). Answers 201 with the attachments "
        + "in the order sent, or 200 when the case already held every one of them.";

    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AttachmentOptions>(configuration.GetSection("Attachments"));
        return services.AddSingleton<AttachmentStore>();
    }

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/petitions/{id:long}/attachments").WithTags("Petitions").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List);
        // The body is read by hand (see ReceiveAsync); no Accepts metadata, which would answer other types with a bare 415.
        group.MapPost("/", Upload).WithDescription(UploadDescription);
        group.MapGet("/{attachmentId:long}", Download);
        group.MapDelete("/{attachmentId:long}", Remove);
        // A mailbox system sends the files of a message it has registered.
        app.MapPost("/api/integration/petitions/{id:long}/attachments", UploadByIntegration).WithTags("Integration")
            .RequireAuthorization(Policies.Integration).WithDescription(UploadDescription);
    }

    /// <summary>Who the caller is to the case, in the workflow's terms.</summary>
    private static WorkflowActor ActorOf(UserScope scope, Petition petition) =>
        WorkflowActor.Staff(scope.OrganisationId, scope.Roles,
            registeringBureau: petition.RegisteringOrganisationId == scope.OrganisationId,
            responsibleUnit: petition.ResponsibleOrganisationId == scope.OrganisationId);

    /// <summary>
    /// The registering unit's registrars add what came with the petition; the responsible unit's officers and leaders
    /// add what they gather while handling it (during review and re-examination, the reviewing organ's).
    /// </summary>
    public static bool MayAdd(WorkflowActor actor) =>
        (actor.IsRegisteringBureau && actor.Has(StaffRoles.Registrar))
        || (actor.IsResponsibleUnit && (actor.Has(StaffRoles.HandlingOfficer) || actor.Has(StaffRoles.UnitLeader)));

    /// <summary>
    /// Only the registering unit's registrar removes an attachment, and only while the case has never left that unit.
    /// Until it is transferred (第二十二条) nobody else has seen the materials, so a wrong file (another person's ID
    /// card, a duplicate scan) can simply be taken back. Once a unit has received the case, the materials are part of
    /// the record it acts on and answers for: taking them away would change that record behind its back.
    /// </summary>
    private static async Task<bool> StillAtRegisteringUnitAsync(SunshineDbContext db, Petition petition, CancellationToken ct) =>
        petition.Status == PetitionStatus.Registered && !await db.PetitionHops.AnyAsync(h => h.PetitionId == petition.Id, ct);

    public static AttachmentDto Dto(PetitionAttachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.Size, Convert.ToHexStringLower(a.Sha256), a.UploadedAt, a.UploadedBy);

    public static async Task<IResult> List(long id, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.AsNoTracking().WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        var rows = await db.PetitionAttachments.AsNoTracking().Where(a => a.PetitionId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var actor = ActorOf(scope, petition);
        var canRemove = actor.IsRegisteringBureau && actor.Has(StaffRoles.Registrar) && await StillAtRegisteringUnitAsync(db, petition, ct);
        return TypedResults.Ok(new AttachmentList(rows.Select(Dto).ToList(), MayAdd(actor), canRemove,
            store.Options.MaxFilesPerCase, store.Options.MaxFileBytes, store.Allowed.Select(t => t.Extension).ToList()));
    }

    /// <summary>Staff upload: multipart/form-data, one or more file parts (any field name).</summary>
    public static async Task<IResult> Upload(long id, HttpRequest request, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        // Unlike JSON, multipart/form-data is what a plain HTML form on another site can post. The SameSite=Lax cookie
        // keeps such posts unsigned-in from other sites; this also refuses them from sibling subdomains (same-site).
        // Browsers send Sec-Fetch-Site; scripts and the console (which calls Add directly) do not.
        if (request.Headers["Sec-Fetch-Site"] is [var site] && site is "cross-site" or "same-site")
            return TypedResults.Problem(title: L["ErrorAttachmentCrossSite"], statusCode: StatusCodes.Status403Forbidden);
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        if (!MayAdd(ActorOf(scope, petition)))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        return await ReceiveAsync(request, petition, scope, db, store, audit, time, L, ct);
    }

    /// <summary>
    /// A mailbox system adds the files of a message it registered: the token's unit must be the registering unit and,
    /// when the token is bound to a channel, the case must have come in on it.
    /// </summary>
    public static async Task<IResult> UploadByIntegration(long id, HttpRequest request, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var channel = user.FindFirstValue("sunshine:channel");
        var petition = await db.Petitions.SingleOrDefaultAsync(p => p.Id == id && p.RegisteringOrganisationId == scope.OrganisationId, ct);
        if (petition is null || (channel is not null && petition.Channel.ToString() != channel)) return TypedResults.NotFound();
        return await ReceiveAsync(request, petition, scope, db, store, audit, time, L, ct);
    }

    /// <summary>The console's upload: the same checks and records as the API, the files coming from the browser.</summary>
    public static async Task<IResult> Add(long id, IReadOnlyList<IncomingFile> files, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        if (!MayAdd(ActorOf(scope, petition)))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        await using var batch = new AttachmentBatch(store, L);
        foreach (var file in files) await batch.AddAsync(file, ct);
        return await batch.SaveAsync(petition, scope, db, audit, time, ct);
    }

    /// <summary>
    /// Reads the multipart body section by section, straight into the encrypting store: a file is never written to
    /// disk in clear, as ASP.NET Core's buffered form reading would do with large files.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, Petition petition, UserScope scope, SunshineDbContext db, AttachmentStore store,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary) is not { Length: > 0 } boundary)
            return new Problems(L).Require(false, "files", "ErrorAttachmentMultipart").ToResult();

        // Room for a full case's worth of files with their part headers; the per-file limit is checked while reading.
        var limit = store.Options.MaxFilesPerCase * (store.Options.MaxFileBytes + 64 * 1024) + 1024 * 1024;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        await using var batch = new AttachmentBatch(store, L);
        try
        {
            var reader = new MultipartReader(boundary.ToString(), request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                    continue;
                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                await batch.AddAsync(new IncomingFile(name, null, () => section.Body), ct);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(title: L["ErrorAttachmentRequestTooLarge", AttachmentBatch.Megabytes(limit)], statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException)
        {
            return new Problems(L).Require(false, "files", "ErrorAttachmentMultipart").ToResult();
        }
        return await batch.SaveAsync(petition, scope, db, audit, time, ct);
    }

    /// <summary>
    /// The content, decrypted, as a download that browsers save rather than display (<c>Content-Disposition:
    /// attachment</c>, <c>nosniff</c>), so a crafted file cannot run as a page of this site. The content is checked
    /// against its recorded SHA-256 before the first byte goes out.
    /// </summary>
    public static async Task<IResult> Download(long id, long attachmentId, HttpContext http, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store,
        Audit audit, IStringLocalizer<SharedResource> L, ILoggerFactory logs, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!await db.Petitions.WithinScope(scope).AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
        var attachment = await db.PetitionAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.PetitionId == id, ct);
        if (attachment is null) return TypedResults.NotFound();
        try
        {
            await store.CopyToAsync(attachment.Sha256, attachment.Size, Stream.Null, ct);
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            logs.CreateLogger(typeof(PetitionAttachments)).LogError(e, "Attachment {AttachmentId} of petition {PetitionId} cannot be read", attachment.Id, id);
            return TypedResults.Problem(title: L["ErrorAttachmentDamaged"], statusCode: StatusCodes.Status500InternalServerError);
        }
        audit.Record(scope, "petition.attachment-download", nameof(PetitionAttachment), attachment.Id, after: new { attachment.PetitionId, attachment.FileName });
        await db.SaveChangesAsync(ct);

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.ContentLength = attachment.Size;
        return TypedResults.Stream(body => store.CopyToAsync(attachment.Sha256, attachment.Size, body, ct), attachment.ContentType, attachment.FileName);
    }

    public static async Task<IResult> Remove(long id, long attachmentId, ClaimsPrincipal user, SunshineDbContext db, AttachmentStore store, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        var attachment = petition is null ? null : await db.PetitionAttachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.PetitionId == id, ct);
        if (petition is null || attachment is null) return TypedResults.NotFound();
        var actor = ActorOf(scope, petition);
        if (!actor.IsRegisteringBureau || !actor.Has(StaffRoles.Registrar))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        if (!await StillAtRegisteringUnitAsync(db, petition, ct))
            return TypedResults.Problem(title: L["ErrorAttachmentRemoveAfterTransfer"], statusCode: StatusCodes.Status409Conflict);

        await store.Gate.WaitAsync(ct);
        try
        {
            db.PetitionAttachments.Remove(attachment);
            // The case's version moves on, so a transfer saved meanwhile makes this removal fail rather than follow it.
            petition.Version++;
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                At = time.GetUtcNow().UtcDateTime,
                On = ChinaTime.Today(time),
                Action = RemovedEvent,
                ToStatus = petition.Status,
                ActorUserId = scope.UserId,
                ActorName = scope.UserName,
                OrganisationId = scope.OrganisationId,
                Detail = JsonSerializer.Serialize(new { attachmentId = attachment.Id, fileName = attachment.FileName }),
                IsPublic = false,
            });
            audit.Record(scope, "petition.attachment-remove", nameof(PetitionAttachment), attachment.Id,
                before: new { attachment.PetitionId, attachment.FileName, attachment.ContentType, attachment.Size, Sha256 = Convert.ToHexStringLower(attachment.Sha256) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
            }
            // The content goes with its last reference (《个人信息保护法》第四十七条: delete what is no longer needed).
            if (!await db.PetitionAttachments.AnyAsync(a => a.Sha256 == attachment.Sha256, ct) && !await db.DisclosureAttachments.AnyAsync(a => a.Sha256 == attachment.Sha256, ct))
                store.Delete(attachment.Sha256);
        }
        finally
        {
            store.Gate.Release();
        }
        return TypedResults.NoContent();
    }
}
