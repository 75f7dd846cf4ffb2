using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Supervision;

/// <summary>One line of the inspection checklist: a code, its label and its most points.</summary>
public sealed record ChecklistItem(string Code, string Label, int Max);

public sealed record Checklist(IReadOnlyList<ChecklistItem> Items, int PassMark)
{
    public int Max => Items.Sum(i => i.Max);
}

/// <param name="Seed">A random draw of <paramref name="Size"/> cases, reproducible from the seed; null: every matching case, up to the size (rule-based).</param>
/// <param name="From">Handled (concluded, or the opinion issued) on or after this legal date.</param>
public sealed record SampleRequest(int? Seed, int Size, int? UnitId = null, DateOnly? From = null, DateOnly? To = null, int? CategoryId = null, Channel? Channel = null);

public sealed record SampledCase(long PetitionId, string CaseNumber, string Summary, string? Unit, PetitionStatus Status);

public sealed record SampleResult(long? SampleId, int Candidates, IReadOnlyList<SampledCase> Cases);

/// <param name="EntryId">Null for a dissatisfied case that has not been inspected yet.</param>
public sealed record InspectionQueueItem(long? EntryId, long PetitionId, string CaseNumber, string Summary, string? Unit, InspectionSource Source, long? SampleId,
    SatisfactionEvaluation? Evaluation, PetitionStatus Status);

public sealed record InspectedItem(long EntryId, long PetitionId, string CaseNumber, InspectionSource Source, InspectionOutcome Outcome, int? Total, string? Reason,
    DateOnly? InspectedOn, string? InspectedByName);

/// <param name="EntryId">The queue entry; null for a dissatisfied case not yet entered.</param>
/// <param name="Scores">Checklist code → points.</param>
/// <param name="Reason">Why the case is sent back; required when the total is below the pass mark.</param>
public sealed record ScoreRequest(long? EntryId, Dictionary<string, int>? Scores, string? Reason);

public sealed record ScoreResult(long EntryId, InspectionOutcome Outcome, int Total, PetitionStatus Status, DateOnly? DueOn);

/// <summary>
/// 网上督查 (online inspection, 《信访工作条例》第三十八条, DOMAIN.md §1.7): a supervisor draws a sample of handled cases
/// within the bureau's jurisdiction — at random from a seed, so the draw can be repeated and checked, or every case
/// matching the rules — and scores each against a checklist (configuration <c>Oversight:Inspection</c>). A case below
/// the pass mark is sent back for rework (退回重办) through the workflow's own reopening step, which restarts the
/// handling limit on the statutory clock. Cases the petitioner evaluated 不满意 join the queue by themselves: that
/// evaluation flags the item for supervision (DOMAIN.md §1.5).
/// </summary>
public static class OnlineInspection
{
    public const string ScoreAction = "inspection-score";

    /// <summary>The handled states: the organ has decided, and the supervisor may send the decision back (the workflow's Reopen).</summary>
    public static readonly PetitionStatus[] Handled =
    [
        PetitionStatus.Declined, PetitionStatus.RoutedToLegalChannel, PetitionStatus.OpinionIssued,
        PetitionStatus.Reviewed, PetitionStatus.Reexamined, PetitionStatus.Concluded,
    ];

    private static readonly (string Code, int Max)[] DefaultItems = [("notice", 20), ("procedure", 20), ("reply", 20), ("timeliness", 20), ("satisfaction", 20)];

    /// <summary>
    /// The checklist: <c>Oversight:Inspection:Items</c> (each Code, Label, Max) or the default five of 20 points
    /// (受理告知, 办理程序, 答复文书, 时限, 群众满意); pass mark <c>Oversight:Inspection:PassMark</c> (default 60).
    /// </summary>
    public static Checklist ChecklistFrom(IConfiguration configuration, IStringLocalizer<SharedResource> L)
    {
        var configured = configuration.GetSection("Oversight:Inspection:Items").GetChildren()
            .Select(s => new ChecklistItem(s["Code"] ?? "", s["Label"] ?? s["Code"] ?? "", s.GetValue("Max", 0)))
            .ToList();
        if (configured.Any(i => string.IsNullOrWhiteSpace(i.Code) || i.Max <= 0) || configured.Select(i => i.Code).Distinct().Count() != configured.Count)
            throw new InvalidOperationException("Oversight:Inspection:Items needs a distinct Code and a positive Max for each item.");
        var items = configured.Count > 0 ? configured : DefaultItems.Select(d => new ChecklistItem(d.Code, L["Sv.Item." + d.Code], d.Max)).ToList();
        return new Checklist(items, configuration.GetValue("Oversight:Inspection:PassMark", 60));
    }

