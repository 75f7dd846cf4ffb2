using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions;

public sealed record PetitionListItem(long Id, string CaseNumber, Channel Channel, Purpose Purpose, PetitionStatus Status, string Summary, string Petitioner, DateOnly ReceivedOn, DateOnly? DueOn, string? ResponsibleUnit);
public sealed record PetitionEventDto(long Id, DateTime At, DateOnly On, string Action, PetitionStatus? FromStatus, PetitionStatus ToStatus, string? ActorName, string? Organisation, string? TargetOrganisation, string? Reason, string? Detail, bool IsPublic);
public sealed record PetitionPage(IReadOnlyList<PetitionListItem> Items, long? NextAfter);
public sealed record PetitionDetail(long Id, string CaseNumber, Channel Channel, Purpose Purpose, PetitionStatus Status, string Summary, string Content,
    string Petitioner, string IdNumber, string Phone, string Address, int HeadCount, DateOnly ReceivedOn, DateOnly? DueOn, string RegisteringUnit, string? ResponsibleUnit,
    IReadOnlyList<string> DueExplanation, string NationalStatus, int Version);

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
        group.MapGet("/{id:long}/history", History);
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

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, TimeProvider time, CancellationToken ct)
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
        return TypedResults.Ok(new PetitionDetail(p.Id, p.CaseNumber, p.Channel, p.Purpose, p.Status, p.Summary, p.Content,
            PersonalData.MaskName(p.PetitionerName),
            PersonalData.MaskIdNumber(personalData.Unprotect(p.IdNumberProtected)),
            PersonalData.MaskPhone(personalData.Unprotect(p.PhoneProtected)),
            PersonalData.MaskAddress(personalData.Unprotect(p.AddressProtected)),
            p.HeadCount, p.ReceivedOn, p.DueOn, p.RegisteringOrganisation!.Name, p.ResponsibleOrganisation?.Name,
            due?.Explanation ?? [], NationalStatus.NameOf(state, today, RuleBook.Default, calendar), p.Version));
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
