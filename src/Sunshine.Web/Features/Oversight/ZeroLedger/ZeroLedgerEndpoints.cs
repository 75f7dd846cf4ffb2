namespace Sunshine.Web.Features.Oversight.ZeroLedger;

/// <summary>The zero-petition ledger API ("零上访"台账, DOMAIN.md §1.7): roll-ups, a unit's ledger, its dispute entries, the export.</summary>
public static class ZeroLedgerEndpoints
{
    public static void MapZeroLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/oversight/ledger").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        group.MapGet("/rollup", LedgerViews.GetRollup);
        group.MapGet("/units/{code}", LedgerViews.GetUnit);
        group.MapGet("/export", LedgerViews.Export);
        group.MapGet("/screenings/{id:long}", LedgerScreenings.Get);
        group.MapPost("/screenings", LedgerScreenings.Create);
        group.MapPut("/screenings/{id:long}", LedgerScreenings.Update);
        group.MapDelete("/screenings/{id:long}", LedgerScreenings.Delete);
        group.MapPost("/villages", LedgerScreenings.AddVillage);
    }
}
