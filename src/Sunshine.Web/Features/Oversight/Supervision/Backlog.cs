using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Features.Reception;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Supervision;

/// <param name="OwnershipId">The active 包案 ownership, if a leader has taken the case.</param>
/// <param name="LastNoteOn">The latest progress note (or the day the leader took the case when there is none yet).</param>
public sealed record BacklogCase(long PetitionId, string CaseNumber, string Summary, string? Unit, PetitionStatus Status, DateOnly RegisteredOn, DateOnly? DueOn,
    bool IsOverdue, int DaysOpen, long? OwnershipId, string? Leader, string? LeaderTitle, DateOnly? OwnedSince, DateOnly? LastNoteOn, string? LastNote,
    string? LastNoteBy);

/// <summary>
/// 积案化解 (DOMAIN.md §1.7): the backlog within the caller's scope — cases whose organ's own limit has passed, and cases
/// open longer than <c>Oversight:Backlog:LongRunningDays</c> (default 90 日 from registration) — with the leader who
/// took personal charge (包案化解, <c>LeaderCaseOwnership</c>) and the latest progress note. Notes are written through
/// the reception slice's ownership endpoints and kept in the case history.
/// </summary>
public static class Backlog
{
    public static async Task<IResult> List(bool? owned, ClaimsPrincipal user, SunshineDbContext db, CalendarCache calendars, TimeProvider time, IConfiguration configuration, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var colouring = await DeadlineColouring.TodayAsync(db, calendars, time, configuration, ct);
        var today = colouring.Today;
        var longSince = today.AddDays(-configuration.GetValue("Oversight:Backlog:LongRunningDays", 90));
        var open = DeadlineColouring.Coloured.Concat([PetitionStatus.OpinionIssued, PetitionStatus.Reviewed]).ToList();
        var overdue = db.Petitions.AsNoTracking().WithinScope(scope).Where(colouring.Range(DeadlineColour.Red).Predicate()).Select(p => p.Id);
        var query = db.Petitions.AsNoTracking().WithinScope(scope)
            .Where(p => open.Contains(p.Status) && (p.RegisteredOn <= longSince || overdue.Contains(p.Id)));
        var activeOwnership = db.LeaderCaseOwnerships.Where(o => o.EndedOn == null);
        if (owned == true) query = query.Where(p => activeOwnership.Any(o => o.PetitionId == p.Id));
        if (owned == false) query = query.Where(p => !activeOwnership.Any(o => o.PetitionId == p.Id));
        var rows = await query.OrderBy(p => p.RegisteredOn).ThenBy(p => p.Id).Take(300)
            .Select(p => new { p.Id, p.CaseNumber, p.Summary, Unit = p.ResponsibleOrganisation!.Name, p.Status, p.RegisteredOn, p.DueOn, p.IsSimplified })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var ownerships = (await db.LeaderCaseOwnerships.AsNoTracking().Where(o => ids.Contains(o.PetitionId) && o.EndedOn == null).ToListAsync(ct))
            .GroupBy(o => o.PetitionId).ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.Id).First());
        var notes = (await db.PetitionEvents.AsNoTracking()
                .Where(e => ids.Contains(e.PetitionId) && (e.Action == CaseReception.OwnershipNoteAction || e.Action == CaseReception.OwnershipStartAction))
                .Select(e => new { e.Id, e.PetitionId, e.On, e.Reason, e.ActorName, e.Action }).ToListAsync(ct))
            .GroupBy(e => e.PetitionId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Id).First());
        return TypedResults.Ok(rows.Select(r =>
        {
            var owner = ownerships.GetValueOrDefault(r.Id);
            var note = notes.GetValueOrDefault(r.Id);
            var isNote = note?.Action == CaseReception.OwnershipNoteAction;
            return new BacklogCase(r.Id, r.CaseNumber, r.Summary, r.Unit, r.Status, r.RegisteredOn, r.DueOn,
                colouring.Of(r.Status, r.IsSimplified, r.DueOn) == DeadlineColour.Red, today.DayNumber - r.RegisteredOn.DayNumber,
                owner?.Id, owner?.LeaderName, owner?.LeaderTitle, owner?.StartedOn, note?.On, isNote ? note!.Reason : null, note?.ActorName);
        }).ToList());
    }
}
