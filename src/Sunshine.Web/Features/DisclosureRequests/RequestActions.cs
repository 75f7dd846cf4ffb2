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

/// <summary>The steps of a request after intake (《政府信息公开条例》第三十至三十八条, 第四十二条).</summary>
public enum RequestAction
{
    ConfirmReceipt,
    RequestCorrection,
    RecordCorrection,
    Consult,
    RecordAnswer,
    Extend,
    NoticeFee,
    RecordPayment,
    Reply,
    Abandon,
    Withdraw,
}

/// <summary>One step's input; each action reads the fields it needs. <paramref name="On"/> defaults to today.</summary>
public sealed record RequestActionInput(
    DateOnly? On = null,
    DateOnly? AnswerBy = null,
    ConsultationKind? Kind = null,
    string? Party = null,
    long? ConsultationId = null,
    string? Answer = null,
    int? ExtensionDays = null,
    string? Reason = null,
    FeeMethod? FeeMethod = null,
    int? Pages = null,
    string? Outcome = null,
    bool AlreadyPublished = false,
    string? ReplyText = null,
    int? Version = null);

/// <summary>
/// Every step through one door: the role and the state are checked, the step's dates against the statute, the due date
/// recomputed on the clock, the audit entry written, and the request saved under optimistic concurrency. The disclosure
/// officer (公开专员) of the organ handles; only the organ's head (UnitLeader) approves an extension (Art. 33 ¶1).
/// </summary>
public static class RequestActions
{
    public static string Code(RequestAction action) =>
        string.Concat(action.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static bool TryParse(string code, out RequestAction action)
    {
        foreach (var a in Enum.GetValues<RequestAction>())
        {
            if (Code(a) == code || a.ToString().Equals(code, StringComparison.OrdinalIgnoreCase))
            {
                action = a;
                return true;
            }
        }
        action = default;
        return false;
    }

    /// <summary>The actions the caller may take now (the server checks dates and inputs again when one is taken).</summary>
    public static IEnumerable<RequestAction> Allowed(DisclosureRequest r, IReadOnlyList<DisclosureConsultation> consultations, UserScope scope, DateOnly today, DisclosureDeadlines clock) =>
        Enum.GetValues<RequestAction>().Where(a => StateRefusal(a, r, consultations, today, clock) is null && RoleRefusal(a, scope) is null);

    public static async Task<IResult> Act(long id, string action, RequestActionInput input, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (!TryParse(action, out var act)) return TypedResults.NotFound();
        var scope = UserScope.From(user)!;
        var r = await db.DisclosureRequests.WithinScope(db, scope).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return TypedResults.NotFound();
        if (input.Version is { } version && version != r.Version)
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        if (RoleRefusal(act, scope) is { } role)
            return TypedResults.Problem(title: L[role], statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["code"] = role });

        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == r.OrganisationId, ct);
        var settings = await RequestIntake.SettingsAsync(db, r.OrganisationId, ct);
        var consultations = await db.DisclosureConsultations.Where(c => c.RequestId == r.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var today = ChinaTime.Today(time);
        var clock = RequestEndpoints.Clock(r, consultations, settings, today, organisation.DivisionCode, calendar);
        if (StateRefusal(act, r, consultations, today, clock) is { } state)
            return TypedResults.Problem(title: L[state], statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = state });

