using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Petitions;
using Sunshine.Web.Features.Portal;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.DisclosureRequests;

/// <summary>An online disclosure request as the applicant writes it on the portal.</summary>
public sealed record PublicRequestInput(
    int? OrganisationId,
    string? ApplicantType,
    string? ApplicantName,
    string? IdNumber,
    string? Contact,
    string? Description,
    string? FormWanted,
    bool AcceptPrivacyNotice);

/// <summary>What the applicant keeps: the request number and the query code (shown once; only its hash is stored).</summary>
public sealed record PublicRequestReceipt(string RequestNumber, string QueryCode, string Organisation, DateOnly SubmittedOn);

public sealed record PublicRequestLookup(string? RequestNumber, string? QueryCode);

/// <summary>What the applicant sees of their request: dates, state and the reply; nothing about staff or other people.</summary>
public sealed record PublicRequestStatus(string RequestNumber, string Organisation, DisclosureRequestStatus Status, DateOnly ArrivedOn, DateOnly? ReceivedOn,
    DateOnly? DueOn, DateOnly? CorrectionAnswerBy, long? FeeNoticedFen, DateOnly? FeePaymentDueOn, DateOnly? ConcludedOn, string? Outcome, string? ReplyText);

/// <summary>
/// 互联网渠道 of 《政府信息公开条例》第二十九条: the public request form and the status lookup. An online request's receipt
/// date is the day both sides confirm it (Art. 31(三)), so it arrives awaiting the organ's confirmation.
/// </summary>
public static class PublicRequests
{
    public static void MapPublicDisclosureRequestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public/disclosure").WithTags("Public").AllowAnonymous();
        api.MapPost("/requests", Submit).RequireRateLimiting(PortalSetup.SubmitLimit);
        api.MapPost("/requests/status", Lookup).RequireRateLimiting(PortalSetup.LookupLimit);
    }

    public static async Task<IResult> Submit(PublicRequestInput input, SunshineDbContext db, PersonalData personalData, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (receipt, problems) = await SubmitAsync(input, db, personalData, audit, time, L, ct);
        return receipt is null ? problems!.ToResult() : TypedResults.Created("/portal/disclosure/status?number=" + receipt.RequestNumber, receipt);
    }

    public static async Task<(PublicRequestReceipt? Receipt, Problems? Problems)> SubmitAsync(PublicRequestInput r, SunshineDbContext db, PersonalData personalData,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var intake = new RequestIntakeInput(r.OrganisationId, RequestChannel.Online, today, null, r.ApplicantType, r.ApplicantName, r.IdNumber, r.Contact, r.Description, r.FormWanted);
        var problems = RequestIntake.Validate(intake, today, L)
            // 《个人信息保护法》第十四条、第二十九条: consent to processing the ID number, given after being told.
            .Require(r.AcceptPrivacyNotice, "acceptPrivacyNotice", "Portal.ErrorPrivacy");
        if (r.OrganisationId is { } id && !await Organs(db).AnyAsync(o => o.Id == id, ct))
            problems.Add("organisationId", "ErrorOrganisationOutOfScope");
        if (problems.Any) return (null, problems);
        var registered = await RequestIntake.RegisterAsync(intake, null, db, personalData, audit, time, ct);
        var organ = await db.Organisations.AsNoTracking().Where(o => o.Id == r.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        return (new PublicRequestReceipt(registered.RequestNumber, registered.QueryCode!, organ, today), null);
    }

    /// <summary>The organs that take requests on the portal: every active government, bureau and department.</summary>
    public static IQueryable<Organisation> Organs(SunshineDbContext db) =>
        db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Kind != OrganisationKind.Other);

    public static async Task<IResult> Lookup(PublicRequestLookup input, HttpContext http, SunshineDbContext db, PersonalData personalData, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var request = await FindAsync(db, input.RequestNumber, input.QueryCode, ct);
        if (request is null)
        {
            // Wrong pairs share the petition lookup's per-client count and delay (QueryCodeThrottle): one door, one budget.
            var client = personalData.KeyedHash("query-client:" + PortalSetup.ClientAddress(http))!;
            var failures = await QueryCodeThrottle.RecordFailureAsync(db, client, time.GetUtcNow().UtcDateTime, ct);
            var delay = QueryCodeThrottle.DelayAfter(failures);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, time, ct);
            return TypedResults.Problem(title: L["Disclosure.ErrorWrongPair"], statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["failures"] = failures, ["delaySeconds"] = (int)delay.TotalSeconds });
        }
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == request.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        var confirmed = request.Status != DisclosureRequestStatus.AwaitingConfirmation;
        var open = request.Status is DisclosureRequestStatus.InProgress;
        DateOnly? payBy = null;
        if (request.FeeNoticeOn is { } notice && request.FeePaidOn is null && request.Status != DisclosureRequestStatus.Concluded)
        {
            var divisionCode = await db.Organisations.AsNoTracking().Where(o => o.Id == request.OrganisationId).Select(o => o.DivisionCode).SingleAsync(ct);
            payBy = DisclosureClock.FeePaymentDue(notice, Sunshine.Domain.Calendar.RuleBook.Default, divisionCode, await Calendar.CalendarEndpoints.LoadAsync(db, ct));
        }
        return TypedResults.Ok(new PublicRequestStatus(request.RequestNumber, organisation, request.Status, request.ArrivedOn, confirmed ? request.ReceivedOn : null,
            open ? request.DueOn : null, request.Status == DisclosureRequestStatus.AwaitingCorrection ? request.CorrectionAnswerBy : null,
            payBy is null ? null : request.FeeNoticedFen, payBy, request.ConcludedOn, request.Outcome, request.ReplyText));
    }

    private static async Task<DisclosureRequest?> FindAsync(SunshineDbContext db, string? number, string? code, CancellationToken ct)
    {
        var n = number?.Trim().ToUpperInvariant();
        var c = code?.Trim();
        if (string.IsNullOrEmpty(n) || n.Length > 32 || string.IsNullOrEmpty(c) || c.Length > 32) return null;
        var request = await db.DisclosureRequests.AsNoTracking().SingleOrDefaultAsync(r => r.RequestNumber == n, ct);
        // Compared in constant time: the answer's timing says nothing about how much of the code was right.
        return request?.QueryCodeHash is { } hash && CryptographicOperations.FixedTimeEquals(hash, PetitionConventions.HashQueryCode(c)) ? request : null;
    }
}
