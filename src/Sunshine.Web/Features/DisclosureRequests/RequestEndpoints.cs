using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.DisclosureRequests;

public sealed record RequestListItem(long Id, string RequestNumber, string Organisation, string ApplicantType, string Applicant, RequestChannel Channel,
    DisclosureRequestStatus Status, DateOnly ReceivedOn, DateOnly? DueOn, DeadlineColour? Colour, DateOnly? ConcludedOn, string? Outcome, bool Stopped = false);

public sealed record RequestPage(IReadOnlyList<RequestListItem> Items, long? NextAfter);

public sealed record ConsultationView(long Id, ConsultationKind Kind, string Party, DateOnly SentOn, DateOnly AnswerDueOn, DateOnly? AnsweredOn, string? Answer);

public sealed record HistoryLine(DateTime At, string? By, string Action, string? Reason);

/// <summary>The clock as the case page explains it: each date, where it came from, and the running stops.</summary>
public sealed record ClockView(DateOnly ArrivedOn, DateOnly? ConfirmedOn, DateOnly ReceivedOn, string ReceiptRule, DateOnly ClockStart, DateOnly? ReplyDueOn,
    DateOnly CorrectionLimitOn, DateOnly? FeePaymentDueOn, bool Stopped, bool ReplyWaitsForFee, IReadOnlyList<string> Explanation, IReadOnlyList<string> Warnings);

public sealed record RequestView(long Id, string RequestNumber, int OrganisationId, string Organisation, RequestChannel Channel, DisclosureRequestStatus Status,
    string ApplicantType, string Applicant, string IdNumber, string Contact, string Description, string? FormWanted,
    DateOnly? CorrectionRequestedOn, DateOnly? CorrectionAnswerBy, DateOnly? CorrectedOn, int? ExtensionDays, DateOnly? ExtendedOn,
    FeeMethod? FeeMethod, int? FeePages, DateOnly? FeeNoticeOn, long? FeeNoticedFen, DateOnly? FeePaidOn, long FeeFen,
    DateOnly? ConcludedOn, string? Outcome, bool AlreadyPublished, string? ReplyText, int Version,
    ClockView Clock, IReadOnlyList<ConsultationView> Consultations, IReadOnlyList<HistoryLine> History, IReadOnlyList<string> Allowed);

public sealed record UnmaskInput(string? Reason);

public sealed record UnmaskedApplicant(string Name, string? IdNumber, string? Contact);

public sealed record SettingsInput(bool EmailReceiptByMailSystem, bool ReplyWaitsForFee);

/// <summary>Staff API of 依申请公开: intake, list, the case with its clock, the actions, and each organ's settings.</summary>
public static class RequestEndpoints
{
    public const int PageSize = 50;

