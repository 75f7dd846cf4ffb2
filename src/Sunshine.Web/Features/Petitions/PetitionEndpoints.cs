using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Microsoft.Extensions.Localization;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions;

/// <param name="Colour">The deadline colour today (红灯预警); null when no organ's limit runs.</param>
public sealed record PetitionListItem(long Id, string CaseNumber, Channel Channel, Purpose Purpose, PetitionStatus Status, string Summary, string Petitioner, DateOnly ReceivedOn, DateOnly? DueOn, string? ResponsibleUnit,
    DeadlineColour? Colour = null);
public sealed record PetitionEventDto(long Id, DateTime At, DateOnly On, string Action, PetitionStatus? FromStatus, PetitionStatus ToStatus, string? ActorName, string? Organisation, string? TargetOrganisation, string? Reason, string? Detail, bool IsPublic);
/// <param name="NextAfter">Keyset for the next page: the id of the last item (pass it as <c>after</c>).</param>
/// <param name="NextAfterDue">In a work queue, ordered by due date: the due date of the last item (pass it as <c>afterDue</c>);
/// null once the page has reached the cases without a due date.</param>
public sealed record PetitionPage(IReadOnlyList<PetitionListItem> Items, long? NextAfter, int? Count, bool CountCapped, DateOnly? NextAfterDue = null);
public sealed record PetitionDetail(long Id, string CaseNumber, Channel Channel, Purpose Purpose, PetitionStatus Status, string Summary, string Content,
    string Petitioner, string IdNumber, string Phone, string Address, int HeadCount, DateOnly ReceivedOn, DateOnly? DueOn, string RegisteringUnit, string? ResponsibleUnit,
    IReadOnlyList<string> DueExplanation, string NationalStatus, int Version, string? Representatives = null, string? AccusedParty = null,
    bool IsRepeat = false, bool MayUnmask = false, bool IsSimplified = false, DeadlineColour? Colour = null, string? SimplifiedRefusal = null);

/// <summary>A case's personal data in clear, for an officer who must contact the petitioner; every call is audited.</summary>
public sealed record UnmaskRequest(string? Reason);
public sealed record UnmaskedPersonalData(string Petitioner, string? IdNumber, string? Phone, string? Address, string? Representatives);

/// <summary>
/// Read access to petitions within scope: the newest first, keyset-paginated. Personal data is masked; the full
/// workflow (registration, transfer, handling) is built on this in the petition-handling work.
/// </summary>
public static class PetitionEndpoints
{
    public const int PageSize = 50;