        var on = input.On ?? today;
        var problems = new Problems(L);
        // A step happens between the request's arrival and today.
        problems.Require(on <= today && on >= r.ArrivedOn, "on", "Disclosure.ErrorActionDate");
        var before = Snapshot(r);
        switch (act)
        {
            case RequestAction.ConfirmReceipt:
                if (problems.Any) break;
                var ruling = ReceiptDate.Decide(r.Channel, r.ArrivedOn, on, settings.EmailReceiptByMailSystem);
                r.ConfirmedOn = on;
                r.ReceivedOn = ruling.ReceivedOn ?? on;
                r.Status = DisclosureRequestStatus.InProgress;
                break;
            case RequestAction.RequestCorrection:
                // Art. 30: once, within 7 工作日 of receipt, with a reasonable time to answer.
                problems.Require(on >= r.ReceivedOn, "on", "Disclosure.ErrorBeforeReceipt")
                    .Require(on <= clock.CorrectionLimitOn, "on", "Disclosure.ErrorCorrectionLate", Iso(clock.CorrectionLimitOn))
                    .Require(input.AnswerBy is { } by && by > on, "answerBy", "Disclosure.ErrorAnswerBy")
                    .Text(input.Reason, "reason", 2000);
                if (problems.Any) break;
                r.CorrectionRequestedOn = on;
                r.CorrectionAnswerBy = input.AnswerBy;
                r.Status = DisclosureRequestStatus.AwaitingCorrection;
                break;
            case RequestAction.RecordCorrection:
                problems.Require(on >= r.CorrectionRequestedOn, "on", "Disclosure.ErrorActionDate");
                if (problems.Any) break;
                r.CorrectedOn = on;
                r.Status = DisclosureRequestStatus.InProgress;
                break;
            case RequestAction.Consult:
                problems.Require(on >= clock.ClockStart, "on", "Disclosure.ErrorBeforeReceipt")
                    .Require(input.Kind is { } kind && Enum.IsDefined(kind), "kind", "ErrorEnum", L["Field.kind"].Value)
                    .Text(input.Party, "party", 256);
                if (problems.Any) break;
                db.DisclosureConsultations.Add(new DisclosureConsultation { RequestId = r.Id, Kind = input.Kind!.Value, Party = input.Party!.Trim(), SentOn = on });
                break;
            case RequestAction.RecordAnswer:
                var open = consultations.FirstOrDefault(c => c.Id == input.ConsultationId && c.AnsweredOn is null);
                problems.Require(open is not null, "consultationId", "Disclosure.ErrorConsultation")
                    .Text(input.Answer, "answer", 2000);
                if (open is not null) problems.Require(on >= open.SentOn, "on", "Disclosure.ErrorActionDate");
                if (problems.Any) break;
                open!.AnsweredOn = on;
                open.Answer = input.Answer!.Trim();
                break;
            case RequestAction.Extend:
                // Art. 33 ¶1: at most 20 工作日, with the head's consent, decided while the limit runs, and the applicant told why.
                problems.Require(input.ExtensionDays is >= 1 and <= 20, "extensionDays", "Disclosure.ErrorExtensionDays")
                    .Require(clock.ReplyDueOn is { } dueNow && on <= dueNow, "on", "Disclosure.ErrorExtensionLate")
                    .Text(input.Reason, "reason", 2000);
                if (problems.Any) break;
                r.ExtensionDays = input.ExtensionDays;
                r.ExtendedOn = on;
                break;
            case RequestAction.NoticeFee:
                problems.Require(input.FeeMethod is { } m && Enum.IsDefined(m), "feeMethod", "ErrorEnum", L["Field.feeMethod"].Value)
                    .Require(input.FeeMethod != FeeMethod.PerPage || input.Pages is >= 0 and <= 1_000_000, "pages", "Disclosure.ErrorPages")
                    .Require(on >= clock.ClockStart, "on", "Disclosure.ErrorBeforeReceipt");
                if (problems.Any) break;
                var fee = input.FeeMethod == FeeMethod.PerPage
                    ? DisclosureFees.PerPage(input.Pages!.Value)
                    : DisclosureFees.PerApplication(await OrdinalInMonthAsync(db, r, ct));
                problems.Require(fee > 0, "feeMethod", "Disclosure.ErrorNoFee");
                if (problems.Any) break;
                r.FeeMethod = input.FeeMethod;
                r.FeePages = input.FeeMethod == FeeMethod.PerPage ? input.Pages : null;
                r.FeeNoticeOn = on;
                r.FeeNoticedFen = fee;
                break;
            case RequestAction.RecordPayment:
                problems.Require(on >= r.FeeNoticeOn, "on", "Disclosure.ErrorActionDate")
                    .Require(clock.FeePaymentDueOn is { } payBy && on <= payBy, "on", "Disclosure.ErrorPaymentLate");
                if (problems.Any) break;
                r.FeePaidOn = on;
                r.FeeFen = r.FeeNoticedFen ?? 0;
                break;
            case RequestAction.Reply:
                problems.Require(RequestOutcomes.IsValid(input.Outcome) && !RequestOutcomes.IsAbandonment(input.Outcome!), "outcome", "ErrorEnum", L["Field.outcome"].Value)
                    .Require(!input.AlreadyPublished || input.Outcome == RequestOutcomes.Disclosed, "alreadyPublished", "Disclosure.ErrorAlreadyPublished")
                    .Require(on >= clock.ClockStart, "on", "Disclosure.ErrorBeforeReceipt")
                    .Text(input.ReplyText, "replyText", 20000);
                if (problems.Any) break;
                Conclude(r, on, input.Outcome!);
                r.AlreadyPublished = input.AlreadyPublished;
                r.ReplyText = input.ReplyText!.Trim();
                break;
            case RequestAction.Abandon:
                // Abandoned only once the applicant's own time ran out: the correction's answer date (Art. 30) or the
                // 20 工作日 to pay (国办函〔2020〕109号).
                if (input.Outcome == RequestOutcomes.AbandonedNoCorrection)
                    problems.Require(r.Status == DisclosureRequestStatus.AwaitingCorrection && r.CorrectionAnswerBy is { } answerBy && on > answerBy, "outcome", "Disclosure.ErrorNotYetAbandoned");
                else if (input.Outcome == RequestOutcomes.AbandonedFeeUnpaid)
                    problems.Require(r.FeeNoticeOn is not null && r.FeePaidOn is null && clock.FeePaymentDueOn is { } lastPayDay && on > lastPayDay, "outcome", "Disclosure.ErrorNotYetAbandoned");
                else problems.Add("outcome", "ErrorEnum", L["Field.outcome"].Value);
                if (problems.Any) break;
                Conclude(r, on, input.Outcome!);
                r.ReplyText = string.IsNullOrWhiteSpace(input.ReplyText) ? null : input.ReplyText.Trim();
                break;
            case RequestAction.Withdraw:
                problems.Text(input.Reason, "reason", 2000);
                if (problems.Any) break;
                Conclude(r, on, RequestOutcomes.Other);
                break;
        }
        if (problems.Any) return problems.ToResult();

