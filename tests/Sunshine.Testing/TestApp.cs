using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Directory;
using Sunshine.Web;
using Sunshine.Web.Infrastructure;
using Xunit;

namespace Sunshine.Testing;

/// <summary>
/// The real application on Kestrel at 127.0.0.1 with a random port, on a throwaway database of either kind,
/// migrated and loaded with reference data (no demo data unless asked). One per test class.
/// </summary>
public class TestApp : IAsyncLifetime
{
    private readonly DatabaseProvider _provider;
    private readonly int _demoPetitions;
    private WebApplication? _app;

    private readonly TimeProvider? _time;

    private readonly IReadOnlyDictionary<string, string?>? _settings;

    /// <param name="settings">Settings of the test's own, added over the defaults below.</param>
    protected TestApp(DatabaseProvider provider, int demoPetitions = 0, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _provider = provider;
        _demoPetitions = demoPetitions;
        _time = time;
        _settings = settings;
    }

    public TestDatabase Database { get; private set; } = default!;
    public Uri BaseAddress { get; private set; } = default!;
    public IServiceProvider Services => _app!.Services;
    public FirstAdminCredentials Admin { get; private set; } = default!;
    public DatabaseProvider Provider => _provider;

    /// <summary>What the server logged as an error; clients from <see cref="NewClient"/> put it into a 5xx answer.</summary>
    public ServerErrors Errors { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(_provider);
        var builder = SunshineApp.CreateBuilder(["--environment", "Testing"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = _provider.ToString(),
                ["Database:AutoMigrate"] = "true",
                ["ConnectionStrings:Sunshine"] = Database.ConnectionString,
                ["PersonalData:KeyFile"] = Path.Combine(Path.GetTempPath(), "sunshine-test-keys-" + Guid.NewGuid().ToString("N") + ".json"),
                ["Attachments:Path"] = Path.Combine(Database.Folder, "attachments"),
                ["Demo:Petitions"] = _demoPetitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logs:Json"] = "false",
                // Background passes run only when a test asks for one.
                ["BackgroundWork:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            if (_settings is not null) b.Configuration.AddInMemoryCollection(_settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        if (_time is not null) builder.Services.AddSingleton(_time);
        builder.Logging.AddProvider(Errors);
        _app = SunshineApp.Build(builder);
        Admin = (await Startup.PrepareAsync(_app.Services, _app.Configuration, _app.Logger))!;
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        // The first administrator must change the one-time password at first login; tests use their own accounts.
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admin = await users.FindByNameAsync(Admin.UserName);
        admin!.MustChangePassword = false;
        await users.UpdateAsync(admin);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Database.DisposeAsync();
    }

    public SunshineDbContext NewContext() => Database.NewContext();

    /// <summary>Creates a staff account directly (no one-time password) for a test.</summary>
    public async Task<(string UserName, string Password)> CreateUserAsync(int organisationId, bool includeSubordinates, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        const string password = "Testing-Pass-2026";
        var user = new StaffUser { UserName = name, DisplayName = "测试用户" + name[..4], OrganisationId = organisationId, IncludeSubordinates = includeSubordinates, CreatedAt = DateTime.UnixEpoch };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (roles.Length > 0) Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return (name, password);
    }

    public async Task<Organisation> OrganisationAsync(string name)
    {
        await using var db = NewContext();
        return await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == name);
    }

    /// <summary>An HTTP client that signed in through the real login form (antiforgery token and cookie included).</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password)
    {
        var client = NewClient();
        var response = await LoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return client;
    }

    /// <summary>
    /// A system integration's client (a mailbox, say): an administrator of the organisation creates its token through the
    /// real endpoint, and the client carries it as a bearer token, as the integration would.
    /// </summary>
    public async Task<HttpClient> TokenClientAsync(int organisationId, Channel channel, string name = "测试接口")
    {
        var (admin, password) = await CreateUserAsync(organisationId, true, StaffRoles.Administrator);
        using var adminClient = await SignedInClientAsync(admin, password);
        var created = await adminClient.PostAsJsonAsync("/api/tokens", new { name, organisationId, channel = channel.ToString() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient NewClient() =>
        new(new ServerErrors.Handler(Errors) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true } })
        {
            BaseAddress = BaseAddress,
        };

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the login form carries an antiforgery token");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/console",
            ["__RequestVerificationToken"] = token,
        }));
    }
}

public sealed class SqliteApp() : TestApp(DatabaseProvider.Sqlite);
public sealed class PostgresApp() : TestApp(DatabaseProvider.Postgres);

/// <summary>
/// Apps whose clock stands at 2026-09-16 10:00 in Beijing (02:00 UTC), so legal dates in tests are dates someone can
/// count by hand: 15 日 from 2026-09-16 ends on 2026-10-01, inside the National Day holiday.
/// </summary>
public sealed class SqliteClockApp() : TestApp(DatabaseProvider.Sqlite, time: TestClock.New());
public sealed class PostgresClockApp() : TestApp(DatabaseProvider.Postgres, time: TestClock.New());

public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 9, 16, 2, 0, 0, TimeSpan.Zero);

    public static Microsoft.Extensions.Time.Testing.FakeTimeProvider New() => new(Start);
}

/// <summary>An app with a small, deterministic set of demo petitions, for pages that show data.</summary>
public sealed class SqliteDemoApp() : TestApp(DatabaseProvider.Sqlite, demoPetitions: 400);

/// <summary>The same small demo set on PostgreSQL.</summary>
public sealed class PostgresDemoApp() : TestApp(DatabaseProvider.Postgres, demoPetitions: 400);
