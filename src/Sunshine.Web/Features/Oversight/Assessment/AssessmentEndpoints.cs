using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Assessment;

/// <summary>
/// <c>GET /api/oversight/assessment?period=2026|2026-Q3|2026-09&amp;level=county</c> and its XLSX export, for bureau
/// leaders, supervisors and administrators, over the units in their scope.
/// </summary>
public static class AssessmentEndpoints
{
    public static readonly string[] Roles = [StaffRoles.BureauLeader, StaffRoles.Supervisor, StaffRoles.Administrator];

    public static void MapAssessmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/oversight/assessment").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        group.MapGet("/", Get);
        group.MapGet("/export.xlsx", Export);
    }

    public static bool MayAssess(UserScope scope) => Roles.Any(scope.IsInRole);

    public static async Task<IResult> Get(ClaimsPrincipal user, string? period, string? level, SunshineDbContext db, TimeProvider time,
        IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (table, error) = await TableAsync(user, period, level, db, time, configuration, L, ct);
        return error ?? (IResult)TypedResults.Ok(table);
    }

    /// <summary>The table as a workbook: one row per unit, the counts, rates (as fractions, formatted as per cent), score and rank.</summary>
    public static async Task<IResult> Export(ClaimsPrincipal user, string? period, string? level, SunshineDbContext db, TimeProvider time,
        IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (table, error) = await TableAsync(user, period, level, db, time, configuration, L, ct);
        if (error is not null) return error;
        var sheet = table!.Rows.Select(r =>
        {
            var row = new Dictionary<string, object?>
            {
                [L["Ov.Rank"]] = r.Rank,
                [L["Ov.Unit"]] = r.Name,
                [L["Ov.Items"]] = r.Counts.Items,
                [L["Ov.Score"]] = r.Score,
                [L["Ov.Note"]] = r.TooFew ? L["Ov.TooFew", table.MinItems].Value : null,
            };
            foreach (var metric in Enum.GetValues<AssessmentMetric>())
                row[L["Ov.Metric." + metric]] = r.Rates[metric] is { } rate ? Math.Round(rate, 4) : null;
            row[L["Ov.AverageDays"]] = r.AverageHandlingDays;
            row[L["Ov.Set.on-time"]] = r.Counts.OnTime;
            row[L["Ov.Set.late"]] = r.Counts.Late;
            row[L["Ov.Set.unanswered"]] = r.Counts.Unanswered;
            row[L["Ov.Set.overdue-unanswered"]] = r.Counts.OverdueUnanswered;
            row[L["Ov.Set.evaluated"]] = r.Counts.Evaluated;
            row[L["Ov.Set.overdue-unevaluated"]] = r.Counts.OverdueUnevaluated;
            row[L["Ov.Set.repeat"]] = r.Counts.Repeat;
            return row;
        }).ToList();
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheet, sheetName: table.Period, cancellationToken: ct);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            string.Create(CultureInfo.InvariantCulture, $"assessment-{table.Period}.xlsx"));
    }

    /// <summary>Checks the caller's role and the parameters, then computes; problem details on bad input.</summary>
    public static async Task<(AssessmentTable? Table, IResult? Error)> TableAsync(ClaimsPrincipal user, string? period, string? level, SunshineDbContext db,
        TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayAssess(scope)) return (null, TypedResults.Problem(title: L["Ov.ErrorRole"], statusCode: StatusCodes.Status403Forbidden));
        var problems = new Problems(L);
        var today = ChinaTime.Today(time);
        var periodText = string.IsNullOrWhiteSpace(period) ? today.Year.ToString(CultureInfo.InvariantCulture) : period;
        problems.Require(AssessmentPeriod.TryParse(periodText, out var parsed), "period", "Ov.ErrorPeriod");
        DivisionLevel? wanted = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (Enum.TryParse<DivisionLevel>(level, ignoreCase: true, out var l) && Enum.IsDefined(l) && !int.TryParse(level, out _)) wanted = l;
            else problems.Add("level", "Ov.ErrorLevel");
        }
        if (problems.Any) return (null, problems.ToResult());
        var table = await AssessmentQuery.ComputeAsync(db, scope, parsed, wanted, today, AssessmentQuery.ScoringFrom(configuration),
            AssessmentQuery.BandsFrom(configuration), ct);
        return (table, null);
    }
}
