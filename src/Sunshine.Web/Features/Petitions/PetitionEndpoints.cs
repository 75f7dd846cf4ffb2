using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions;

public sealed record PetitionListItem(long Id, string CaseNumber, Channel Channel, Purpose Purpose, PetitionStatus Status, string Summary, string Petitioner, DateOnly ReceivedOn, DateOnly? DueOn, string? ResponsibleUnit);
public sealed record PetitionPage(IReadOnlyList<PetitionListItem> Items, long? NextAfter);
public sealed record PetitionDetail(long Id, string CaseNumber, Channel Channel, Purpose Purpose, PetitionStatus Status, string Summary, string Content,
    string Petitioner, string IdNumber, string Phone, string Address, int HeadCount, DateOnly ReceivedOn, DateOnly? DueOn, string RegisteringUnit, string? ResponsibleUnit);

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
        group.MapGet("/{id:long}", Get);
    }

    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, long? after, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var query = db.Petitions.AsNoTracking().WithinScope(scope);
        if (after is not null) query = query.Where(p => p.Id < after);
        var rows = await query.OrderByDescending(p => p.Id).Take(PageSize + 1)
            .Select(p => new { p.Id, p.CaseNumber, p.Channel, p.Purpose, p.Status, p.Summary, p.PetitionerName, p.ReceivedOn, p.DueOn, Unit = p.ResponsibleOrganisation!.Name })
            .ToListAsync(ct);
        var items = rows.Take(PageSize)
            .Select(p => new PetitionListItem(p.Id, p.CaseNumber, p.Channel, p.Purpose, p.Status, p.Summary, PersonalData.MaskName(p.PetitionerName), p.ReceivedOn, p.DueOn, p.Unit))
            .ToList();
        return TypedResults.Ok(new PetitionPage(items, rows.Count > PageSize ? items[^1].Id : null));
    }

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var p = await db.Petitions.AsNoTracking().WithinScope(scope)
            .Include(x => x.RegisteringOrganisation).Include(x => x.ResponsibleOrganisation)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return TypedResults.NotFound();
        return TypedResults.Ok(new PetitionDetail(p.Id, p.CaseNumber, p.Channel, p.Purpose, p.Status, p.Summary, p.Content,
            PersonalData.MaskName(p.PetitionerName),
            PersonalData.MaskIdNumber(personalData.Unprotect(p.IdNumberProtected)),
            PersonalData.MaskPhone(personalData.Unprotect(p.PhoneProtected)),
            PersonalData.MaskAddress(personalData.Unprotect(p.AddressProtected)),
            p.HeadCount, p.ReceivedOn, p.DueOn, p.RegisteringOrganisation!.Name, p.ResponsibleOrganisation?.Name));
    }
}
