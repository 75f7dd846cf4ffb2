using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Sunshine.Web.Features.Portal;

/// <summary>
/// Services and endpoints of the public portal (no login): per-client rate limits on every public form and lookup, and
/// the JSON API for online petitions, progress, evaluation and review requests. The pages call the same handlers.
/// </summary>
public static class PortalSetup
{
    /// <summary>Submitting a petition: a few per client and window, so one machine cannot flood the bureau's queue.</summary>
    public const string SubmitLimit = "portal-submit";

    /// <summary>Progress lookups, evaluations and review requests: a flood bound no person reaches by hand.</summary>
    public const string LookupLimit = "portal-lookup";

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        // Per client address. Behind a reverse proxy, configure forwarded headers so this is the citizen's address,
        // not the proxy's. Mobile carriers put many phones behind one address (CGNAT): the bounds are generous.
        var submissions = configuration.GetValue("Portal:Submissions:PermitLimit", 20);
        var submissionWindow = TimeSpan.FromMinutes(configuration.GetValue("Portal:Submissions:WindowMinutes", 10));
        var lookups = configuration.GetValue("Portal:Lookups:PermitLimit", 60);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
            // Only posts count: reading the form or the progress page is free.
            o.AddPolicy(SubmitLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(http), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = submissions,
                    Window = submissionWindow,
                    SegmentsPerWindow = 5,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.AddPolicy(LookupLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = lookups,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    public static void MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public").WithTags("Public").AllowAnonymous();
        api.MapPost("/petitions", PublicPetitions.Submit).RequireRateLimiting(SubmitLimit);
        api.MapPost("/progress", PublicProgress.Lookup).RequireRateLimiting(LookupLimit);
        api.MapPost("/petitions/{caseNumber}/evaluation", PublicProgress.Evaluate).RequireRateLimiting(LookupLimit);
        api.MapPost("/petitions/{caseNumber}/review", PublicProgress.RequestReview).RequireRateLimiting(LookupLimit);
    }

    /// <summary>The client's address as the server sees it; the partition key of the limits and the throttle.</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // A browser posting a page's form gets a page in its language; an API client gets problem details. Both learn when
    // to retry. (The form is not read here: its antiforgery token has not been checked yet.)
    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = "/portal/busy";
            return;
        }
        var L = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        await TypedResults.Problem(title: L["Portal.ErrorTooMany"], statusCode: StatusCodes.Status429TooManyRequests,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(http);
    }
}
