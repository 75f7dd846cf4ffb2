using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Supervision;

/// <param name="PetitionId">An order on one case: its unit is the case's responsible unit. Null: an order on <paramref name="TargetOrganisationId"/>.</param>
public sealed record IssueOrderRequest(long? PetitionId, int? TargetOrganisationId, SupervisionKind? Kind, string? Instructions, DateOnly? DueOn);

public sealed record AnswerOrderRequest(string? Answer, int? Version = null);

/// <param name="Accept">True: the answer is accepted and the order closed. False: sent back for a new answer by <paramref name="NewDueOn"/>.</param>
public sealed record CloseOrderRequest(bool Accept, string? Remark, DateOnly? NewDueOn = null, int? Version = null);

public sealed record EscalateOrderRequest(SupervisionKind? Kind, string? Instructions, DateOnly? DueOn, int? Version = null);

/// <param name="IsOverdue">Computed on the day asked: open and past its due date.</param>
/// <param name="AnsweredLate">The written answer came after the due date.</param>
public sealed record SupervisionOrderDto(long Id, long? PetitionId, string? CaseNumber, int TargetOrganisationId, string TargetName, string IssuingName,
    SupervisionKind Kind, string Instructions, DateOnly IssuedOn, DateOnly DueOn, string IssuedByName, SupervisionStatus Status, bool IsOverdue,
    string? Answer, DateOnly? AnsweredOn, string? AnsweredByName, bool AnsweredLate, string? Remark, DateOnly? ClosedOn, long? EscalatedFromId,
    long? EscalatedToId, int Version, bool MayAnswer, bool MayClose, bool MayEscalate);

/// <summary>The filters of the order list: open (answer awaited), overdue (open and late), answered (awaiting the supervisor), closed (accepted or escalated).</summary>
public enum OrderState { Open, Overdue, Answered, Closed }

/// <summary>
/// Supervision orders (督查督办, 《信访工作条例》第三十八至四十条, DOMAIN.md §1.7). A Supervisor or BureauLeader of a
/// Letters and Calls Bureau orders a unit within the bureau's jurisdiction — on one case or on its work as a whole —
/// to act by a date; the unit's HandlingOfficer or UnitLeader answers in writing; the issuing bureau accepts the answer
/// or sends it back. A late order may be escalated to a stronger measure (督办 → 挂牌督办 → 限期整改 → 约谈 → 通报), the
/// new order pointing to the old one. Whether an order is overdue is computed from its due date on the day asked,
/// never stored. Each step is audited and, for an order on a case, kept in the case history (not public).
/// </summary>
public static class SupervisionOrders
{
    public const string IssueAction = "supervision-issue";
    public const string AnswerAction = "supervision-answer";
    public const string AcceptAction = "supervision-accept";
    public const string SendBackAction = "supervision-send-back";
    public const string EscalateAction = "supervision-escalate";

