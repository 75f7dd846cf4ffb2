using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
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

    /// <summary>The output cache policy of the home page (<c>Portal:HomeCacheSeconds</c>, default 60; 0 turns it off).</summary>
    public const string HomeCache = "portal-home";

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
        // The home page is the same for every anonymous visitor who reads it in the same language, and it is what a
        // crowd opens first: render it once per language and query string, and serve the copy for a short while. The
        // policy builds on ASP.NET Core's default one, which keeps nothing personal: only anonymous GET/HEAD requests
        // without an Authorization header are looked up or stored, and only 200 answers that set no cookie (a page
        // that handed out an antiforgery or sign-in cookie is never kept — which, with the console's interactive render
        // modes configured, is every newcomer's first page: the copy is kept from a returning visitor's request and then
        // served to all, see docs/performance.md). The culture chosen by query or cookie is
        // part of the key, so one language's page is never served in another; so is the query string, which the
        // language links repeat.
        var homeSeconds = configuration.GetValue("Portal:HomeCacheSeconds", 60);
        services.AddOutputCache(o => o.AddPolicy(HomeCache, b =>
        {
            if (homeSeconds <= 0)
            {
                b.NoCache();
                return;
            }
            b.Expire(TimeSpan.FromSeconds(homeSeconds))
                .VaryByValue(http => new KeyValuePair<string, string>("culture", http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ""));
        }));
        return services;
    }

    public static void MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public").WithTags("Public").AllowAnonymous();
        // Answers carry a petitioner's case or receipt (masked, but theirs, and the query code once): no browser or proxy keeps them.
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        api.MapPost("/petitions", PublicPetitions.Submit).RequireRateLimiting(SubmitLimit);
        api.MapPost("/progress", PublicProgress.Lookup).RequireRateLimiting(LookupLimit);
        api.MapPost("/petitions/{caseNumber}/evaluation", PublicProgress.Evaluate).RequireRateLimiting(LookupLimit);
        api.MapPost("/petitions/{caseNumber}/review", PublicProgress.RequestReview).RequireRateLimiting(LookupLimit);
    }

    /// <summary>The whole of a citizen's files on one online petition (<c>Portal:Submissions:MaxUploadBytes</c>).</summary>
    public static long MaxUploadBytes(IConfiguration configuration) => configuration.GetValue("Portal:Submissions:MaxUploadBytes", 30L * 1024 * 1024);

    // Room for the form's text fields and the parts' headers, beyond the files themselves.
    private const long FormFieldsAllowance = 1024 * 1024;

    /// <summary>
    /// The online petition form's files are held in memory while the form is read, never buffered to a temporary file
    /// in clear (ASP.NET Core's default above 64 KB): they reach the disk only through the encrypting attachment store.
    /// That bounds one post to <see cref="MaxUploadBytes"/>; a larger one is read to its end and discarded, and the
    /// citizen is sent back to the form with the reason in words instead of a bare 413. Runs after the rate limiter
    /// (floods are refused unread) and before antiforgery, which reads the form.
    /// </summary>
    public static void UsePublicUploadLimits(this IApplicationBuilder app, IConfiguration configuration)
    {
        var total = MaxUploadBytes(configuration) + FormFieldsAllowance;
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
                || !(request.Path.Equals("/portal/petition/form", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/kiosk/petition/form", StringComparison.OrdinalIgnoreCase)))
            {
                await next(http);
                return;
            }
            var size = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (request.ContentLength > total)
            {
                // Read to the end so the browser sees the answer rather than a reset connection; beyond four times the
                // limit the connection is simply closed.
                if (request.ContentLength <= 4 * total && size is { IsReadOnly: false })
                {
                    size.MaxRequestBodySize = request.ContentLength;
                    await request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
                }
                var query = request.QueryString.Add("error", "files-too-large");
                http.Response.StatusCode = StatusCodes.Status303SeeOther;
                http.Response.Headers.Location = request.PathBase + request.Path + query;
                return;
            }
            if (size is { IsReadOnly: false }) size.MaxRequestBodySize = total;
            http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MemoryBufferThreshold = (int)total,
                MultipartBodyLengthLimit = total,
            }));
            await next(http);
        });
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
