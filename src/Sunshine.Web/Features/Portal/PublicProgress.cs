using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Portal;

public sealed record ProgressRequest(string? CaseNumber, string? QueryCode);

public sealed record EvaluationRequest(string? QueryCode, SatisfactionEvaluation? Bureau, SatisfactionEvaluation? Unit, string? Comment);

public sealed record ReviewRequest(string? QueryCode, string? Reason);

/// <summary>One step of the public timeline: when, what, by which organisation, to which, and what the petitioner is told.</summary>
public sealed record PublicEvent(DateOnly On, string Action, string Step, string? By, string? To, string? Note, string? Reason);

/// <summary>The two evaluations (DOMAIN.md §1.5): whether they can be given now, until when, and what was given.</summary>
public sealed record EvaluationView(bool IsOpen, DateOnly? OpenUntil, string? Unit, SatisfactionEvaluation? Bureau, SatisfactionEvaluation? UnitEvaluation, string? Note);

/// <summary>The review (复查) request: open until when, to which organ; or why not.</summary>
public sealed record ReviewView(bool IsShown, bool IsOpen, DateOnly? OpenUntil, string? Organ, string? Note);

/// <summary>What a petitioner sees of their case: public steps only, names of organisations, personal data masked.</summary>
public sealed record PublicCase(string CaseNumber, string Petitioner, Purpose Purpose, string Summary, PetitionStatus Status, DateOnly ReceivedOn,
    string RegisteringUnit, string? ResponsibleUnit, DateOnly? DueOn, string? DueText, IReadOnlyList<PublicEvent> Events, EvaluationView Evaluation, ReviewView Review);

/// <summary>
/// 进度查询, 满意度评价 and 复查申请 for the petitioner (《信访工作条例》第二十一条: the petitioner can query progress and
/// evaluate the result). Every call opens the case with its number and query code through <see cref="QueryCodeThrottle"/>.
/// </summary>
public static class PublicProgress
{
    public const string EvaluateAction = "evaluate";

    // Steps whose reason is addressed to the petitioner: the extension's reason must be told (Art. 34), the route and the
    // opinion are the answer, and the petitioner's own words are theirs. Other reasons (e.g. a transfer note) stay internal.
    private static readonly HashSet<string> ToldReasons = new(StringComparer.Ordinal)
    {
        "extend", "route-to-legal-channel", "decline", "refuse", "issue-opinion", "issue-review-opinion", "issue-reexamination-opinion",
        "reply-suggestion", "record-mediation", "withdraw", "request-review", "request-reexamination", EvaluateAction,
    };

    public static async Task<IResult> Lookup(ProgressRequest request, HttpContext http, PooledContexts contexts, PersonalData personalData, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        // A reused context with one open connection (PooledContexts): a new context per lookup cost more than the lookup's
        // queries under load (docs/performance.md, session 8).
        var (view, access) = await contexts.ReadAsync(async db =>
        {
            if (db.Database.IsSqlite())
            {
                // SQLite: the case, then its history, then the organisations, three small statements. SQLite has no round
                // trip to save (it runs in this process), and Microsoft.Data.Sqlite compiles a command's SQL again on every
                // run (it keeps no statements across commands): the one query below, 4,000 characters against the three's 1,700,
                // took about 0.21 ms to compile against 0.14 ms for the three, and compiling it was a third of the lookup's thread
                // time at 1M (docs/performance.md, session 11).
                var (petition, wrong) = await QueryCodeThrottle.OpenAsync(http, request.CaseNumber, request.QueryCode, db,
                    (petitions, token) => petitions.AsNoTracking().SingleOrDefaultAsync(token), p => p, personalData, time, ct);
                return (petition is null ? null : await ViewAsync(db, petition, await CalendarAsync(http, db, ct), time, L, ct), wrong);
            }
            // PostgreSQL: the case, its history and the organisations in one query (CaseWithHistoryAsync), one round trip
            // instead of three; the lookup's pool prepares it, so the server plans it once per connection (session 10).
            var (found, access) = await QueryCodeThrottle.OpenAsync(http, request.CaseNumber, request.QueryCode, db, (petitions, token) => CaseWithHistoryAsync(db, petitions, token), read => read.Petition,
                personalData, time, ct);
            return (found is null ? null : await ViewAsync(db, found.Petition, found.History, found.Organisations(), await CalendarAsync(http, db, ct), time, L, ct), access);
        }, ct);
        if (view is not null) return TypedResults.Ok(view);
        // A wrong pair's delay is waited with the connection given back: the lookup's pool is small (PostgresProvider.ForPublicReads).
        await QueryCodeThrottle.WaitAsync(access, time, ct);
        return WrongPair(access, L);
    }

