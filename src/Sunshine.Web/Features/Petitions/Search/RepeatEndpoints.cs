using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Search;

public sealed record LinkedPetition(long Id, string CaseNumber, DateOnly ReceivedOn, string Summary);

/// <summary>A case's repeat picture: the original it repeats, the repeats linked to it, and the hints still to decide.</summary>
public sealed record RepeatOverview(LinkedPetition? Original, IReadOnlyList<LinkedPetition> Repeats, IReadOnlyList<RepeatHint> Candidates);

/// <summary>The finder's candidates as hints for a caller: only cases within their scope, each marked when still within its limit.</summary>
public static class RepeatHints
{
    public static async Task<IReadOnlyList<RepeatHint>> ForAsync(SunshineDbContext db, UserScope? scope, IReadOnlyList<RepeatCandidate> found, DateOnly today, CancellationToken ct)
    {
        if (found.Count == 0) return [];
        var ids = found.Select(f => f.PetitionId).Distinct().ToList();
        // The few candidates are read by their key, and the scope (the one rule, WithinScope) is asked of each of those
        // rows alone, as a test per row. Written as one filter — the candidate ids AND the scope — SQLite chose to walk
        // the caller's own petitions through its organisation indexes instead (195,245 rows for the province bureau's
        // token at 1M, ~580 ms per intake group), whatever the few ids were.
        // The ids go as one collection parameter (EF.Parameter): expanded into one parameter per id, EF would generate
        // the SQL again for every intake group (hundreds of ids, a different count each time).
        // Without a caller (the file import) every case is visible, so no row is looked up a second time for the scope.
        var candidates = db.Petitions.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id));
        var scoped = scope is null ? null : db.Petitions.WithinScope(scope);
        var rows = await (scoped is null
                ? candidates.Select(p => new { p.Id, Open = p.ConcludedOn == null && p.DueOn != null && p.DueOn >= today, Visible = true })
                : candidates.Select(p => new { p.Id, Open = p.ConcludedOn == null && p.DueOn != null && p.DueOn >= today, Visible = scoped.Any(q => q.Id == p.Id) }))
            .ToListAsync(ct);
        var visible = rows.Where(p => p.Visible).ToDictionary(p => p.Id, p => p.Open);
        return found.Where(f => visible.ContainsKey(f.PetitionId))
            .Select(f => new RepeatHint(f.PetitionId, f.CaseNumber, f.ReceivedOn, f.Reason, f.Similarity, visible[f.PetitionId])).ToList();
    }
}

