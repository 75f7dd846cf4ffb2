using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Warnings;

public sealed record WarningRow(long Id, WarningRule Rule, WarningSeverity Severity, WarningState State, string LocalityCode, string? LocalityName,
    string? CategoryName, string Period, string Summary, int CaseCount, DateTime CreatedAt, DateTime UpdatedAt, string? AssignedTo);

public sealed record WarningList(int Total, int Page, int PageSize, IReadOnlyList<WarningRow> Items);

public sealed record WarningCase(long PetitionId, string CaseNumber, DateOnly ReceivedOn, string Summary, PetitionStatus Status);

/// <summary>An alert with its evidence and the cases behind it; cases the caller may not see (accusations, Art. 30) are
/// only counted in <paramref name="HiddenCases"/>.</summary>
public sealed record WarningDetail(WarningRow Alert, IReadOnlyDictionary<string, JsonElement> Evidence, IReadOnlyList<WarningCase> Cases, int HiddenCases,
    string? AcknowledgedBy, DateTime? AcknowledgedAt, DateTime? AssignedAt, string? ResolvedBy, DateTime? ResolvedAt, string? ResolutionNote, int Version);

public sealed record AssignWarningRequest(string? UserId);

public sealed record ResolveWarningRequest(string? Note);

public sealed record Assignee(string UserId, string DisplayName, string Organisation);

/// <summary>
/// Early-warning alerts (信息预警, DOMAIN.md §1.7) for supervisors and leaders: the list, one alert with its evidence
/// and cases, and the steps acknowledge → assign → resolve. An alert is visible to those whose organisation's division
/// contains its locality (a provincial bureau sees the province, a county bureau its county).
/// </summary>
public static class WarningEndpoints
{
    public const int PageSize = 50;

    private static readonly string[] ViewRoles = [StaffRoles.Supervisor, StaffRoles.BureauLeader, StaffRoles.UnitLeader];
    private static readonly string[] ActRoles = [StaffRoles.Supervisor, StaffRoles.BureauLeader];

    public static IServiceCollection AddEarlyWarning(this IServiceCollection services)
    {
        services.AddSingleton<EarlyWarningWork>();
        services.AddHostedService(sp => sp.GetRequiredService<EarlyWarningWork>());
        return services;
    }

