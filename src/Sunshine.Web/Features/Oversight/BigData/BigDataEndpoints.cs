using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>
/// 信访大数据 API: the leader dashboard's figures (<c>GET /api/oversight/dashboard?from=&amp;to=&amp;locality=&amp;organisation=</c>), the same
/// as an Excel workbook, and a full rebuild of the rollups for administrators. For bureau leaders, supervisors and
/// administrators, within their scope.
/// </summary>
public static class BigDataEndpoints
{
    public static readonly string[] Roles = [StaffRoles.BureauLeader, StaffRoles.Supervisor, StaffRoles.Administrator];

    /// <summary>The longest period one request may span (a five-year plan's worth of months).</summary>
    public const int MaxDays = 366 * 5;

    public static void MapBigDataEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/oversight/dashboard").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        group.MapGet("/", Figures);
        group.MapGet("/export.xlsx", Export);
        group.MapPost("/rebuild", Rebuild);
    }

    public static bool MaySee(UserScope scope) => Roles.Any(scope.IsInRole);

    /// <summary>Checks the period and level; defaults: from the first of the year to today, the whole scope.</summary>
    public static (DateOnly From, DateOnly To, string? Locality, Problems Problems) Validate(DateOnly? from, DateOnly? to, string? locality, DateOnly today, IStringLocalizer<SharedResource> L)
    {
        var problems = new Problems(L);
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, 1, 1);
        problems.Require(start <= end, "from", "Bd.ErrorPeriod");
        problems.Require(end.DayNumber - start.DayNumber < MaxDays, "to", "Bd.ErrorPeriodTooLong", MaxDays);
        string? prefix = null;
        if (!string.IsNullOrWhiteSpace(locality))
        {
            try
            {
                prefix = PetitionSearch.LocalityPrefix(locality);
            }
            catch (ArgumentException)
            {
                prefix = null;
            }
            // The rollups hold the county; a township is a row of its county's drill-down list.
            if (prefix is not { Length: 2 or 4 or 6 }) problems.Add("locality", "Bd.ErrorLocality");
        }
        return (start, end, prefix, problems);
    }

    public static async Task<IResult> Figures(ClaimsPrincipal user, SunshineDbContext db, DateOnly? from, DateOnly? to, string? locality, int? organisation,
        CalendarCache calendars, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (figures, problem) = await LoadAsync(user, db, calendars, from, to, locality, organisation, time, configuration, L, ct);
        return figures is null ? problem! : TypedResults.Ok(figures);
    }

    /// <summary>Checks the caller, the period, the level and the unit drilled to (within the caller's scope), then counts.</summary>
    public static async Task<(DashboardFigures? Figures, IResult? Problem)> LoadAsync(ClaimsPrincipal user, SunshineDbContext db, CalendarCache calendars, DateOnly? from, DateOnly? to,
        string? locality, int? organisation, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MaySee(scope)) return (null, TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden));
        var today = ChinaTime.Today(time);
        var (start, end, prefix, problems) = Validate(from, to, locality, today, L);
        var node = problems.Any ? null : await DashboardQuery.NodeAsync(db, scope, organisation, ct);
        if (!problems.Any && node is null) problems.Add("organisation", "ErrorOrganisationOutOfScope");
        if (problems.Any) return (null, problems.ToResult());
        var colouring = await DeadlineColouring.TodayAsync(db, calendars, time, configuration, ct);
        return (await DashboardQuery.LoadAsync(db, scope, node!, organisation is not null, start, end, prefix, today, colouring, configuration, L, ct), null);
    }

    /// <summary>The figures as a workbook, one sheet per chart; the same numbers as the screen.</summary>
    public static async Task<IResult> Export(ClaimsPrincipal user, SunshineDbContext db, DateOnly? from, DateOnly? to, string? locality, int? organisation,
        CalendarCache calendars, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (f, problem) = await LoadAsync(user, db, calendars, from, to, locality, organisation, time, configuration, L, ct);
        if (f is null) return problem!;
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, Workbook(f, L), cancellationToken: ct);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"dashboard-{DashboardQuery.Iso(f.From)}-{DashboardQuery.Iso(f.To)}.xlsx");
    }

    public static Dictionary<string, object> Workbook(DashboardFigures f, IStringLocalizer L)
    {
        string Percent(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "—";
        List<Dictionary<string, object?>> Rows(IEnumerable<FigureRow> rows, string keyHeader) =>
            rows.Select(r => new Dictionary<string, object?> { [keyHeader] = r.Label, [L["Count"].Value] = r.Count }).ToList();
        return new Dictionary<string, object>
        {
            [L["Bd.SheetSummary"].Value] = new List<Dictionary<string, object?>>
            {
                new() { [L["Bd.Figure"].Value] = L["Bd.Period"].Value, [L["Bd.Value"].Value] = $"{DashboardQuery.Iso(f.From)} — {DashboardQuery.Iso(f.To)}" },
                new() { [L["Bd.Figure"].Value] = L["Bd.Level"].Value, [L["Bd.Value"].Value] = f.LocalityName ?? L["Bd.WholeScope"].Value },
                new() { [L["Bd.Figure"].Value] = L["Bd.Organisation"].Value, [L["Bd.Value"].Value] = f.OrganisationName },
                new() { [L["Bd.Figure"].Value] = L["Bd.Registered"].Value, [L["Bd.Value"].Value] = f.Registered },
                new() { [L["Bd.Figure"].Value] = L["Bd.Repeat"].Value, [L["Bd.Value"].Value] = f.Repeat },
                new() { [L["Bd.Figure"].Value] = L["Bd.RepeatRate"].Value, [L["Bd.Value"].Value] = Percent(f.RepeatRate) },
                new() { [L["Bd.Figure"].Value] = L["Bd.Collective"].Value, [L["Bd.Value"].Value] = f.Collective },
                new() { [L["Bd.Figure"].Value] = L["Bd.Open"].Value, [L["Bd.Value"].Value] = f.Open },
                new() { [L["Bd.Figure"].Value] = L["Bd.Concluded"].Value, [L["Bd.Value"].Value] = f.Concluded },
                new() { [L["Bd.Figure"].Value] = L["Bd.Evaluated"].Value, [L["Bd.Value"].Value] = f.Evaluated },
                new() { [L["Bd.Figure"].Value] = L["Bd.Satisfied"].Value, [L["Bd.Value"].Value] = f.Satisfied },
                new() { [L["Bd.Figure"].Value] = L["Bd.SatisfactionRate"].Value, [L["Bd.Value"].Value] = Percent(f.SatisfactionRate) },
                new() { [L["Bd.Figure"].Value] = L["Bd.OverdueNow"].Value, [L["Bd.Value"].Value] = f.OverdueNow },
                new() { [L["Bd.Figure"].Value] = L["Bd.SupervisionOpen"].Value, [L["Bd.Value"].Value] = f.Supervision.Open },
                new() { [L["Bd.Figure"].Value] = L["Bd.SupervisionOverdue"].Value, [L["Bd.Value"].Value] = f.Supervision.Overdue },
            },
            [L["Bd.OverTime"].Value] = Rows(f.OverTime, L["Bd.Date"].Value),
            [L["Bd.ByChannel"].Value] = Rows(f.ByChannel, L["Channel"].Value),
            [L["Bd.ByPurpose"].Value] = Rows(f.ByPurpose, L["Purpose"].Value),
            [L["Bd.ByCategory"].Value] = Rows(f.ByCategory, L["Bd.Category"].Value),
            [L["Bd.ByLocality"].Value] = Rows(f.ByLocality, L["Bd.Locality"].Value),
            [L["Bd.Mailboxes"].Value] = f.Mailboxes.Select(m => new Dictionary<string, object?>
            {
                [L["Channel"].Value] = m.Label, [L["Bd.Registered"].Value] = m.Registered, [L["Bd.Concluded"].Value] = m.Concluded,
                [L["Bd.Evaluated"].Value] = m.Evaluated, [L["Bd.Satisfied"].Value] = m.Satisfied, [L["Bd.SatisfactionRate"].Value] = Percent(m.SatisfactionRate),
            }).ToList(),
            [L["Bd.HotTopics"].Value] = f.HotTopics.Select(t => new Dictionary<string, object?>
            {
                [L["Bd.Term"].Value] = t.Term, [L["Bd.ThisPeriod"].Value] = t.Count, [L["Bd.PreviousPeriod"].Value] = t.Previous,
            }).ToList(),
        };
    }

    /// <summary>Recounts every rollup now (administrators; e.g. after a bulk import that wrote no case events).</summary>
    public static async Task<IResult> Rebuild(ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IConfiguration configuration,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.Administrator)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var pass = await DashboardRollups.RebuildAsync(db, time, HotTopicWords.From(configuration), ct);
        audit.Record(scope, "rollups.rebuild", "PetitionRollup", 0, after: pass);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(pass);
    }
}