    /// <param name="within">The orders on units in this organisation's subtree (the unit a dashboard figure counts); it must lie within the caller's scope.</param>
    public static async Task<IResult> List(OrderState? state, SupervisionKind? kind, long? petitionId, int? within, ClaimsPrincipal user, SunshineDbContext db,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var today = ChinaTime.Today(time);
        var query = Visible(db, scope);
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        if (petitionId is { } pid) query = query.Where(o => o.PetitionId == pid);
        if (within is { } unit)
        {
            var path = await db.Organisations.AsNoTracking().WithinScope(scope).Where(o => o.Id == unit).Select(o => o.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                var problems = new Problems(L);
                problems.Add("within", "ErrorOrganisationOutOfScope");
                return problems.ToResult();
            }
            query = query.Where(o => db.Organisations.Any(u => u.Id == o.TargetOrganisationId && u.Path.StartsWith(path)));
        }
        query = state switch
        {
            OrderState.Open => query.Where(o => o.Status == SupervisionStatus.Open),
            OrderState.Overdue => query.Where(o => o.Status == SupervisionStatus.Open && o.DueOn < today),
            OrderState.Answered => query.Where(o => o.Status == SupervisionStatus.Answered),
            OrderState.Closed => query.Where(o => o.Status == SupervisionStatus.Closed || o.Status == SupervisionStatus.Escalated),
            _ => query,
        };
        var orders = await query.OrderByDescending(o => o.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await DtosAsync(db, scope, orders, today, ct));
    }

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var order = await Visible(db, scope).SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok((await DtosAsync(db, scope, [order], ChinaTime.Today(time), ct))[0]);
    }

    public static async Task<IResult> Issue(IssueOrderRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayIssue(scope)) return Refuse(L, "Sv.ErrorNotSupervisor", StatusCodes.Status403Forbidden);
        var today = ChinaTime.Today(time);
        var problems = new Problems(L);
        problems.Require(request.Kind is { } k && Enum.IsDefined(k), "kind", "Sv.ErrorKind");
        Text(problems, L, request.Instructions, "instructions", 2000);
        RequireDue(problems, L, request.DueOn, today, "dueOn");
        Petition? petition = null;
        int target;
        if (request.PetitionId is { } petitionId)
        {
            petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == petitionId, ct);
            if (petition is null) return TypedResults.NotFound();
            target = petition.ResponsibleOrganisationId ?? petition.RegisteringOrganisationId;
        }
        else if (request.TargetOrganisationId is { } organisationId)
        {
            target = organisationId;
        }
        else
        {
            problems.Add("targetOrganisationId", "ErrorRequired", L["Sv.Field.targetOrganisationId"].Value);
            return problems.ToResult();
        }
        if (problems.Any) return problems.ToResult();
        // Art. 38: a bureau supervises the organs of its own jurisdiction, not its own work and not another county's.
        if (target == scope.OrganisationId) return Refuse(L, "Sv.ErrorOwnUnit", StatusCodes.Status409Conflict);
        if (!await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == target && o.IsActive, ct))
            return Refuse(L, "Sv.ErrorOutOfScope", StatusCodes.Status403Forbidden);

        var order = new SupervisionOrder
        {
            PetitionId = petition?.Id,
            TargetOrganisationId = target,
            IssuingOrganisationId = scope.OrganisationId,
            Kind = request.Kind!.Value,
            Instructions = request.Instructions!.Trim(),
            IssuedOn = today,
            DueOn = request.DueOn!.Value,
            IssuedByUserId = scope.UserId,
            IssuedByName = NameOf(user, scope),
            Status = SupervisionStatus.Open,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SupervisionOrders.Add(order);
        await db.SaveChangesAsync(ct);
        Record(db, audit, time, scope, user, order, petition, IssueAction, null, order.Instructions);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/oversight/supervision/{order.Id}", (await DtosAsync(db, scope, [order], today, ct))[0]);
    }

    public static async Task<IResult> Answer(long id, AnswerOrderRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var order = await Visible(db, scope).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return TypedResults.NotFound();
        if (!MayAnswer(scope, order)) return Refuse(L, "Sv.ErrorNotTargetUnit", StatusCodes.Status403Forbidden);
        if (order.Status != SupervisionStatus.Open) return Refuse(L, "Sv.ErrorNotOpen", StatusCodes.Status409Conflict);
        if (request.Version is { } v && v != order.Version) return Refuse(L, "ErrorStale", StatusCodes.Status409Conflict);
        var problems = new Problems(L);
        Text(problems, L, request.Answer, "answer", 4000);
        if (problems.Any) return problems.ToResult();

        var today = ChinaTime.Today(time);
        var before = Snapshot(order);
        order.Answer = request.Answer!.Trim();
        order.AnsweredOn = today;
        order.AnsweredByName = NameOf(user, scope);
        order.Status = SupervisionStatus.Answered;
        order.Version++;
        var petition = await CaseOfAsync(db, order, ct);
        Record(db, audit, time, scope, user, order, petition, AnswerAction, before, order.Answer);
        return await SaveAsync(db, scope, order, today, L, ct);
    }

    public static async Task<IResult> Close(long id, CloseOrderRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var order = await Visible(db, scope).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return TypedResults.NotFound();
        if (!MaySupervise(scope, order)) return Refuse(L, "Sv.ErrorNotIssuer", StatusCodes.Status403Forbidden);
        if (order.Status != SupervisionStatus.Answered) return Refuse(L, "Sv.ErrorNotAnswered", StatusCodes.Status409Conflict);
        if (request.Version is { } v && v != order.Version) return Refuse(L, "ErrorStale", StatusCodes.Status409Conflict);
        var today = ChinaTime.Today(time);
        var problems = new Problems(L);
        Text(problems, L, request.Remark, "remark", 2000, required: !request.Accept);
        if (!request.Accept) RequireDue(problems, L, request.NewDueOn, today, "newDueOn");
        if (problems.Any) return problems.ToResult();

        var before = Snapshot(order);
        order.Remark = string.IsNullOrWhiteSpace(request.Remark) ? null : request.Remark.Trim();
        if (request.Accept)
        {
            order.Status = SupervisionStatus.Closed;
            order.ClosedOn = today;
        }
        else
        {
            // Sent back: the unit answers again by the new date; the answer it gave stays in the history.
            order.Status = SupervisionStatus.Open;
            order.DueOn = request.NewDueOn!.Value;
        }
        order.Version++;
        var petition = await CaseOfAsync(db, order, ct);
        Record(db, audit, time, scope, user, order, petition, request.Accept ? AcceptAction : SendBackAction, before, order.Remark);
        return await SaveAsync(db, scope, order, today, L, ct);
    }

    public static async Task<IResult> Escalate(long id, EscalateOrderRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var order = await Visible(db, scope).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return TypedResults.NotFound();
        if (!MaySupervise(scope, order)) return Refuse(L, "Sv.ErrorNotIssuer", StatusCodes.Status403Forbidden);
        var today = ChinaTime.Today(time);
        if (!SupervisionRules.IsOverdue(order.Status, order.DueOn, today)) return Refuse(L, "Sv.ErrorNotOverdue", StatusCodes.Status409Conflict);
        if (request.Version is { } v && v != order.Version) return Refuse(L, "ErrorStale", StatusCodes.Status409Conflict);
        var problems = new Problems(L);
        problems.Require(request.Kind is { } k && Enum.IsDefined(k) && SupervisionRules.IsStronger(k, order.Kind), "kind", "Sv.ErrorNotStronger");
        Text(problems, L, request.Instructions, "instructions", 2000);
        RequireDue(problems, L, request.DueOn, today, "dueOn");
        if (problems.Any) return problems.ToResult();

        var before = Snapshot(order);
        order.Status = SupervisionStatus.Escalated;
        order.ClosedOn = today;
        order.Version++;
        var stronger = new SupervisionOrder
        {
            PetitionId = order.PetitionId,
            TargetOrganisationId = order.TargetOrganisationId,
            IssuingOrganisationId = order.IssuingOrganisationId,
            Kind = request.Kind!.Value,
            Instructions = request.Instructions!.Trim(),
            IssuedOn = today,
            DueOn = request.DueOn!.Value,
            IssuedByUserId = scope.UserId,
            IssuedByName = NameOf(user, scope),
            Status = SupervisionStatus.Open,
            EscalatedFromId = order.Id,
        };
        var petition = await CaseOfAsync(db, order, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SupervisionOrders.Add(stronger);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(L, "ErrorStale", StatusCodes.Status409Conflict);
        }
        Record(db, audit, time, scope, user, order, petition, EscalateAction, before, stronger.Instructions,
            new { escalatedTo = stronger.Id, from = order.Kind.ToString(), to = stronger.Kind.ToString(), dueOn = stronger.DueOn });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/oversight/supervision/{stronger.Id}", (await DtosAsync(db, scope, [stronger], today, ct))[0]);
    }

    /// <summary>
    /// The orders a user may see: those on units within their scope (a unit sees the orders on itself), and of those on
    /// a case only where the case is visible to them — so an accusation's orders never reach the unit it accuses (Art. 30).
    /// </summary>
    public static IQueryable<SupervisionOrder> Visible(SunshineDbContext db, UserScope scope)
    {
        var units = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var cases = db.Petitions.WithinScope(scope);
        // The case test is asked per order (a key lookup): as "IN (every visible case)" SQLite built the whole set of
        // visible cases first, reading every petition even when there were no orders (the dashboard at 1M).
        return db.SupervisionOrders.Where(o => (units.Contains(o.TargetOrganisationId) || o.IssuingOrganisationId == scope.OrganisationId)
                                               && (o.PetitionId == null || cases.Any(p => p.Id == o.PetitionId)));
    }

    /// <summary>Supervisors and bureau leaders of a Letters and Calls Bureau issue, close and escalate orders (Art. 38).</summary>
    public static bool MayIssue(UserScope scope) => scope.AtBureau && (scope.IsInRole(StaffRoles.Supervisor) || scope.IsInRole(StaffRoles.BureauLeader));

    private static bool MaySupervise(UserScope scope, SupervisionOrder order) => MayIssue(scope) && order.IssuingOrganisationId == scope.OrganisationId;

    /// <summary>The unit ordered answers in writing, by its handling officer or its leader.</summary>
    private static bool MayAnswer(UserScope scope, SupervisionOrder order) =>
        order.TargetOrganisationId == scope.OrganisationId && (scope.IsInRole(StaffRoles.HandlingOfficer) || scope.IsInRole(StaffRoles.UnitLeader));

    /// <summary>A due date is a legal date after the day of the order: the day itself is not counted (Civil Code Art. 201).</summary>
    private static void RequireDue(Problems problems, IStringLocalizer<SharedResource> L, DateOnly? due, DateOnly today, string field)
    {
        if (due is null) problems.Add(field, "ErrorRequired", L["Sv.Field." + field].Value);
        else problems.Require(due.Value > today, field, "Sv.ErrorDueOn");
    }

    /// <summary>Required and bounded text, with the field named from this slice's own labels.</summary>
    internal static void Text(Problems problems, IStringLocalizer<SharedResource> L, string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) problems.Add(field, "ErrorRequired", L["Sv.Field." + field].Value);
        }
        else if (value.Length > maxLength)
        {
            problems.Add(field, "ErrorTooLong", L["Sv.Field." + field].Value, maxLength);
        }
    }

    private static IResult Refuse(IStringLocalizer<SharedResource> L, string key, int status) =>
        TypedResults.Problem(title: L[key], statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = key });

    private static string NameOf(ClaimsPrincipal user, UserScope scope) => user.FindFirstValue("sunshine:display_name") ?? scope.UserName;

    private static object Snapshot(SupervisionOrder o) => new { o.Status, o.Kind, o.DueOn, o.AnsweredOn, o.ClosedOn };

    private static async Task<Petition?> CaseOfAsync(SunshineDbContext db, SupervisionOrder order, CancellationToken ct) =>
        order.PetitionId is { } id ? await db.Petitions.SingleAsync(p => p.Id == id, ct) : null;

    /// <summary>The audit entry for every step, and for an order on a case a non-public event in its history.</summary>
    private static void Record(SunshineDbContext db, Audit audit, TimeProvider time, UserScope scope, ClaimsPrincipal user, SupervisionOrder order, Petition? petition,
        string action, object? before, string? text, object? detail = null)
    {
        audit.Record(scope, action.Replace('-', '.'), nameof(SupervisionOrder), order.Id, before, Snapshot(order), text);
        if (petition is null) return;
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = time.GetUtcNow().UtcDateTime,
            On = ChinaTime.Today(time),
            Action = action,
            FromStatus = petition.Status,
            ToStatus = petition.Status,
            ActorUserId = scope.UserId,
            ActorName = NameOf(user, scope),
            OrganisationId = scope.OrganisationId,
            TargetOrganisationId = order.TargetOrganisationId,
            Reason = text,
            Detail = JsonSerializer.Serialize(detail ?? new { order = order.Id, kind = order.Kind.ToString(), label = SupervisionRules.Label(order.Kind), dueOn = order.DueOn }),
            IsPublic = false,
        });
    }

    private static async Task<IResult> SaveAsync(SunshineDbContext db, UserScope scope, SupervisionOrder order, DateOnly today, IStringLocalizer<SharedResource> L,
        CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(L, "ErrorStale", StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok((await DtosAsync(db, scope, [order], today, ct))[0]);
    }

    private static async Task<List<SupervisionOrderDto>> DtosAsync(SunshineDbContext db, UserScope scope, IReadOnlyList<SupervisionOrder> orders, DateOnly today,
        CancellationToken ct)
    {
        var orgIds = orders.SelectMany(o => new[] { o.TargetOrganisationId, o.IssuingOrganisationId }).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var caseIds = orders.Where(o => o.PetitionId != null).Select(o => o.PetitionId!.Value).Distinct().ToList();
        var cases = await db.Petitions.AsNoTracking().Where(p => caseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.CaseNumber, ct);
        var ids = orders.Select(o => (long?)o.Id).ToList();
        var successors = await db.SupervisionOrders.AsNoTracking().Where(o => ids.Contains(o.EscalatedFromId))
            .Select(o => new { o.Id, o.EscalatedFromId }).ToListAsync(ct);
        return orders.Select(o => new SupervisionOrderDto(o.Id, o.PetitionId, o.PetitionId is { } p ? cases.GetValueOrDefault(p) : null,
            o.TargetOrganisationId, names.GetValueOrDefault(o.TargetOrganisationId, ""), names.GetValueOrDefault(o.IssuingOrganisationId, ""),
            o.Kind, o.Instructions, o.IssuedOn, o.DueOn, o.IssuedByName, o.Status, SupervisionRules.IsOverdue(o.Status, o.DueOn, today),
            o.Answer, o.AnsweredOn, o.AnsweredByName, o.AnsweredOn is { } answered && answered > o.DueOn, o.Remark, o.ClosedOn, o.EscalatedFromId,
            successors.FirstOrDefault(s => s.EscalatedFromId == o.Id)?.Id, o.Version,
            o.Status == SupervisionStatus.Open && MayAnswer(scope, o),
            o.Status == SupervisionStatus.Answered && MaySupervise(scope, o),
            SupervisionRules.IsOverdue(o.Status, o.DueOn, today) && MaySupervise(scope, o))).ToList();
    }
}
