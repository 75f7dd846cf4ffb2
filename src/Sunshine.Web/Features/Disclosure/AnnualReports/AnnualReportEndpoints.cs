using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure.AnnualReports;

public sealed record CreateAnnualReport(int? OrganisationId, int? Year, bool Region, string? Format);
public sealed record SaveNarrative(string? Overview, string? Problems, string? Other, string? Format);
public sealed record GridDto(string Key, string Heading, IReadOnlyList<string> Columns, IReadOnlyList<GridRowDto> Rows);
public sealed record GridRowDto(string Key, IReadOnlyList<string> Labels, IReadOnlyList<string?> Cells);
public sealed record ViolationDto(int Rule, string Cell, string Detail);
public sealed record AnnualReportSummary(long Id, int OrganisationId, string Organisation, int Year, string Format, bool Region, string Status, string Title, DateOnly Deadline, DateOnly? PublishedOn);
public sealed record AnnualReportDto(AnnualReportSummary Summary, string Overview, string Problems, string Other, IReadOnlyList<GridDto> TableTwo, GridDto TableThree, GridDto TableFour,
    string Fees, IReadOnlyList<ViolationDto> Violations, string? FinalisedBy, DateTime? FinalisedAt);

/// <summary>
/// The annual report (政府信息公开工作年度报告, 《政府信息公开条例》第四十九、五十条): a disclosure officer drafts it for one
/// organ or a region, edits sections 一, 五 and 六; a unit leader finalises it only when every consistency rule holds,
/// which freezes the tables; it is then published on the portal. Every step is audited.
/// </summary>
public static class AnnualReportEndpoints
{
    public const string Draft = "Draft", Finalised = "Finalised", Published = "Published";