    public static async Task<IResult> Evaluate(string caseNumber, EvaluationRequest request, HttpContext http, SunshineDbContext db, PersonalData personalData,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var access = await QueryCodeThrottle.OpenAsync(http, caseNumber, request.QueryCode, db, personalData, time, ct);
        if (access.Petition is not { } petition) return WrongPair(access, L);
        var calendar = await CalendarAsync(http, db, ct);
        var view = await ViewAsync(db, petition, calendar, time, L, ct);
        var problems = new Problems(L)
            .Require(request.Bureau is not null || request.Unit is not null, "bureau", "Portal.ErrorEvaluationEmpty")
            .Require(request.Bureau is null || Enum.IsDefined(request.Bureau.Value), "bureau", "ErrorEnum", L["Portal.EvaluateBureau"].Value)
            .Require(request.Unit is null || Enum.IsDefined(request.Unit.Value), "unit", "ErrorEnum", L["Portal.EvaluateUnit"].Value)
            .Require(request.Bureau is null || petition.BureauEvaluation is null, "bureau", "Portal.ErrorEvaluatedAlready")
            .Require(request.Unit is null || petition.UnitEvaluation is null, "unit", "Portal.ErrorEvaluatedAlready")
            .Text(request.Comment, "comment", 500, required: false);
        if (problems.Any) return problems.ToResult();
        if (!view.Evaluation.IsOpen)
            return TypedResults.Problem(title: view.Evaluation.Note ?? L["Portal.EvaluationNotOpen"], statusCode: StatusCodes.Status409Conflict);

        var unitId = await ReplyingUnitAsync(db, petition, ct);
        petition.BureauEvaluation ??= request.Bureau;
        petition.UnitEvaluation ??= request.Unit;
        petition.Version++;
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = time.GetUtcNow().UtcDateTime,
            On = ChinaTime.Today(time),
            Action = EvaluateAction,
            FromStatus = petition.Status,
            ToStatus = petition.Status,
            TargetOrganisationId = request.Unit is null ? null : unitId,
            Reason = comment,
            // A 不满意 flags the item for supervision (DOMAIN.md §1.5): supervisors find it by this event.
            Detail = JsonSerializer.Serialize(new { bureau = request.Bureau?.ToString(), unit = request.Unit?.ToString() }),
            IsPublic = true,
        });
        audit.Record(null, "petition." + EvaluateAction, nameof(Petition), petition.Id, after: new { request.Bureau, request.Unit }, reason: comment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(await ViewAsync(db, petition, calendar, time, L, ct));
    }

    /// <summary>
    /// 请求复查 (《信访工作条例》第三十五条): within 30 日 of receiving the handling opinion, to the organ one level above the
    /// one that issued it — its parent in the organisation tree (a department's government, a government's superior).
    /// The petitioner takes the same workflow action staff record, so the window and state checks are the domain's.
    /// </summary>
    public static async Task<IResult> RequestReview(string caseNumber, ReviewRequest request, HttpContext http, SunshineDbContext db, PersonalData personalData,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var access = await QueryCodeThrottle.OpenAsync(http, caseNumber, request.QueryCode, db, personalData, time, ct);
        if (access.Petition is not { } petition) return WrongPair(access, L);
        var problems = new Problems(L).Text(request.Reason, "reason", 2000);
        if (problems.Any) return problems.ToResult();
        var organ = await UpperOrganAsync(db, petition, ct);
        if (organ is null)
            return TypedResults.Problem(title: L["Portal.ErrorNoUpperOrgan"], statusCode: StatusCodes.Status409Conflict);
        var state = await PetitionActions.CaseOfAsync(db, petition, ct);
        var result = await PetitionActions.PerformAsync(PetitionAction.RequestReview, new PetitionActionRequest(Reason: request.Reason, TargetOrganisationId: organ.Id),
            petition, state, WorkflowActor.Petitioner, null, ChinaTime.Today(time), db, audit, time, L, ct);
        return Infrastructure.ConsoleActions.Succeeded(result) ? TypedResults.Ok(await ViewAsync(db, petition, await CalendarAsync(http, db, ct), time, L, ct)) : result;
    }

    /// <summary>The same answer for an unknown number and a wrong code, after the delay the client has earned.</summary>
    private static IResult WrongPair(QueryCodeThrottle.Access access, IStringLocalizer<SharedResource> L) =>
        TypedResults.Problem(title: L["Portal.ErrorWrongPair"], statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["delaySeconds"] = (int)access.Delay.TotalSeconds });

    /// <summary>The holiday calendar the public deadlines are counted with (<see cref="Sunshine.Web.Features.Calendar.CalendarCache"/>).</summary>
    private static Task<HolidayCalendar> CalendarAsync(HttpContext http, SunshineDbContext db, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<Sunshine.Web.Features.Calendar.CalendarCache>().GetAsync(db, ct);

    // One step of the case's history as the public view reads it; the reason and particulars only of public steps.
    private sealed record CaseEvent(string Action, DateOnly On, int? By, int? To, bool IsPublic, string? Reason, string? Detail);

    // An organisation the view names, with the organ one level above it if that is active (the review goes there).
    private sealed record Organ(int Id, string Name, int? UpperId, string? UpperName);

    // A step of the history with the name of its acting unit (and the active organ above it) and of its target unit.
    private sealed record NamedEvent(CaseEvent Event, string? By, int? ByUpperId, string? ByUpperName, string? To);

    private sealed record CaseWithHistory(Petition Petition, string Registering, string? Responsible, int? ResponsibleUpperId, string? ResponsibleUpperName,
        List<NamedEvent> Steps)
    {
        public List<CaseEvent> History { get; } = Steps.Select(s => s.Event).ToList();

        /// <summary>
        /// Every organisation the case and its steps name. The organ above is read for the acting units and the
        /// responsible one, which is where the opinion's issuer comes from (<see cref="Issuer"/>); an entry with it is kept
        /// over one of the same unit read without it (as a target or the registering unit).
        /// </summary>
        public Dictionary<int, Organ> Organisations()
        {
            var organisations = new Dictionary<int, Organ>();
            foreach (var step in Steps)
                if (step.Event.By is { } by && step.By is not null) organisations[by] = new Organ(by, step.By, step.ByUpperId, step.ByUpperName);
            if (Petition.ResponsibleOrganisationId is { } responsible && Responsible is not null)
                organisations[responsible] = new Organ(responsible, Responsible, ResponsibleUpperId, ResponsibleUpperName);
            foreach (var step in Steps)
                if (step.Event.To is { } to && step.To is not null) organisations.TryAdd(to, new Organ(to, step.To, null, null));
            organisations.TryAdd(Petition.RegisteringOrganisationId, new Organ(Petition.RegisteringOrganisationId, Registering, null, null));
            return organisations;
        }
    }

    /// <summary>
    /// The case with the number asked for, its whole history (oldest first) and the organisations they name, in ONE query:
    /// each step carries the names of its units (and the organ above the acting unit, should it have issued the opinion),
    /// the case those of its registering and responsible units. On PostgreSQL each of a lookup's round trips wakes a
    /// server backend on the same cores, which the app's thread waits out; three of them were most of a lookup's time
    /// (docs/performance.md, session 10). The names are scalar subqueries by key, so the steps stay one table joined to
    /// the case by its index on both databases.
    /// </summary>
    private static Task<CaseWithHistory?> CaseWithHistoryAsync(SunshineDbContext db, IQueryable<Petition> petitions, CancellationToken ct) =>
        petitions.AsNoTracking().Select(p => new CaseWithHistory(p,
            p.RegisteringOrganisation!.Name,
            p.ResponsibleOrganisation != null ? p.ResponsibleOrganisation.Name : null,
            p.ResponsibleOrganisation != null && p.ResponsibleOrganisation.Parent != null && p.ResponsibleOrganisation.Parent.IsActive ? p.ResponsibleOrganisation.ParentId : null,
            p.ResponsibleOrganisation != null && p.ResponsibleOrganisation.Parent != null && p.ResponsibleOrganisation.Parent.IsActive ? p.ResponsibleOrganisation.Parent.Name : null,
            db.PetitionEvents.Where(e => e.PetitionId == p.Id).OrderBy(e => e.Id).Select(e => new NamedEvent(
                new CaseEvent(e.Action, e.On, e.OrganisationId, e.TargetOrganisationId, e.IsPublic, e.IsPublic ? e.Reason : null, e.IsPublic ? e.Detail : null),
                db.Organisations.Where(o => o.Id == e.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                db.Organisations.Where(o => o.Id == e.OrganisationId && o.Parent != null && o.Parent.IsActive).Select(o => o.ParentId).FirstOrDefault(),
                db.Organisations.Where(o => o.Id == e.OrganisationId && o.Parent != null && o.Parent.IsActive).Select(o => o.Parent!.Name).FirstOrDefault(),
                db.Organisations.Where(o => o.Id == e.TargetOrganisationId).Select(o => o.Name).FirstOrDefault())).ToList()))
            .SingleOrDefaultAsync(ct);

    private static Task<List<CaseEvent>> HistoryAsync(SunshineDbContext db, Petition petition, CancellationToken ct) =>
        db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == petition.Id).OrderBy(e => e.Id)
            .Select(e => new CaseEvent(e.Action, e.On, e.OrganisationId, e.TargetOrganisationId, e.IsPublic, e.IsPublic ? e.Reason : null, e.IsPublic ? e.Detail : null))
            .ToListAsync(ct);

    /// <summary>
    /// The public view of a case, computed now: its public history, the current deadline, evaluation and review. The
    /// case's whole history is read once, then the organisations that history names (with the organs above them) once,
    /// and, for a merged case only, whether its original has been re-examined; the clock, the reply and the review window
    /// are worked out from those rows in memory, by the same domain code the staff side uses. The progress lookup, which
    /// a crowd calls, reads the first two with the case itself on PostgreSQL (<see cref="CaseWithHistoryAsync"/>).
    /// </summary>
    public static async Task<PublicCase> ViewAsync(SunshineDbContext db, Petition petition, HolidayCalendar calendar, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var history = await HistoryAsync(db, petition, ct);
        var reply = LastReply(history, petition);
        var ids = history.Where(e => e.IsPublic).SelectMany(e => new[] { e.By, e.To })
            .Append(petition.RegisteringOrganisationId).Append(petition.ResponsibleOrganisationId).Append(reply?.UnitId).Append(Issuer(history, petition))
            .OfType<int>().Distinct().ToList();
        // The ids go as ONE collection parameter (EF.Parameter): expanded into one parameter per id, as EF does by
        // default, the SQL depends on how many there are, so EF cannot keep it and generates it again on every lookup,
        // one lookup at a time (a lock per query): under 64 clients that lock was most of the lookups' waiting (profile
        // in docs/performance.md, session 7).
        var organisations = await db.Organisations.AsNoTracking().Where(o => EF.Parameter(ids).Contains(o.Id))
            .Select(o => new Organ(o.Id, o.Name, o.Parent != null && o.Parent.IsActive ? o.ParentId : null, o.Parent != null && o.Parent.IsActive ? o.Parent.Name : null))
            .ToDictionaryAsync(o => o.Id, ct);
        return await ViewAsync(db, petition, history, organisations, calendar, time, L, ct);
    }

    /// <param name="organisations">At least those the view names: the registering and responsible units, those of the public
    /// steps, and the units that replied and issued the opinion, with the organ above the issuer.</param>
    private static async Task<PublicCase> ViewAsync(SunshineDbContext db, Petition petition, List<CaseEvent> history, IReadOnlyDictionary<int, Organ> organisations,
        HolidayCalendar calendar, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var reexamined = petition.OriginalPetitionId is { } original
            && await db.PetitionEvents.AnyAsync(e => e.PetitionId == original && e.Action == PetitionActions.Code(PetitionAction.IssueReexaminationOpinion), ct);
        var state = PetitionActions.CaseOf(petition, history.Select(e => (e.Action, e.On)).ToList(), reexamined);
        var reply = LastReply(history, petition);
        var issuer = Issuer(history, petition);
        string? Name(int? id) => id is { } i && organisations.TryGetValue(i, out var o) ? o.Name : null;

        var events = history.Where(e => e.IsPublic).Select(e => new PublicEvent(e.On, e.Action, L["Action." + e.Action].Value, Name(e.By), Name(e.To),
            Note(e.Action, e.Detail, L), ToldReasons.Contains(e.Action) ? e.Reason : null)).ToList();
        var due = PetitionClock.Current(state, today, RuleBook.Default, calendar);
        var dueKey = "Portal.Due." + petition.Status;
        var dueText = due is null ? null : L[dueKey] is { ResourceNotFound: false } text ? text.Value : null;
        var upper = issuer is { } i && organisations.TryGetValue(i, out var o) && o.UpperId is { } upperId ? (Id: upperId, Name: o.UpperName!) : ((int Id, string Name)?)null;

        return new PublicCase(petition.CaseNumber, PersonalData.MaskName(petition.PetitionerName), petition.Purpose, petition.Summary, petition.Status,
            petition.ReceivedOn, Name(petition.RegisteringOrganisationId)!, Name(petition.ResponsibleOrganisationId),
            dueText is null ? null : due!.DueOn, dueText, events,
            Evaluation(petition, reply, Name(reply?.UnitId), today, calendar, L),
            Review(petition, state, Name(petition.ResponsibleOrganisationId), upper?.Name, upper is not null, today, calendar, L));
    }

    // The steps' particulars in words: the legal route and its article (statutory text, Chinese), the opinion, the
    // extension, the evaluation given.
    private static string? Note(string action, string? detail, IStringLocalizer<SharedResource> L)
    {
        if (string.IsNullOrEmpty(detail)) return null;
        using var json = JsonDocument.Parse(detail);
        var root = json.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return action switch
        {
            "route-to-legal-channel" when Text("route") is { } route => $"{route}（{Text("article")}）",
            "issue-opinion" or "issue-review-opinion" or "issue-reexamination-opinion" when Text("opinion") is { } opinion => L["Opinion." + opinion].Value,
            "extend" when root.TryGetProperty("extension", out var days) && days.ValueKind == JsonValueKind.Number => L["Portal.ExtendedBy", days.GetInt32()].Value,
            EvaluateAction => string.Join("；", new[]
            {
                Text("bureau") is { } b ? L["Portal.EvaluatedBureau", L["Evaluation." + b].Value].Value : null,
                Text("unit") is { } u ? L["Portal.EvaluatedUnit", L["Evaluation." + u].Value].Value : null,
            }.Where(s => s is not null)),
            _ => null,
        };
    }

    // The reply the petitioner evaluates: the handling opinion, or the answer to a suggestion or an inquiry (the latest,
    // should a supervisor have had it redone).
    private static bool IsReply(string action, Purpose purpose) =>
        action is "issue-opinion" or "reply-suggestion" || (action == "conclude" && purpose == Purpose.Inquiry);

    private static (DateOnly On, int? UnitId)? LastReply(List<CaseEvent> history, Petition petition) =>
        history.LastOrDefault(e => IsReply(e.Action, petition.Purpose)) is { } reply ? (reply.On, reply.By ?? petition.ResponsibleOrganisationId) : null;

    /// <summary>The unit that issued the (latest) handling opinion, else the responsible unit.</summary>
    private static int? Issuer(List<CaseEvent> history, Petition petition) =>
        history.LastOrDefault(e => e.Action == "issue-opinion")?.By ?? petition.ResponsibleOrganisationId;

    private static async Task<int?> ReplyingUnitAsync(SunshineDbContext db, Petition petition, CancellationToken ct) =>
        LastReply(await HistoryAsync(db, petition, ct), petition)?.UnitId;

    /// <summary>
    /// The evaluation window (DOMAIN.md §1.5): from the reply, the configured period (default 30 日). Not evaluated:
    /// accusations (the accuser's matter is not for disclosure, Art. 30) and items routed to a legal procedure, declined,
    /// withdrawn or merged.
    /// </summary>
    private static EvaluationView Evaluation(Petition p, (DateOnly On, int? UnitId)? reply, string? unit, DateOnly today, HolidayCalendar calendar,
        IStringLocalizer<SharedResource> L)
    {
        if (p.Purpose == Purpose.Accusation || p.Status is PetitionStatus.RoutedToLegalChannel or PetitionStatus.Declined or PetitionStatus.Withdrawn or PetitionStatus.Merged)
            return new EvaluationView(false, null, null, p.BureauEvaluation, p.UnitEvaluation, L["Portal.EvaluationExcluded"]);
        if (reply is not { } r)
            return new EvaluationView(false, null, null, p.BureauEvaluation, p.UnitEvaluation, L["Portal.EvaluationNotYet"]);
        var rule = RuleBook.Default.Rule(RuleCodes.SatisfactionEvaluationWindow, p.IssueLocalityCode, r.On);
        var until = StatutoryClock.Compute(rule, r.On, calendar).DueOn;
        if (p.BureauEvaluation is not null && p.UnitEvaluation is not null)
            return new EvaluationView(false, until, unit, p.BureauEvaluation, p.UnitEvaluation, L["Portal.EvaluationDone"]);
        return today <= until
            ? new EvaluationView(true, until, unit, p.BureauEvaluation, p.UnitEvaluation, null)
            : new EvaluationView(false, until, unit, p.BureauEvaluation, p.UnitEvaluation, L["Portal.EvaluationClosed", until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static ReviewView Review(Petition p, PetitionCase state, string? responsible, string? upper, bool hasUpper, DateOnly today, HolidayCalendar calendar,
        IStringLocalizer<SharedResource> L)
    {
        if (p.Status == PetitionStatus.UnderReview)
            return new ReviewView(true, false, null, responsible, L["Portal.ReviewRequested"]);
        if (p.Status != PetitionStatus.OpinionIssued || PetitionClock.ReviewRequestDue(state, RuleBook.Default, calendar) is not { } window)
            return new ReviewView(false, false, null, null, null);
        if (!hasUpper) return new ReviewView(true, false, window.DueOn, null, L["Portal.ErrorNoUpperOrgan"]);
        return today <= window.DueOn
            ? new ReviewView(true, true, window.DueOn, upper, null)
            : new ReviewView(true, false, window.DueOn, upper, L["workflow.review-window-closed"]);
    }

    /// <summary>The organ one level above the unit that issued the handling opinion: its parent, if active.</summary>
    private static async Task<Organisation?> UpperOrganAsync(SunshineDbContext db, Petition petition, CancellationToken ct)
    {
        var issuer = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == petition.Id && e.Action == "issue-opinion")
            .OrderByDescending(e => e.Id).Select(e => e.OrganisationId).FirstOrDefaultAsync(ct) ?? petition.ResponsibleOrganisationId;
        if (issuer is null) return null;
        return await db.Organisations.AsNoTracking().Where(o => o.Id == issuer)
            .Select(o => o.Parent).Where(parent => parent != null && parent.IsActive).SingleOrDefaultAsync(ct);
    }
}
