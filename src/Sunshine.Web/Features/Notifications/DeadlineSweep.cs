using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Notifications;

/// <summary>
/// The pass that decides who must be told what (红灯预警, DOMAIN.md §1.7 (a)), on one node at a time:
/// <list type="bullet">
/// <item>the handling officers and unit leaders of a case's responsible unit, <see cref="NotificationSettings.Before"/>
/// units before its due date (counted in the unit of the step's own rule, like the yellow colour) and again once it is
/// overdue — one event per case, due date and recipient, so a moved due date (an extension, the next step) gives a new
/// reminder and the same one is never repeated;</item>
/// <item>petitioners with a phone, when their case gets a reply (a handling, review or re-examination opinion, or the
/// answer to a suggestion): the window to evaluate it or to ask for review opens then (Art. 35–36);</item>
/// <item>the reception appointment reminders that have fallen due (预约接访);</item>
/// <item>supervision orders issued or overdue, and early-warning alerts assigned (<see cref="OversightNotices"/>).</item>
/// </list>
/// It only writes the outbox; <see cref="NotificationDelivery"/> sends.
/// </summary>
public sealed class DeadlineSweep(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<DeadlineSweep> logger)
    : LeasedBackgroundWork(scopes, time, configuration, logger)
{
    public const string BeforeKind = "deadline-before";
    public const string OverdueKind = "deadline-overdue";
    public const string ReplyKind = "petition-reply";
    public const string AppointmentKind = "appointment-reminder";

    /// <summary>History events after which the petitioner hears from us: a reply they may evaluate or contest.</summary>
    public static readonly IReadOnlyList<string> ReplyActions =
    [
        PetitionActions.Code(PetitionAction.IssueOpinion), PetitionActions.Code(PetitionAction.ReplySuggestion),
        PetitionActions.Code(PetitionAction.IssueReviewOpinion), PetitionActions.Code(PetitionAction.IssueReexaminationOpinion),
    ];

    /// <summary>How far back a pass looks for replies: a node that was down for a while still catches up.</summary>
    public static readonly TimeSpan ReplyLookback = TimeSpan.FromDays(7);

    private readonly TimeProvider _time = time;

    protected override string LeaseName => "notifications-sweep";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    public override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        RunAtAsync(services, _time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>One pass as at <paramref name="now"/>; returns how many outbox rows it added.</summary>
    public async Task<int> RunAtAsync(IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SunshineDbContext>();
        var settings = services.GetRequiredService<NotificationSettings>();
        var personalData = services.GetRequiredService<PersonalData>();
        var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var added = await DeadlinesAsync(db, settings, personalData, L, now, cancellationToken);
        added += await OversightNotices.SweepAsync(db, L, now, cancellationToken);
        // Petitioners are reached by SMS only; without a gateway the reception's own list of reminders due stays as it is.
        if (settings.SmsEnabled)
        {
            added += await RepliesAsync(db, L, now, cancellationToken);
            added += await AppointmentsAsync(db, L, now, cancellationToken);
        }
        return added;
    }

    private sealed record OpenCase(long Id, string CaseNumber, string Summary, PetitionStatus Status, bool IsSimplified, DateOnly DueOn, int OrganisationId);

    private sealed record Recipient(string Id, int OrganisationId, string Role, string? Email, string? Phone);

    private static async Task<int> DeadlinesAsync(SunshineDbContext db, NotificationSettings settings, PersonalData personalData,
        IStringLocalizer<SharedResource> L, DateTime now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        // The latest due date that is already within reach, in either unit; everything due earlier is near or overdue.
        var horizon = new[] { PeriodUnit.CalendarDays, PeriodUnit.WorkingDays }
            .Select(u => DeadlineColours.DueRange(DeadlineColour.Yellow, today, u, calendar, settings.Before).To ?? today).Max();
        var statuses = DeadlineColouring.Coloured.ToList();
        var cases = await db.Petitions.AsNoTracking()
            .Where(p => statuses.Contains(p.Status) && p.DueOn != null && p.DueOn <= horizon)
            .Select(p => new OpenCase(p.Id, p.CaseNumber, p.Summary, p.Status, p.IsSimplified, p.DueOn!.Value,
                p.ResponsibleOrganisationId ?? p.RegisteringOrganisationId))
            .ToListAsync(ct);
        if (cases.Count == 0) return 0;

        // The people responsible: handling officers and unit leaders of the responsible unit; while a case waits for its
        // transfer (Art. 22), the registering bureau's registrars too.
        var organisations = cases.Select(c => c.OrganisationId).Distinct().ToList();
        string[] roles = [StaffRoles.HandlingOfficer, StaffRoles.UnitLeader, StaffRoles.Registrar];
        var recipients = await (from u in db.Users
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join r in db.Roles on ur.RoleId equals r.Id
                                where organisations.Contains(u.OrganisationId) && roles.Contains(r.Name!)
                                select new Recipient(u.Id, u.OrganisationId, r.Name!, u.Email, u.PhoneNumber)).ToListAsync(ct);
        var byOrganisation = recipients.ToLookup(r => r.OrganisationId);

        var rows = new List<Notification>();
        foreach (var c in cases)
        {
            var unit = PetitionClock.CurrentUnit(c.Status, c.IsSimplified) ?? PeriodUnit.CalendarDays;
            var colour = DeadlineColours.For(c.DueOn, today, unit, calendar, settings.Before);
            if (colour == DeadlineColour.Green) continue;
            var kind = colour == DeadlineColour.Red ? OverdueKind : BeforeKind;
            var due = c.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var subject = L.Zh(colour == DeadlineColour.Red ? "Nt.OverdueSubject" : "Nt.BeforeSubject", c.CaseNumber);
            var text = L.Zh(colour == DeadlineColour.Red ? "Nt.OverdueText" : "Nt.BeforeText", c.CaseNumber, c.Summary, due);
            var people = byOrganisation[c.OrganisationId]
                .Where(r => r.Role != StaffRoles.Registrar || c.Status == PetitionStatus.Registered)
                .DistinctBy(r => r.Id);
            foreach (var person in people)
            {
                var key = $"{kind}:{c.Id}:{due}:{person.Id}:";
                rows.Add(Outbox.New(key + NotificationChannel.Console, kind, NotificationChannel.Console, person.Id, null, c.Id, subject, text, now));
                if (settings.EmailEnabled && !string.IsNullOrWhiteSpace(person.Email))
                    rows.Add(Outbox.New(key + NotificationChannel.Email, kind, NotificationChannel.Email, person.Id, personalData.Protect(person.Email.Trim()), c.Id, subject, text, now));
                if (settings.SmsEnabled && !string.IsNullOrWhiteSpace(person.Phone))
                    rows.Add(Outbox.New(key + NotificationChannel.Sms, kind, NotificationChannel.Sms, person.Id, personalData.Protect(person.Phone.Trim()), c.Id, subject, text, now));
            }
        }
        return await Outbox.AddNewAsync(db, rows, ct);
    }

    private static async Task<int> RepliesAsync(SunshineDbContext db, IStringLocalizer<SharedResource> L, DateTime now, CancellationToken ct)
    {
        var since = now - ReplyLookback;
        var actions = ReplyActions.ToList();
        var replies = await (from e in db.PetitionEvents.AsNoTracking()
                             join p in db.Petitions on e.PetitionId equals p.Id
                             where actions.Contains(e.Action) && e.At >= since && e.At <= now && p.PhoneProtected != null
                             select new { EventId = e.Id, p.Id, p.CaseNumber, p.PhoneProtected }).ToListAsync(ct);
        var rows = replies.Select(r => Outbox.New($"{ReplyKind}:{r.EventId}:{NotificationChannel.Sms}", ReplyKind, NotificationChannel.Sms, null, r.PhoneProtected,
            r.Id, L.Zh("Nt.ReplySubject", r.CaseNumber), L.Zh("Nt.ReplyText", r.CaseNumber), now)).ToList();
        return await Outbox.AddNewAsync(db, rows, ct);
    }

    private static async Task<int> AppointmentsAsync(SunshineDbContext db, IStringLocalizer<SharedResource> L, DateTime now, CancellationToken ct)
    {
        var due = await (from m in db.AppointmentReminders.AsNoTracking()
                         join a in db.Appointments on m.AppointmentId equals a.Id
                         join s in db.ReceptionSessions on a.SessionId equals s.Id
                         where m.SentAt == null && m.DueAt <= now
                         select new { m.Id, a.Status, a.PhoneProtected, a.PetitionId, s.StartsAt, s.Place }).Take(1000).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var rows = due.Where(d => d.Status == AppointmentStatus.Booked && d.PhoneProtected is not null)
            .Select(d => Outbox.New($"{AppointmentKind}:{d.Id}:{NotificationChannel.Sms}", AppointmentKind, NotificationChannel.Sms, null, d.PhoneProtected,
                d.PetitionId, L.Zh("Nt.AppointmentSubject"),
                L.Zh("Nt.AppointmentText", ChinaTime.LocalOf(d.StartsAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), d.Place), now))
            .ToList();
        var added = await Outbox.AddNewAsync(db, rows, ct);
        // Handed to the outbox (or no longer owed): the reception's table of reminders due is done with them.
        var ids = due.Select(d => d.Id).ToList();
        await db.AppointmentReminders.Where(m => ids.Contains(m.Id) && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
        return added;
    }
}
