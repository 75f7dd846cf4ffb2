using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Components;
using Sunshine.Web.Features.Account;
using Sunshine.Web.Features.Admin;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Dashboard;
using Sunshine.Web.Features.Directory;
using Sunshine.Web.Features.Disclosure.AnnualReports;
using Sunshine.Web.Features.Petitions;
using Sunshine.Web.Features.Petitions.Attachments;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Features.Petitions.Notices;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Features.PolicyLibrary;
using Sunshine.Web.Features.CategorySuggestions;
using Sunshine.Web.Features.Portal;
using Sunshine.Web.Features.Reception;
using Sunshine.Web.Features.Oversight.ZeroLedger;
using Sunshine.Web.Features.PublicReplies;
using Sunshine.Web.Features.Oversight.Assessment;
using Sunshine.Web.Features.Oversight.RedLight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web;

/// <summary>Builds the web application: services, middleware and endpoints. Used by serve, the CLI and tests.</summary>
public static class SunshineApp
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];

    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRoot(),
            ApplicationName = typeof(SunshineApp).Assembly.GetName().Name,
        });
        if (!builder.Environment.IsProduction())
        {
            // Serve the component libraries' files (AntDesign) from the build output, also under tests.
            builder.WebHost.UseStaticWebAssets();
        }
        configure?.Invoke(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        if (configuration.GetValue("Logs:Json", true))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSunshineDatabase(configuration);
        services.AddCalendarCache(configuration);
        services.AddSingleton(_ => PersonalData.Load(configuration["PersonalData:KeyFile"] ?? "data/keys/personal-data.json"));
        services.AddDataProtection().SetApplicationName("Sunshine").PersistKeysToDbContext<SunshineDbContext>();

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SunshineDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "sunshine.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // API callers get status codes, not a redirect to the login page.
                o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
            }));
        services.AddSingleton<ApiTokenLastUse>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .AddPolicy(Policies.Administrator, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(Sunshine.Domain.Directory.StaffRoles.Administrator))
            .AddPolicy(Policies.Integration, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        // Chinese text goes out as UTF-8, not as &#x...; entities: pages are a third of the size.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        // Enums travel by name ("Letter", "PublicHoliday"): readable, and stable if members are reordered.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddAntDesign();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHttpContextAccessor();
        services.AddScoped<Audit>();
        services.AddSingleton<Sunshine.Web.Features.Petitions.Intake.IntakeQueue>();
        services.AddAttachments(configuration);
        services.AddPortal(configuration);
        services.AddCategorySuggestions(configuration);
        Sunshine.Web.Features.Notifications.NotificationSetup.AddNotifications(services, configuration);
        Sunshine.Web.Features.Oversight.Warnings.WarningEndpoints.AddEarlyWarning(services);
        services.AddSingleton<Sunshine.Web.Features.Oversight.BigData.DashboardRollups>();
        services.AddHostedService(sp => sp.GetRequiredService<Sunshine.Web.Features.Oversight.BigData.DashboardRollups>());
        services.AddSingleton<Sunshine.Web.Features.Oversight.Assessment.AssessmentRollups>();
        services.AddHostedService(sp => sp.GetRequiredService<Sunshine.Web.Features.Oversight.Assessment.AssessmentRollups>());
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Pages answer a bare 404 with a page in the visitor's language; the API keeps its problem details.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the re-execution, so "/not-found" is routed to its page; authentication and authorisation follow it.
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            // A one-time password must be replaced before any other work (first administrator, new accounts).
            var path = context.Request.Path;
            if (context.User.HasClaim(AccountEndpoints.MustChangePasswordClaim, "true")
                && (path.StartsWithSegments("/console") || path.StartsWithSegments("/api")))
            {
                if (path.StartsWithSegments("/api"))
                    await Results.Problem(title: "Password change required", detail: "Change the one-time password at /account/change-password first.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                else
                    context.Response.Redirect("/account/change-password");
                return;
            }
            await next();
        });
        app.UseRateLimiter();
        app.UsePublicUploadLimits(app.Configuration);
        app.UseAntiforgery();
        // After localization and authentication: a cached page is keyed by the request's culture and never kept for a signed-in user.
        app.UseOutputCache();

        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapCultureEndpoint();
        app.MapAccountEndpoints();
        app.MapDirectoryEndpoints();
        app.MapCalendarEndpoints();
        app.MapApiTokenEndpoints();
        app.MapDashboardEndpoints();
        app.MapPetitionEndpoints();
        app.MapIntakeEndpoints();
        app.MapNoticeEndpoints();
        app.MapWorkflowEndpoints();
        app.MapRepeatEndpoints();
        app.MapAttachmentEndpoints();
        Sunshine.Web.Features.Petitions.National.NationalExport.MapNationalExchangeEndpoints(app);
        app.MapQueueEndpoints();
        app.MapPortalEndpoints();
        Sunshine.Web.Features.Disclosure.Catalogue.DisclosureItems.MapCatalogueEndpoints(app);
        Sunshine.Web.Features.DisclosureRequests.RequestEndpoints.MapDisclosureRequestEndpoints(app);
        app.MapReceptionEndpoints();
        app.MapAnnualReportEndpoints();
        Sunshine.Web.Features.LegalGuide.LegalRouteEndpoints.MapLegalRouteEndpoints(app);
        app.MapPolicyEndpoints();
        app.MapPublicReplyEndpoints();
        app.MapCategorySuggestionEndpoints();
        Sunshine.Web.Features.Notifications.NotificationEndpoints.MapNotificationEndpoints(app);
        app.MapZeroLedgerEndpoints();
        Sunshine.Web.Features.Oversight.Warnings.WarningEndpoints.MapEarlyWarningEndpoints(app);
        Sunshine.Web.Features.Oversight.Supervision.SupervisionEndpoints.MapSupervisionEndpoints(app);
        app.MapAssessmentEndpoints();
        app.MapRedLightEndpoints();
        Sunshine.Web.Features.Oversight.BigData.BigDataEndpoints.MapBigDataEndpoints(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The folder holding appsettings.json and wwwroot: the app's own folder when run from a build output.</summary>
    private static string ContentRoot()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }
}

public static class Policies
{
    public const string Staff = "Staff";
    public const string Administrator = "Administrator";
    public const string Integration = "Integration";
}
