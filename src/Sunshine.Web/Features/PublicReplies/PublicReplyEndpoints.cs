using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.PublicReplies;

/// <summary>What staff publish: all three texts are shown to the public as given (after a last anonymising pass).</summary>
public sealed record PublishReplyRequest(string? Title, string? Message, string? Reply);

/// <summary>
/// The panel's starting point for a case: whether it can be published (<paramref name="Eligible"/>: a mailbox channel
/// and a reply given), the pre-filled anonymised texts, and the published reply's id when it is already public.
/// </summary>
public sealed record ReplyDraft(bool Eligible, long? PublishedId, string Title, string Message, string Reply);

public sealed record PublicReplySummary(long Id, string Title, Channel Channel, DateOnly ReceivedOn, DateOnly RepliedOn, DateOnly PublishedOn);

public sealed record PublicReplyPage(IReadOnlyList<PublicReplySummary> Items, int Total, int Page, int PageSize);

public sealed record PublicReplyDto(long Id, string Title, Channel Channel, string Message, string Reply, string Unit, DateOnly ReceivedOn, DateOnly RepliedOn,
    DateOnly PublishedOn);

/// <summary>
/// 互动回应: a replied mailbox petition is published on the portal, its personal data removed (<see cref="Anonymiser"/>).
/// Publishing and unpublishing are staff decisions within scope (<see cref="ScopeQueries.WithinScope(IQueryable{Petition}, UserScope)"/>)
/// by a handling officer, unit leader or registrar, audited and kept in the case's history as internal steps.
/// </summary>
public static class PublicReplyEndpoints
{
    public const int PageSize = 10;

    /// <summary>The mailbox channels whose replies are published (the public writes to them expecting a public answer).</summary>
    public static readonly IReadOnlySet<Channel> Channels = new HashSet<Channel>
    {
        Channel.GovernorMailbox, Channel.LeaderMailbox, Channel.LeaderMessageBoard, Channel.PremierMailbox, Channel.Online,
    };

    public static readonly string PublishCode = "publish-reply";
    public static readonly string UnpublishCode = "unpublish-reply";

    /// <summary>The history steps that carry the reply to the petitioner (处理意见 Art. 32, or a suggestion's answer).</summary>
    private static readonly string[] ReplyCodes = [PetitionActions.Code(PetitionAction.IssueOpinion), PetitionActions.Code(PetitionAction.ReplySuggestion)];

    private static readonly string[] Roles = [StaffRoles.HandlingOfficer, StaffRoles.UnitLeader, StaffRoles.Registrar];

    public static void MapPublicReplyEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/petitions/{id:long}/public-reply").WithTags("Public replies").RequireAuthorization(Policies.Staff);
        staff.MapGet("/draft", Draft);
        staff.MapPost("/", Publish);
        staff.MapDelete("/", Unpublish);

