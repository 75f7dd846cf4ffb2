using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.ZeroLedger;

/// <summary>One row of a roll-up: a grassroots unit, or a division with the units under it.</summary>
/// <param name="Units">Grassroots units counted in the row (1 for a unit row).</param>
/// <param name="MetMonth">Of these, how many met "zero petitions" in the month.</param>
/// <param name="MetYear">Of these, how many met it for the year so far (null when no month of the year has begun).</param>
/// <param name="Failures">For a unit row, why the month was missed.</param>
public sealed record RollupRow(string Code, string Name, DivisionLevel Level, bool IsUnit, int Units, int MetMonth, int? MetYear, UnitMonthFacts Facts,
    IReadOnlyList<ZeroPetitionFailure> Failures);

/// <summary>A division's roll-up for a month: its rows (child divisions, or the units themselves) and their totals.</summary>
public sealed record Rollup(string Code, string Name, DivisionLevel Level, int Year, int Month, IReadOnlyList<Crumb> Path, IReadOnlyList<RollupRow> Rows,
    int Units, int MetMonth, int? MetYear, UnitMonthFacts Facts, ZeroPetitionCriteria Criteria);

public sealed record Crumb(string Code, string Name);

public sealed record MonthRow(int Month, UnitMonthFacts Facts, bool Met, IReadOnlyList<ZeroPetitionFailure> Failures);

/// <summary>A petition about the unit received in the month (masked: no personal data).</summary>
public sealed record LedgerCase(long Id, string CaseNumber, string Summary, DateOnly ReceivedOn, string IssueLocalityCode, bool ReachedCounty,
    bool IsCollective, bool IsEscalated, bool IsRepeat);

/// <summary>A unit's ledger for a month: the facts and the verdicts, its villages (for a township), its disputes and its cases.</summary>
/// <param name="HiddenCases">Petitions counted in the facts that the caller may not open (registered and handled outside their scope).</param>
public sealed record UnitLedger(string Code, string Name, DivisionLevel Level, string TownshipCode, int Year, int Month, IReadOnlyList<Crumb> Path,
    UnitMonthFacts Facts, MonthVerdict Verdict, YearVerdict YearVerdict, IReadOnlyList<MonthRow> Months, IReadOnlyList<RollupRow> Villages,
    IReadOnlyList<ScreeningDto> Screenings, IReadOnlyList<LedgerCase> Cases, int HiddenCases, bool MayRecord, ZeroPetitionCriteria Criteria);

/// <summary>
/// The zero-petition ledger (零上访台账, DOMAIN.md §1.7): per grassroots unit and month the disputes screened, the
/// petitions about it and the verdict on the criteria; roll-ups township → county → city → province whose totals are the
/// sums of the rows listed, each row drilling down to the units and a unit to its cases.
/// </summary>
public static class LedgerViews
{
    public const int CaseLimit = 500;

    public static async Task<IResult> GetRollup(string? division, int? year, int? month, ClaimsPrincipal user, SunshineDbContext db, IConfiguration configuration,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var (rollup, problem) = await RollupAsync(division, year, month, scope, db, LedgerFacts.Criteria(configuration), time, L, ct);
        return problem ?? TypedResults.Ok(rollup);
    }

    public static async Task<(Rollup? Rollup, IResult? Problem)> RollupAsync(string? division, int? year, int? month, UserScope scope, SunshineDbContext db,
        ZeroPetitionCriteria criteria, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var (y, m) = (year ?? today.Year, month ?? today.Month);
        var problems = Period(new Problems(L), y, m);
        var code = division ?? await DefaultDivisionAsync(db, scope, ct);
        if (!DivisionCode.TryParse(code, out var root)) problems.Add("division", "Zl.ErrorDivision");
        if (problems.Any) return (null, problems.ToResult());

        // Below a county the rows are the township's villages; above it, the child divisions with the townships they hold.
        var inScope = LedgerFacts.TownshipsInScope(db, scope);
        var under = root.Level == DivisionLevel.Township ? root.Value : root.Prefix;
        var townships = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Township && d.Code.StartsWith(under) && inScope.Contains(d.Code))
            .OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
        if (townships.Count == 0 || await db.Divisions.AnyAsync(d => d.Code == root.Value, ct) == false)
            return (null, TypedResults.Problem(title: L["Zl.ErrorOutOfScope"], statusCode: StatusCodes.Status403Forbidden));