    public static void MapAnnualReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapDisclosureRegisterEndpoints();
        var group = app.MapGroup("/api/disclosure/reports").WithTags("Disclosure").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{id:long}", Get);
        group.MapPut("/{id:long}/narrative", SaveText);
        group.MapPost("/{id:long}/finalise", Finalise);
        group.MapPost("/{id:long}/reopen", Reopen);
        group.MapPost("/{id:long}/publish", Publish);
        group.MapGet("/{id:long}/document", Download);
        // The public copy: only published reports, no sign-in.
        app.MapGet("/portal/disclosure/reports/{id:long}/document", PublicDownload).WithTags("Portal").AllowAnonymous();
    }

    private static IResult Forbidden(IStringLocalizer<SharedResource> L) =>
        TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);

    private static IResult Conflict(IStringLocalizer<SharedResource> L, string key) =>
        TypedResults.Problem(title: L[key], statusCode: StatusCodes.Status409Conflict);

    private static async Task<AnnualReport?> FindAsync(long id, UserScope scope, SunshineDbContext db, CancellationToken ct)
    {
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        return await db.AnnualReports.Where(r => organisations.Contains(r.OrganisationId)).SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var organisations = db.Organisations.WithinScope(scope);
        var rows = await db.AnnualReports.AsNoTracking().Join(organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r, o.Name, o.Kind })
            .OrderByDescending(x => x.r.Year).ThenBy(x => x.r.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => Summary(x.r, x.Name, x.Kind)).ToList());
    }

    internal static AnnualReportSummary Summary(AnnualReport r, string organisation, OrganisationKind kind) =>
        new(r.Id, r.OrganisationId, organisation, r.Year, r.Format, r.Region, r.Status, r.Title,
            ReportDrafting.Deadline(r.Year, kind == OrganisationKind.Government), r.PublishedOn);

    public static async Task<IResult> Create(CreateAnnualReport request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.DisclosureOfficer)) return Forbidden(L);
        var problems = new Problems(L);
        var today = ChinaTime.Today(time);
        // A report covers a year that has ended (Art. 49: published after the year, by 31 January or 31 March).
        problems.Require(request.Year is >= 2008 && request.Year < today.Year, "year", "Report.ErrorReportYear", today.Year - 1);
        var format = request.Year is { } y ? ReportFormats.DefaultFor(y) : ReportFormat.Format2021;
        if (!string.IsNullOrEmpty(request.Format))
            problems.Require(ReportFormats.TryParse(request.Format, out format), "format", "Report.ErrorFormat");
        var organisation = request.OrganisationId is { } id ? await db.Organisations.WithinScope(scope).AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) : null;
        if (organisation is null) problems.Add("organisationId", "Report.ErrorOrganisation");
        if (problems.Any) return problems.ToResult();
        if (await db.AnnualReports.AnyAsync(r => r.OrganisationId == organisation!.Id && r.Year == request.Year && r.Region == request.Region, ct))
            return Conflict(L, "Report.ErrorExists");
        var report = new AnnualReport
        {
            OrganisationId = organisation!.Id, Year = request.Year!.Value, Region = request.Region, Format = ReportFormats.Code(format), Status = Draft,
            Title = $"{organisation.Name}{request.Year}年政府信息公开工作年度报告", Overview = "", Problems = "", Other = "",
            CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = scope.UserName,
        };
        var data = await ReportData.GatherAsync(db, report, ct);
        var drafted = ReportDrafting.Draft(organisation.Name, report.Region, data.Tables, data.Publications);
        (report.Overview, report.Problems, report.Other) = (drafted.Overview, drafted.Problems, drafted.Other);
        db.AnnualReports.Add(report);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "annual-report.create", nameof(AnnualReport), report.Id, after: new { report.OrganisationId, report.Year, report.Region, report.Format });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/disclosure/reports/{report.Id}", await DtoAsync(db, report, ct, data.Tables));
    }

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var report = await FindAsync(id, UserScope.From(user)!, db, ct);
        return report is null ? TypedResults.NotFound() : TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    internal static async Task<AnnualReportDto> DtoAsync(SunshineDbContext db, AnnualReport report, CancellationToken ct, ReportTables? computed = null)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == report.OrganisationId, ct);
        var (tables, violations) = await ReportData.TablesAndChecksAsync(db, report, ct, computed);
        static GridDto G(Grid g) => new(g.Key, g.Heading, g.Columns, g.Rows.Select(r => new GridRowDto(r.Key, r.Labels, r.Cells)).ToList());
        return new AnnualReportDto(Summary(report, organisation.Name, organisation.Kind), report.Overview, report.Problems, report.Other,
            tables.TableTwo.Select(G).ToList(), G(tables.TableThree), G(tables.TableFour), Money.Yuan(tables.FeesFen),
            violations.Select(v => new ViolationDto(v.Rule, v.Cell, v.Detail)).ToList(), report.FinalisedBy, report.FinalisedAt);
    }

    public static async Task<IResult> SaveText(long id, SaveNarrative request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.DisclosureOfficer)) return Forbidden(L);
        var report = await FindAsync(id, scope, db, ct);
        if (report is null) return TypedResults.NotFound();
        if (report.Status != Draft) return Conflict(L, "Report.ErrorNotDraft");
        var problems = new Problems(L).Text(request.Overview, "overview", 20_000).Text(request.Problems, "problems", 20_000, required: false).Text(request.Other, "other", 20_000, required: false);
        var format = ReportFormats.TryParse(report.Format, out var f) ? f : ReportFormat.Format2021;
        if (!string.IsNullOrEmpty(request.Format)) problems.Require(ReportFormats.TryParse(request.Format, out format), "format", "Report.ErrorFormat");
        if (problems.Any) return problems.ToResult();
        var before = new { report.Overview, report.Problems, report.Other, report.Format };
        report.Overview = request.Overview!.Trim();
        report.Problems = request.Problems?.Trim() ?? "";
        report.Other = request.Other?.Trim() ?? "";
        report.Format = ReportFormats.Code(format);
        audit.Record(scope, "annual-report.edit", nameof(AnnualReport), report.Id, before, new { report.Overview, report.Problems, report.Other, report.Format });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    /// <summary>A unit leader finalises; a report that breaks a consistency rule is refused with each rule and cell named.</summary>
    public static async Task<IResult> Finalise(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.UnitLeader)) return Forbidden(L);
        var report = await FindAsync(id, scope, db, ct);
        if (report is null) return TypedResults.NotFound();
        if (report.Status != Draft) return Conflict(L, "Report.ErrorNotDraft");
        var (tables, violations) = await ReportData.TablesAndChecksAsync(db, report, ct);
        if (violations.Count > 0)
        {
            var problems = new Problems(L);
            foreach (var v in violations) problems.AddText($"rule{v.Rule}", L["Report.Violation", v.Rule, v.Cell, v.Detail].Value);
            return problems.ToResult();
        }
        report.TablesJson = ReportData.Snapshot(tables);
        report.Status = Finalised;
        report.FinalisedAt = time.GetUtcNow().UtcDateTime;
        report.FinalisedBy = scope.UserName;
        audit.Record(scope, "annual-report.finalise", nameof(AnnualReport), report.Id, after: new { report.Status });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    /// <summary>A finalised report not yet published goes back to draft (the frozen tables are dropped).</summary>
    public static async Task<IResult> Reopen(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.UnitLeader)) return Forbidden(L);
        var report = await FindAsync(id, scope, db, ct);
        if (report is null) return TypedResults.NotFound();
        if (report.Status != Finalised) return Conflict(L, "Report.ErrorNotFinalised");
        report.Status = Draft;
        report.TablesJson = null;
        report.FinalisedAt = null;
        report.FinalisedBy = null;
        audit.Record(scope, "annual-report.reopen", nameof(AnnualReport), report.Id, after: new { report.Status });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    public static async Task<IResult> Publish(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.DisclosureOfficer) && !scope.IsInRole(StaffRoles.UnitLeader)) return Forbidden(L);
        var report = await FindAsync(id, scope, db, ct);
        if (report is null) return TypedResults.NotFound();
        if (report.Status != Finalised) return Conflict(L, "Report.ErrorNotFinalised");
        report.Status = Published;
        report.PublishedOn = ChinaTime.Today(time);
        report.PublishedBy = scope.UserName;
        audit.Record(scope, "annual-report.publish", nameof(AnnualReport), report.Id, after: new { report.Status, report.PublishedOn });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    /// <summary>?format=docx (default), xlsx (the tables) or json (every cell under its stable key).</summary>
    public static async Task<IResult> Download(long id, string? format, ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var report = await FindAsync(id, UserScope.From(user)!, db, ct);
        return report is null ? TypedResults.NotFound() : await FileAsync(db, report, format, ct);
    }

    public static async Task<IResult> PublicDownload(long id, string? format, SunshineDbContext db, CancellationToken ct)
    {
        var report = await db.AnnualReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Status == Published, ct);
        return report is null ? TypedResults.NotFound() : await FileAsync(db, report, format, ct);
    }

    private static async Task<IResult> FileAsync(SunshineDbContext db, AnnualReport report, string? format, CancellationToken ct)
    {
        var (tables, _) = await ReportData.TablesAndChecksAsync(db, report, ct);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == report.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        var name = $"{report.Year}-{report.Id}";
        return format switch
        {
            "xlsx" => TypedResults.File(ReportDocuments.ToXlsx(tables), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"annual-report-{name}.xlsx"),
            "json" => TypedResults.Json(AnnualReportFile.Json(report, tables)),
            _ => TypedResults.File(ReportDocuments.ToDocx(report, organisation, tables), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"annual-report-{name}.docx"),
        };
    }
}