        // The due date on the list: the reply's, or while a correction is awaited, the day the applicant must answer by.
        var after = RequestEndpoints.Clock(r, db.DisclosureConsultations.Local.Where(c => c.RequestId == r.Id).OrderBy(c => c.SentOn), settings,
            r.ConcludedOn ?? today, organisation.DivisionCode, calendar);
        if (r.Status != DisclosureRequestStatus.Concluded)
            r.DueOn = after.ReplyDueOn ?? r.CorrectionAnswerBy ?? r.DueOn;
        r.Version++;
        var reason = input.Reason ?? input.Answer ?? (act == RequestAction.Consult ? input.Party : null);
        audit.Record(scope, "disclosure-request." + Code(act), nameof(DisclosureRequest), r.Id, before, Snapshot(r), reason?.Trim());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(await RequestEndpoints.ViewAsync(db, personalData, r, scope, time, ct));
    }

    /// <summary>
    /// The applicant's place among their requests to this organ in the request's calendar month (receipt date, then
    /// number): the free allowance of 按件计收 counts per organ, per applicant (by the keyed hash of the ID number), per month.
    /// </summary>
    public static async Task<int> OrdinalInMonthAsync(SunshineDbContext db, DisclosureRequest r, CancellationToken ct)
    {
        if (r.ApplicantKey is null) return 1;
        var first = new DateOnly(r.ReceivedOn.Year, r.ReceivedOn.Month, 1);
        var next = first.AddMonths(1);
        return await db.DisclosureRequests.AsNoTracking()
            .Where(x => x.OrganisationId == r.OrganisationId && x.ApplicantKey == r.ApplicantKey && x.ReceivedOn >= first && x.ReceivedOn < next)
            .CountAsync(x => x.ReceivedOn < r.ReceivedOn || (x.ReceivedOn == r.ReceivedOn && x.Id <= r.Id), ct);
    }

    private static void Conclude(DisclosureRequest r, DateOnly on, string outcome)
    {
        r.Status = DisclosureRequestStatus.Concluded;
        r.ConcludedOn = on;
        r.Outcome = outcome;
    }

    private static string? RoleRefusal(RequestAction act, UserScope scope) => act == RequestAction.Extend
        ? scope.IsInRole(StaffRoles.UnitLeader) ? null : "Disclosure.ErrorLeaderOnly"
        : scope.IsInRole(StaffRoles.DisclosureOfficer) ? null : "Disclosure.ErrorOfficerOnly";

    /// <summary>Whether the request's state allows the step at all (dates are checked with the step's input).</summary>
    private static string? StateRefusal(RequestAction act, DisclosureRequest r, IReadOnlyList<DisclosureConsultation> consultations, DateOnly today, DisclosureDeadlines clock)
    {
        if (r.Status == DisclosureRequestStatus.Concluded) return "Disclosure.ErrorConcluded";
        var running = r.Status == DisclosureRequestStatus.InProgress;
        var feePending = r.FeeNoticeOn is not null && r.FeePaidOn is null;
        var consulting = consultations.Any(c => c.AnsweredOn is null);
        return act switch
        {
            RequestAction.ConfirmReceipt => r.Status == DisclosureRequestStatus.AwaitingConfirmation ? null : "Disclosure.ErrorRequestState",
            RequestAction.RequestCorrection => !running ? "Disclosure.ErrorRequestState"
                : r.CorrectionRequestedOn is not null ? "Disclosure.ErrorCorrectionOnce" : null,
            RequestAction.RecordCorrection => r.Status == DisclosureRequestStatus.AwaitingCorrection ? null : "Disclosure.ErrorRequestState",
            RequestAction.Consult => running ? null : "Disclosure.ErrorRequestState",
            RequestAction.RecordAnswer => consulting ? null : "Disclosure.ErrorConsultation",
            RequestAction.Extend => !running ? "Disclosure.ErrorRequestState" : r.ExtensionDays is not null ? "Disclosure.ErrorExtendedAlready" : null,
            RequestAction.NoticeFee => !running ? "Disclosure.ErrorRequestState" : r.FeeNoticeOn is not null ? "Disclosure.ErrorFeeOnce" : null,
            RequestAction.RecordPayment => feePending ? null : "Disclosure.ErrorRequestState",
            // A reply waits for the consultations' answers and for the fee, or the application is abandoned instead.
            RequestAction.Reply => !running ? "Disclosure.ErrorRequestState" : consulting ? "Disclosure.ErrorConsulting" : feePending ? "Disclosure.ErrorFeePending" : null,
            RequestAction.Abandon => r.Status == DisclosureRequestStatus.AwaitingCorrection || feePending ? null : "Disclosure.ErrorRequestState",
            RequestAction.Withdraw => null,
            _ => "Disclosure.ErrorRequestState",
        };
    }

    private static object Snapshot(DisclosureRequest r) => new
    {
        Status = r.Status.ToString(), r.ReceivedOn, r.ConfirmedOn, r.DueOn, r.CorrectionRequestedOn, r.CorrectionAnswerBy, r.CorrectedOn, r.ExtensionDays, r.ExtendedOn,
        FeeMethod = r.FeeMethod?.ToString(), r.FeePages, r.FeeNoticeOn, r.FeeNoticedFen, r.FeePaidOn, r.FeeFen, r.ConcludedOn, r.Outcome, r.AlreadyPublished,
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
