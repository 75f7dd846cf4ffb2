using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Dashboard;

public sealed record ChannelCount(Channel Channel, int Count);
public sealed record DashboardCounts(int Petitions, int ThisYear, int Open, int Overdue, int Organisations, int Publications, int DisclosureRequests, IReadOnlyList<ChannelCount> ByChannel);

/// <summary>
/// The dashboard's first widgets: real counts within the caller's scope. The full leader dashboard, on rollup
/// tables, comes with the oversight work.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly PetitionStatus[] ClosedStatuses =
        [PetitionStatus.Concluded, PetitionStatus.Declined, PetitionStatus.RoutedToLegalChannel, PetitionStatus.Withdrawn, PetitionStatus.Merged];

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dashboard", async (ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(await CountAsync(db, UserScope.From(user)!, ChinaTime.Today(time), ct)))
            .WithTags("Dashboard").RequireAuthorization(Policies.Staff);

    public static async Task<DashboardCounts> CountAsync(SunshineDbContext db, UserScope scope, DateOnly today, CancellationToken ct = default)
    {
        var petitions = db.Petitions.AsNoTracking().WithinScope(scope);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var open = petitions.Where(p => !ClosedStatuses.Contains(p.Status));
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var byChannel = await petitions.GroupBy(p => p.Channel).Select(g => new ChannelCount(g.Key, g.Count())).ToListAsync(ct);
        return new DashboardCounts(
            byChannel.Sum(c => c.Count),
            await petitions.CountAsync(p => p.ReceivedOn >= yearStart, ct),
            await open.CountAsync(ct),
            await open.CountAsync(p => p.DueOn < today, ct),
            await organisations.CountAsync(ct),
            await db.Publications.CountAsync(p => organisations.Contains(p.OrganisationId), ct),
            await db.DisclosureRequests.CountAsync(r => organisations.Contains(r.OrganisationId), ct),
            byChannel.OrderByDescending(c => c.Count).ToList());
    }
}