    public static void MapEarlyWarningEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/oversight/warnings").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        api.MapGet("", List);
        api.MapGet("/assignees", Assignees);
        api.MapGet("/{id:long}", Get);
        api.MapPost("/{id:long}/acknowledge", Acknowledge);
        api.MapPost("/{id:long}/assign", Assign);
        api.MapPost("/{id:long}/resolve", Resolve);
    }

    public static bool CanView(UserScope scope) => ViewRoles.Any(scope.IsInRole);

    public static bool CanAct(UserScope scope) => ActRoles.Any(scope.IsInRole);

    /// <summary>The alerts within the caller's division: a prefix of the locality code, on its index.</summary>
    public static async Task<IQueryable<WarningAlert>> VisibleAsync(SunshineDbContext db, UserScope scope, CancellationToken ct)
    {
        var division = await db.Organisations.AsNoTracking().Where(o => o.Id == scope.OrganisationId).Select(o => o.DivisionCode).SingleAsync(ct);
        var prefix = DivisionCode.TryParse(division, out var code) ? code.Prefix : division;
        return db.WarningAlerts.Where(a => a.LocalityCode.StartsWith(prefix));
    }

    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, IStringLocalizer<SharedResource> L, WarningState? state, WarningSeverity? severity,
        WarningRule? rule, string? locality, int? page, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!CanView(scope)) return Forbidden(L);
        var query = await VisibleAsync(db, scope, ct);
        if (state is { } s) query = query.Where(a => a.State == s);
        else query = query.Where(a => a.State != WarningState.Resolved);
        if (severity is { } v) query = query.Where(a => a.Severity == v);
        if (rule is { } r) query = query.Where(a => a.Rule == r);
        if (!string.IsNullOrWhiteSpace(locality)) query = query.Where(a => a.LocalityCode.StartsWith(locality.Trim()));
        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync(ct);
        var rows = await Rows(db, query.OrderByDescending(a => a.Severity).ThenByDescending(a => a.Id).Skip((number - 1) * PageSize).Take(PageSize), ct);
        return TypedResults.Ok(new WarningList(total, number, PageSize, rows));
    }

    private static Task<List<WarningRow>> Rows(SunshineDbContext db, IQueryable<WarningAlert> query, CancellationToken ct) =>
        query.AsNoTracking().Select(a => new WarningRow(a.Id, a.Rule, a.Severity, a.State, a.LocalityCode,
                db.Divisions.Where(d => d.Code == a.LocalityCode).Select(d => d.Name).FirstOrDefault(),
                db.Categories.Where(c => c.Id == a.CategoryId).Select(c => c.Name).FirstOrDefault(),
                a.Period, a.Summary, a.CaseCount, a.CreatedAt, a.UpdatedAt,
                db.Users.Where(u => u.Id == a.AssignedToUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!CanView(scope)) return Forbidden(L);
        var visible = await VisibleAsync(db, scope, ct);
        var row = (await Rows(db, visible.Where(a => a.Id == id), ct)).SingleOrDefault();
        if (row is null) return TypedResults.NotFound();
        var alert = await db.WarningAlerts.AsNoTracking().SingleAsync(a => a.Id == id, ct);
        var linked = db.WarningAlertCases.Where(l => l.AlertId == id).Select(l => l.PetitionId);
        var cases = await db.Petitions.AsNoTracking().WithinScope(scope).Where(p => linked.Contains(p.Id))
            .OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id)
            .Select(p => new WarningCase(p.Id, p.CaseNumber, p.ReceivedOn, p.Summary, p.Status)).ToListAsync(ct);
        var all = await linked.CountAsync(ct);
        var names = await db.Users.Where(u => u.Id == alert.AcknowledgedByUserId || u.Id == alert.ResolvedByUserId)
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var evidence = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(alert.Evidence) ?? [];
        return TypedResults.Ok(new WarningDetail(row, evidence, cases, all - cases.Count,
            alert.AcknowledgedByUserId is { } a ? names.GetValueOrDefault(a) : null, alert.AcknowledgedAt, alert.AssignedAt,
            alert.ResolvedByUserId is { } r ? names.GetValueOrDefault(r) : null, alert.ResolvedAt, alert.ResolutionNote, alert.Version));
    }

    /// <summary>Staff the caller may assign an alert to: accounts within the caller's scope.</summary>
    public static async Task<IResult> Assignees(ClaimsPrincipal user, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!CanAct(scope)) return Forbidden(L);
        var list = await db.Users.AsNoTracking().WithinScope(scope).OrderBy(u => u.Organisation!.Path).ThenBy(u => u.DisplayName).Take(500)
            .Select(u => new Assignee(u.Id, u.DisplayName, u.Organisation!.Name)).ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    public static Task<IResult> Acknowledge(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L,
        CancellationToken ct) =>
        ChangeAsync(id, user, db, audit, L, "warning.acknowledge", null, (alert, scope) =>
        {
            if (alert.State != WarningState.Raised) return "Ew.ErrorNotRaised";
            alert.State = WarningState.Acknowledged;
            alert.AcknowledgedByUserId = scope.UserId;
            alert.AcknowledgedAt = time.GetUtcNow().UtcDateTime;
            return null;
        }, time, ct);

    public static async Task<IResult> Assign(long id, AssignWarningRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!CanAct(scope)) return Forbidden(L);
        var problems = new Problems(L);
        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            problems.Add("userId", "Ew.ErrorAssigneeRequired");
            return problems.ToResult();
        }
        if (!await db.Users.WithinScope(scope).AnyAsync(u => u.Id == request.UserId, ct))
        {
            problems.Add("userId", "Ew.ErrorAssigneeOutOfScope");
            return problems.ToResult();
        }
        return await ChangeAsync(id, user, db, audit, L, "warning.assign", null, (alert, _) =>
        {
            // Assigned once acknowledged: someone has read the alert before work is handed out. Reassigning is allowed.
            if (alert.State is not (WarningState.Acknowledged or WarningState.Assigned)) return "Ew.ErrorNotAcknowledged";
            alert.State = WarningState.Assigned;
            alert.AssignedToUserId = request.UserId;
            alert.AssignedAt = time.GetUtcNow().UtcDateTime;
            return null;
        }, time, ct);
    }

    public static async Task<IResult> Resolve(long id, ResolveWarningRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L);
        if (string.IsNullOrWhiteSpace(request.Note)) problems.Add("note", "Ew.ErrorNoteRequired");
        else if (request.Note.Trim().Length > 2000) problems.Add("note", "Ew.ErrorNoteTooLong", 2000);
        if (problems.Any) return problems.ToResult();
        var note = request.Note!.Trim();
        return await ChangeAsync(id, user, db, audit, L, "warning.resolve", note, (alert, scope) =>
        {
            if (alert.State is not (WarningState.Acknowledged or WarningState.Assigned)) return "Ew.ErrorNotAcknowledged";
            alert.State = WarningState.Resolved;
            alert.ResolvedByUserId = scope.UserId;
            alert.ResolvedAt = time.GetUtcNow().UtcDateTime;
            alert.ResolutionNote = note;
            return null;
        }, time, ct, assigneeMayAct: true);
    }

    /// <summary>One state change: scope and role checked, the rule of the step applied, audited, saved under the version check.</summary>
    private static async Task<IResult> ChangeAsync(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, string action,
        string? reason, Func<WarningAlert, UserScope, string?> step, TimeProvider time, CancellationToken ct, bool assigneeMayAct = false)
    {
        var scope = UserScope.From(user)!;
        if (!CanView(scope) && !assigneeMayAct) return Forbidden(L);
        var visible = await VisibleAsync(db, scope, ct);
        var alert = await visible.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return TypedResults.NotFound();
        // The person an alert is assigned to may resolve it; every other step is for supervisors and bureau leaders.
        if (!CanAct(scope) && !(assigneeMayAct && alert.AssignedToUserId == scope.UserId)) return Forbidden(L);
        var before = alert.State;
        if (step(alert, scope) is { } refusal)
            return TypedResults.Problem(title: L[refusal], detail: L["Ew.StateIs", L["Ew.State." + before]], statusCode: StatusCodes.Status409Conflict);
        alert.Version++;
        alert.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Record(scope, action, nameof(WarningAlert), alert.Id, new { State = before }, new { alert.State, alert.AssignedToUserId }, reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: L["Ew.ErrorChanged"], statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(new { alert.Id, alert.State, alert.Version });
    }

    private static IResult Forbidden(IStringLocalizer<SharedResource> L) =>
        TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
}