/// <summary>Gathers the records of a report's scope and year, and freezes or restores its tables.</summary>
public static class ReportData
{
    public sealed record Gathered(ReportTables Tables, IReadOnlyList<PublicationCount> Publications);

    /// <summary>Rule 11: one organ, or the whole region — the organ and every body under it in the directory.</summary>
    public static async Task<HashSet<int>> ScopeAsync(SunshineDbContext db, AnnualReport report, CancellationToken ct)
    {
        if (!report.Region) return [report.OrganisationId];
        var path = await db.Organisations.Where(o => o.Id == report.OrganisationId).Select(o => o.Path).SingleAsync(ct);
        return (await db.Organisations.Where(o => o.Path.StartsWith(path)).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
    }

    public static async Task<Gathered> GatherAsync(SunshineDbContext db, AnnualReport report, CancellationToken ct)
    {
        var scope = await ScopeAsync(db, report, ct);
        var ids = scope.ToList();
        var year = report.Year;
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var registers = await db.RegisterEntries.AsNoTracking().Where(e => e.Year == year && ids.Contains(e.OrganisationId))
            .GroupBy(e => new { e.OrganisationId, e.Kind }).Select(g => new { g.Key.OrganisationId, g.Key.Kind, Value = g.Sum(e => e.Value) }).ToListAsync(ct);
        var format = ReportFormats.TryParse(report.Format, out var f) ? f : ReportFormats.DefaultFor(year);
        var window = db.DisclosureRequests.AsNoTracking()
            .Where(r => ids.Contains(r.OrganisationId) && r.ReceivedOn <= end && (r.ConcludedOn == null || r.ConcludedOn >= start));
        // Table three in one GROUP BY pass: the requests counted alike come back as one row each, a few dozen for a year of
        // 100,000. Only the requests of a tally that breaks a rule are read again one by one, so the checks name each broken
        // request; the clean tallies stand as counted.
        var tallies = (await window
                .GroupBy(r => new
                {
                    r.OrganisationId, r.ApplicantType, r.Outcome,
                    Received = r.ReceivedOn >= start ? 1 : 0,
                    State = r.ConcludedOn == null ? 0 : r.ConcludedOn <= end ? 1 : 2,
                    Reversed = r.ConcludedOn < r.ReceivedOn ? 1 : 0,
                })
                .Select(g => new
                {
                    g.Key.OrganisationId, g.Key.ApplicantType, g.Key.Outcome, g.Key.Received, g.Key.State, g.Key.Reversed,
                    Count = g.Count(), Fees = g.Sum(r => r.FeeFen), Charged = g.Count(r => r.FeeFen > 0),
                })
                .ToListAsync(ct))
            .Select(g => new RequestTally(g.OrganisationId, g.ApplicantType, g.Outcome, g.Received == 1, (RequestState)g.State, g.Reversed == 1, g.Count, g.Fees, g.Charged))
            .ToList();
        var broken = tallies.Where(t => !AnnualReportBuilder.IsClean(t, format, scope)).Select(Key).ToHashSet();
        if (broken.Count > 0)
        {
            // Narrowed in SQL by the broken tallies' organs, applicant types and outcomes (a superset of their requests), then
            // kept only when a request's own tally is a broken one: the others are already in a clean tally. One request of
            // 100,000 with a fee in the unpaid-fee row used to read all of them again.
            var (organs, types) = (broken.Select(k => k.OrganisationId).Distinct().ToList(), broken.Select(k => k.ApplicantType).Distinct().ToList());
            var outcomes = broken.Where(k => k.Outcome is not null).Select(k => k.Outcome!).Distinct().ToList();
            var open = broken.Any(k => k.Outcome is null);
            var records = await window
                .Where(r => organs.Contains(r.OrganisationId) && types.Contains(r.ApplicantType) && (outcomes.Contains(r.Outcome!) || (open && r.Outcome == null)))
                .Select(r => new RequestRecord(r.RequestNumber, r.OrganisationId, r.ApplicantType, r.ReceivedOn, r.ConcludedOn, r.Outcome, r.FeeFen))
                .ToListAsync(ct);
            tallies = tallies.Where(t => !broken.Contains(Key(t)))
                .Concat(records.Select(r => AnnualReportBuilder.Tally(year, r)).OfType<RequestTally>().Where(t => broken.Contains(Key(t))))
                .ToList();
        }
        var appeals = await db.DisclosureAppeals.AsNoTracking().Where(a => ids.Contains(a.OrganisationId) && a.FiledOn >= start && a.FiledOn <= end).ToListAsync(ct);
        var publications = await db.Publications.AsNoTracking().Where(p => ids.Contains(p.OrganisationId) && p.PublishedOn >= start && p.PublishedOn <= end)
            .GroupBy(p => new { p.Outlet, p.Column }).Select(g => new { g.Key.Outlet, g.Key.Column, Count = g.Count() }).ToListAsync(ct);
        var tables = AnnualReportBuilder.BuildFromTallies(year, format, scope,
            registers.Select(r => new RegisterFigure(r.OrganisationId, year, r.Kind, r.Value)),
            tallies,
            appeals.Select(a => new AppealRecord(a.Id, a.OrganisationId, Enum.Parse<AppealKind>(a.Kind), Enum.Parse<AppealResult>(a.Result), a.FiledOn, a.DecidedOn)));
        return new Gathered(tables, publications.Select(p => new PublicationCount(p.Outlet, p.Column, p.Count)).ToList());
    }

    /// <summary>What table three tells requests apart by: the GROUP BY's key of a tally.</summary>
    private static (int OrganisationId, string ApplicantType, string? Outcome, bool ReceivedThisYear, RequestState State, bool DatesReversed) Key(RequestTally t) =>
        (t.OrganisationId, t.ApplicantType, t.Outcome, t.ReceivedThisYear, t.State, t.DatesReversed);

    /// <summary>
    /// Draft tables are computed from the records now (or taken from <paramref name="computed"/>, tables the caller has just
    /// gathered for the same report, so the records are read once); a finalised report shows the tables it was finalised with.
    /// </summary>
    public static async Task<(ReportTables Tables, IReadOnlyList<Violation> Violations)> TablesAndChecksAsync(SunshineDbContext db, AnnualReport report, CancellationToken ct,
        ReportTables? computed = null)
    {
        if (report.TablesJson is { } frozen) return (Restore(report, frozen), []);
        var tables = computed ?? (await GatherAsync(db, report, ct)).Tables;
        // Rule 6 compares with last year's finalised report of the same scope, when there is one.
        var lastYear = await db.AnnualReports.AsNoTracking()
            .Where(r => r.OrganisationId == report.OrganisationId && r.Region == report.Region && r.Year == report.Year - 1 && r.TablesJson != null)
            .Select(r => r.TablesJson).SingleOrDefaultAsync(ct);
        var lastCells = lastYear is null ? null : JsonSerializer.Deserialize<Frozen>(lastYear)!.Cells;
        return (tables, ReportChecks.Run(tables, new ReportNarrative(report.Overview, report.Problems, report.Other), lastCells));
    }

    private sealed record Frozen(Dictionary<string, string?> Cells, long FeesFen, int FeeRequests, long RegisterFeeFen);

    public static string Snapshot(ReportTables t) => JsonSerializer.Serialize(new Frozen(ReportTemplates.Flatten(t.All), t.FeesFen, t.FeeRequests, t.RegisterFeeFen));

    private static ReportTables Restore(AnnualReport report, string json)
    {
        var frozen = JsonSerializer.Deserialize<Frozen>(json)!;
        var format = ReportFormats.TryParse(report.Format, out var f) ? f : ReportFormats.DefaultFor(report.Year);
        var tables = new ReportTables
        {
            Year = report.Year, Format = format, TableTwo = ReportTemplates.TableTwo(format), TableThree = ReportTemplates.TableThree(format), TableFour = ReportTemplates.TableFour(),
            FeesFen = frozen.FeesFen, FeeRequests = frozen.FeeRequests, RegisterFeeFen = frozen.RegisterFeeFen,
        };
        foreach (var grid in tables.All)
            foreach (var row in grid.Rows)
                for (var c = 0; c < grid.ColumnKeys.Count; c++)
                    row.Cells[c] = frozen.Cells.GetValueOrDefault($"{grid.Key}.{row.Key}.{grid.ColumnKeys[c]}");
        return tables;
    }
}
