using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Workflow;

public sealed record PetitionActionRequest(
    string? Reason = null,
    int? TargetOrganisationId = null,
    int? ExtensionDays = null,
    LegalRoute? Route = null,
    HandlingOpinion? Opinion = null,
    long? OriginalPetitionId = null,
    DateOnly? ReportDueOn = null,
    DateOnly? On = null,
    int? Version = null,
    bool Simplified = false);

public sealed record PetitionActionResult(long Id, PetitionStatus Status, DateOnly? DueOn, IReadOnlyList<string> DueExplanation, int Version);

/// <summary>
/// Every step of the statutory workflow (《信访工作条例》第二十二至三十六条) through one door: the domain decides whether the
/// actor may take the action now; this slice applies its effects, recomputes the due date on the statutory clock,
/// appends the history event and the audit entry, and saves under optimistic concurrency.
/// </summary>
public static class PetitionActions
{
    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/petitions/{id:long}/actions", Allowed).WithTags("Petitions").RequireAuthorization(Policies.Staff);
        app.MapPost("/api/petitions/{id:long}/actions/{action}", Act).WithTags("Petitions").RequireAuthorization(Policies.Staff);
    }

    /// <summary>The event code of an action in the history: its name in kebab case (route-to-legal-channel).</summary>
    public static string Code(PetitionAction action) =>
        string.Concat(action.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    // Steps the petitioner is told about on the progress page; the rest are internal.
    private static readonly HashSet<PetitionAction> Internal = [PetitionAction.Object, PetitionAction.Merge, PetitionAction.Reopen];

    /// <summary>Whether the step's history event is public (shown on the progress page).</summary>
    public static bool IsPublicStep(PetitionAction action) => !Internal.Contains(action);

    public static async Task<IResult> Allowed(long id, ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.AsNoTracking().WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        var state = await CaseOfAsync(db, petition, ct);
        var actor = await ActorAsync(db, scope, petition, state, ct);
        return TypedResults.Ok(PetitionWorkflow.Allowed(petition.Status, petition.Purpose, actor).Select(a => a.ToString()).ToList());
    }

    public static async Task<IResult> Act(long id, string action, PetitionActionRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L);
        if (!Enum.TryParse<PetitionAction>(action, ignoreCase: true, out var act) || act == PetitionAction.Register)
            return TypedResults.NotFound();
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null) return TypedResults.NotFound();
        if (request.Version is { } version && version != petition.Version)
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);

        var today = ChinaTime.Today(time);
        var on = request.On ?? today;
        problems.Require(on <= today && on >= petition.RegisteredOn, "on", "ErrorActionDate")
            .Require(!request.Simplified || act == PetitionAction.Accept, "simplified", "ErrorSimplifiedOnAccept")
            .Text(request.Reason, "reason", 2000, required: NeedsReason(act));
        await ValidateTargetsAsync(act, request, petition, scope, db, problems, ct);
        if (problems.Any) return problems.ToResult();

        var state = await CaseOfAsync(db, petition, ct);
        var actor = await ActorAsync(db, scope, petition, state, ct);
        return await PerformAsync(act, request, petition, state, actor, scope, on, db, audit, time, L, ct);
    }

    /// <summary>
    /// The part every path shares — staff in the console or through the API, and the petitioner on the public portal:
    /// the domain checks the action for this actor, its effects are applied, the due date recomputed, the history event
    /// and the audit entry appended, and the case saved under optimistic concurrency. <paramref name="staff"/> is null
    /// when the petitioner acts.
    /// </summary>
    public static async Task<IResult> PerformAsync(PetitionAction act, PetitionActionRequest request, Petition petition, PetitionCase state,
        WorkflowActor actor, UserScope? staff, DateOnly on, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var detail = new ActionDetail(request.ExtensionDays, request.Route, request.Opinion, request.Simplified);
        var decision = PetitionWorkflow.Check(act, state, actor, on, detail, RuleBook.Default, calendar);
        if (!decision.IsAllowed)
        {
            var status = decision.ReasonCode is WorkflowReasons.Role or WorkflowReasons.NotRegisteringBureau or WorkflowReasons.NotResponsibleUnit or WorkflowReasons.NotSupervisingLevel
                ? StatusCodes.Status403Forbidden
                : decision.ReasonCode is WorkflowReasons.WrongState or WorkflowReasons.WrongPurpose ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return TypedResults.Problem(title: L[decision.ReasonCode!], detail: decision.Detail, statusCode: status,
                extensions: new Dictionary<string, object?> { ["code"] = decision.ReasonCode });
        }

        var before = new { petition.Status, petition.ResponsibleOrganisationId, petition.DueOn, petition.IsSimplified };
        var fromStatus = petition.Status;
        await ApplyAsync(act, request, petition, on, db, ct);
        petition.Status = decision.ResultingStatus ?? petition.Status;
        var after = await CaseOfAsync(db, petition, ct, pending: (Code(act), on));
        var due = PetitionClock.Current(after, today, RuleBook.Default, calendar);
        petition.DueOn = due?.DueOn;
        // The handling step's due date outlives the step, for assessment (按期办结率): accept, extend and reopen set it.
        if (petition.Status == PetitionStatus.Accepted) petition.HandlingDueOn = PetitionClock.HandlingDue(after, RuleBook.Default, calendar)?.DueOn;
        if (act is PetitionAction.Transfer or PetitionAction.Assign)
            db.PetitionHops.Local.Last(h => h.PetitionId == petition.Id).DueOn = PetitionClock.ObjectionDue(after, RuleBook.Default, calendar)?.DueOn ?? due?.DueOn ?? on;
        petition.Version++;

        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = time.GetUtcNow().UtcDateTime,
            On = on,
            Action = Code(act),
            FromStatus = fromStatus,
            ToStatus = petition.Status,
            ActorUserId = staff?.UserId,
            ActorName = staff?.UserName,
            OrganisationId = staff?.OrganisationId,
            TargetOrganisationId = request.TargetOrganisationId,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            Detail = JsonSerializer.Serialize(new
            {
                route = request.Route is { } r ? LegalRoutes.Label(r) : null,
                article = request.Route is { } a ? LegalRoutes.Article(a) : null,
                opinion = request.Opinion?.ToString(),
                extension = request.ExtensionDays,
                reportDueOn = request.ReportDueOn,
                simplified = request.Simplified ? true : (bool?)null,
                due = due?.DueOn,
                explanation = due?.Explanation,
            }),
            IsPublic = IsPublicStep(act),
        });
        audit.Record(staff, "petition." + Code(act), nameof(Petition), petition.Id, before, new { petition.Status, petition.ResponsibleOrganisationId, petition.DueOn, petition.IsSimplified }, request.Reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(new PetitionActionResult(petition.Id, petition.Status, petition.DueOn, due?.Explanation ?? [], petition.Version));
    }

    private static bool NeedsReason(PetitionAction action) => action is PetitionAction.Object or PetitionAction.Decline or PetitionAction.Refuse
        or PetitionAction.Extend or PetitionAction.Reopen or PetitionAction.Withdraw or PetitionAction.ReplySuggestion or PetitionAction.RecordMediation;

    private static async Task ValidateTargetsAsync(PetitionAction act, PetitionActionRequest request, Petition petition, UserScope scope, SunshineDbContext db, Problems problems, CancellationToken ct)
    {
        if (act is PetitionAction.Transfer or PetitionAction.Assign or PetitionAction.RequestReview or PetitionAction.RequestReexamination)
        {
            // Transfers go down within the sender's jurisdiction; reviews go to the organ one level up, which may lie
            // outside the lower unit's scope, so any active organisation will do there.
            var targets = act is PetitionAction.Transfer or PetitionAction.Assign ? db.Organisations.WithinScope(scope) : db.Organisations;
            if (request.TargetOrganisationId is not { } target || !await targets.AnyAsync(o => o.Id == target && o.IsActive, ct))
                problems.Add("targetOrganisationId", "ErrorOrganisationOutOfScope");
            else if (target == petition.RegisteringOrganisationId && act is PetitionAction.Transfer or PetitionAction.Assign)
                problems.Add("targetOrganisationId", "ErrorTransferToSelf");
            else if (target == petition.AccusedOrganisationId)
                // Art. 30: an accusation's material must never reach the unit it accuses.
                problems.Add("targetOrganisationId", "ErrorTransferToAccused");
        }
        if (act == PetitionAction.Assign && request.ReportDueOn is null)
            problems.Missing("reportDueOn");
        if (act == PetitionAction.Merge)
        {
            if (request.OriginalPetitionId is not { } original || original == petition.Id
                || !await db.Petitions.WithinScope(scope).AnyAsync(p => p.Id == original, ct))
                problems.Add("originalPetitionId", "ErrorOriginal");
        }
    }

    private static async Task ApplyAsync(PetitionAction act, PetitionActionRequest request, Petition petition, DateOnly on, SunshineDbContext db, CancellationToken ct)
    {
        switch (act)
        {
            case PetitionAction.Transfer or PetitionAction.Assign:
                db.PetitionHops.Add(new PetitionHop
                {
                    PetitionId = petition.Id,
                    FromOrganisationId = petition.ResponsibleOrganisationId ?? petition.RegisteringOrganisationId,
                    ToOrganisationId = request.TargetOrganisationId!.Value,
                    IsAssignment = act == PetitionAction.Assign,
                    SentOn = on,
                    ReportDueOn = request.ReportDueOn,
                });
                petition.ResponsibleOrganisationId = request.TargetOrganisationId;
                petition.TransferredOn = on;
                break;
            case PetitionAction.Accept:
                petition.AcceptedOn = on;
                // 简易办理 (2016): the handling opinion is due 10 工作日 after acceptance (PetitionClock.HandlingDue).
                petition.IsSimplified = request.Simplified;
                await AnswerHopAsync(petition, db, on, "accepted", ct);
                break;
            case PetitionAction.Object:
                await AnswerHopAsync(petition, db, on, "objected", ct);
                petition.ResponsibleOrganisationId = null;
                petition.TransferredOn = null;
                break;
            case PetitionAction.RouteToLegalChannel:
                await AnswerHopAsync(petition, db, on, "routed", ct);
                petition.ConcludedOn = on;
                break;
            case PetitionAction.Decline or PetitionAction.Refuse:
                await AnswerHopAsync(petition, db, on, "declined", ct);
                petition.ConcludedOn = on;
                break;
            case PetitionAction.Extend:
                petition.ExtensionDays = request.ExtensionDays;
                petition.ExtendedOn = on;
                break;
            case PetitionAction.IssueOpinion or PetitionAction.IssueReviewOpinion or PetitionAction.IssueReexaminationOpinion:
                petition.Opinion = request.Opinion;
                if (act == PetitionAction.IssueOpinion) petition.OpinionIssuedOn = on;
                break;
            case PetitionAction.RequestReview or PetitionAction.RequestReexamination:
                petition.ResponsibleOrganisationId = request.TargetOrganisationId;
                break;
            case PetitionAction.Conclude or PetitionAction.Withdraw or PetitionAction.ReplySuggestion:
                petition.ConcludedOn = on;
                break;
            case PetitionAction.Merge:
                petition.OriginalPetitionId = request.OriginalPetitionId;
                petition.IsRepeat = true;
                petition.ConcludedOn = on;
                break;
            case PetitionAction.Reopen:
                // Handled again under the ordinary 60 日: an item sent back by a supervisor is no longer a simple one.
                petition.IsSimplified = false;
                petition.AcceptedOn = on;
                petition.ConcludedOn = null;
                petition.Opinion = null;
                petition.OpinionIssuedOn = null;
                petition.ExtensionDays = null;
                petition.ExtendedOn = null;
                break;
        }
    }

    private static async Task AnswerHopAsync(Petition petition, SunshineDbContext db, DateOnly on, string outcome, CancellationToken ct)
    {
        var hop = await db.PetitionHops.Where(h => h.PetitionId == petition.Id && h.ToOrganisationId == petition.ResponsibleOrganisationId && h.AnsweredOn == null)
            .OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
        if (hop is null) return;
        hop.AnsweredOn = on;
        hop.Outcome = outcome;
    }

    /// <summary>
    /// The facts the workflow rules need, from the case row and its history (review, re-examination and hearing dates
    /// live in the history). <paramref name="pending"/> adds the event being written now.
    /// </summary>
    public static async Task<PetitionCase> CaseOfAsync(SunshineDbContext db, Petition p, CancellationToken ct, (string Action, DateOnly On)? pending = null)
    {
        var events = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == p.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.On }).ToListAsync(ct);
        var history = events.Select(e => (e.Action, e.On)).ToList();
        if (pending is { } now) history.Add(now);
        var reexamined = p.OriginalPetitionId is { } original
            && await db.PetitionEvents.AnyAsync(e => e.PetitionId == original && e.Action == Code(PetitionAction.IssueReexaminationOpinion), ct);
        return CaseOf(p, history, reexamined);
    }

    /// <summary>
    /// The same from a history already loaded (oldest first), for lists that read many cases at once.
    /// <paramref name="sameMatterReexamined"/>: the case's original (if merged) has had its re-examination (Art. 36).
    /// </summary>
    public static PetitionCase CaseOf(Petition p, IReadOnlyList<(string Action, DateOnly On)> history, bool sameMatterReexamined)
    {
        DateOnly? Last(PetitionAction action) => history.LastOrDefault(e => e.Action == Code(action)) is { Action: not null } e ? e.On : null;

        var hearings = new List<ClockPause>();
        DateOnly? started = null;
        foreach (var (action, on) in history)
        {
            if (action == Code(PetitionAction.StartHearing)) started = on;
            else if (action == Code(PetitionAction.EndHearing) && started is { } from)
            {
                hearings.Add(new ClockPause(from, on, "听证"));
                started = null;
            }
        }
        return new PetitionCase(p.Status, p.Purpose, p.IssueLocalityCode, p.RegisteringOrganisationId, p.RegisteredOn)
        {
            ResponsibleOrganisationId = p.ResponsibleOrganisationId,
            TransferredOn = p.TransferredOn,
            AcceptedOn = p.AcceptedOn,
            IsSimplified = p.IsSimplified,
            IsRepeat = p.IsRepeat || p.OriginalPetitionId != null,
            IsCollective = p.IsCollective || p.IsJointLetter,
            ExtensionDays = p.ExtensionDays,
            ExtendedOn = p.ExtendedOn,
            OpinionIssuedOn = p.OpinionIssuedOn,
            ReviewRequestedOn = Last(PetitionAction.RequestReview),
            ReviewRepliedOn = Last(PetitionAction.IssueReviewOpinion),
            ReexaminationRequestedOn = Last(PetitionAction.RequestReexamination),
            Hearings = hearings,
            HearingStartedOn = started,
            SameMatterReexamined = sameMatterReexamined,
        };
    }

    /// <summary>Who the caller is to this case: at the registering bureau, at the responsible unit, or a level above it.</summary>
    internal static async Task<WorkflowActor> ActorAsync(SunshineDbContext db, UserScope scope, Petition petition, PetitionCase state, CancellationToken ct)
    {
        var watched = petition.ResponsibleOrganisationId ?? petition.RegisteringOrganisationId;
        var path = await db.Organisations.Where(o => o.Id == watched).Select(o => o.Path).SingleAsync(ct);
        var above = scope.IncludeSubordinates && watched != scope.OrganisationId && path.StartsWith(scope.ScopePath, StringComparison.Ordinal);
        return WorkflowActor.For(state, scope.OrganisationId, scope.Roles, above);
    }
}
