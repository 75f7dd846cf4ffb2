using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure.AnnualReports;

public sealed record RegisterEntryDto(long Id, int OrganisationId, string Organisation, int Year, string Kind, long Value, string Printed, string? Title, string? DocumentNumber);
/// <summary>A register figure as typed: a count, or for amount kinds an amount in 元 ("512679", "380.5").</summary>
public sealed record SaveRegisterEntry(int? OrganisationId, int? Year, string? Kind, string? Value, string? Title, string? DocumentNumber);
public sealed record ImportRegisterResult(int Rows);
public sealed record AppealDto(long Id, int OrganisationId, string Organisation, string Kind, string Result, string CaseNumber, DateOnly FiledOn, DateOnly? DecidedOn);
public sealed record SaveAppeal(int? OrganisationId, string? Kind, string? Result, string? CaseNumber, string? FiledOn, string? DecidedOn);

/// <summary>
/// The Article 20 registers and the reconsideration/litigation records that feed tables two and four of the annual
/// report. Disclosure officers enter them for the organs in their scope; every change is audited.
/// </summary>
public static class RegisterEndpoints
{
    public static void MapDisclosureRegisterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/disclosure").WithTags("Disclosure").RequireAuthorization(Policies.Staff);
        group.MapGet("/registers", List);
        group.MapPost("/registers", Add);
        group.MapDelete("/registers/{id:long}", Remove);
        // The file is the body (CSV or XLSX, said by ?format=); no Accepts metadata, so other types get a problem answer.
        group.MapPost("/registers/import", ImportBody);
        group.MapGet("/appeals", ListAppeals);
        group.MapPost("/appeals", AddAppeal);
        group.MapPut("/appeals/{id:long}", UpdateAppeal);
    }

    internal static bool IsOfficer(UserScope scope) => scope.IsInRole(StaffRoles.DisclosureOfficer) || scope.IsInRole(StaffRoles.UnitLeader);

    private static IResult Forbidden(IStringLocalizer<SharedResource> L) =>
        TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);

    public static async Task<IResult> List(int? year, ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var query = db.RegisterEntries.AsNoTracking().Where(e => organisations.Contains(e.OrganisationId));
        if (year is { } y) query = query.Where(e => e.Year == y);
        var rows = await query.OrderByDescending(e => e.Year).ThenBy(e => e.OrganisationId).ThenBy(e => e.Kind).ThenBy(e => e.Id)
            .Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => new { e, o.Name }).Take(2000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => ToDto(r.e, r.Name)).ToList());
    }

    private static RegisterEntryDto ToDto(RegisterEntry e, string organisation) =>
        new(e.Id, e.OrganisationId, organisation, e.Year, e.Kind, e.Value, RegisterKinds.IsAmount(e.Kind) ? Money.Yuan(e.Value) + " 元" : e.Value.ToString(CultureInfo.InvariantCulture), e.Title, e.DocumentNumber);

    /// <summary>Checks one figure; the same rules for the form, the API and each line of an import.</summary>
    internal static RegisterEntry? Validate(SaveRegisterEntry request, Problems problems, IStringLocalizer<SharedResource> L, DateOnly today)
    {
        problems.Require(request.OrganisationId is not null, "organisationId", "ErrorRequired", L["Field.organisationId"].Value);
        problems.Require(request.Year is >= 2008 && request.Year <= today.Year, "year", "Report.ErrorYear", today.Year);
        var kind = request.Kind?.Trim() ?? "";
        problems.Require(RegisterKinds.IsKnown(kind), "kind", "Report.ErrorKind", kind);
        long value = 0;
        if (RegisterKinds.IsKnown(kind))
        {
            var ok = RegisterKinds.IsAmount(kind)
                ? Money.TryParseYuan(request.Value, out value)
                : long.TryParse(request.Value?.Trim(), RegisterKinds.AllowsNegative(kind) ? NumberStyles.AllowLeadingSign : NumberStyles.None, CultureInfo.InvariantCulture, out value);
            problems.Require(ok, "value", RegisterKinds.IsAmount(kind) ? "Report.ErrorAmount" : "Report.ErrorCount", request.Value ?? "");
            problems.Require(request.Title is null || RegisterKinds.IsDocument(kind), "title", "Report.ErrorTitleOnlyDocuments");
        }
        problems.Text(request.Title, "title", 256, required: false).Text(request.DocumentNumber, "documentNumber", 64, required: false);
        if (problems.Any) return null;
        return new RegisterEntry
        {
            OrganisationId = request.OrganisationId!.Value, Year = request.Year!.Value, Kind = kind, Value = value,
            Title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim(),
            DocumentNumber = string.IsNullOrWhiteSpace(request.DocumentNumber) ? null : request.DocumentNumber.Trim(),
        };
    }

    public static async Task<IResult> Add(SaveRegisterEntry request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!IsOfficer(scope)) return Forbidden(L);
        var problems = new Problems(L);
        var entry = Validate(request, problems, L, ChinaTime.Today(time));
        if (entry is not null && !await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == entry.OrganisationId, ct))
            problems.Add("organisationId", "Report.ErrorOrganisation");
        if (problems.Any) return problems.ToResult();
        entry!.CreatedAt = time.GetUtcNow().UtcDateTime;
        entry.CreatedBy = scope.UserName;
        db.RegisterEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "register.add", nameof(RegisterEntry), entry.Id, after: new { entry.OrganisationId, entry.Year, entry.Kind, entry.Value, entry.Title });
        await db.SaveChangesAsync(ct);
        var name = await db.Organisations.Where(o => o.Id == entry.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        return TypedResults.Created($"/api/disclosure/registers/{entry.Id}", ToDto(entry, name));
    }

    public static async Task<IResult> Remove(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!IsOfficer(scope)) return Forbidden(L);
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var entry = await db.RegisterEntries.Where(e => organisations.Contains(e.OrganisationId)).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null) return TypedResults.NotFound();
        db.RegisterEntries.Remove(entry);
        audit.Record(scope, "register.remove", nameof(RegisterEntry), id, before: new { entry.OrganisationId, entry.Year, entry.Kind, entry.Value, entry.Title });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ImportBody(string? format, HttpRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        // A raw body is what a plain form on another site could post; browsers say where a request came from.
        if (request.Headers["Sec-Fetch-Site"] is [var site] && site is "cross-site" or "same-site") return Forbidden(L);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return await ImportAsync(buffer, format, user, db, audit, time, L, ct);
    }

    /// <summary>Column names accepted in an import file: English keys or the Chinese headers of the documented template.</summary>
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["organisation"] = "organisation", ["机关"] = "organisation", ["单位"] = "organisation",
        ["year"] = "year", ["年度"] = "year",
        ["kind"] = "kind", ["类别"] = "kind",
        ["value"] = "value", ["数量或金额"] = "value", ["数值"] = "value",
        ["title"] = "title", ["文件名称"] = "title",
        ["document_number"] = "document_number", ["文号"] = "document_number",
    };

    /// <summary>
    /// Imports register figures from CSV or XLSX (columns organisation — name or id —, year, kind, value, title,
    /// document_number). All or nothing: any bad line is reported with its number (the header is line 1) and nothing is written.
    /// </summary>
    public static async Task<IResult> ImportAsync(Stream file, string? format, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!IsOfficer(scope)) return Forbidden(L);
        var problems = new Problems(L);
        ExcelType type;
        switch (format?.ToLowerInvariant())
        {
            case "csv": type = ExcelType.CSV; break;
            case "xlsx": type = ExcelType.XLSX; break;
            default:
                problems.Add("format", "Report.ErrorImportFormat");
                return problems.ToResult();
        }
        var organisations = await db.Organisations.WithinScope(scope).AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var byName = organisations.GroupBy(o => o.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
        var ids = organisations.Select(o => o.Id).ToHashSet();
        var today = ChinaTime.Today(time);
        var entries = new List<RegisterEntry>();
        var line = 1;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(file, useHeaderRow: true, excelType: type).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or InvalidOperationException or System.Xml.XmlException)
        {
            problems.Add("file", "Report.ErrorImportUnreadable");
            return problems.ToResult();
        }
        foreach (var raw in rows)
        {
            line++;
            var v = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in raw)
                if (Headers.TryGetValue(key.Trim(), out var column))
                    v[column] = value switch { null => null, IFormattable f => f.ToString(null, CultureInfo.InvariantCulture), _ => value.ToString() };
            if (v.Values.All(string.IsNullOrWhiteSpace)) continue;
            var organ = v.GetValueOrDefault("organisation")?.Trim() ?? "";
            int? organisationId = int.TryParse(organ, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ids.Contains(id) ? id
                : byName.TryGetValue(organ, out var named) ? named : null;
            var lineProblems = new Problems(L);
            var entry = Validate(new SaveRegisterEntry(organisationId ?? 0,
                int.TryParse(v.GetValueOrDefault("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
                v.GetValueOrDefault("kind"), v.GetValueOrDefault("value"), NullIfBlank(v.GetValueOrDefault("title")), NullIfBlank(v.GetValueOrDefault("document_number"))),
                lineProblems, L, today);
            if (organisationId is null) lineProblems.Add("organisationId", "Report.ErrorOrganisation");
            if (lineProblems.Any)
            {
                foreach (var message in Problems.Messages(lineProblems.ToResult()))
                    problems.AddText($"line{line}", L["Report.ImportLine", line, message].Value);
                continue;
            }
            entry!.CreatedAt = time.GetUtcNow().UtcDateTime;
            entry.CreatedBy = scope.UserName;
            entries.Add(entry);
        }
        if (entries.Count == 0 && !problems.Any) problems.Add("file", "Report.ErrorImportEmpty");
        if (problems.Any) return problems.ToResult();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.RegisterEntries.AddRange(entries);
        audit.Record(scope, "register.import", nameof(RegisterEntry), entries.Count, after: new { rows = entries.Count, format });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ImportRegisterResult(entries.Count));
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public static async Task<IResult> ListAppeals(int? year, ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var query = db.DisclosureAppeals.AsNoTracking().Where(a => organisations.Contains(a.OrganisationId));
        if (year is { } y) query = query.Where(a => a.FiledOn >= new DateOnly(y, 1, 1) && a.FiledOn <= new DateOnly(y, 12, 31));
        var rows = await query.OrderByDescending(a => a.FiledOn).ThenBy(a => a.Id)
            .Join(db.Organisations, a => a.OrganisationId, o => o.Id, (a, o) => new { a, o.Name }).Take(2000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new AppealDto(r.a.Id, r.a.OrganisationId, r.Name, r.a.Kind, r.a.Result, r.a.CaseNumber, r.a.FiledOn, r.a.DecidedOn)).ToList());
    }

    private static (AppealKind Kind, AppealResult Result, DateOnly FiledOn, DateOnly? DecidedOn) ValidateAppeal(SaveAppeal request, Problems problems, IStringLocalizer<SharedResource> L, DateOnly today)
    {
        problems.Require(Enum.TryParse<AppealKind>(request.Kind, false, out var kind) && Enum.IsDefined(kind), "kind", "Report.ErrorAppealKind");
        problems.Require(Enum.TryParse<AppealResult>(request.Result, false, out var result) && Enum.IsDefined(result), "result", "Report.ErrorAppealResult");
        problems.Text(request.CaseNumber, "caseNumber", 64);
        problems.Date(request.FiledOn, "filedOn", out var filed);
        DateOnly? decided = null;
        if (!string.IsNullOrWhiteSpace(request.DecidedOn))
        {
            problems.Date(request.DecidedOn, "decidedOn", out var d);
            decided = d;
        }
        if (!problems.Any)
        {
            problems.Require(filed <= today, "filedOn", "Report.ErrorFuture");
            problems.Require(decided is null || (decided >= filed && decided <= today), "decidedOn", "Report.ErrorDecidedOn");
            // 尚未审结 has no decision date; a decided case has one.
            problems.Require((result == AppealResult.Pending) == (decided is null), "decidedOn", "Report.ErrorDecidedPending");
        }
        return (kind, result, filed, decided);
    }

    public static async Task<IResult> AddAppeal(SaveAppeal request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!IsOfficer(scope)) return Forbidden(L);
        var problems = new Problems(L);
        var (kind, result, filed, decided) = ValidateAppeal(request, problems, L, ChinaTime.Today(time));
        if (request.OrganisationId is not { } organisationId || !await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == organisationId, ct))
            problems.Add("organisationId", "Report.ErrorOrganisation");
        if (problems.Any) return problems.ToResult();
        var appeal = new DisclosureAppeal
        {
            OrganisationId = request.OrganisationId!.Value, Kind = kind.ToString(), Result = result.ToString(), CaseNumber = request.CaseNumber!.Trim(),
            FiledOn = filed, DecidedOn = decided, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.DisclosureAppeals.Add(appeal);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "appeal.add", nameof(DisclosureAppeal), appeal.Id, after: new { appeal.Kind, appeal.Result, appeal.CaseNumber, appeal.FiledOn, appeal.DecidedOn });
        await db.SaveChangesAsync(ct);
        var name = await db.Organisations.Where(o => o.Id == appeal.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        return TypedResults.Created($"/api/disclosure/appeals/{appeal.Id}", new AppealDto(appeal.Id, appeal.OrganisationId, name, appeal.Kind, appeal.Result, appeal.CaseNumber, appeal.FiledOn, appeal.DecidedOn));
    }

    /// <summary>Records the result when a case is decided (or corrects the record).</summary>
    public static async Task<IResult> UpdateAppeal(long id, SaveAppeal request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!IsOfficer(scope)) return Forbidden(L);
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var appeal = await db.DisclosureAppeals.Where(a => organisations.Contains(a.OrganisationId)).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appeal is null) return TypedResults.NotFound();
        var problems = new Problems(L);
        var (kind, result, filed, decided) = ValidateAppeal(request with { CaseNumber = request.CaseNumber ?? appeal.CaseNumber }, problems, L, ChinaTime.Today(time));
        if (problems.Any) return problems.ToResult();
        var before = new { appeal.Kind, appeal.Result, appeal.FiledOn, appeal.DecidedOn };
        appeal.Kind = kind.ToString();
        appeal.Result = result.ToString();
        appeal.FiledOn = filed;
        appeal.DecidedOn = decided;
        if (request.CaseNumber is not null) appeal.CaseNumber = request.CaseNumber.Trim();
        audit.Record(scope, "appeal.update", nameof(DisclosureAppeal), appeal.Id, before, new { appeal.Kind, appeal.Result, appeal.FiledOn, appeal.DecidedOn });
        await db.SaveChangesAsync(ct);
        var name = await db.Organisations.Where(o => o.Id == appeal.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        return TypedResults.Ok(new AppealDto(appeal.Id, appeal.OrganisationId, name, appeal.Kind, appeal.Result, appeal.CaseNumber, appeal.FiledOn, appeal.DecidedOn));
    }
}
