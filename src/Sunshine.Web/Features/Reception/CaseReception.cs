using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Reception;

/// <param name="ScheduledAt">Beijing wall-clock time.</param>
public sealed record HearingRequest(DateTime? ScheduledAt, string? Place, string? Participants);

/// <param name="On">The day it started or ended (Beijing); today when omitted.</param>
public sealed record HearingStepRequest(DateOnly? On = null, string? Outcome = null);

public sealed record InstructionRequest(string? LeaderName, string? Instruction);

public sealed record OwnershipRequest(string? LeaderName, string? LeaderTitle);

public sealed record OwnershipNoteRequest(string? Note, bool End = false);

public sealed record HearingDto(long Id, DateTime ScheduledAt, string Place, string Participants, DateOnly? NoticeSentOn, DateOnly? HeldFrom, DateOnly? HeldTo,
    string? Outcome, bool PausesClock, HearingStatus Status);

public sealed record OwnershipDto(long Id, string LeaderName, string LeaderTitle, DateOnly StartedOn, DateOnly? EndedOn);

public sealed record InstructionDto(DateOnly On, string? Leader, string? Text);

/// <param name="HearingPauses">A hearing scheduled now would stop the clock (the case is in re-examination and the setting is on).</param>
public sealed record CaseReceptionView(IReadOnlyList<HearingDto> Hearings, IReadOnlyList<OwnershipDto> Ownerships, IReadOnlyList<InstructionDto> Instructions,
    IReadOnlyList<InstructionDto> Visits, bool HearingPauses);

/// <summary>
/// The case side of reception: hearings (听证, 《信访工作条例》第三十一条、第三十六条), the leader's instruction (批示) and leader
/// case ownership (包案化解). A hearing in re-examination stops the clock through the workflow's own StartHearing and
/// EndHearing steps, so the stored due date is recomputed when it ends: the hearing days are not counted (Art. 36).
/// Whether hearings stop the clock is the setting <c>Reception:Hearings:PauseClock</c> (default true); elsewhere than in
/// re-examination the statute stops no clock, so a hearing there is recorded and the clock runs on.
/// </summary>
public static class CaseReception
{
    public const string InstructionAction = "leader-instruction";
    public const string OwnershipStartAction = "ownership-start";
    public const string OwnershipNoteAction = "ownership-progress";

