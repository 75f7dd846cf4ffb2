using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Oversight.Assessment;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.RedLight;

/// <summary>
/// One line of the board: an organisation and everything under it (or, for <see cref="IsOwn"/>, the organisation's own
/// cases only), its open cases by deadline colour today and its rates for the current year.
/// </summary>
public sealed record RedLightLine(int OrganisationId, string Name, bool IsOwn, bool HasChildren, int Green, int Yellow, int Red,
    decimal? OnTimeRate, RateColour OnTimeColour, decimal? TimelyRate, RateColour TimelyColour)
{
    public int Open => Green + Yellow + Red;
}

public sealed record RedLightBoardView(int OrganisationId, string Name, int? ParentId, string Year, DateOnly Today, RedLightLine Total, IReadOnlyList<RedLightLine> Lines);

/// <summary>
/// 红灯预警 board (DOMAIN.md §1.7 (a), (b)): for the chosen organisation (by default the top of the caller's scope), its
/// direct children — province → cities → counties — each with the open cases whose current unit (responsible, else
/// registering) lies under it, counted by deadline colour (computed now from the due date, never stored: one GROUP BY
/// per colour), and its 按期办结率 and unit 及时受理率 for the current year, coloured by band.
/// </summary>
public static class RedLightBoard
{
    public static void MapRedLightEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/oversight/red-light").WithTags("Oversight").RequireAuthorization(Policies.Staff).MapGet("/", Get);

    public static async Task<IResult> Get(ClaimsPrincipal user, int? organisation, SunshineDbContext db, CalendarCache calendars, TimeProvider time, IConfiguration configuration,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!AssessmentEndpoints.MayAssess(scope)) return TypedResults.Problem(title: L["Ov.ErrorRole"], statusCode: StatusCodes.Status403Forbidden);
        var board = await ComputeAsync(db, calendars, scope, organisation, time, configuration, ct);
        if (board is null)
        {
            var problems = new Problems(L);
            problems.Add("organisation", "ErrorOrganisationOutOfScope");
            return problems.ToResult();
        }
        return TypedResults.Ok(board);
    }

    /// <summary>The board, or null when <paramref name="organisationId"/> is not within the caller's scope.</summary>
    public static async Task<RedLightBoardView?> ComputeAsync(SunshineDbContext db, CalendarCache calendars, UserScope scope, int? organisationId, TimeProvider time,
        IConfiguration configuration, CancellationToken ct)
    {
        var visible = await db.Organisations.AsNoTracking().WithinScope(scope).Select(o => new { o.Id, o.Name, o.ParentId, o.Path, o.SortOrder, o.IsActive }).ToListAsync(ct);
        // The top of the scope: the organisation whose subtree the caller oversees, else the caller's own.
        var rootId = organisationId ?? (scope.IncludeSubordinates ? visible.FirstOrDefault(o => o.Path == scope.ScopePath)?.Id : null) ?? scope.OrganisationId;
        var root = visible.FirstOrDefault(o => o.Id == rootId);
        if (root is null) return null;

        var subtree = visible.Where(o => o.Path.StartsWith(root.Path, StringComparison.Ordinal)).ToList();
        var children = subtree.Where(o => o.ParentId == root.Id && o.IsActive).OrderBy(o => o.SortOrder).ThenBy(o => o.Id).ToList();
        // Each unit of the subtree belongs to the child above it (or to the root itself).
        var lineOf = subtree.ToDictionary(o => o.Id, o => children.FirstOrDefault(c => o.Path.StartsWith(c.Path, StringComparison.Ordinal))?.Id ?? root.Id);

        var colouring = await DeadlineColouring.TodayAsync(db, calendars, time, configuration, ct);
        var open = db.Petitions.AsNoTracking().WithinScope(scope).Where(OversightCaseFilter.WithinSubtree(root.Path));
        var counts = new Dictionary<(int Line, DeadlineColour Colour), int>();
        foreach (var colour in new[] { DeadlineColour.Green, DeadlineColour.Yellow, DeadlineColour.Red })
        {
            var byUnit = await open.Where(colouring.Range(colour).Predicate())
                .GroupBy(p => p.ResponsibleOrganisationId ?? p.RegisteringOrganisationId)
                .Select(g => new { Unit = g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var row in byUnit)
            {
                var line = lineOf.TryGetValue(row.Unit, out var l) ? l : root.Id;
                counts[(line, colour)] = counts.GetValueOrDefault((line, colour)) + row.Count;
            }
        }

        // This year's rates per line: the assessment's counts per unit, added up over each line's subtree.
        var year = AssessmentPeriod.TryParse(colouring.Today.Year.ToString(CultureInfo.InvariantCulture), out var y) ? y : throw new InvalidOperationException();
        var assessment = await AssessmentQuery.ComputeAsync(db, scope, year, null, colouring.Today, AssessmentQuery.ScoringFrom(configuration),
            AssessmentQuery.BandsFrom(configuration), ct);
        var bands = AssessmentQuery.BandsFrom(configuration);
        var rates = new Dictionary<int, AssessmentCounts>();
        foreach (var row in assessment.Rows.Where(r => lineOf.ContainsKey(r.OrganisationId)))
        {
            var line = lineOf[row.OrganisationId];
            rates[line] = rates.GetValueOrDefault(line, new AssessmentCounts()) + row.Counts;
        }

        RedLightLine Line(int id, string name, bool own, bool hasChildren, AssessmentCounts c)
        {
            var onTime = AssessmentRates.Of(c, AssessmentMetric.OnTime);
            var timely = AssessmentRates.Of(c, AssessmentMetric.UnitTimely);
            return new RedLightLine(id, name, own, hasChildren,
                Sum(id, DeadlineColour.Green), Sum(id, DeadlineColour.Yellow), Sum(id, DeadlineColour.Red),
                onTime, bands.Classify(onTime), timely, bands.Classify(timely));
        }
        int Sum(int id, DeadlineColour colour) => id == -1 ? counts.Where(c => c.Key.Colour == colour).Sum(c => c.Value) : counts.GetValueOrDefault((id, colour));

        var lines = new List<RedLightLine> { Line(root.Id, root.Name, own: true, hasChildren: false, rates.GetValueOrDefault(root.Id, new AssessmentCounts())) };
        lines.AddRange(children.Select(c => Line(c.Id, c.Name, own: false, hasChildren: subtree.Any(o => o.ParentId == c.Id),
            rates.GetValueOrDefault(c.Id, new AssessmentCounts()))));
        var all = rates.Values.Aggregate(new AssessmentCounts(), (a, b) => a + b);
        var total = Line(-1, root.Name, own: false, hasChildren: children.Count > 0, all) with { OrganisationId = root.Id };
        return new RedLightBoardView(root.Id, root.Name, visible.Any(o => o.Id == root.ParentId) ? root.ParentId : null, year.Code, colouring.Today, total, lines);
    }
}
