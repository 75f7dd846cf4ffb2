using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Reception;

public sealed record ArrivalRequest(long? AppointmentId = null, string? VisitorName = null, string? Matter = null, int? CategoryId = null, int? WindowId = null,
    long? SessionId = null);

/// <summary>
/// What was said and decided at the desk. Without <paramref name="ExistingPetitionId"/> (and no case on the appointment)
/// the visit is registered as a new case through the one registration path, channel Visit.
/// </summary>
public sealed record RecordVisitRequest(
    string? Said,
    string? Decided,
    int HeadCount = 1,
    IReadOnlyList<string>? Representatives = null,
    long? ExistingPetitionId = null,
    Purpose Purpose = Purpose.Request,
    int? CategoryId = null,
    string? IssueLocalityCode = null,
    string? Summary = null,
    string? IdNumber = null,
    string? Phone = null,
    string? Address = null,
    string? LeaderName = null,
    string? LeaderTitle = null,
    string? Instruction = null,
    bool StartOwnership = false);

public sealed record VisitDto(long Id, int QueueNumber, DateTime ArrivedAt, string Visitor, string Matter, string? Window, string? Leader, int HeadCount,
    VisitStatus Status, long? PetitionId, string? CaseNumber, long? AppointmentId);

public sealed record AppointmentRow(long Id, string Name, string Matter, int Attendees, AppointmentStatus Status, string? CaseNumber, string? Phone);

public sealed record DaySession(SessionDto Session, IReadOnlyList<AppointmentRow> Appointments);

/// <summary>The registrar's day: the sessions with their bookings, and the visits in arrival order.</summary>
public sealed record DayList(DateOnly Date, IReadOnlyList<DaySession> Sessions, IReadOnlyList<VisitDto> Visits);

public sealed record VisitRecorded(long VisitId, long PetitionId, string CaseNumber, bool NewCase, string? QueryCode);

public sealed record WindowRequest(string? Name, int? OrganisationId, int? CategoryId, int SortOrder = 0);

public sealed record WindowCount(int Id, string Name, string Department, string? Category, int Visits);

public sealed record DepartmentCount(int OrganisationId, string Department, int Visits);

/// <summary>联合接访 centre: its windows with their visits in the period, the totals per department, and visits not routed to a window.</summary>
public sealed record CentreOverview(DateOnly From, DateOnly To, IReadOnlyList<WindowCount> Windows, IReadOnlyList<DepartmentCount> Departments, int Unrouted);

