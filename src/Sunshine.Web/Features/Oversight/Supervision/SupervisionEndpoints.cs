namespace Sunshine.Web.Features.Oversight.Supervision;

/// <summary>督查督办 over HTTP: supervision orders, online inspection (网上督查) and the backlog under leaders' ownership (包案化解).</summary>
public static class SupervisionEndpoints
{
    public static void MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/oversight/supervision").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        orders.MapGet("", SupervisionOrders.List);
        orders.MapPost("", SupervisionOrders.Issue);
        orders.MapGet("/backlog", Backlog.List);
        orders.MapGet("/{id:long}", SupervisionOrders.Get);
        orders.MapPost("/{id:long}/answer", SupervisionOrders.Answer);
        orders.MapPost("/{id:long}/close", SupervisionOrders.Close);
        orders.MapPost("/{id:long}/escalate", SupervisionOrders.Escalate);

        var inspection = app.MapGroup("/api/oversight/inspection").WithTags("Oversight").RequireAuthorization(Policies.Staff);
        inspection.MapGet("/checklist", OnlineInspection.GetChecklist);
        inspection.MapPost("/samples/preview", OnlineInspection.Preview);
        inspection.MapPost("/samples", OnlineInspection.Draw);
        inspection.MapGet("/queue", OnlineInspection.Queue);
        inspection.MapGet("/inspected", OnlineInspection.Inspected);
        inspection.MapPost("/cases/{petitionId:long}/score", OnlineInspection.Score);
    }
}