    public static void MapPetitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/petitions").WithTags("Petitions").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List);
        group.MapGet("/export.xlsx", Export);
        group.MapGet("/{id:long}", Get);
        group.MapGet("/{id:long}/history", History);
        group.MapPost("/{id:long}/personal-data", Unmask);
    }

    /// <summary>
    /// The staff case list and search: Chinese full text combined with filters, within scope, newest first,
    /// keyset-paginated (<paramref name="after"/> = the last id of the previous page). <paramref name="colour"/> keeps the
    /// cases whose deadline has that colour today. With <paramref name="queue"/> (to-accept, in-handling, due-soon,
    /// overdue, to-approve) it lists that work queue of the caller's unit by due date instead, keyset on
    /// (<paramref name="afterDue"/>, <paramref name="after"/>); the other filters apply, the text search does not.
    /// </summary>
    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, long? after, string? q, Channel? channel, PetitionStatus? status,
        Purpose? purpose, int? categoryId, string? locality, int? unit, DateOnly? from, DateOnly? to, DeadlineColour? colour, string? queue, DateOnly? afterDue,
        CalendarCache calendars, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct,
        string? assessment = null, string? period = null, int? within = null, int? at = null)
    {
        var scope = UserScope.From(user)!;
        // An oversight number's cases (assessment=…&unit=…&period=…, within=…): there "unit" is the assessed unit.
        var (condition, invalid) = await Oversight.OversightCaseFilter.ConditionAsync(db, scope, time, L, assessment, period, unit, within, ct, at);
        if (invalid is not null) return invalid.ToResult();
        if (assessment is not null) unit = null;
        WorkQueue? workQueue = null;
        if (queue is not null)
        {
            var problems = new Problems(L);
            if (WorkQueues.Names.TryGetValue(queue.Trim(), out var named)) workQueue = named;
            else problems.Add("queue", "ErrorQueue", string.Join(", ", WorkQueues.Names.Keys));
            problems.Require(string.IsNullOrWhiteSpace(q), "q", "ErrorQueueText");
            if (problems.Any) return problems.ToResult();
        }
        // One connection for the list's four to six statements: on SQLite each open and close of a pooled connection costs
        // EF its set-up again (about 6 % of a search request in a profile, docs/performance.md, session 10).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var colouring = await DeadlineColouring.TodayAsync(db, calendars, time, configuration, ct);
            var filters = new PetitionQuery(q, channel, categoryId, LocalityPrefix(locality), purpose, status, unit, from, to, after, PageSize + 1,
                colour is { } c ? colouring.Range(c) : null, condition);
            if (workQueue is { } w)
            {
                var (page, queueCount) = await WorkQueues.ListAsync(db, scope, w, filters, colouring, afterDue, after, PageSize + 1, ct);
                var shown = page.Take(PageSize).ToList();
                var queued = await RowsAsync(db, shown.Select(r => r.Id).ToList(), colouring, ct);
                var more = page.Count > PageSize;
                return TypedResults.Ok(new PetitionPage(queued, more ? shown[^1].Id : null, queueCount, false, more ? shown[^1].DueOn : null));
            }
            var (ids, count, capped) = await PetitionSearch.SearchAsync(db, scope, filters, ct);
            var items = await RowsAsync(db, ids.Take(PageSize).ToList(), colouring, ct);
            return TypedResults.Ok(new PetitionPage(items, ids.Count > PageSize ? items[^1].Id : null, count, capped));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The same search as an Excel workbook, up to 10,000 rows, personal data masked.</summary>
    public static async Task<IResult> Export(ClaimsPrincipal user, SunshineDbContext db, string? q, Channel? channel, PetitionStatus? status,
        Purpose? purpose, int? categoryId, string? locality, int? unit, DateOnly? from, DateOnly? to, DeadlineColour? colour,
        CalendarCache calendars, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct,
        string? assessment = null, string? period = null, int? within = null, int? at = null)
    {
        var scope = UserScope.From(user)!;
        var (condition, invalid) = await Oversight.OversightCaseFilter.ConditionAsync(db, scope, time, L, assessment, period, unit, within, ct, at);
        if (invalid is not null) return invalid.ToResult();
        if (assessment is not null) unit = null;
        var colouring = await DeadlineColouring.TodayAsync(db, calendars, time, configuration, ct);
        var range = colour is { } c ? colouring.Range(c) : null;
        var rows = new List<PetitionListItem>();
        long? before = null;
        while (rows.Count < ExportLimit)
        {
            var (ids, _, _) = await PetitionSearch.SearchAsync(db, scope, new PetitionQuery(q, channel, categoryId, LocalityPrefix(locality), purpose, status, unit, from, to, before, PetitionSearch.MaxTake, range, condition), ct);
            if (ids.Count == 0) break;
            rows.AddRange(await RowsAsync(db, ids, colouring, ct));
            before = ids[^1];
            if (ids.Count < PetitionSearch.MaxTake) break;
        }
        var sheet = rows.Take(ExportLimit).Select(r => new Dictionary<string, object?>
        {
            [L["CaseNumber"]] = r.CaseNumber,
            [L["Summary"]] = r.Summary,
            [L["Petitioner"]] = r.Petitioner,
            [L["Channel"]] = L["Channel." + r.Channel].Value,
            [L["Purpose"]] = L["Purpose." + r.Purpose].Value,
            [L["Status"]] = L["Status." + r.Status].Value,
            [L["ReceivedOn"]] = r.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [L["DueOn"]] = r.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [L["Colour"]] = r.Colour is { } colourOfRow ? L["Colour." + colourOfRow].Value : null,
            [L["ResponsibleUnit"]] = r.ResponsibleUnit,
        }).ToList();
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheet, cancellationToken: ct);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "petitions.xlsx");
    }

    public const int ExportLimit = 10_000;

    /// <summary>A division code's significant digits ("140105000000" → "140105"), for a subtree filter.</summary>
    private static string? LocalityPrefix(string? locality) =>
        Sunshine.Domain.Directory.DivisionCode.TryParse(locality?.Trim(), out var code) ? code.Prefix : null;

    /// <summary>The list rows of <paramref name="ids"/>, in that order, with today's deadline colour.</summary>
    private static async Task<List<PetitionListItem>> RowsAsync(SunshineDbContext db, IReadOnlyList<long> ids, DeadlineColouring colouring, CancellationToken ct)
    {
        // The ids as one collection parameter (EF.Parameter): expanded into one parameter per id, EF builds the SQL again
        // for every page (a profile of the search put that at 4 % of a request).
        var rows = await db.Petitions.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
            .Select(p => new { p.Id, p.CaseNumber, p.Channel, p.Purpose, p.Status, p.Summary, p.PetitionerName, p.ReceivedOn, p.DueOn, p.IsSimplified, Unit = p.ResponsibleOrganisation!.Name })
            .ToDictionaryAsync(p => p.Id, ct);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(p => new PetitionListItem(p.Id, p.CaseNumber, p.Channel, p.Purpose, p.Status, p.Summary,
            PersonalData.MaskName(p.PetitionerName), p.ReceivedOn, p.DueOn, p.Unit, colouring.Of(p.Status, p.IsSimplified, p.DueOn))).ToList();
    }

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, TimeProvider time, IConfiguration configuration, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var p = await db.Petitions.AsNoTracking().WithinScope(scope)
            .Include(x => x.RegisteringOrganisation).Include(x => x.ResponsibleOrganisation)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return TypedResults.NotFound();
        // The deadline view shows how the date was computed (DOMAIN.md §1.4), and the state in national terms.
        var state = await Workflow.PetitionActions.CaseOfAsync(db, p, ct);
        var calendar = await Calendar.CalendarEndpoints.LoadAsync(db, ct);
        var today = ChinaTime.Today(time);
        var due = PetitionClock.Current(state, today, RuleBook.Default, calendar);
        // A case untouched since it came from the national system stands where that system said (National/NationalImport).
        var imported = await National.NationalImport.UntouchedRecordAsync(db, p.Id, ct);
        var colouring = new DeadlineColouring(today, calendar, DeadlineColouring.YellowWithinFrom(configuration));
        // While a hearing runs, each of its days moves the due date on (Art. 36): the stored date holds the day it started
        // and is recomputed when it ends (PetitionActions, EndHearing), so the view shows today's date with its explanation.
        var dueOn = state.HearingRunning && due is not null ? due.DueOn : p.DueOn;
        return TypedResults.Ok(new PetitionDetail(p.Id, p.CaseNumber, p.Channel, p.Purpose, p.Status, p.Summary, p.Content,
            PersonalData.MaskName(p.PetitionerName),
            PersonalData.MaskIdNumber(personalData.Unprotect(p.IdNumberProtected)),
            PersonalData.MaskPhone(personalData.Unprotect(p.PhoneProtected)),
            PersonalData.MaskAddress(personalData.Unprotect(p.AddressProtected)),
            p.HeadCount, p.ReceivedOn, dueOn, p.RegisteringOrganisation!.Name, p.ResponsibleOrganisation?.Name,
            due?.Explanation ?? [], imported?.State ?? NationalStatus.NameOf(state, today, RuleBook.Default, calendar), p.Version,
            p.Representatives is null ? null : string.Join('、', p.Representatives.Split('、').Select(PersonalData.MaskName)),
            p.AccusedParty, p.IsRepeat, MayUnmask(scope),
            p.IsSimplified, colouring.Of(p.Status, p.IsSimplified, dueOn), PetitionWorkflow.WhyNotSimplified(state)));
    }

    /// <summary>
    /// Unmasking is a permission of those who must reach the petitioner — registrars, handling officers and unit
    /// leaders — and needs a stated reason; each unmasking is logged (PIPL; DOMAIN.md §3). Leaders, supervisors and
    /// administrators work with masked data.
    /// </summary>
    public static bool MayUnmask(UserScope scope) =>
        scope.IsInRole(Sunshine.Domain.Directory.StaffRoles.Registrar) || scope.IsInRole(Sunshine.Domain.Directory.StaffRoles.HandlingOfficer)
        || scope.IsInRole(Sunshine.Domain.Directory.StaffRoles.UnitLeader);

    public static async Task<IResult> Unmask(long id, UnmaskRequest request, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var p = await db.Petitions.AsNoTracking().WithinScope(scope).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return TypedResults.NotFound();
        if (!MayUnmask(scope)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var problems = new Problems(L).Text(request.Reason, "reason", 500);
        if (problems.Any) return problems.ToResult();
        audit.Record(scope, "petition.unmask", nameof(Petition), id, reason: request.Reason!.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new UnmaskedPersonalData(p.PetitionerName, personalData.Unprotect(p.IdNumberProtected), personalData.Unprotect(p.PhoneProtected),
            personalData.Unprotect(p.AddressProtected), p.Representatives));
    }

    /// <summary>The case's append-only history, oldest first, for those who may see the case.</summary>
    public static async Task<IResult> History(long id, ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!await db.Petitions.WithinScope(scope).AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
        var events = await (from e in db.PetitionEvents.AsNoTracking()
                            where e.PetitionId == id
                            orderby e.Id
                            join o in db.Organisations on e.OrganisationId equals o.Id into origins
                            from o in origins.DefaultIfEmpty()
                            join t in db.Organisations on e.TargetOrganisationId equals t.Id into targets
                            from t in targets.DefaultIfEmpty()
                            select new PetitionEventDto(e.Id, e.At, e.On, e.Action, e.FromStatus, e.ToStatus, e.ActorName, o.Name, t.Name, e.Reason, e.Detail, e.IsPublic))
            .ToListAsync(ct);
        return TypedResults.Ok(events);
    }
}