        var begun = ZeroPetitionLedger.MonthsBegun(y, today);
        List<RollupRow> rows;
        if (root.Level == DivisionLevel.Township)
        {
            var facts = await LedgerFacts.ForYearAsync(db, root.Prefix, 12, y, ct);
            var villages = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == root.Value && d.Level == DivisionLevel.Village)
                .OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
            rows = villages.Select(v => UnitRow(v.Code, v.Name, DivisionLevel.Village, facts, m, begun, criteria)).ToList();
        }
        else
        {
            var facts = await LedgerFacts.ForYearAsync(db, root.Prefix, 9, y, ct);
            var units = townships.Select(t => UnitRow(t.Code, t.Name, DivisionLevel.Township, facts, m, begun, criteria)).ToList();
            if (root.Level == DivisionLevel.County)
            {
                rows = units;
            }
            else
            {
                var childLevel = root.Level + 1;
                var digits = DivisionCode.SignificantLength(childLevel);
                var childCodes = units.Select(u => LedgerFacts.Code(u.Code[..digits])).Distinct().ToList();
                var names = await db.Divisions.AsNoTracking().Where(d => childCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
                rows = units.GroupBy(u => LedgerFacts.Code(u.Code[..digits])).OrderBy(g => g.Key)
                    .Select(g => Sum(g.Key, names.GetValueOrDefault(g.Key, g.Key), childLevel, g.ToList(), begun))
                    .ToList();
            }
        }
        var path = await PathAsync(db, root, scope, ct);
        var total = Sum(root.Value, path[^1].Name, root.Level, rows, begun);
        return (new Rollup(root.Value, total.Name, root.Level, y, m, path, rows, total.Units, total.MetMonth, total.MetYear, total.Facts, criteria), null);
    }

    public static async Task<IResult> GetUnit(string code, int? year, int? month, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData,
        IConfiguration configuration, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var (unit, problem) = await UnitAsync(code, year, month, scope, db, personalData, LedgerFacts.Criteria(configuration), time, L, ct);
        return problem ?? TypedResults.Ok(unit);
    }

    public static async Task<(UnitLedger? Unit, IResult? Problem)> UnitAsync(string code, int? year, int? month, UserScope scope, SunshineDbContext db,
        PersonalData personalData, ZeroPetitionCriteria criteria, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var (y, m) = (year ?? today.Year, month ?? today.Month);
        var problems = Period(new Problems(L), y, m);
        if (problems.Any) return (null, problems.ToResult());
        var division = await FindUnitAsync(db, scope, code, ct);
        if (division is null) return (null, TypedResults.Problem(title: L["Zl.ErrorUnitOutOfScope"], statusCode: StatusCodes.Status404NotFound));
        var unitCode = DivisionCode.Parse(division.Code);

        var begun = ZeroPetitionLedger.MonthsBegun(y, today);
        var facts = await LedgerFacts.ForYearAsync(db, unitCode.Prefix, 12, y, ct);
        // A township's own facts are the sum over its whole area (the township and its villages).
        var months = Enumerable.Range(1, 12).ToDictionary(i => i, i => facts.Where(f => f.Key.Month == i).Select(f => f.Value).Aggregate(UnitMonthFacts.None, (a, b) => a + b));
        var monthRows = months.Where(kv => kv.Key <= Math.Max(begun, m)).Select(kv =>
        {
            var v = ZeroPetitionLedger.EvaluateMonth(kv.Value, criteria);
            return new MonthRow(kv.Key, kv.Value, v.Met, v.Failures);
        }).ToList();

        var villages = new List<RollupRow>();
        if (unitCode.Level == DivisionLevel.Township)
        {
            var list = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == division.Code && d.Level == DivisionLevel.Village)
                .OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
            villages = list.Select(v => UnitRow(v.Code, v.Name, DivisionLevel.Village, facts, m, begun, criteria)).ToList();
        }

        var (monthStart, monthEnd) = (new DateOnly(y, m, 1), new DateOnly(y, m, 1).AddMonths(1).AddDays(-1));
        var screenings = await LedgerScreenings.QueryDtos(db, db.DisputeScreenings.AsNoTracking()
            .Where(s => s.DivisionCode.StartsWith(unitCode.Prefix) && s.FoundOn <= monthEnd && (s.ClosedOn == null || s.ClosedOn >= monthStart)), personalData, ct);

        var inUnit = db.Petitions.AsNoTracking().Where(p => p.IssueLocalityCode.StartsWith(unitCode.Prefix) && p.ReceivedOn >= monthStart && p.ReceivedOn <= monthEnd);
        var visible = inUnit.WithinScope(scope);
        var cases = await (from p in visible
                           join o in db.Organisations on p.RegisteringOrganisationId equals o.Id
                           orderby p.ReceivedOn, p.Id
                           select new LedgerCase(p.Id, p.CaseNumber, p.Summary, p.ReceivedOn, p.IssueLocalityCode, o.DivisionCode.Substring(6, 3) == "000",
                               p.IsCollective, p.IsLevelSkipping || p.IsProvinceVisit || p.IsBeijingVisit, p.IsRepeat))
            .Take(CaseLimit).ToListAsync(ct);
        var hidden = await inUnit.CountAsync(ct) - await visible.CountAsync(ct);

        var path = await PathAsync(db, unitCode, scope, ct);
        return (new UnitLedger(division.Code, division.Name, unitCode.Level, LedgerFacts.Code(unitCode.Value[..9]), y, m, path, months[m],
            ZeroPetitionLedger.EvaluateMonth(months[m], criteria), ZeroPetitionLedger.EvaluateYear(months, begun, criteria), monthRows, villages, screenings,
            cases, hidden, LedgerScreenings.MayRecord(scope), criteria), null);
    }

    /// <summary>The roll-up (and, for a unit, its disputes) as an Excel workbook. Report headers are always Chinese.</summary>
    public static async Task<IResult> Export(string? division, int? year, int? month, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData,
        IConfiguration configuration, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var (rollup, problem) = await RollupAsync(division, year, month, scope, db, LedgerFacts.Criteria(configuration), time, L, ct);
        if (problem is not null) return problem;
        var r = rollup!;
        var summary = r.Rows.Append(new RollupRow(r.Code, L["Zl.Total"].Value, r.Level, false, r.Units, r.MetMonth, r.MetYear, r.Facts, []))
            .Select(row => new Dictionary<string, object?>
            {
                [L["Zl.Col.Code"]] = row.Code,
                [L["Zl.Col.Name"]] = row.Name,
                [L["Zl.Col.Units"]] = row.Units,
                [L["Zl.Col.MetMonth"]] = row.MetMonth,
                [L["Zl.Col.MetYear"]] = row.MetYear,
                [L["Zl.Col.Petitions"]] = row.Facts.Petitions,
                [L["Zl.Col.ReachedCounty"]] = row.Facts.ReachedCounty,
                [L["Zl.Col.Collective"]] = row.Facts.Collective,
                [L["Zl.Col.Escalated"]] = row.Facts.Escalated,
                [L["Zl.Col.Repeat"]] = row.Facts.Repeat,
                [L["Zl.Col.Screenings"]] = row.Facts.Screenings,
                [L["Zl.Col.Resolved"]] = row.Facts.Resolved,
                [L["Zl.Col.InHand"]] = row.Facts.InHand,
                [L["Zl.Col.HandedUp"]] = row.Facts.HandedUp,
                [L["Zl.Col.Failures"]] = string.Join("；", row.Failures.Select(f => L["Zl.Failure." + f].Value)),
            }).ToList();

        var prefix = DivisionCode.Parse(r.Code).Prefix;
        var (monthStart, monthEnd) = (new DateOnly(r.Year, r.Month, 1), new DateOnly(r.Year, r.Month, 1).AddMonths(1).AddDays(-1));
        var inScope = LedgerFacts.TownshipsInScope(db, scope);
        var disputes = await LedgerScreenings.QueryDtos(db, db.DisputeScreenings.AsNoTracking()
            .Where(s => s.DivisionCode.StartsWith(prefix) && inScope.Contains(s.TownshipCode)
                        && s.FoundOn <= monthEnd && (s.ClosedOn == null || s.ClosedOn >= monthStart)), personalData, ct, limit: 10_000);
        var screeningSheet = disputes.Select(s => new Dictionary<string, object?>
        {
            [L["Zl.Col.Unit"]] = s.UnitName,
            [L["Zl.Matter"]] = s.Matter,
            [L["Zl.Parties"]] = s.Parties,
            [L["Zl.ResponsiblePerson"]] = s.ResponsiblePerson,
            [L["Zl.Measures"]] = s.Measures,
            [L["Zl.Status"]] = L["Zl.Status." + s.Status].Value,
            [L["Zl.FoundOn"]] = s.FoundOn.ToString("yyyy-MM-dd"),
            [L["Zl.ClosedOn"]] = s.ClosedOn?.ToString("yyyy-MM-dd"),
        }).ToList();
        if (screeningSheet.Count == 0) screeningSheet.Add(new Dictionary<string, object?> { [L["Zl.Col.Unit"]] = L["Zl.NoScreenings"].Value });

        var sheets = new Dictionary<string, object>
        {
            [L["Zl.Sheet.Summary"]] = summary,
            [L["Zl.Sheet.Screenings"]] = screeningSheet,
        };
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"zero-petition-ledger-{r.Code}-{r.Year}-{r.Month:00}.xlsx");
    }

    /// <summary>The caller's own division: where the page starts.</summary>
    public static async Task<string> DefaultDivisionAsync(SunshineDbContext db, UserScope scope, CancellationToken ct) =>
        await db.Organisations.Where(o => o.Id == scope.OrganisationId).Select(o => o.DivisionCode).SingleAsync(ct);

    /// <summary>A township or village division the caller may see, or null.</summary>
    internal static async Task<Sunshine.Data.Entities.Division?> FindUnitAsync(SunshineDbContext db, UserScope scope, string? code, CancellationToken ct)
    {
        if (!DivisionCode.TryParse(code, out var parsed) || parsed.Level < DivisionLevel.Township) return null;
        var township = LedgerFacts.Code(parsed.Value[..9]);
        if (!await LedgerFacts.TownshipsInScope(db, scope).AnyAsync(t => t == township, ct)) return null;
        return await db.Divisions.AsNoTracking().SingleOrDefaultAsync(d => d.Code == parsed.Value, ct);
    }

    private static Problems Period(Problems problems, int year, int month) =>
        problems.Require(year is >= 2000 and <= 2100, "year", "Zl.ErrorYear").Require(month is >= 1 and <= 12, "month", "Zl.ErrorMonth");

    private static RollupRow UnitRow(string code, string name, DivisionLevel level, Dictionary<(string Unit, int Month), UnitMonthFacts> facts, int month,
        int begun, ZeroPetitionCriteria criteria)
    {
        var months = LedgerFacts.MonthsOf(facts, code);
        var verdict = ZeroPetitionLedger.EvaluateMonth(months[month], criteria);
        var year = ZeroPetitionLedger.EvaluateYear(months, begun, criteria);
        return new RollupRow(code, name, level, true, 1, verdict.Met ? 1 : 0, year.Met is null ? null : year.Met.Value ? 1 : 0, months[month], verdict.Failures);
    }

    private static RollupRow Sum(string code, string name, DivisionLevel level, IReadOnlyList<RollupRow> rows, int begun) =>
        new(code, name, level, false, rows.Sum(r => r.Units), rows.Sum(r => r.MetMonth), begun == 0 ? null : rows.Sum(r => r.MetYear ?? 0),
            rows.Aggregate(UnitMonthFacts.None, (a, r) => a + r.Facts), []);

    /// <summary>The breadcrumb from the caller's own division down to <paramref name="code"/>; the caller cannot climb above their own.</summary>
    private static async Task<List<Crumb>> PathAsync(SunshineDbContext db, DivisionCode code, UserScope scope, CancellationToken ct)
    {
        var own = DivisionCode.Parse(await DefaultDivisionAsync(db, scope, ct));
        var codes = new List<string>();
        for (DivisionCode? c = code; c is { } x; c = x.Parent)
        {
            codes.Add(x.Value);
            if (x.Level <= own.Level) break;
        }
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return codes.Where(names.ContainsKey).Reverse().Select(c => new Crumb(c, names[c])).ToList();
    }
}
