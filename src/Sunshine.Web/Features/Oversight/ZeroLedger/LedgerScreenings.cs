using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.ZeroLedger;

/// <param name="Parties">The parties' names; on an update, null or empty keeps the names on record (they are never shown in full).</param>
/// <param name="FoundOn">yyyy-MM-dd.</param>
/// <param name="ClosedOn">yyyy-MM-dd; required once the dispute is resolved or handed up.</param>
public sealed record ScreeningRequest(string? DivisionCode, string? Matter, string? Parties, string? ResponsiblePerson, string? Measures,
    DisputeStatus Status, string? FoundOn, string? ClosedOn);

/// <param name="Parties">Masked: surnames only.</param>
public sealed record ScreeningDto(long Id, string DivisionCode, string UnitName, string Matter, string Parties, string ResponsiblePerson, string Measures,
    DisputeStatus Status, DateOnly FoundOn, DateOnly? ClosedOn, string RecordedBy);

public sealed record VillageRequest(string? Code, string? Name);

/// <summary>
/// 矛盾纠纷排查化解 entries (《信访工作条例》第十五条: resolve disputes at the grassroots, "小事不出村、大事不出镇"):
/// recorded by the township (for itself and its villages) and by the bureaus above it, within their scope.
/// </summary>
public static class LedgerScreenings
{
    /// <summary>Records and edits the ledger: the staff who do the casework, and administrators.</summary>
    public static bool MayRecord(UserScope scope) =>
        scope.IsInRole(StaffRoles.Registrar) || scope.IsInRole(StaffRoles.HandlingOfficer) || scope.IsInRole(StaffRoles.UnitLeader)
        || scope.IsInRole(StaffRoles.Supervisor) || scope.IsInRole(StaffRoles.Administrator);

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var found = await QueryDtos(db, InScope(db, scope).Where(s => s.Id == id), personalData, ct);
        return found.Count == 1 ? TypedResults.Ok(found[0]) : NotFound(L);
    }

    public static async Task<IResult> Create(ScreeningRequest request, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayRecord(scope)) return Forbidden(L);
        var (problems, unit, found, closed) = await ValidateAsync(request, scope, db, time, L, partiesRequired: true, ct);
        if (problems.Any) return problems.ToResult();

        var now = time.GetUtcNow().UtcDateTime;
        var screening = new DisputeScreening
        {
            DivisionCode = unit!.Code,
            TownshipCode = LedgerFacts.Code(unit.Code[..9]),
            Matter = request.Matter!.Trim(),
            PartiesProtected = personalData.Protect(request.Parties!.Trim())!,
            ResponsiblePerson = request.ResponsiblePerson!.Trim(),
            Measures = request.Measures!.Trim(),
            Status = request.Status,
            FoundOn = found,
            ClosedOn = closed,
            RecordedByOrganisationId = scope.OrganisationId,
            RecordedByUserId = scope.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.DisputeScreenings.Add(screening);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "ledger.screening-create", nameof(DisputeScreening), screening.Id,
            after: new { screening.DivisionCode, screening.Matter, screening.Status, screening.FoundOn, screening.ClosedOn });
        await db.SaveChangesAsync(ct);
        var dto = (await QueryDtos(db, db.DisputeScreenings.Where(s => s.Id == screening.Id), personalData, ct))[0];
        return TypedResults.Created($"/api/oversight/ledger/screenings/{screening.Id}", dto);
    }

    public static async Task<IResult> Update(long id, ScreeningRequest request, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayRecord(scope)) return Forbidden(L);
        var screening = await InScope(db, scope).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (screening is null) return NotFound(L);
        var (problems, unit, found, closed) = await ValidateAsync(request with { DivisionCode = request.DivisionCode ?? screening.DivisionCode },
            scope, db, time, L, partiesRequired: false, ct);
        if (problems.Any) return problems.ToResult();

        var before = new { screening.DivisionCode, screening.Matter, screening.Status, screening.FoundOn, screening.ClosedOn, screening.Measures };
        screening.DivisionCode = unit!.Code;
        screening.TownshipCode = LedgerFacts.Code(unit.Code[..9]);
        screening.Matter = request.Matter!.Trim();
        if (!string.IsNullOrWhiteSpace(request.Parties)) screening.PartiesProtected = personalData.Protect(request.Parties.Trim())!;
        screening.ResponsiblePerson = request.ResponsiblePerson!.Trim();
        screening.Measures = request.Measures!.Trim();
        screening.Status = request.Status;
        screening.FoundOn = found;
        screening.ClosedOn = closed;
        screening.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Record(scope, "ledger.screening-update", nameof(DisputeScreening), screening.Id, before,
            new { screening.DivisionCode, screening.Matter, screening.Status, screening.FoundOn, screening.ClosedOn, screening.Measures });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await QueryDtos(db, db.DisputeScreenings.Where(s => s.Id == id), personalData, ct))[0]);
    }

    public static async Task<IResult> Delete(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!MayRecord(scope)) return Forbidden(L);
        var screening = await InScope(db, scope).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (screening is null) return NotFound(L);
        db.DisputeScreenings.Remove(screening);
        audit.Record(scope, "ledger.screening-delete", nameof(DisputeScreening), screening.Id,
            before: new { screening.DivisionCode, screening.Matter, screening.Status, screening.FoundOn, screening.ClosedOn });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Adds a village or community (村、社区) under a township the administrator oversees: the shipped divisions stop at
    /// townships, and a ledger is kept per village where the county wants one. (A whole province's villages come in
    /// with <c>import divisions</c>.)
    /// </summary>
    public static async Task<IResult> AddVillage(VillageRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.Administrator)) return Forbidden(L);
        var problems = new Problems(L).Text(request.Name, "name", 64);
        if (!DivisionCode.TryParse(request.Code?.Trim(), out var code) || code.Level != DivisionLevel.Village)
        {
            problems.Add("code", "Zl.ErrorVillageCode");
        }
        else
        {
            var township = LedgerFacts.Code(code.Value[..9]);
            if (!await LedgerFacts.TownshipsInScope(db, scope).AnyAsync(t => t == township, ct)
                || !await db.Divisions.AnyAsync(d => d.Code == township && d.Level == DivisionLevel.Township, ct))
                problems.Add("code", "Zl.ErrorUnitOutOfScope");
            else if (await db.Divisions.AnyAsync(d => d.Code == code.Value, ct))
                problems.Add("code", "Zl.ErrorVillageExists");
        }
        if (problems.Any) return problems.ToResult();
        var village = new Division { Code = code.Value, Name = request.Name!.Trim(), Level = DivisionLevel.Village, ParentCode = LedgerFacts.Code(code.Value[..9]) };
        db.Divisions.Add(village);
        audit.Record(scope, "ledger.village-add", nameof(Division), village.Code, after: new { village.Name, village.ParentCode });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/oversight/ledger/units/{village.Code}", new Crumb(village.Code, village.Name));
    }

    /// <summary>The entries of the townships within the caller's scope.</summary>
    public static IQueryable<DisputeScreening> InScope(SunshineDbContext db, UserScope scope)
    {
        var townships = LedgerFacts.TownshipsInScope(db, scope);
        return db.DisputeScreenings.Where(s => townships.Contains(s.TownshipCode));
    }

    /// <summary>The entries as shown: unit name, recording organisation, parties decrypted and masked to surnames.</summary>
    public static async Task<List<ScreeningDto>> QueryDtos(SunshineDbContext db, IQueryable<DisputeScreening> query, PersonalData personalData,
        CancellationToken ct, int limit = 1_000)
    {
        var rows = await (from s in query
                          join d in db.Divisions on s.DivisionCode equals d.Code
                          join o in db.Organisations on s.RecordedByOrganisationId equals o.Id
                          orderby s.FoundOn descending, s.Id descending
                          select new { s, Unit = d.Name, Org = o.Name }).Take(limit).ToListAsync(ct);
        return rows.Select(r => new ScreeningDto(r.s.Id, r.s.DivisionCode, r.Unit, r.s.Matter, MaskParties(personalData.Unprotect(r.s.PartiesProtected)),
            r.s.ResponsiblePerson, r.s.Measures, r.s.Status, r.s.FoundOn, r.s.ClosedOn, r.Org)).ToList();
    }

    /// <summary>"张三、李四丰" → "张*、李**": each name keeps its surname only.</summary>
    public static string MaskParties(string? parties) =>
        string.Join("、", (parties ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PersonalData.MaskName));

    private static readonly char[] Separators = ['、', ',', '，', ';', '；', '\n'];

    private static async Task<(Problems Problems, Division? Unit, DateOnly Found, DateOnly? Closed)> ValidateAsync(ScreeningRequest request, UserScope scope,
        SunshineDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L, bool partiesRequired, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var problems = new Problems(L)
            .Text(request.Matter, "matter", 512)
            .Text(request.Parties, "parties", 512, required: partiesRequired)
            .Text(request.ResponsiblePerson, "responsiblePerson", 64)
            .Text(request.Measures, "measures", 2000)
            .Require(Enum.IsDefined(request.Status), "status", "Zl.ErrorStatus")
            .Date(request.FoundOn, "foundOn", out var found);
        if (!problems.Any || found != default)
            problems.Require(found == default || found <= today, "foundOn", "Zl.ErrorFuture");
        var final = request.Status is DisputeStatus.Resolved or DisputeStatus.HandedUp;
        DateOnly? closed = null;
        if (final)
        {
            if (string.IsNullOrWhiteSpace(request.ClosedOn)) problems.Add("closedOn", "Zl.ErrorClosedOnRequired");
            else
            {
                problems.Date(request.ClosedOn, "closedOn", out var c);
                if (c != default)
                {
                    closed = c;
                    problems.Require(c <= today, "closedOn", "Zl.ErrorFuture").Require(found == default || c >= found, "closedOn", "Zl.ErrorClosedBeforeFound");
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.ClosedOn))
        {
            problems.Add("closedOn", "Zl.ErrorClosedOnOpen");
        }
        var unit = await LedgerViews.FindUnitAsync(db, scope, request.DivisionCode?.Trim(), ct);
        if (unit is null) problems.Add("divisionCode", "Zl.ErrorUnitOutOfScope");
        return (problems, unit, found, closed);
    }

    private static IResult Forbidden(IStringLocalizer<SharedResource> L) =>
        TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);

    private static IResult NotFound(IStringLocalizer<SharedResource> L) =>
        TypedResults.Problem(title: L["Zl.ErrorScreeningNotFound"], statusCode: StatusCodes.Status404NotFound);
}
