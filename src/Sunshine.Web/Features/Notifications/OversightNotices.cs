using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Notifications;

/// <summary>
/// The console messages of 督查督办 and 信息预警 (DOMAIN.md §1.7), written by the leased sweep (<see cref="DeadlineSweep"/>)
/// into the outbox, one per event and recipient (the event key is unique, so a second pass or a second node adds nothing):
/// <list type="bullet">
/// <item>an order issued to a unit (Art. 38–40: the organ answers in writing) — to that unit's handling officers and
/// leaders;</item>
/// <item>an order not answered by its due date — the escalation, to the same people and to the supervisor who issued it,
/// once per due date (an order sent back with a new date is late again on its own date);</item>
/// <item>an early-warning alert assigned to someone — to the assignee.</item>
/// </list>
/// </summary>
public static class OversightNotices
{
    public const string OrderIssuedKind = "supervision-issued";
    public const string OrderOverdueKind = "supervision-overdue";
    public const string AlertAssignedKind = "warning-assigned";

    /// <summary>Orders issued and alerts assigned this long ago are still told: a node that was down catches up.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    private static readonly string[] UnitRoles = [StaffRoles.HandlingOfficer, StaffRoles.UnitLeader];

    public static async Task<int> SweepAsync(SunshineDbContext db, IStringLocalizer<SharedResource> L, DateTime now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var since = ChinaTime.DateOf(now - Lookback);
        var orders = await db.SupervisionOrders.AsNoTracking()
            .Where(o => (o.Status == SupervisionStatus.Open && o.DueOn < today) || o.IssuedOn >= since)
            .Select(o => new { o.Id, o.PetitionId, o.TargetOrganisationId, o.Kind, o.Instructions, o.IssuedOn, o.DueOn, o.Status, o.IssuedByUserId })
            .ToListAsync(ct);
        var rows = new List<Notification>();
        if (orders.Count > 0)
        {
            var units = orders.Select(o => o.TargetOrganisationId).Distinct().ToList();
            var people = (await (from u in db.Users
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where units.Contains(u.OrganisationId) && UnitRoles.Contains(r.Name!)
                                 select new { u.Id, u.OrganisationId }).ToListAsync(ct))
                .DistinctBy(p => p.Id).ToLookup(p => p.OrganisationId, p => p.Id);
            // The issuing supervisor hears of the escalation too (an order written by the demo has no such account).
            var issuerIds = orders.Select(o => o.IssuedByUserId).Distinct().ToList();
            var issuers = (await db.Users.Where(u => issuerIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var unitNames = await db.Organisations.AsNoTracking().Where(o => units.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            foreach (var o in orders)
            {
                var kind = L.Zh("Sv.Kind." + o.Kind);
                var due = o.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var instructions = o.Instructions.Length > 200 ? o.Instructions[..200] + "…" : o.Instructions;
                if (o.IssuedOn >= since)
                    foreach (var person in people[o.TargetOrganisationId])
                        rows.Add(Outbox.New($"{OrderIssuedKind}:{o.Id}:{person}:{NotificationChannel.Console}", OrderIssuedKind, NotificationChannel.Console,
                            person, null, o.PetitionId, L.Zh("SvNt.IssuedSubject", kind), L.Zh("SvNt.IssuedText", kind, instructions, due), now));
                if (o.Status == SupervisionStatus.Open && o.DueOn < today)
                    foreach (var person in people[o.TargetOrganisationId].Append(o.IssuedByUserId).Where(id => id != o.IssuedByUserId || issuers.Contains(id)).Distinct())
                        rows.Add(Outbox.New($"{OrderOverdueKind}:{o.Id}:{due}:{person}:{NotificationChannel.Console}", OrderOverdueKind, NotificationChannel.Console,
                            person, null, o.PetitionId, L.Zh("SvNt.OverdueSubject", kind),
                            L.Zh("SvNt.OverdueText", kind, unitNames.GetValueOrDefault(o.TargetOrganisationId, ""), due, instructions), now));
            }
        }

        var assignedSince = now - Lookback;
        var alerts = await db.WarningAlerts.AsNoTracking()
            .Where(a => a.AssignedToUserId != null && a.AssignedAt >= assignedSince && a.State == WarningState.Assigned)
            .Select(a => new { a.Id, a.AssignedToUserId, a.Summary, a.AssignedAt })
            .ToListAsync(ct);
        foreach (var a in alerts)
        {
            // One event per assignment: a reassignment (a new time) tells the new assignee.
            var at = a.AssignedAt!.Value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            rows.Add(Outbox.New($"{AlertAssignedKind}:{a.Id}:{at}:{a.AssignedToUserId}:{NotificationChannel.Console}", AlertAssignedKind,
                NotificationChannel.Console, a.AssignedToUserId, null, null, L.Zh("SvNt.AlertSubject"), L.Zh("SvNt.AlertText", a.Summary), now));
        }
        return rows.Count == 0 ? 0 : await Outbox.AddNewAsync(db, rows, ct);
    }
}
