using Sunshine.Web.Features.Portal;

namespace Sunshine.Web.Features.Reception;

/// <summary>The reception API: the schedule, the desk and the centre for staff; the published schedule and bookings for the public.</summary>
public static class ReceptionEndpoints
{
    public static void MapReceptionEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/reception").WithTags("Reception").RequireAuthorization(Policies.Staff);
        staff.MapGet("/sessions", ReceptionSchedule.List);
        staff.MapPost("/sessions", ReceptionSchedule.Create);
        staff.MapPost("/sessions/{id:long}/record", ReceptionSchedule.Record);
        staff.MapGet("/day", ReceptionDesk.Day);
        staff.MapPost("/arrivals", ReceptionDesk.Arrive);
        staff.MapPost("/visits/{id:long}/record", ReceptionDesk.Record);
        staff.MapGet("/centre", ReceptionDesk.Centre);
        staff.MapPost("/windows", ReceptionDesk.AddWindow);
        staff.MapGet("/reminders/due", Appointments.RemindersDue);

        var cases = app.MapGroup("/api/petitions/{id:long}").WithTags("Reception").RequireAuthorization(Policies.Staff);
        cases.MapGet("/reception", CaseReception.View);
        cases.MapPost("/hearings", CaseReception.Schedule);
        cases.MapPost("/hearings/{hearingId:long}/notice", CaseReception.Notice);
        cases.MapPost("/hearings/{hearingId:long}/start", CaseReception.Start);
        cases.MapPost("/hearings/{hearingId:long}/end", CaseReception.End);
        cases.MapPost("/instructions", CaseReception.Instruct);
        cases.MapPost("/ownership", CaseReception.TakeOwnership);
        cases.MapPost("/ownership/{ownershipId:long}/notes", CaseReception.OwnershipNote);

        var api = app.MapGroup("/api/public/reception").WithTags("Public").AllowAnonymous();
        api.MapGet("/sessions", ReceptionSchedule.Published);
        api.MapPost("/appointments", Appointments.Book).RequireRateLimiting(PortalSetup.SubmitLimit);
        api.MapPost("/appointments/cancel", Appointments.Cancel).RequireRateLimiting(PortalSetup.LookupLimit);
    }
}