/// <summary>
/// The reception desk and the joint reception centre (《信访工作条例》第十八条、第二十条): a visitor arrives and gets the day's
/// next queue number and the window that takes their matter; the visit is then recorded — head count, representatives,
/// what was said and decided — and becomes a new case or a step of an existing one, with the leader's instruction (批示)
/// and, if a leader takes charge, case ownership (包案).
/// </summary>
public static class ReceptionDesk
{
    public static async Task<IResult> Day(ClaimsPrincipal user, SunshineDbContext db, DateOnly? date, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var day = date ?? ChinaTime.Today(time);
        var (from, to) = (ReceptionSchedule.UtcOf(day), ReceptionSchedule.UtcOf(day.AddDays(1)));
        var orgs = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var sessions = await db.ReceptionSessions.AsNoTracking()
            .Where(s => orgs.Contains(s.OrganisationId) && s.StartsAt >= from && s.StartsAt < to)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { s, o.Name })
            .ToListAsync(ct);
        var ids = sessions.Select(s => s.s.Id).ToList();
        var bookings = await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.SessionId) && a.Status != AppointmentStatus.Cancelled)
            .OrderBy(a => a.Id)
            .Select(a => new { a.SessionId, a.Id, a.Name, a.Matter, a.Attendees, a.Status, a.PhoneProtected,
                CaseNumber = db.Petitions.Where(p => p.Id == a.PetitionId).Select(p => p.CaseNumber).FirstOrDefault() })
            .ToListAsync(ct);
        var visits = await VisitsAsync(db, db.Visits.Where(v => orgs.Contains(v.OrganisationId) && v.VisitDate == day), ct);
        // Names and phones masked on screen (DOMAIN.md §3); the phone only shows that a reminder can reach them.
        var list = sessions.Select(s => new DaySession(ReceptionSchedule.Dto(s.s, s.Name), bookings.Where(b => b.SessionId == s.s.Id)
            .Select(b => new AppointmentRow(b.Id, PersonalData.MaskName(b.Name), b.Matter, b.Attendees, b.Status, b.CaseNumber, b.PhoneProtected is null ? null : "***"))
            .ToList())).ToList();
        return TypedResults.Ok(new DayList(day, list, visits));
    }

    private static async Task<List<VisitDto>> VisitsAsync(SunshineDbContext db, IQueryable<Visit> query, CancellationToken ct) =>
        await query.AsNoTracking().OrderBy(v => v.VisitDate).ThenBy(v => v.QueueNumber)
            .Select(v => new VisitDto(v.Id, v.QueueNumber, v.ArrivedAt, v.VisitorName, v.Matter,
                db.ReceptionWindows.Where(w => w.Id == v.WindowId).Select(w => w.Name).FirstOrDefault(), v.LeaderName, v.HeadCount, v.Status, v.PetitionId,
                db.Petitions.Where(p => p.Id == v.PetitionId).Select(p => p.CaseNumber).FirstOrDefault(), v.AppointmentId))
            .ToListAsync(ct);

    /// <summary>A visitor arrives (with a booking or without): the day's next queue number and the window for the matter.</summary>
    public static async Task<IResult> Arrive(ArrivalRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.Registrar)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var orgs = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var problems = new Problems(L);
        Appointment? appointment = null;
        ReceptionSession? session = null;
        if (request.AppointmentId is { } appointmentId)
        {
            appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId
                && db.ReceptionSessions.Any(s => s.Id == a.SessionId && orgs.Contains(s.OrganisationId)), ct);
            if (appointment is null) return TypedResults.NotFound();
            if (appointment.Status != AppointmentStatus.Booked)
                return TypedResults.Problem(title: L["Reception.ErrorAlreadyArrived"], statusCode: StatusCodes.Status409Conflict);
            session = await db.ReceptionSessions.AsNoTracking().SingleAsync(s => s.Id == appointment.SessionId, ct);
        }
        else
        {
            problems.Text(request.VisitorName, "visitorName", 128).Text(request.Matter, "matter", 512);
            if (request.SessionId is { } sessionId)
            {
                session = await db.ReceptionSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && orgs.Contains(s.OrganisationId), ct);
                if (session is null) problems.Add("sessionId", "Reception.ErrorNoSession");
            }
        }
        if (request.CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId, ct))
            problems.Add("categoryId", "ErrorUnknownCategory");
        if (request.WindowId is { } windowId && !await db.ReceptionWindows.AnyAsync(w => w.Id == windowId && w.CentreOrganisationId == scope.OrganisationId && w.IsActive, ct))
            problems.Add("windowId", "Reception.ErrorNoWindow");
        if (problems.Any) return problems.ToResult();

        var window = request.WindowId ?? (session is null ? await RouteAsync(db, scope.OrganisationId, request.CategoryId, ct) : null);
        var now = time.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(time);
        var visit = new Visit
        {
            OrganisationId = scope.OrganisationId,
            VisitDate = today,
            ArrivedAt = now,
            AppointmentId = appointment?.Id,
            SessionId = session?.Id,
            WindowId = window,
            VisitorName = appointment?.Name ?? request.VisitorName!.Trim(),
            Matter = appointment?.Matter ?? request.Matter!.Trim(),
            CategoryId = request.CategoryId,
            HeadCount = appointment?.Attendees ?? 1,
            LeaderName = session is null ? null : session.LeaderTitle + session.LeaderName,
            PetitionId = appointment?.PetitionId,
            Status = VisitStatus.Waiting,
        };
        if (appointment is not null) appointment.Status = AppointmentStatus.Arrived;
        // The next number of the day; two arrivals at once may pick the same one — the unique index refuses the second,
        // which then takes the number after.
        for (var attempt = 0; ; attempt++)
        {
            visit.QueueNumber = 1 + (await db.Visits.Where(v => v.OrganisationId == visit.OrganisationId && v.VisitDate == today).MaxAsync(v => (int?)v.QueueNumber, ct) ?? 0);
            db.Visits.Add(visit);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 10)
            {
                db.Entry(visit).State = EntityState.Detached;
            }
        }
        audit.Record(scope, "reception.arrive", nameof(Visit), visit.Id, after: new { visit.QueueNumber, visit.WindowId, visit.AppointmentId, visit.SessionId });
        await db.SaveChangesAsync(ct);
        var dto = (await VisitsAsync(db, db.Visits.Where(v => v.Id == visit.Id), ct)).Single();
        return TypedResults.Created($"/api/reception/visits/{visit.Id}", dto);
    }

    /// <summary>
    /// The window for a matter at the centre: the one that takes its top-level category, else the general window
    /// (no category), else none — the registrar then chooses.
    /// </summary>
    public static async Task<int?> RouteAsync(SunshineDbContext db, int centreId, int? categoryId, CancellationToken ct)
    {
        var windows = await db.ReceptionWindows.AsNoTracking().Where(w => w.CentreOrganisationId == centreId && w.IsActive)
            .OrderBy(w => w.SortOrder).ThenBy(w => w.Id).ToListAsync(ct);
        int? top = categoryId;
        for (var guard = 0; top is { } id && guard < 3; guard++)
        {
            var parent = await db.Categories.Where(c => c.Id == id).Select(c => c.ParentId).SingleOrDefaultAsync(ct);
            if (parent is null) break;
            top = parent;
        }
        return (windows.FirstOrDefault(w => top is not null && w.CategoryId == top) ?? windows.FirstOrDefault(w => w.CategoryId is null))?.Id;
    }

    public static async Task<IResult> Record(long id, RecordVisitRequest request, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.Registrar)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var orgs = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == id && orgs.Contains(v.OrganisationId), ct);
        if (visit is null) return TypedResults.NotFound();
        if (visit.Status != VisitStatus.Waiting)
            return TypedResults.Problem(title: L["Reception.ErrorVisitRecorded"], statusCode: StatusCodes.Status409Conflict);

        var representatives = (request.Representatives ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
        var problems = new Problems(L)
            .Text(request.Said, "said", 20_000)
            .Text(request.Decided, "decided", 4000)
            .Require(request.HeadCount is >= 1 and <= 100_000, "headCount", "ErrorHeadCount")
            // Art. 20: a collective visit elects representatives, at most 5, to state the matter.
            .Require(representatives.Count <= RegisterPetition.MaxRepresentatives, "representatives", "ErrorTooManyRepresentatives", RegisterPetition.MaxRepresentatives)
            .Require(request.HeadCount < RegisterPetition.CollectiveHeadCount || representatives.Count > 0, "representatives", "Reception.ErrorRepresentativesRequired",
                RegisterPetition.CollectiveHeadCount)
            .Text(request.Instruction, "instruction", 2000, required: false)
            .Require(Blank(request.Instruction) is null && !request.StartOwnership || Blank(request.LeaderName) is not null, "leaderName", "ErrorRequired", L["Field.leaderName"].Value)
            .Text(request.LeaderName, "leaderName", 64, required: false)
            .Text(request.LeaderTitle, "leaderTitle", 128, required: false);
        foreach (var name in representatives) problems.Text(name, "representatives", 64);
        if (problems.Any) return problems.ToResult();

        var now = time.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(time);
        visit.HeadCount = request.HeadCount;
        visit.Representatives = representatives.Count > 0 ? string.Join('、', representatives) : null;
        visit.Said = request.Said!.Trim();
        visit.Decided = request.Decided!.Trim();
        visit.LeaderName = Blank(request.LeaderName) ?? visit.LeaderName;
        visit.Status = VisitStatus.Recorded;
        visit.RecordedAt = now;
        visit.RecordedBy = scope.UserName;

        var existingId = request.ExistingPetitionId ?? visit.PetitionId;
        if (existingId is { } existing)
        {
            var petition = await db.Petitions.WithinScope(scope).SingleOrDefaultAsync(p => p.Id == existing, ct);
            if (petition is null) return new Problems(L).Require(false, "existingPetitionId", "Reception.ErrorUnknownCase").ToResult();
            visit.PetitionId = petition.Id;
            AddCaseSteps(db, petition, visit, request, scope, now, today);
            audit.Record(scope, "reception.visit-record", nameof(Visit), visit.Id, after: new { visit.PetitionId, visit.HeadCount, NewCase = false });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(title: L["Reception.ErrorVisitRecorded"], statusCode: StatusCodes.Status409Conflict);
            }
            return TypedResults.Ok(new VisitRecorded(visit.Id, petition.Id, petition.CaseNumber, false, null));
        }

        var locality = Blank(request.IssueLocalityCode)
                       ?? await db.Organisations.Where(o => o.Id == visit.OrganisationId).Select(o => o.DivisionCode).SingleAsync(ct);
        var registration = new RegisterPetitionRequest(Channel.Visit, request.Purpose, request.CategoryId ?? visit.CategoryId, locality,
            Blank(request.Summary) ?? visit.Matter, visit.Said, today,
            new PetitionerInput(visit.VisitorName, Blank(request.IdNumber), Blank(request.Phone), Blank(request.Address)),
            HeadCount: request.HeadCount, Representatives: representatives.Count > 0 ? representatives : null);
        // The visit, its case steps and the audit are written in the registration's own transaction (Complete).
        RegisterPetition.Outcome outcome;
        try
        {
            outcome = await RegisterPetition.RegisterAsync(registration, visit.OrganisationId, scope, db, personalData, audit, time, L,
            new RegisterPetition.ImportedRegistration(null, petition =>
            {
                visit.PetitionId = petition.Id;
                AddCaseSteps(db, petition, visit, request, scope, now, today);
                audit.Record(scope, "reception.visit-record", nameof(Visit), visit.Id, after: new { visit.PetitionId, visit.HeadCount, NewCase = true });
            }), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another desk recorded this visit first; the registration's transaction was rolled back with it.
            return TypedResults.Problem(title: L["Reception.ErrorVisitRecorded"], statusCode: StatusCodes.Status409Conflict);
        }
        if (outcome.Problems is { } refused) return refused.ToResult();
        var registered = outcome.Registered!;
        return TypedResults.Ok(new VisitRecorded(visit.Id, registered.Id, registered.CaseNumber, true, registered.QueryCode));
    }

    // The visit as a step of the case; the leader's instruction (批示) as its own step; the leader's ownership (包案) if taken.
    private static void AddCaseSteps(SunshineDbContext db, Petition petition, Visit visit, RecordVisitRequest request, UserScope scope, DateTime now, DateOnly today)
    {
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id, At = now, On = today, Action = "visit", FromStatus = petition.Status, ToStatus = petition.Status,
            ActorUserId = scope.UserId, ActorName = scope.UserName, OrganisationId = visit.OrganisationId, Reason = visit.Decided,
            Detail = JsonSerializer.Serialize(new { visit = visit.Id, queue = visit.QueueNumber, headCount = visit.HeadCount, leader = visit.LeaderName }),
            IsPublic = false,
        });
        if (Blank(request.Instruction) is { } instruction)
            CaseReception.AddInstruction(db, petition, request.LeaderName!.Trim(), instruction, scope, now, today);
        if (request.StartOwnership)
            CaseReception.AddOwnership(db, petition, request.LeaderName!.Trim(), Blank(request.LeaderTitle) ?? "", scope, now, today);
    }

    public static async Task<IResult> Centre(ClaimsPrincipal user, SunshineDbContext db, DateOnly? from, DateOnly? to, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var end = to ?? ChinaTime.Today(time);
        var start = from ?? end.AddDays(-29);
        var windows = await db.ReceptionWindows.AsNoTracking().Where(w => w.CentreOrganisationId == scope.OrganisationId)
            .OrderBy(w => w.SortOrder).ThenBy(w => w.Id)
            .Select(w => new
            {
                w.Id, w.Name, w.OrganisationId,
                Department = db.Organisations.Where(o => o.Id == w.OrganisationId).Select(o => o.Name).First(),
                Category = db.Categories.Where(c => c.Id == w.CategoryId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var counts = await db.Visits.AsNoTracking()
            .Where(v => v.OrganisationId == scope.OrganisationId && v.VisitDate >= start && v.VisitDate <= end)
            .GroupBy(v => v.WindowId).Select(g => new { WindowId = g.Key, Visits = g.Count() }).ToListAsync(ct);
        int CountOf(int? window) => counts.FirstOrDefault(c => c.WindowId == window)?.Visits ?? 0;
        var rows = windows.Select(w => new WindowCount(w.Id, w.Name, w.Department, w.Category, CountOf(w.Id))).ToList();
        var departments = windows.GroupBy(w => (w.OrganisationId, w.Department))
            .Select(g => new DepartmentCount(g.Key.OrganisationId, g.Key.Department, g.Sum(w => CountOf(w.Id)))).ToList();
        return TypedResults.Ok(new CentreOverview(start, end, rows, departments, CountOf(null)));
    }

    public static async Task<IResult> AddWindow(WindowRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!ReceptionSchedule.MayPlan(scope)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var problems = new Problems(L).Text(request.Name, "name", 64);
        if (request.OrganisationId is not { } department || !await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == department && o.IsActive, ct))
            problems.Add("organisationId", "ErrorOrganisationOutOfScope");
        if (request.CategoryId is { } category && !await db.Categories.AnyAsync(c => c.Id == category && c.Level == 1, ct))
            problems.Add("categoryId", "ErrorUnknownCategory");
        if (problems.Any) return problems.ToResult();
        var window = new ReceptionWindow
        {
            CentreOrganisationId = scope.OrganisationId, OrganisationId = request.OrganisationId!.Value, Name = request.Name!.Trim(),
            CategoryId = request.CategoryId, SortOrder = request.SortOrder,
        };
        db.ReceptionWindows.Add(window);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "reception.window-add", nameof(ReceptionWindow), window.Id, after: new { window.Name, window.OrganisationId, window.CategoryId });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/reception/windows/{window.Id}", new { window.Id, window.Name });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