    public static void MapDisclosureRequestEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/disclosure/requests").WithTags("Disclosure requests").RequireAuthorization(Policies.Staff);
        group.MapPost("/", RequestIntake.Register);
        group.MapGet("/", List);
        group.MapGet("/{id:long}", Get);
        group.MapPost("/{id:long}/actions/{action}", RequestActions.Act);
        group.MapPost("/{id:long}/personal-data", Unmask);
        group.MapGet("/{id:long}/notices/{kind}", RequestNotices.Render);
        app.MapGet("/api/disclosure/settings/{organisationId:int}", GetSettings).WithTags("Disclosure requests").RequireAuthorization(Policies.Staff);
        app.MapPut("/api/disclosure/settings/{organisationId:int}", PutSettings).WithTags("Disclosure requests").RequireAuthorization(Policies.Staff);
        app.MapPublicDisclosureRequestEndpoints();
    }

    /// <summary>Requests to the organisations in the caller's scope (DOMAIN.md §3).</summary>
    public static IQueryable<DisclosureRequest> WithinScope(this IQueryable<DisclosureRequest> query, SunshineDbContext db, UserScope scope)
    {
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        return query.Where(r => organisations.Contains(r.OrganisationId));
    }

    /// <param name="due">
    /// "soon" (yellow: 3 工作日 or fewer left, <c>Deadlines:YellowWithin</c>) or "overdue" (red), open requests whose clock
    /// runs; "stopped": open requests whose clock stands still (a consultation unanswered, Art. 33 ¶2, or a fee notice
    /// unpaid where the organ lets the fee hold the clock). A stopped request's stored due date is not its deadline — the
    /// days not counted are added when the clock starts again — so it is never shown as due soon or overdue.
    /// </param>
    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L,
        DisclosureRequestStatus? status = null, string? due = null, string? applicantType = null, long? after = null, CancellationToken ct = default)
    {
        var scope = UserScope.From(user)!;
        var problems = new Problems(L)
            .Require(status is null || Enum.IsDefined(status.Value), "status", "ErrorEnum", L["Status"].Value)
            .Require(due is null or "soon" or "overdue" or "stopped", "due", "ErrorEnum", L["DueOn"].Value)
            .Require(applicantType is null || ApplicantTypes.IsValid(applicantType), "applicantType", "ErrorEnum", L["Field.applicantType"].Value);
        if (problems.Any) return problems.ToResult();

        var today = ChinaTime.Today(time);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var yellowWithin = configuration.GetValue("Deadlines:YellowWithin", 3);
        var query = db.DisclosureRequests.AsNoTracking().WithinScope(db, scope);
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (applicantType is not null) query = query.Where(r => r.ApplicantType == applicantType);
        // Whether the clock stands still, in the query: an unanswered consultation, or an unpaid fee notice unless the organ
        // set ReplyWaitsForFee off (no settings row = the default, it waits).
        var stoppedIds = db.DisclosureRequests.Where(r =>
                db.DisclosureConsultations.Any(c => c.RequestId == r.Id && c.AnsweredOn == null)
                || (r.FeeNoticeOn != null && r.FeePaidOn == null && !db.DisclosureSettings.Any(s => s.OrganisationId == r.OrganisationId && !s.ReplyWaitsForFee)))
            .Select(r => r.Id);
        if (due == "stopped")
            query = query.Where(r => (r.Status == DisclosureRequestStatus.InProgress || r.Status == DisclosureRequestStatus.AwaitingConfirmation) && stoppedIds.Contains(r.Id));
        else if (due is not null)
        {
            query = query.Where(r => !stoppedIds.Contains(r.Id));
            var range = DeadlineColours.DueRange(due == "soon" ? DeadlineColour.Yellow : DeadlineColour.Red, today, PeriodUnit.WorkingDays, calendar, yellowWithin);
            query = query.Where(r => r.Status == DisclosureRequestStatus.InProgress || r.Status == DisclosureRequestStatus.AwaitingConfirmation);
            if (range.From is { } from) query = query.Where(r => r.DueOn >= from);
            if (range.To is { } to) query = query.Where(r => r.DueOn <= to);
        }
        if (after is { } a) query = query.Where(r => r.Id < a);
        var rows = await query.OrderByDescending(r => r.Id).Take(PageSize + 1)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r, Organisation = o.Name, Stopped = stoppedIds.Contains(r.Id) })
            .ToListAsync(ct);
        var items = rows.Take(PageSize).Select(x => new RequestListItem(x.r.Id, x.r.RequestNumber, x.Organisation, x.r.ApplicantType, ApplicantShown(x.r),
            x.r.Channel, x.r.Status, x.r.ReceivedOn, Open(x.r) && !x.Stopped ? x.r.DueOn : null,
            Open(x.r) && !x.Stopped ? DeadlineColours.For(x.r.DueOn, today, PeriodUnit.WorkingDays, calendar, yellowWithin) : null,
            x.r.ConcludedOn, x.r.Outcome, Open(x.r) && x.Stopped)).ToList();
        return TypedResults.Ok(new RequestPage(items, rows.Count > PageSize ? items[^1].Id : null));
    }

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var request = await db.DisclosureRequests.AsNoTracking().WithinScope(db, scope).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return TypedResults.NotFound();
        return TypedResults.Ok(await ViewAsync(db, personalData, request, scope, time, ct));
    }

    /// <summary>The applicant's ID number and contact in full, to send the reply (PIPL: every unmasking is logged with its reason).</summary>
    public static async Task<IResult> Unmask(long id, UnmaskInput input, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var request = await db.DisclosureRequests.AsNoTracking().WithinScope(db, scope).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return TypedResults.NotFound();
        if (!scope.IsInRole(StaffRoles.DisclosureOfficer) && !scope.IsInRole(StaffRoles.UnitLeader))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var problems = new Problems(L).Text(input.Reason, "reason", 500);
        if (problems.Any) return problems.ToResult();
        audit.Record(scope, "disclosure-request.unmask", nameof(DisclosureRequest), id, reason: input.Reason!.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new UnmaskedApplicant(request.ApplicantName, personalData.Unprotect(request.IdNumberProtected), personalData.Unprotect(request.ContactProtected)));
    }

    public static async Task<RequestView> ViewAsync(SunshineDbContext db, PersonalData personalData, DisclosureRequest r, UserScope scope, TimeProvider time, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == r.OrganisationId, ct);
        var settings = await RequestIntake.SettingsAsync(db, r.OrganisationId, ct);
        var consultations = await db.DisclosureConsultations.AsNoTracking().Where(c => c.RequestId == r.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var today = ChinaTime.Today(time);
        var clock = Clock(r, consultations, settings, today, organisation.DivisionCode, calendar);
        var ruling = ReceiptDate.Decide(r.Channel, r.ArrivedOn, r.ConfirmedOn, settings.EmailReceiptByMailSystem);
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(DisclosureRequest) && a.EntityId == r.Id.ToString())
            .OrderBy(a => a.Id).Select(a => new HistoryLine(a.At, a.UserName, a.Action, a.Reason)).ToListAsync(ct);
        var consultationViews = consultations.Select(c => new ConsultationView(c.Id, c.Kind, c.Party, c.SentOn,
            DisclosureClock.ThirdPartyAnswerDue(c.SentOn, RuleBook.Default, organisation.DivisionCode, calendar), c.AnsweredOn, c.Answer)).ToList();
        return new RequestView(r.Id, r.RequestNumber, r.OrganisationId, organisation.Name, r.Channel, r.Status, r.ApplicantType, ApplicantShown(r),
            PersonalData.MaskIdNumber(personalData.Unprotect(r.IdNumberProtected)), MaskContact(personalData.Unprotect(r.ContactProtected)), r.Description, r.FormWanted,
            r.CorrectionRequestedOn, r.CorrectionAnswerBy, r.CorrectedOn, r.ExtensionDays, r.ExtendedOn,
            r.FeeMethod, r.FeePages, r.FeeNoticeOn, r.FeeNoticedFen, r.FeePaidOn, r.FeeFen, r.ConcludedOn, r.Outcome, r.AlreadyPublished, r.ReplyText, r.Version,
            new ClockView(r.ArrivedOn, r.ConfirmedOn, r.ReceivedOn, ruling.Rule, clock.ClockStart, r.Status == DisclosureRequestStatus.Concluded ? r.DueOn : clock.ReplyDueOn,
                clock.CorrectionLimitOn, clock.FeePaymentDueOn, clock.Stopped && Open(r), settings.ReplyWaitsForFee, clock.Explanation, clock.Warnings),
            consultationViews, history, RequestActions.Allowed(r, consultations, scope, today, clock).Select(RequestActions.Code).ToList());
    }

    /// <summary>The domain clock over the request's stored facts.</summary>
    public static DisclosureDeadlines Clock(DisclosureRequest r, IEnumerable<DisclosureConsultation> consultations, DisclosureSettings settings, DateOnly today,
        string divisionCode, HolidayCalendar calendar) =>
        DisclosureClock.Compute(new DisclosureClockInput(r.ReceivedOn, r.CorrectionRequestedOn, r.CorrectionAnswerBy, r.CorrectedOn,
                consultations.Select(c => new Consultation(c.Kind, c.SentOn, c.AnsweredOn)).ToList(), r.ExtensionDays, r.ExtendedOn,
                r.FeeNoticeOn, r.FeePaidOn, settings.ReplyWaitsForFee),
            // A concluded request keeps the clock of the day it concluded.
            r.ConcludedOn ?? today, RuleBook.Default, divisionCode, calendar);

    /// <summary>An organisation's name is public; a person's is masked to the surname on lists and case pages.</summary>
    public static string ApplicantShown(DisclosureRequest r) =>
        r.ApplicantType == ApplicantTypes.NaturalPerson ? PersonalData.MaskName(r.ApplicantName) : r.ApplicantName;

    /// <summary>A phone keeps its first three and last four digits; an address or e-mail its first six characters.</summary>
    public static string MaskContact(string? contact) =>
        contact is null ? "" : Sunshine.Domain.Petitions.IdentityNumbers.IsPhone(contact) ? PersonalData.MaskPhone(contact) : PersonalData.MaskAddress(contact);

    private static bool Open(DisclosureRequest r) => r.Status is DisclosureRequestStatus.InProgress or DisclosureRequestStatus.AwaitingConfirmation;

    public static async Task<IResult> GetSettings(int organisationId, ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == organisationId, ct)) return TypedResults.NotFound();
        var s = await RequestIntake.SettingsAsync(db, organisationId, ct);
        return TypedResults.Ok(new SettingsInput(s.EmailReceiptByMailSystem, s.ReplyWaitsForFee));
    }

    /// <summary>The organ's head (UnitLeader) or an administrator sets how the organ counts e-mail receipts and fee waits.</summary>
    public static async Task<IResult> PutSettings(int organisationId, SettingsInput input, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == organisationId, ct)) return TypedResults.NotFound();
        if (!scope.IsInRole(StaffRoles.UnitLeader) && !scope.IsInRole(StaffRoles.Administrator))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var row = await db.DisclosureSettings.SingleOrDefaultAsync(s => s.OrganisationId == organisationId, ct);
        var before = row is null ? null : new SettingsInput(row.EmailReceiptByMailSystem, row.ReplyWaitsForFee);
        if (row is null) db.DisclosureSettings.Add(row = new DisclosureSettings { OrganisationId = organisationId });
        row.EmailReceiptByMailSystem = input.EmailReceiptByMailSystem;
        row.ReplyWaitsForFee = input.ReplyWaitsForFee;
        audit.Record(scope, "disclosure-settings.update", nameof(DisclosureSettings), organisationId, before, input);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(input);
    }
}