        var open = app.MapGroup("/api/public/replies").WithTags("Public replies").AllowAnonymous();
        open.MapGet("/", List);
        open.MapGet("/{id:long}", Get);
    }

    public static async Task<IResult> Draft(long id, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (petition, refusal) = await FindAsync(id, user, db, L, ct);
        if (petition is null) return refusal!;
        var published = await db.PublicReplies.AsNoTracking().Where(r => r.PetitionId == id).Select(r => (long?)r.Id).SingleOrDefaultAsync(ct);
        var reply = await LastReplyAsync(db, id, ct);
        var eligible = Channels.Contains(petition.Channel) && reply is not null;
        if (!eligible) return TypedResults.Ok(new ReplyDraft(false, published, "", "", ""));
        var address = personalData.Unprotect(petition.AddressProtected);
        var others = Representatives(petition);
        string Clean(string text) => Anonymiser.Anonymise(text, petition.PetitionerName, address, others);
        var replyText = reply!.Reason ?? (petition.Opinion is { } opinion ? L["Replies.OpinionText", L["Opinion." + opinion]].Value : "");
        return TypedResults.Ok(new ReplyDraft(true, published, Clean(petition.Summary), Clean(petition.Content), Clean(replyText)));
    }

    public static async Task<IResult> Publish(long id, PublishReplyRequest request, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (petition, refusal) = await FindAsync(id, user, db, L, ct);
        if (petition is null) return refusal!;
        var problems = new Problems(L).Text(request.Title, "title", 128).Text(request.Message, "message", 20_000).Text(request.Reply, "reply", 20_000);
        if (problems.Any) return problems.ToResult();
        var reply = await LastReplyAsync(db, id, ct);
        if (!Channels.Contains(petition.Channel) || reply is null)
            return TypedResults.Problem(title: L["Replies.ErrorNotEligible"], statusCode: StatusCodes.Status409Conflict);
        if (await db.PublicReplies.AnyAsync(r => r.PetitionId == id, ct))
            return TypedResults.Problem(title: L["Replies.ErrorAlreadyPublished"], statusCode: StatusCodes.Status409Conflict);

        // A last pass over what staff wrote: an ID or phone number, the petitioner's name or address typed back in by
        // hand never reaches the public page.
        var address = personalData.Unprotect(petition.AddressProtected);
        var others = Representatives(petition);
        string Clean(string text) => Anonymiser.Anonymise(text.Trim(), petition.PetitionerName, address, others);
        var scope = UserScope.From(user)!;
        var now = time.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(time);
        var row = new PublicReply
        {
            PetitionId = id,
            Channel = petition.Channel,
            Title = Clean(request.Title!),
            Message = Clean(request.Message!),
            Reply = Clean(request.Reply!),
            ReceivedOn = petition.ReceivedOn,
            RepliedOn = reply.On,
            PublishedOn = today,
            PublishedAt = now,
            PublishedBy = scope.UserName,
            OrganisationId = petition.ResponsibleOrganisationId ?? petition.RegisteringOrganisationId,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PublicReplies.Add(row);
        await db.SaveChangesAsync(ct);
        AddEvent(db, petition, PublishCode, scope, now, today, row.Id);
        audit.Record(scope, "petition." + PublishCode, nameof(Petition), id, after: new { publicReplyId = row.Id, row.Title });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/public/replies/{row.Id}", await FindPublicAsync(db, row.Id, ct));
    }

    public static async Task<IResult> Unpublish(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L,
        CancellationToken ct)
    {
        var (petition, refusal) = await FindAsync(id, user, db, L, ct);
        if (petition is null) return refusal!;
        var row = await db.PublicReplies.SingleOrDefaultAsync(r => r.PetitionId == id, ct);
        if (row is null) return TypedResults.NotFound();
        var scope = UserScope.From(user)!;
        db.PublicReplies.Remove(row);
        AddEvent(db, petition, UnpublishCode, scope, time.GetUtcNow().UtcDateTime, ChinaTime.Today(time), row.Id);
        audit.Record(scope, "petition." + UnpublishCode, nameof(Petition), id, before: new { publicReplyId = row.Id, row.Title });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> List(SunshineDbContext db, Channel? channel, int? page, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, channel, page ?? 1, ct));

    public static async Task<PublicReplyPage> ListAsync(SunshineDbContext db, Channel? channel, int page, CancellationToken ct)
    {
        page = Math.Max(page, 1);
        var replies = db.PublicReplies.AsNoTracking();
        if (channel is { } c) replies = replies.Where(r => r.Channel == c);
        var total = await replies.CountAsync(ct);
        var items = await replies.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new PublicReplySummary(r.Id, r.Title, r.Channel, r.ReceivedOn, r.RepliedOn, r.PublishedOn)).ToListAsync(ct);
        return new PublicReplyPage(items, total, page, PageSize);
    }

    public static async Task<IResult> Get(long id, SunshineDbContext db, CancellationToken ct) =>
        await FindPublicAsync(db, id, ct) is { } reply ? TypedResults.Ok(reply) : TypedResults.NotFound();

    public static Task<PublicReplyDto?> FindPublicAsync(SunshineDbContext db, long id, CancellationToken ct) =>
        db.PublicReplies.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new PublicReplyDto(r.Id, r.Title, r.Channel, r.Message, r.Reply,
                db.Organisations.Where(o => o.Id == r.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "", r.ReceivedOn, r.RepliedOn, r.PublishedOn))
            .SingleOrDefaultAsync(ct);

    /// <summary>The petition, if the caller may publish it: within scope (else 404), and in a role that handles replies (else 403).</summary>
    private static async Task<(Petition? Petition, IResult? Refusal)> FindAsync(long id, ClaimsPrincipal user, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return (null, TypedResults.NotFound());
        if (!Roles.Any(scope.IsInRole))
            return (null, TypedResults.Problem(title: L["Replies.ErrorRole"], statusCode: StatusCodes.Status403Forbidden));
        return (petition, null);
    }

    private static Task<PetitionEvent?> LastReplyAsync(SunshineDbContext db, long id, CancellationToken ct) =>
        db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id && ReplyCodes.Contains(e.Action)).OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);

    private static string[] Representatives(Petition petition) =>
        petition.Representatives?.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>An internal history step (not on the petitioner's progress page); the case's status does not change.</summary>
    private static void AddEvent(SunshineDbContext db, Petition petition, string code, UserScope scope, DateTime now, DateOnly today, long replyId) =>
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = now,
            On = today,
            Action = code,
            FromStatus = petition.Status,
            ToStatus = petition.Status,
            ActorUserId = scope.UserId,
            ActorName = scope.UserName,
            OrganisationId = scope.OrganisationId,
            Detail = System.Text.Json.JsonSerializer.Serialize(new { publicReplyId = replyId }),
            IsPublic = false,
        });
}