/// <summary>
/// 重复信访: the hints found at intake are decided by staff — confirm (the case is a repeat item, 重件, linked to its
/// original and still handled), dismiss (not the same matter; the hint is not shown again), or merge (the workflow's
/// <c>Merge</c> action, which concludes the duplicate into its original). Each decision is in the case history.
/// </summary>
public static class RepeatEndpoints
{
    public static void MapRepeatEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/petitions/{id:long}/repeats").WithTags("Petitions").RequireAuthorization(Policies.Staff);
        group.MapGet("/", Overview);
        group.MapPost("/{candidateId:long}/{decision}", Decide);
    }

    public const string Confirmed = "repeat-confirmed";
    public const string Dismissed = "repeat-dismissed";

    public static async Task<IResult> Overview(long id, ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.AsNoTracking().WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();

        var visible = db.Petitions.AsNoTracking().WithinScope(scope);
        var original = petition.OriginalPetitionId is { } originalId
            ? await visible.Where(p => p.Id == originalId).Select(p => new LinkedPetition(p.Id, p.CaseNumber, p.ReceivedOn, p.Summary)).SingleOrDefaultAsync(ct)
            : null;
        var repeats = await visible.Where(p => p.OriginalPetitionId == id).OrderBy(p => p.Id).Take(100)
            .Select(p => new LinkedPetition(p.Id, p.CaseNumber, p.ReceivedOn, p.Summary)).ToListAsync(ct);
        return TypedResults.Ok(new RepeatOverview(original, repeats, await CandidatesAsync(db, scope, petition, ChinaTime.Today(time), ct)));
    }

    /// <summary>The repeat finder's hints for a stored case, less those decided already and those outside the caller's scope.</summary>
    private static async Task<IReadOnlyList<RepeatHint>> CandidatesAsync(SunshineDbContext db, UserScope scope, Petition petition, DateOnly today, CancellationToken ct)
    {
        if (petition.OriginalPetitionId is not null) return [];
        var tokens = await db.PetitionSearchEntries.Where(s => s.PetitionId == petition.Id).Select(s => s.Tokens).SingleOrDefaultAsync(ct);
        var found = await RepeatFinder.FindAsync(db, petition.PersonKey, tokens?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            petition.ReceivedOn, RegisterPetition.RepeatWindowDays, petition.Id, ct);
        if (found.Count == 0) return [];
        var decided = await db.PetitionEvents.Where(e => e.PetitionId == petition.Id && e.Action == Dismissed).Select(e => e.Detail).ToListAsync(ct);
        var dismissed = decided.Select(CandidateOf).ToHashSet();
        var earlier = found.Where(f => Earlier(f.ReceivedOn, f.PetitionId, petition) && !dismissed.Contains(f.PetitionId)).ToList();
        return await RepeatHints.ForAsync(db, scope, earlier, today, ct);
    }

    /// <summary>An original comes before its repeat: received earlier, or the same day and registered first.</summary>
    private static bool Earlier(DateOnly receivedOn, long id, Petition petition) =>
        receivedOn < petition.ReceivedOn || (receivedOn == petition.ReceivedOn && id < petition.Id);

    private static long CandidateOf(string? detail) =>
        detail is null ? 0 : JsonDocument.Parse(detail).RootElement.TryGetProperty("candidate", out var c) ? c.GetInt64() : 0;

    /// <summary>
    /// <paramref name="decision"/> is <c>confirm</c> or <c>dismiss</c>. The candidate must be an earlier case the caller
    /// can see; a case already linked to an original is not re-linked (undo by dismissing is not offered: the history stays).
    /// </summary>
    public static async Task<IResult> Decide(long id, long candidateId, string decision, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (decision is not ("confirm" or "dismiss")) return TypedResults.NotFound();
        var scope = UserScope.From(user)!;
        if (!(scope.IsInRole(StaffRoles.Registrar) || scope.IsInRole(StaffRoles.HandlingOfficer) || scope.IsInRole(StaffRoles.UnitLeader)))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        var candidate = await db.Petitions.AsNoTracking().WithinScope(scope).Where(p => p.Id == candidateId)
            .Select(p => new { p.Id, p.CaseNumber, p.ReceivedOn }).SingleOrDefaultAsync(ct);
        var problems = new Problems(L)
            .Require(candidate is not null && Earlier(candidate.ReceivedOn, candidate.Id, petition), "candidateId", "ErrorOriginal")
            .Require(petition.OriginalPetitionId is null, "candidateId", "ErrorAlreadyLinked");
        if (problems.Any) return problems.ToResult();

        var today = ChinaTime.Today(time);
        if (decision == "confirm")
        {
            petition.IsRepeat = true;
            petition.OriginalPetitionId = candidateId;
        }
        petition.Version++;
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = id,
            At = time.GetUtcNow().UtcDateTime,
            On = today,
            Action = decision == "confirm" ? Confirmed : Dismissed,
            FromStatus = petition.Status,
            ToStatus = petition.Status,
            ActorUserId = scope.UserId,
            ActorName = scope.UserName,
            OrganisationId = scope.OrganisationId,
            Detail = JsonSerializer.Serialize(new { candidate = candidateId, caseNumber = candidate!.CaseNumber }),
            IsPublic = false,
        });
        audit.Record(scope, "petition." + (decision == "confirm" ? Confirmed : Dismissed), nameof(Petition), id, after: new { candidate = candidateId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.NoContent();
    }
}
