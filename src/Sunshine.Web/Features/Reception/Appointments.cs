using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Features.Portal;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Reception;

/// <summary>A booking as the petitioner makes it. With a case number and its query code it is about that case.</summary>
public sealed record AppointmentRequest(long? SessionId, string? Name, string? Phone, string? Matter, int Attendees = 1, string? CaseNumber = null,
    string? QueryCode = null, bool AcceptPrivacyNotice = false);

public sealed record CancelAppointmentRequest(string? Code);

/// <summary>What the petitioner keeps: the confirmation code is shown this once (only its hash is stored).</summary>
public sealed record AppointmentReceipt(string Code, long SessionId, string Leader, DateTime StartsAt, string Place, string? CaseNumber, bool ReminderPlanned);

/// <summary>
/// 预约接访: a petitioner books a seat on a leader's reception day, for a new matter or an existing case, cancels it with
/// the confirmation code, and — where a phone is given — is owed a reminder the day before.
/// <para>No overbooking under concurrent requests: the seat is taken by one conditional update,
/// <c>UPDATE … SET Booked = Booked + 1 WHERE Id = @id AND Booked &lt; Capacity</c>, in the booking's transaction. On
/// PostgreSQL the row lock makes the second writer re-check the condition against the first one's committed count; on
/// SQLite the transaction holds the write lock from its first statement. A check constraint on the table backs it.</para>
/// </summary>
public static class Appointments
{
    /// <summary>People who may come on one booking: a collective visit elects at most 5 representatives (《信访工作条例》第二十条).</summary>
    public const int MaxAttendees = RegisterPetition.MaxRepresentatives;

    /// <summary>How long before the session the reminder is due.</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromDays(1);

    public sealed record Outcome(AppointmentReceipt? Receipt, IResult? Problem);

    public static async Task<IResult> Book(AppointmentRequest request, HttpContext http, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var outcome = await BookAsync(request, http, db, personalData, audit, time, L, ct);
        return outcome.Problem ?? TypedResults.Created($"/api/public/reception/sessions/{outcome.Receipt!.SessionId}", outcome.Receipt);
    }

    public static async Task<Outcome> BookAsync(AppointmentRequest r, HttpContext? http, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var phone = Blank(r.Phone);
        var problems = new Problems(L)
            .Text(r.Name, "petitioner.name", 128)
            .Require(phone is null || IdentityNumbers.IsPhone(phone), "petitioner.phone", "ErrorPhone")
            .Text(r.Matter, "matter", 512)
            .Require(r.Attendees is >= 1 and <= MaxAttendees, "attendees", "Reception.ErrorAttendees", MaxAttendees)
            .Require(Blank(r.CaseNumber) is null || Blank(r.QueryCode) is not null, "queryCode", "ErrorRequired", L["Field.queryCode"].Value)
            // 《个人信息保护法》第十四条: consent, given after being told, to processing the name and phone.
            .Require(r.AcceptPrivacyNotice, "acceptPrivacyNotice", "Portal.ErrorPrivacy");
        if (problems.Any) return new Outcome(null, problems.ToResult());

        var now = time.GetUtcNow().UtcDateTime;
        var session = await db.ReceptionSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == r.SessionId && s.IsPublished && s.Kind == ReceptionKind.LeaderReception, ct);
        if (session is null) return new Outcome(null, TypedResults.Problem(title: L["Reception.ErrorNoSession"], statusCode: StatusCodes.Status404NotFound));
        if (session.StartsAt <= now || session.Capacity == 0)
            return new Outcome(null, TypedResults.Problem(title: L["Reception.ErrorClosed"], statusCode: StatusCodes.Status409Conflict));

        Petition? petition = null;
        if (Blank(r.CaseNumber) is { } caseNumber)
        {
            // The case is opened the way the progress page opens it: number + query code, wrong pairs throttled.
            var access = http is null ? null : await QueryCodeThrottle.OpenAsync(http, caseNumber, r.QueryCode, db, personalData, time, ct);
            if (access?.Petition is null)
            {
                problems.Add("queryCode", "Portal.ErrorWrongPair");
                return new Outcome(null, problems.ToResult());
            }
            petition = access.Petition;
        }