    public static async Task<IResult> View(long id, ClaimsPrincipal user, SunshineDbContext db, IConfiguration configuration, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.AsNoTracking().WithinScope(scope).Where(p => p.Id == id).Select(p => new { p.Status }).SingleOrDefaultAsync(ct);
        if (petition is null) return TypedResults.NotFound();
        var hearings = await db.Hearings.AsNoTracking().Where(h => h.PetitionId == id).OrderBy(h => h.Id)
            .Select(h => new HearingDto(h.Id, h.ScheduledAt, h.Place, h.Participants, h.NoticeSentOn, h.HeldFrom, h.HeldTo, h.Outcome, h.PausesClock, h.Status))
            .ToListAsync(ct);
        var ownerships = await db.LeaderCaseOwnerships.AsNoTracking().Where(o => o.PetitionId == id).OrderBy(o => o.Id)
            .Select(o => new OwnershipDto(o.Id, o.LeaderName, o.LeaderTitle, o.StartedOn, o.EndedOn)).ToListAsync(ct);
        var events = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id && (e.Action == InstructionAction || e.Action == "visit"))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.On, e.Reason, e.Detail }).ToListAsync(ct);
        var instructions = events.Where(e => e.Action == InstructionAction).Select(e => new InstructionDto(e.On, Leader(e.Detail), e.Reason)).ToList();
        var visits = events.Where(e => e.Action == "visit").Select(e => new InstructionDto(e.On, Leader(e.Detail), e.Reason)).ToList();
        return TypedResults.Ok(new CaseReceptionView(hearings.Select(h => h with { ScheduledAt = ChinaTime.LocalOf(h.ScheduledAt) }).ToList(), ownerships,
            instructions, visits, PausesFor(petition.Status, configuration)));
    }

    /// <summary>Art. 36: hearing time is not counted in the re-examination's 30 日 — only there, by default (DOMAIN.md §1.4).</summary>
    public static bool PausesFor(PetitionStatus status, IConfiguration configuration) =>
        status == PetitionStatus.UnderReexamination && configuration.GetValue("Reception:Hearings:PauseClock", true);

    private static bool MayHandle(UserScope scope) =>
        scope.IsInRole(StaffRoles.HandlingOfficer) || scope.IsInRole(StaffRoles.UnitLeader) || scope.IsInRole(StaffRoles.Registrar);

    public static async Task<IResult> Schedule(long id, HearingRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        if (!MayHandle(scope)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var now = time.GetUtcNow().UtcDateTime;
        var problems = new Problems(L)
            .Require(request.ScheduledAt is not null, "scheduledAt", "ErrorRequired", L["Field.scheduledAt"].Value)
            .Text(request.Place, "place", 256)
            .Text(request.Participants, "participants", 2000);
        if (request.ScheduledAt is { } at && ReceptionSchedule.FromBeijing(at) < now.AddDays(-1)) problems.Add("scheduledAt", "Reception.ErrorPast");
        if (problems.Any) return problems.ToResult();
        if (petition.ConcludedOn is not null || await db.Hearings.AnyAsync(h => h.PetitionId == id && (h.Status == HearingStatus.Scheduled || h.Status == HearingStatus.Running), ct))
            return TypedResults.Problem(title: L["Reception.ErrorHearingOpen"], statusCode: StatusCodes.Status409Conflict);
        var hearing = new Hearing
        {
            PetitionId = id, ScheduledAt = ReceptionSchedule.FromBeijing(request.ScheduledAt!.Value), Place = request.Place!.Trim(),
            Participants = request.Participants!.Trim(), PausesClock = PausesFor(petition.Status, configuration), Status = HearingStatus.Scheduled, CreatedAt = now,
        };
        db.Hearings.Add(hearing);
        await db.SaveChangesAsync(ct);
        AddEvent(db, petition, "hearing-scheduled", hearing.Place, new { hearing = hearing.Id, at = request.ScheduledAt, pauses = hearing.PausesClock }, scope, now, ChinaTime.Today(time));
        audit.Record(scope, "petition.hearing-scheduled", nameof(Hearing), hearing.Id, after: new { hearing.PetitionId, hearing.ScheduledAt, hearing.Place, hearing.PausesClock });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/petitions/{id}/hearings/{hearing.Id}", new { hearing.Id, hearing.PausesClock });
    }

    /// <summary>The notice to the participants was sent: a public step, so the petitioner sees it on the progress page.</summary>
    public static async Task<IResult> Notice(long id, long hearingId, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        var hearing = petition is null ? null : await db.Hearings.SingleOrDefaultAsync(h => h.Id == hearingId && h.PetitionId == id, ct);
        if (hearing is null) return TypedResults.NotFound();
        if (!MayHandle(scope)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        if (hearing.Status != HearingStatus.Scheduled) return TypedResults.Problem(title: L["Reception.ErrorHearingState"], statusCode: StatusCodes.Status409Conflict);
        var now = time.GetUtcNow().UtcDateTime;
        hearing.NoticeSentOn = ChinaTime.Today(time);
        var when = ChinaTime.LocalOf(hearing.ScheduledAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        AddEvent(db, petition!, "hearing-notice", $"{when} {hearing.Place}", new { hearing = hearing.Id }, scope, now, hearing.NoticeSentOn.Value, isPublic: true);
        audit.Record(scope, "petition.hearing-notice", nameof(Hearing), hearing.Id, after: new { hearing.NoticeSentOn });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<IResult> Start(long id, long hearingId, HearingStepRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct) => StepAsync(id, hearingId, request, start: true, user, db, audit, time, L, ct);

    public static Task<IResult> End(long id, long hearingId, HearingStepRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct) => StepAsync(id, hearingId, request, start: false, user, db, audit, time, L, ct);

    // Starting and ending a clock-stopping hearing are the workflow's StartHearing / EndHearing steps (its checks, its due
    // date, its history), written with the hearing's own row in one transaction.
    private static async Task<IResult> StepAsync(long id, long hearingId, HearingStepRequest request, bool start, ClaimsPrincipal user, SunshineDbContext db,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.AsNoTracking().WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        var hearing = petition is null ? null : await db.Hearings.SingleOrDefaultAsync(h => h.Id == hearingId && h.PetitionId == id, ct);
        if (hearing is null) return TypedResults.NotFound();
        if (!MayHandle(scope)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        if (hearing.Status != (start ? HearingStatus.Scheduled : HearingStatus.Running))
            return TypedResults.Problem(title: L["Reception.ErrorHearingState"], statusCode: StatusCodes.Status409Conflict);
        var today = ChinaTime.Today(time);
        var on = request.On ?? today;
        var problems = new Problems(L)
            .Require(on <= today && on >= petition!.RegisteredOn, "on", "ErrorActionDate")
            .Require(start || hearing.HeldFrom is null || on >= hearing.HeldFrom, "on", "Reception.ErrorEndBeforeStart");
        if (!start) problems.Text(request.Outcome, "outcome", 4000);
        if (problems.Any) return problems.ToResult();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = start ? null : request.Outcome!.Trim();
        if (hearing.PausesClock)
        {
            var act = start ? "StartHearing" : "EndHearing";
            var result = await PetitionActions.Act(id, act, new PetitionActionRequest(Reason: outcome, On: on), user, db, audit, time, L, ct);
            if (!ConsoleActions.Succeeded(result))
            {
                await tx.RollbackAsync(ct);
                return result;
            }
        }
        else
        {
            var row = await db.Petitions.SingleAsync(p => p.Id == id, ct);
            AddEvent(db, row, start ? "hearing-started" : "hearing-held", outcome, new { hearing = hearing.Id }, scope, time.GetUtcNow().UtcDateTime, on);
        }
        if (start)
        {
            hearing.HeldFrom = on;
            hearing.Status = HearingStatus.Running;
        }
        else
        {
            hearing.HeldTo = on;
            hearing.Outcome = outcome;
            hearing.Status = HearingStatus.Held;
        }
        audit.Record(scope, start ? "petition.hearing-start" : "petition.hearing-end", nameof(Hearing), hearing.Id, after: new { hearing.Status, hearing.HeldFrom, hearing.HeldTo });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var due = await db.Petitions.AsNoTracking().Where(p => p.Id == id).Select(p => p.DueOn).SingleAsync(ct);
        return TypedResults.Ok(new { hearing.Id, hearing.Status, DueOn = due });
    }

    public static async Task<IResult> Instruct(long id, InstructionRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        var problems = new Problems(L).Text(request.LeaderName, "leaderName", 64).Text(request.Instruction, "instruction", 2000);
        if (problems.Any) return problems.ToResult();
        AddInstruction(db, petition, request.LeaderName!.Trim(), request.Instruction!.Trim(), scope, time.GetUtcNow().UtcDateTime, ChinaTime.Today(time));
        audit.Record(scope, "petition." + InstructionAction, nameof(Petition), petition.Id, after: new { leader = request.LeaderName }, reason: request.Instruction);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> TakeOwnership(long id, OwnershipRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        var problems = new Problems(L).Text(request.LeaderName, "leaderName", 64).Text(request.LeaderTitle, "leaderTitle", 128, required: false);
        if (problems.Any) return problems.ToResult();
        var ownership = AddOwnership(db, petition, request.LeaderName!.Trim(), request.LeaderTitle?.Trim() ?? "", scope, time.GetUtcNow().UtcDateTime, ChinaTime.Today(time));
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "petition." + OwnershipStartAction, nameof(LeaderCaseOwnership), ownership.Id, after: new { ownership.PetitionId, ownership.LeaderName, ownership.LeaderTitle });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/petitions/{id}/ownership/{ownership.Id}", new OwnershipDto(ownership.Id, ownership.LeaderName, ownership.LeaderTitle, ownership.StartedOn, null));
    }

    public static async Task<IResult> OwnershipNote(long id, long ownershipId, OwnershipNoteRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        var ownership = petition is null ? null : await db.LeaderCaseOwnerships.SingleOrDefaultAsync(o => o.Id == ownershipId && o.PetitionId == id, ct);
        if (ownership is null) return TypedResults.NotFound();
        var problems = new Problems(L).Text(request.Note, "note", 2000);
        if (problems.Any) return problems.ToResult();
        if (ownership.EndedOn is not null) return TypedResults.Problem(title: L["Reception.ErrorOwnershipEnded"], statusCode: StatusCodes.Status409Conflict);
        var today = ChinaTime.Today(time);
        if (request.End) ownership.EndedOn = today;
        AddEvent(db, petition!, OwnershipNoteAction, request.Note!.Trim(), new { leader = ownership.LeaderName, ownership = ownership.Id, ended = request.End }, scope,
            time.GetUtcNow().UtcDateTime, today);
        audit.Record(scope, "petition." + OwnershipNoteAction, nameof(LeaderCaseOwnership), ownership.Id, after: new { ownership.EndedOn }, reason: request.Note);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>批示: the leader's written instruction on the case, kept in its history (internal, not shown to the public).</summary>
    internal static void AddInstruction(SunshineDbContext db, Petition petition, string leader, string instruction, UserScope scope, DateTime now, DateOnly today)
    {
        AddEvent(db, petition, InstructionAction, instruction, new { leader }, scope, now, today);
    }

    internal static LeaderCaseOwnership AddOwnership(SunshineDbContext db, Petition petition, string leader, string title, UserScope scope, DateTime now, DateOnly today)
    {
        var ownership = new LeaderCaseOwnership { PetitionId = petition.Id, LeaderName = leader, LeaderTitle = title, StartedOn = today };
        db.LeaderCaseOwnerships.Add(ownership);
        AddEvent(db, petition, OwnershipStartAction, title + leader, new { leader, title }, scope, now, today);
        return ownership;
    }

    private static void AddEvent(SunshineDbContext db, Petition petition, string action, string? reason, object detail, UserScope scope, DateTime now, DateOnly on,
        bool isPublic = false) =>
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id, At = now, On = on, Action = action, FromStatus = petition.Status, ToStatus = petition.Status,
            ActorUserId = scope.UserId, ActorName = scope.UserName, OrganisationId = scope.OrganisationId, Reason = reason,
            Detail = JsonSerializer.Serialize(detail), IsPublic = isPublic,
        });

    private static string? Leader(string? detail)
    {
        if (detail is null) return null;
        using var json = JsonDocument.Parse(detail);
        return json.RootElement.TryGetProperty("leader", out var leader) && leader.ValueKind == JsonValueKind.String ? leader.GetString() : null;
    }
}