    public static IResult GetChecklist(IConfiguration configuration, IStringLocalizer<SharedResource> L) => TypedResults.Ok(ChecklistFrom(configuration, L));

    /// <summary>The draw without keeping it: the same request gives the same cases.</summary>
    public static async Task<IResult> Preview(SampleRequest request, ClaimsPrincipal user, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayInspect(scope)) return Refuse(L, "Sv.ErrorNotInspector");
        if (Validate(request, L) is { } problem) return problem;
        var (candidates, drawn) = await DrawAsync(db, scope, request, ct);
        return TypedResults.Ok(new SampleResult(null, candidates, await CasesAsync(db, drawn, ct)));
    }

    /// <summary>Draws the sample and puts its cases in the queue.</summary>
    public static async Task<IResult> Draw(SampleRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayInspect(scope)) return Refuse(L, "Sv.ErrorNotInspector");
        if (Validate(request, L) is { } problem) return problem;
        var (candidates, drawn) = await DrawAsync(db, scope, request, ct);
        var sample = new InspectionSample
        {
            OrganisationId = scope.OrganisationId,
            DrawnOn = ChinaTime.Today(time),
            DrawnByName = user.FindFirstValue("sunshine:display_name") ?? scope.UserName,
            Seed = request.Seed,
            Size = request.Size,
            Criteria = JsonSerializer.Serialize(new { request.UnitId, request.From, request.To, request.CategoryId, Channel = request.Channel?.ToString(), candidates }),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.InspectionSamples.Add(sample);
        await db.SaveChangesAsync(ct);
        db.InspectionEntries.AddRange(drawn.Select(id => new InspectionEntry { PetitionId = id, SampleId = sample.Id, Source = InspectionSource.Sample, Outcome = InspectionOutcome.Pending }));
        audit.Record(scope, "inspection.sample", nameof(InspectionSample), sample.Id, after: new { sample.Seed, sample.Size, sample.Criteria, drawn });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/oversight/inspection/samples/{sample.Id}", new SampleResult(sample.Id, candidates, await CasesAsync(db, drawn, ct)));
    }

    /// <summary>
    /// What waits for inspection within the caller's scope: the sampled cases not yet scored, and every case evaluated
    /// 不满意 (by the bureau's or the unit's evaluation) that no one has inspected for it yet.
    /// </summary>
    public static async Task<IResult> Queue(ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var visible = db.Petitions.AsNoTracking().WithinScope(scope);
        var sampled = await db.InspectionEntries.AsNoTracking()
            .Where(e => e.Outcome == InspectionOutcome.Pending && visible.Any(p => p.Id == e.PetitionId))
            .OrderBy(e => e.Id).Take(500).Select(e => new { e.Id, e.PetitionId, e.Source, e.SampleId, e.Evaluation }).ToListAsync(ct);
        var dissatisfied = await DissatisfiedAsync(visible, db, ct);
        var ids = sampled.Select(s => s.PetitionId).Concat(dissatisfied.Select(d => d.Id)).Distinct().ToList();
        var cases = await db.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.CaseNumber, p.Summary, Unit = p.ResponsibleOrganisation!.Name, p.Status }).ToDictionaryAsync(p => p.Id, ct);
        var items = dissatisfied.Select(d => new InspectionQueueItem(null, d.Id, cases[d.Id].CaseNumber, cases[d.Id].Summary, cases[d.Id].Unit,
                InspectionSource.Dissatisfied, null, d.Evaluation, cases[d.Id].Status))
            .Concat(sampled.Select(s => new InspectionQueueItem(s.Id, s.PetitionId, cases[s.PetitionId].CaseNumber, cases[s.PetitionId].Summary, cases[s.PetitionId].Unit,
                s.Source, s.SampleId, s.Evaluation, cases[s.PetitionId].Status)))
            .ToList();
        return TypedResults.Ok(items);
    }

    /// <summary>The inspections done within the caller's scope, newest first.</summary>
    public static async Task<IResult> Inspected(ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var visible = db.Petitions.AsNoTracking().WithinScope(scope);
        var done = await db.InspectionEntries.AsNoTracking()
            .Where(e => e.Outcome != InspectionOutcome.Pending && visible.Any(p => p.Id == e.PetitionId))
            .OrderByDescending(e => e.Id).Take(200)
            .Join(db.Petitions, e => e.PetitionId, p => p.Id, (e, p) => new InspectedItem(e.Id, e.PetitionId, p.CaseNumber, e.Source, e.Outcome, e.Total, e.Reason,
                e.InspectedOn, e.InspectedByName))
            .ToListAsync(ct);
        return TypedResults.Ok(done);
    }

    /// <summary>
    /// Scores one case of the queue. At or above the pass mark it passes; below it, the reason is required and the case
    /// is sent back for rework by the workflow's Reopen step (Art. 38–40: handled again, the 60 日 of Art. 34 counted
    /// afresh from today). The score, the reopening, their history events and audit entries are saved together, or none.
    /// </summary>
    public static async Task<IResult> Score(long petitionId, ScoreRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayInspect(scope)) return Refuse(L, "Sv.ErrorNotInspector");
        var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null) return TypedResults.NotFound();

        InspectionEntry? entry;
        if (request.EntryId is { } entryId)
        {
            entry = await db.InspectionEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.PetitionId == petitionId, ct);
            if (entry is null) return TypedResults.NotFound();
            if (entry.Outcome != InspectionOutcome.Pending) return Refuse(L, "Sv.ErrorInspected", StatusCodes.Status409Conflict);
        }
        else
        {
            var evaluation = DissatisfiedEvaluation(petition);
            if (evaluation is null) return Refuse(L, "Sv.ErrorNotInQueue", StatusCodes.Status409Conflict);
            if (await db.InspectionEntries.AnyAsync(e => e.PetitionId == petitionId && e.Source == InspectionSource.Dissatisfied, ct))
                return Refuse(L, "Sv.ErrorInspected", StatusCodes.Status409Conflict);
            entry = new InspectionEntry { PetitionId = petitionId, Source = InspectionSource.Dissatisfied, Outcome = InspectionOutcome.Pending, Evaluation = evaluation };
            db.InspectionEntries.Add(entry);
        }

        var checklist = ChecklistFrom(configuration, L);
        var problems = new Problems(L);
        var scores = request.Scores ?? [];
        foreach (var item in checklist.Items)
        {
            if (!scores.TryGetValue(item.Code, out var points) || points < 0 || points > item.Max)
                problems.AddText("scores." + item.Code, L["Sv.ErrorScore", item.Label, item.Max]);
        }
        problems.Require(scores.Keys.All(k => checklist.Items.Any(i => i.Code == k)), "scores", "Sv.ErrorUnknownItem");
        var total = checklist.Items.Sum(i => scores.GetValueOrDefault(i.Code));
        var passed = total >= checklist.PassMark;
        SupervisionOrders.Text(problems, L, request.Reason, "reason", 2000, required: !passed);
        if (problems.Any) return problems.ToResult();

        var today = ChinaTime.Today(time);
        entry.Scores = JsonSerializer.Serialize(checklist.Items.ToDictionary(i => i.Code, i => scores[i.Code]));
        entry.Total = total;
        entry.Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        entry.InspectedOn = today;
        entry.InspectedByName = user.FindFirstValue("sunshine:display_name") ?? scope.UserName;
        entry.Outcome = passed ? InspectionOutcome.Passed : InspectionOutcome.SentBack;
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id, At = time.GetUtcNow().UtcDateTime, On = today, Action = ScoreAction, FromStatus = petition.Status, ToStatus = petition.Status,
            ActorUserId = scope.UserId, ActorName = entry.InspectedByName, OrganisationId = scope.OrganisationId, Reason = entry.Reason,
            Detail = JsonSerializer.Serialize(new { total, max = checklist.Max, passMark = checklist.PassMark, outcome = entry.Outcome.ToString(), source = entry.Source.ToString(), scores }),
            IsPublic = false,
        });
        audit.Record(scope, "inspection.score", nameof(Petition), petition.Id, after: new { entry.Source, entry.Outcome, total, scores }, reason: entry.Reason);

        if (passed)
        {
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new ScoreResult(entry.Id, entry.Outcome, total, petition.Status, petition.DueOn));
        }

        // 退回重办 through the workflow's own step: it checks that the caller supervises the unit and that the case is in a
        // handled state, recomputes the due date and writes the case history; on refusal nothing of this score is saved.
        var state = await PetitionActions.CaseOfAsync(db, petition, ct);
        var actor = await PetitionActions.ActorAsync(db, scope, petition, state, ct);
        var result = await PetitionActions.PerformAsync(PetitionAction.Reopen, new PetitionActionRequest(Reason: entry.Reason), petition, state, actor, scope, today,
            db, audit, time, L, ct);
        if (ConsoleActions.ValueOf<PetitionActionResult>(result) is not { } reopened) return result;
        return TypedResults.Ok(new ScoreResult(entry.Id, entry.Outcome, total, reopened.Status, reopened.DueOn));
    }

    /// <summary>Supervisors at a Letters and Calls Bureau inspect (Art. 38).</summary>
    public static bool MayInspect(UserScope scope) => scope.AtBureau && scope.IsInRole(StaffRoles.Supervisor);

    private static SatisfactionEvaluation? DissatisfiedEvaluation(Petition p) =>
        p.UnitEvaluation == SatisfactionEvaluation.Dissatisfied || p.BureauEvaluation == SatisfactionEvaluation.Dissatisfied ? SatisfactionEvaluation.Dissatisfied : null;

    private static async Task<List<(long Id, SatisfactionEvaluation? Evaluation)>> DissatisfiedAsync(IQueryable<Petition> visible, SunshineDbContext db, CancellationToken ct)
    {
        var rows = await visible
            .Where(p => p.UnitEvaluation == SatisfactionEvaluation.Dissatisfied || p.BureauEvaluation == SatisfactionEvaluation.Dissatisfied)
            .Where(p => !db.InspectionEntries.Any(e => e.PetitionId == p.Id && e.Source == InspectionSource.Dissatisfied))
            .OrderBy(p => p.Id).Take(500).Select(p => p.Id).ToListAsync(ct);
        return rows.Select(id => (id, (SatisfactionEvaluation?)SatisfactionEvaluation.Dissatisfied)).ToList();
    }

    private static IResult? Validate(SampleRequest request, IStringLocalizer<SharedResource> L)
    {
        var problems = new Problems(L);
        problems.Require(request.Size is >= 1 and <= 500, "size", "Sv.ErrorSize")
            .Require(request.From is null || request.To is null || request.From <= request.To, "to", "Sv.ErrorPeriod");
        return problems.Any ? problems.ToResult() : null;
    }

    private static async Task<(int Candidates, IReadOnlyList<long> Drawn)> DrawAsync(SunshineDbContext db, UserScope scope, SampleRequest request, CancellationToken ct)
    {
        var query = db.Petitions.AsNoTracking().WithinScope(scope).Where(p => Handled.Contains(p.Status));
        if (request.UnitId is { } unit) query = query.Where(p => p.ResponsibleOrganisationId == unit);
        if (request.From is { } from) query = query.Where(p => (p.ConcludedOn ?? p.OpinionIssuedOn) >= from);
        if (request.To is { } to) query = query.Where(p => (p.ConcludedOn ?? p.OpinionIssuedOn) <= to);
        if (request.Channel is { } channel) query = query.Where(p => p.Channel == channel);
        if (request.CategoryId is { } category)
        {
            // A category covers its sub-categories (the 2018 scheme has three levels).
            var under = db.Categories.Where(c => c.Id == category || c.ParentId == category).Select(c => c.Id);
            var tree = db.Categories.Where(c => under.Contains(c.Id) || (c.ParentId != null && under.Contains(c.ParentId.Value))).Select(c => c.Id);
            query = query.Where(p => p.CategoryId != null && tree.Contains(p.CategoryId.Value));
        }
        var ids = await query.Select(p => p.Id).ToListAsync(ct);
        var drawn = request.Seed is { } seed ? SampleDraw.Draw(ids, request.Size, seed) : ids.Order().Take(request.Size).ToList();
        return (ids.Count, drawn);
    }

    private static async Task<IReadOnlyList<SampledCase>> CasesAsync(SunshineDbContext db, IReadOnlyList<long> ids, CancellationToken ct) =>
        await db.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new SampledCase(p.Id, p.CaseNumber, p.Summary, p.ResponsibleOrganisation!.Name, p.Status)).ToListAsync(ct);

    private static IResult Refuse(IStringLocalizer<SharedResource> L, string key, int status = StatusCodes.Status403Forbidden) =>
        TypedResults.Problem(title: L[key], statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = key });

}