        var code = PetitionConventions.NewQueryCode();
        var appointment = new Appointment
        {
            SessionId = session.Id,
            CodeHash = PetitionConventions.HashQueryCode(code),
            PetitionId = petition?.Id,
            Name = r.Name!.Trim(),
            PhoneProtected = personalData.Protect(phone),
            Matter = r.Matter!.Trim(),
            Attendees = r.Attendees,
            Status = AppointmentStatus.Booked,
            BookedAt = now,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.ReceptionSessions.Where(s => s.Id == session.Id && s.Booked < s.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct);
        if (taken == 0)
        {
            await tx.RollbackAsync(ct);
            return new Outcome(null, TypedResults.Problem(title: L["Reception.ErrorFull"], statusCode: StatusCodes.Status409Conflict));
        }
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync(ct);
        if (phone is not null)
        {
            var due = session.StartsAt - ReminderLead;
            db.AppointmentReminders.Add(new AppointmentReminder { AppointmentId = appointment.Id, DueAt = due > now ? due : now, Channel = "sms" });
        }
        audit.Record(null, "reception.appointment-book", nameof(Appointment), appointment.Id, after: new { appointment.SessionId, appointment.PetitionId, appointment.Attendees });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(new AppointmentReceipt(code, session.Id, session.LeaderTitle + session.LeaderName, ChinaTime.LocalOf(session.StartsAt), session.Place,
            petition?.CaseNumber, phone is not null), null);
    }

    public static async Task<IResult> Cancel(CancelAppointmentRequest request, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await CancelAsync(request, db, audit, time, L, ct) ?? TypedResults.NoContent();

    /// <summary>Cancels the booking the code belongs to and frees its seat; null when done, else the problem.</summary>
    public static async Task<IResult?> CancelAsync(CancelAppointmentRequest r, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var code = Blank(r.Code);
        if (code is null || code.Length > 32)
            return new Problems(L).Missing("code").ToResult();
        var hash = PetitionConventions.HashQueryCode(code);
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.CodeHash == hash, ct);
        if (appointment is null) return TypedResults.Problem(title: L["Reception.ErrorUnknownCode"], statusCode: StatusCodes.Status404NotFound);
        var now = time.GetUtcNow().UtcDateTime;
        var startsAt = await db.ReceptionSessions.Where(s => s.Id == appointment.SessionId).Select(s => s.StartsAt).SingleAsync(ct);
        if (appointment.Status != AppointmentStatus.Booked || startsAt <= now)
            return TypedResults.Problem(title: L["Reception.ErrorNotCancellable"], statusCode: StatusCodes.Status409Conflict);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only the request that moves the booking out of Booked frees the seat: a double click frees one.
        var cancelled = await db.Appointments.Where(a => a.Id == appointment.Id && a.Status == AppointmentStatus.Booked)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppointmentStatus.Cancelled).SetProperty(a => a.CancelledAt, now), ct);
        if (cancelled == 0)
        {
            await tx.RollbackAsync(ct);
            return TypedResults.Problem(title: L["Reception.ErrorNotCancellable"], statusCode: StatusCodes.Status409Conflict);
        }
        await db.ReceptionSessions.Where(s => s.Id == appointment.SessionId && s.Booked > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), ct);
        await db.AppointmentReminders.Where(m => m.AppointmentId == appointment.Id && m.SentAt == null).ExecuteDeleteAsync(ct);
        audit.Record(null, "reception.appointment-cancel", nameof(Appointment), appointment.Id, new { Status = AppointmentStatus.Booked }, new { Status = AppointmentStatus.Cancelled });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    public sealed record ReminderDue(long Id, long AppointmentId, DateTime DueAt, string Channel, long SessionId);

    /// <summary>The reminders due by now and not yet sent, oldest first, for sessions within the caller's scope: what a sender picks up.</summary>
    public static async Task<IResult> RemindersDue(System.Security.Claims.ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var now = time.GetUtcNow().UtcDateTime;
        var orgs = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var rows = await db.AppointmentReminders.AsNoTracking().Where(m => m.SentAt == null && m.DueAt <= now)
            .Join(db.Appointments, m => m.AppointmentId, a => a.Id, (m, a) => new { m, a.SessionId })
            .Where(x => db.ReceptionSessions.Any(s => s.Id == x.SessionId && orgs.Contains(s.OrganisationId)))
            .OrderBy(x => x.m.DueAt).ThenBy(x => x.m.Id).Take(500)
            .Select(x => new ReminderDue(x.m.Id, x.m.AppointmentId, x.m.DueAt, x.m.Channel, x.SessionId))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
