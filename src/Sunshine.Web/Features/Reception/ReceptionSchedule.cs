using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Reception;

/// <param name="StartsAt">Beijing wall-clock time of the start (the form's value); stored as UTC.</param>
public sealed record SessionRequest(ReceptionKind Kind, string? LeaderName, string? LeaderTitle, DateTime? StartsAt, DateTime? EndsAt, string? Place,
    string? Matters, int Capacity = 0, bool IsPublished = true, int? OrganisationId = null);

public sealed record SessionRecordRequest(string? Record);

/// <param name="StartsAt">Beijing wall-clock time.</param>
public sealed record SessionDto(long Id, ReceptionKind Kind, string LeaderName, string LeaderTitle, DateTime StartsAt, DateTime EndsAt, string Place,
    string Matters, int Capacity, int Booked, bool IsPublished, string Organisation, string? Record);

/// <summary>
/// 领导接访 and 下访 (《信访工作条例》第十八条): leaders' reception days, published on the portal (and the kiosk) with their
/// seats, and field visits planned and then recorded. Sessions belong to a unit; staff see and plan those within scope.
/// </summary>
public static class ReceptionSchedule
{
    /// <summary>Plans sessions, windows and reception: the bureau's registrars and leaders, and administrators.</summary>
    public static bool MayPlan(UserScope scope) =>
        scope.IsInRole(StaffRoles.Registrar) || scope.IsInRole(StaffRoles.BureauLeader) || scope.IsInRole(StaffRoles.UnitLeader) || scope.IsInRole(StaffRoles.Administrator);

    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, DateOnly? from, DateOnly? to, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var start = from ?? ChinaTime.Today(time);
        var end = to ?? start.AddDays(60);
        var (fromUtc, toUtc) = (UtcOf(start), UtcOf(end.AddDays(1)));
        var orgs = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var rows = await db.ReceptionSessions.AsNoTracking()
            .Where(s => orgs.Contains(s.OrganisationId) && s.StartsAt >= fromUtc && s.StartsAt < toUtc)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(500)
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { s, o.Name })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => Dto(r.s, r.Name)).ToList());
    }

    public static async Task<IResult> Create(SessionRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayPlan(scope)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var organisationId = request.OrganisationId ?? scope.OrganisationId;
        var problems = new Problems(L)
            .Require(Enum.IsDefined(request.Kind), "kind", "ErrorEnum", L["Field.kind"].Value)
            .Text(request.LeaderName, "leaderName", 64)
            .Text(request.LeaderTitle, "leaderTitle", 128)
            .Text(request.Place, "place", 256)
            .Text(request.Matters, "matters", 512)
            .Require(request.StartsAt is not null, "startsAt", "ErrorRequired", L["Field.startsAt"].Value)
            .Require(request.StartsAt is null || request.EndsAt is null || request.EndsAt > request.StartsAt, "endsAt", "Reception.ErrorEndsBeforeStart")
            .Require(request.Capacity is >= 0 and <= 500, "capacity", "Reception.ErrorCapacity")
            .Require(request.Kind != ReceptionKind.FieldVisit || request.Capacity == 0, "capacity", "Reception.ErrorFieldVisitSeats");
        if (!await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == organisationId && o.IsActive, ct))
            problems.Add("organisationId", "ErrorOrganisationOutOfScope");
        if (problems.Any) return problems.ToResult();

        var startsAt = FromBeijing(request.StartsAt!.Value);
        var session = new ReceptionSession
        {
            OrganisationId = organisationId,
            Kind = request.Kind,
            LeaderName = request.LeaderName!.Trim(),
            LeaderTitle = request.LeaderTitle!.Trim(),
            StartsAt = startsAt,
            EndsAt = request.EndsAt is { } ends ? FromBeijing(ends) : startsAt.AddHours(3),
            Place = request.Place!.Trim(),
            Matters = request.Matters!.Trim(),
            Capacity = request.Capacity,
            IsPublished = request.IsPublished,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ReceptionSessions.Add(session);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "reception.session-create", nameof(ReceptionSession), session.Id,
            after: new { session.Kind, session.LeaderName, session.StartsAt, session.Place, session.Capacity, session.IsPublished });
        await db.SaveChangesAsync(ct);
        var name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(ct);
        return TypedResults.Created($"/api/reception/sessions/{session.Id}", Dto(session, name));
    }

    /// <summary>下访: what the leader found and decided on the visit, recorded once it has taken place.</summary>
    public static async Task<IResult> Record(long id, SessionRecordRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayPlan(scope)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var orgs = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var session = await db.ReceptionSessions.SingleOrDefaultAsync(s => s.Id == id && orgs.Contains(s.OrganisationId), ct);
        if (session is null) return TypedResults.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        var problems = new Problems(L).Text(request.Record, "record", 4000)
            .Require(session.StartsAt <= now, "record", "Reception.ErrorNotYetHeld");
        if (problems.Any) return problems.ToResult();
        var before = session.Record;
        session.Record = request.Record!.Trim();
        session.RecordedAt = now;
        audit.Record(scope, "reception.session-record", nameof(ReceptionSession), session.Id, new { Record = before }, new { session.Record });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The published leaders' reception days from today on, for the portal and the kiosk: no login, no personal data.</summary>
    public static async Task<List<SessionDto>> PublishedAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.ReceptionSessions.AsNoTracking()
            .Where(s => s.IsPublished && s.Kind == ReceptionKind.LeaderReception && s.EndsAt > now)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(100)
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { s, o.Name })
            .ToListAsync(ct);
        return rows.Select(r => Dto(r.s, r.Name) with { Record = null }).ToList();
    }

    public static async Task<IResult> Published(SunshineDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await PublishedAsync(db, time, ct));

    internal static SessionDto Dto(ReceptionSession s, string organisation) =>
        new(s.Id, s.Kind, s.LeaderName, s.LeaderTitle, ChinaTime.LocalOf(s.StartsAt), ChinaTime.LocalOf(s.EndsAt), s.Place, s.Matters, s.Capacity, s.Booked,
            s.IsPublished, organisation, s.Record);

    /// <summary>A Beijing wall-clock time as a UTC instant (China keeps UTC+8 all year).</summary>
    public static DateTime FromBeijing(DateTime local) => DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);

    /// <summary>The UTC instant at which a Beijing date begins.</summary>
    public static DateTime UtcOf(DateOnly date) => FromBeijing(date.ToDateTime(TimeOnly.MinValue));
}
