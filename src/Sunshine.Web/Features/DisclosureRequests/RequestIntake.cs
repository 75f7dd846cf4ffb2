using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.DisclosureRequests;

/// <summary>
/// A disclosure request as written down at intake (《政府信息公开条例》第二十九条: name and ID, contact, a description of the
/// information, the form wanted). <paramref name="ArrivedOn"/>: handed in, signed for, or reached the portal, fax or mail
/// system; <paramref name="ConfirmedOn"/>: the day receipt was confirmed with the applicant, where Art. 31 needs it.
/// </summary>
public sealed record RequestIntakeInput(
    int? OrganisationId,
    RequestChannel? Channel,
    DateOnly? ArrivedOn,
    DateOnly? ConfirmedOn,
    string? ApplicantType,
    string? ApplicantName,
    string? IdNumber,
    string? Contact,
    string? Description,
    string? FormWanted);

/// <summary>What intake answers: the request number and, this once, the query code for the portal.</summary>
public sealed record RegisteredRequest(long Id, string RequestNumber, string? QueryCode, DateOnly? ReceivedOn, DateOnly DueOn, string ReceiptRule, IReadOnlyList<string> DueExplanation);

/// <summary>
/// 依申请公开 intake on every channel the statute names — in person, post, online, e-mail, fax — with the receipt date of
/// Art. 31. Staff (公开专员) register within their scope; the portal submits online requests through the same path.
/// </summary>
public static class RequestIntake
{
    public static async Task<IResult> Register(RequestIntakeInput input, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.DisclosureOfficer))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var problems = Validate(input, ChinaTime.Today(time), L);
        if (input.OrganisationId is { } orgId && !await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == orgId && o.IsActive, ct))
            problems.Add("organisationId", "ErrorOrganisationOutOfScope");
        if (problems.Any) return problems.ToResult();
        var registered = await RegisterAsync(input, scope, db, personalData, audit, time, ct);
        return TypedResults.Created($"/api/disclosure/requests/{registered.Id}", registered);
    }

    public static Problems Validate(RequestIntakeInput r, DateOnly today, IStringLocalizer<SharedResource> L)
    {
        var problems = new Problems(L);
        if (r.OrganisationId is null) problems.Missing("organisationId");
        if (r.Channel is not { } channel || !Enum.IsDefined(channel)) problems.Missing("channel");
        if (r.ArrivedOn is not { } arrived) problems.Missing("arrivedOn");
        else
        {
            problems.Require(arrived <= today, "arrivedOn", "Disclosure.ErrorFutureDate");
            problems.Require(r.ConfirmedOn is null || (r.ConfirmedOn >= arrived && r.ConfirmedOn <= today), "confirmedOn", "Disclosure.ErrorConfirmedOn");
        }
        problems.Require(ApplicantTypes.IsValid(r.ApplicantType), "applicantType", "ErrorEnum", L["Field.applicantType"].Value)
            .Text(r.ApplicantName, "applicantName", 128)
            .Text(r.IdNumber, "idNumber", 32)
            .Text(r.Contact, "contact", 256)
            .Text(r.Description, "description", 4000)
            .Text(r.FormWanted, "formWanted", 256, required: false);
        if (!string.IsNullOrWhiteSpace(r.IdNumber) && ApplicantTypes.IsValid(r.ApplicantType))
        {
            var id = r.IdNumber.Trim();
            // A natural person proves identity by the resident ID card; an organisation by its unified social credit code (18 characters).
            if (r.ApplicantType == ApplicantTypes.NaturalPerson)
                problems.Require(IdentityNumbers.IsValid(id), "idNumber", "ErrorIdNumber");
            else
                problems.Require(id.Length == 18 && id.All(char.IsAsciiLetterOrDigit), "idNumber", "Disclosure.ErrorCreditCode");
        }
        return problems;
    }

    /// <summary>Writes a validated request: receipt date by Art. 31, due date on the clock, a unique number, the audit entry.</summary>
    public static async Task<RegisteredRequest> RegisterAsync(RequestIntakeInput input, UserScope? actor, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == input.OrganisationId, ct);
        var settings = await SettingsAsync(db, organisation.Id, ct);
        var channel = input.Channel!.Value;
        var arrived = input.ArrivedOn!.Value;
        var ruling = ReceiptDate.Decide(channel, arrived, input.ConfirmedOn, settings.EmailReceiptByMailSystem);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        // Until the receipt is confirmed the dates count provisionally from the arrival; confirming recomputes them.
        var receivedOn = ruling.ReceivedOn ?? arrived;
        var clock = DisclosureClock.Compute(new DisclosureClockInput(receivedOn), ChinaTime.Today(time), RuleBook.Default, organisation.DivisionCode, calendar);
        var queryCode = PetitionConventions.NewQueryCode();
        var idNumber = input.IdNumber!.Trim().ToUpperInvariant();
        var request = new DisclosureRequest
        {
            RequestNumber = "pending-" + Guid.NewGuid().ToString("N")[..20],
            OrganisationId = organisation.Id,
            Channel = channel,
            Status = ruling.ReceivedOn is null ? DisclosureRequestStatus.AwaitingConfirmation : DisclosureRequestStatus.InProgress,
            ArrivedOn = arrived,
            ConfirmedOn = ruling.ReceivedOn is null ? null : input.ConfirmedOn,
            ReceivedOn = receivedOn,
            DueOn = clock.ReplyDueOn!.Value,
            ApplicantType = input.ApplicantType!,
            ApplicantName = input.ApplicantName!.Trim(),
            IdNumberProtected = personalData.Protect(idNumber),
            ApplicantKey = personalData.KeyedHash(idNumber),
            ContactProtected = personalData.Protect(input.Contact!.Trim()),
            Description = input.Description!.Trim(),
            FormWanted = string.IsNullOrWhiteSpace(input.FormWanted) ? null : input.FormWanted.Trim(),
            QueryCodeHash = PetitionConventions.HashQueryCode(queryCode),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DisclosureRequests.Add(request);
        await db.SaveChangesAsync(ct);
        request.RequestNumber = RequestNumber(arrived, request.Id);
        audit.Record(actor, "disclosure-request.register", nameof(DisclosureRequest), request.Id,
            after: new { request.RequestNumber, request.OrganisationId, Channel = channel.ToString(), request.ArrivedOn, request.ConfirmedOn, request.ReceivedOn, request.DueOn, ruling.Rule });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RegisteredRequest(request.Id, request.RequestNumber, queryCode, ruling.ReceivedOn, request.DueOn, ruling.Rule, clock.Explanation);
    }

    /// <summary>
    /// YSQ + arrival date + the database id (7 digits or more): unique because the id comes from the one database, and
    /// never equal to a demo number (YSQ + year + 5 digits, 12 characters; these have 18 or more).
    /// </summary>
    public static string RequestNumber(DateOnly arrivedOn, long id) =>
        "YSQ" + arrivedOn.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The organ's settings, or the defaults (e-mail by mutual confirmation; the reply waits for the fee).</summary>
    public static async Task<DisclosureSettings> SettingsAsync(SunshineDbContext db, int organisationId, CancellationToken ct) =>
        await db.DisclosureSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganisationId == organisationId, ct)
        ?? new DisclosureSettings { OrganisationId = organisationId };
}
