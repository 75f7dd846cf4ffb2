using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web;
using Sunshine.Web.Features.Oversight.Assessment;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Bench;

public sealed record BenchSettings(int Petitions, int Imports, int IntakeSeconds, int Clients, int Queries, DirectoryInfo? Data, string? PostgresServer, FileInfo? Output,
    IReadOnlySet<string>? Only = null)
{
    /// <summary>The scenario groups a run can be limited to with <c>--only</c>.</summary>
    public static readonly string[] Groups = ["import", "intake", "search", "portal", "assessment", "dashboard", "report", "caselist", "repeat"];

    public bool Runs(string group) => Only is null || Only.Contains(group);
}

/// <summary>One line of the results: a scenario's figures and, beside them, the baseline of the same run.</summary>
public sealed record Measurement(string Scenario, double MedianMs, double P95Ms, double PerSecond, int Count,
    string Baseline, double BaselineMedianMs, double BaselinePerSecond, double Ratio, string Note);

/// <summary>
/// One provider's run: load (or reuse) the demo data, start the real app on 127.0.0.1, then measure. Each scenario's
/// ratio is taken against a baseline measured in the same run on the same data, so it holds on a busy machine.
/// </summary>
public static partial class BenchRun
{
    public static async Task RunAsync(DatabaseProvider provider, BenchSettings settings, CancellationToken ct)
    {
        var temporary = settings.Data is null;
        var folder = settings.Data?.FullName ?? Path.Combine(Path.GetTempPath(), "sunshine-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var databaseName = $"sunshine_bench_{settings.Petitions}";
        var connection = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(folder, "sunshine.db")}"
            : await PostgresDatabaseAsync(settings.PostgresServer!, databaseName, fresh: temporary, ct);
        Console.WriteLine($"== {provider}: {settings.Petitions:N0} petitions, {Environment.ProcessorCount} cores, {Environment.OSVersion}");

        var builder = SunshineApp.CreateBuilder(["--environment", "Benchmark"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:AutoMigrate"] = "true",
                ["ConnectionStrings:Sunshine"] = connection,
                ["PersonalData:KeyFile"] = Path.Combine(folder, "personal-data.json"),
                ["Demo:Petitions"] = settings.Petitions.ToString(CultureInfo.InvariantCulture),
                ["Logs:Json"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Sunshine"] = "Information",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("BENCH_SQL_LOG") ?? "Warning",
                // The load generator is one client address: lift the portal's per-client limits for the measurement.
                ["Portal:Submissions:PermitLimit"] = "100000000",
                ["Portal:Lookups:PermitLimit"] = "100000000",
                // Background passes would compete with the measurements; the dashboard scenario rebuilds its rollups itself.
                ["BackgroundWork:Enabled"] = "false",
            });
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await using var app = SunshineApp.Build(builder);
        var load = Stopwatch.StartNew();
        await Startup.PrepareAsync(app.Services, app.Configuration, app.Logger, ct);
        Console.WriteLine($"data ready in {load.Elapsed.TotalSeconds:F1} s");
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var results = new List<Measurement>();
        var mark = await BenchWrites.RemoveLeftoversAsync(app.Services, settings.Petitions, ct);
        await using var autovacuum = AutovacuumWatch.Start(provider, connection);
        var texts = await SampleTextsAsync(app.Services, Math.Max(settings.Imports, 2_000), ct);
        // Intake's ratio is taken against the import rate, so asking for intake measures the import too.
        if (settings.Runs("import") || settings.Runs("intake"))
        {
            var (import, rawRate) = await ImportAsync(app.Services, texts, settings.Imports, folder, ct);
            results.Add(import);
            if (settings.Runs("intake")) results.Add(await IntakeAsync(app.Services, address, texts, settings, rawRate, ct));
            autovacuum?.Report("import and intake");
            await BenchWrites.RemoveAsync(app.Services, mark, "import and intake", ct);
        }
        // Each group's figures, then what autovacuum did since the last report: while they were taken, and during the
        // removal before them.
        if (settings.Runs("search"))
        {
            results.AddRange(await SearchAsync(app.Services, address, provider, settings.Queries, ct));
            autovacuum?.Report("search");
        }
        if (settings.Runs("caselist"))
        {
            results.AddRange(await CaseListAsync(app.Services, address, settings.Queries, ct));
            autovacuum?.Report("case lists");
        }
        if (settings.Runs("repeat"))
        {
            results.AddRange(await RepeatAsync(app.Services, folder, ct));
            autovacuum?.Report("repeat check");
            await BenchWrites.RemoveAsync(app.Services, mark, "repeat check", ct);
        }
        if (settings.Runs("portal"))
        {
            results.AddRange(await PortalAsync(address, texts, settings, ct));
            autovacuum?.Report("portal");
            await BenchWrites.RemoveAsync(app.Services, mark, "portal", ct);
        }
        if (settings.Runs("assessment"))
        {
            results.AddRange(await AssessmentAsync(app.Services, address, settings.Queries, ct));
            autovacuum?.Report("assessment");
        }
        if (settings.Runs("dashboard"))
        {
            results.AddRange(await DashboardAsync(app.Services, address, settings.Queries, ct));
            autovacuum?.Report("dashboard");
        }
        if (settings.Runs("report"))
        {
            results.AddRange(await ReportScenario.RunAsync(app.Services, provider, settings.Queries, ct));
            autovacuum?.Report("annual report");
        }
        await BenchWrites.RemoveAccountsAsync(app.Services, ct);
        await app.StopAsync(ct);

        Print(provider, results);
        var file = settings.Output?.FullName ?? Path.Combine("bench", "results", $"{provider.ToString().ToLowerInvariant()}-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}.json".Replace(":", "", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { provider = provider.ToString(), settings.Petitions, cores = Environment.ProcessorCount, results },
            new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }), ct);
        Console.WriteLine($"results: {file}");
        if (temporary)
        {
            if (provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            else await DropPostgresDatabaseAsync(settings.PostgresServer!, databaseName, ct);
            Directory.Delete(folder, recursive: true);
        }
    }

    internal sealed record Text(string Summary, string Content, string Locality, Purpose Purpose);

    /// <summary>Real demo texts to send again: the same distribution of lengths and words as the loaded data.</summary>
    private static async Task<List<Text>> SampleTextsAsync(IServiceProvider services, int count, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var max = await db.Petitions.MaxAsync(p => p.Id, ct);
        var step = Math.Max(1, max / count);
        var ids = Enumerable.Range(0, count).Select(i => 1 + (long)i * step).ToList();
        return await db.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new Text(p.Summary, p.Content, p.IssueLocalityCode, p.Purpose)).ToListAsync(ct);
    }

    /// <summary>
    /// <c>sunshine import petitions</c>'s own code on a CSV of <paramref name="count"/> rows, beside the raw pipeline of the
    /// same rows in the same run (<see cref="ImportScenario.RawPipelineAsync"/>: segment + plain insert / COPY + index).
    /// The CPU work alone (segmentation and fingerprint on one core) is printed in the note.
    /// </summary>
    private static async Task<(Measurement Import, double RawRate)> ImportAsync(IServiceProvider services, List<Text> texts, int count, string folder, CancellationToken ct)
    {
        var rows = Enumerable.Range(0, count).Select(i => texts[i % texts.Count]).ToList();
        var csv = Path.Combine(folder, "import.csv");
        var run = Guid.NewGuid().ToString("N")[..6];
        var sb = new StringBuilder("external_id,name,phone,issue_locality,purpose,summary,content,received_on\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            sb.Append(CultureInfo.InvariantCulture, $"bench-{run}-{i},测试{i % 1000},139{i % 100_000_000:D8},{r.Locality},{r.Purpose},{Csv(r.Summary)},{Csv(r.Content)},2026-11-02\n");
        }
        await File.WriteAllTextAsync(csv, sb.ToString(), ct);

        var cpu = Stopwatch.StartNew();
        foreach (var r in rows.Take(Math.Min(rows.Count, 5_000))) ContentFingerprint.Bands(ChineseSegmenter.Tokens(r.Summary + "\n" + r.Content));
        var cpuRate = Math.Min(rows.Count, 5_000) / cpu.Elapsed.TotalSeconds;

        var rawRate = await ImportScenario.RawPipelineAsync(services, rows.Select(r => new ImportScenario.RawRow(r.Summary, r.Content, r.Locality, r.Purpose)).ToList(),
            PetitionImport.BatchSize, ct);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var bureau = await db.Organisations.Where(o => o.Kind == OrganisationKind.PetitionBureau).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
        using var phases = new PhaseTimes();
        var watch = Stopwatch.StartNew();
        var report = await PetitionImport.ImportAsync(csv, Channel.GovernorMailbox, bureau, services, ct);
        var rate = report.Created / watch.Elapsed.TotalSeconds;
        phases.Print(FormattableString.Invariant($"import of {report.Created:N0} in {watch.Elapsed.TotalSeconds:F1} s"));
        if (report.Errors.Count > 0) Console.WriteLine($"import: {report.Errors.Count} rows failed, first: line {report.Errors[0].Line}: {report.Errors[0].Reason}");
        return (new Measurement("import (file, batched)", 1000 / rate, double.NaN, rate, report.Created,
            "raw pipeline: segment + insert + index", 1000 / rawRate, rawRate, rate / rawRate,
            $"{report.Created:N0} created, {report.Errors.Count} failed; segment + fingerprint alone on one core {cpuRate:N0}/s"), rawRate);
    }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The integration API (<c>POST /api/integration/petitions</c>, an API token) with many clients at once, each answered
    /// after its commit; the baseline is the raw import pipeline of the same run (segment + plain insert / COPY + index).
    /// </summary>
    private static async Task<Measurement> IntakeAsync(IServiceProvider services, Uri address, List<Text> texts, BenchSettings settings, double importRate, CancellationToken ct)
    {
        string token;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            var bureau = await db.Organisations.Where(o => o.Kind == OrganisationKind.PetitionBureau).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
            var (secret, prefix, hash) = ApiTokenAuthentication.NewToken();
            db.ApiTokens.Add(new ApiToken { Name = BenchWrites.TokenName, Prefix = prefix, SecretHash = hash, OrganisationId = bureau, CreatedAt = DateTime.UnixEpoch, CreatedBy = "bench" });
            await db.SaveChangesAsync(ct);
            token = secret;
        }
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients }) { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var run = Guid.NewGuid().ToString("N")[..6];
        var latencies = new List<double>[settings.Clients];
        var failures = 0;
        var next = -1;
        using var phases = new PhaseTimes();
        var until = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(settings.IntakeSeconds);
        await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            while (until.Elapsed < limit && !ct.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var t = texts[i % texts.Count];
                var body = new
                {
                    channel = "GovernorMailbox", purpose = t.Purpose.ToString(), issueLocalityCode = t.Locality, summary = t.Summary, content = t.Content,
                    petitioner = new { name = "测试" + (i % 1000), phone = "138" + (i % 100_000_000).ToString("D8", CultureInfo.InvariantCulture) },
                    externalId = $"bench-api-{run}-{i}",
                };
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/integration/petitions", body, ct);
                if (response.StatusCode == HttpStatusCode.Created) mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                else Interlocked.Increment(ref failures);
            }
        }));
        var elapsed = until.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        phases.Print(FormattableString.Invariant($"intake of {all.Count:N0} in {elapsed:F1} s"));
        var rate = all.Count / elapsed;
        return new Measurement($"intake (HTTP API, {settings.Clients} clients)", Median(all), Percentile(all, 0.95), rate, all.Count,
            "raw import pipeline of this run", 1000 / importRate, importRate, rate / importRate, $"{failures} failed");
    }

    /// <summary>Latencies of the successful calls of <paramref name="clients"/> loops running for <paramref name="seconds"/>.</summary>
    private sealed record Load(List<double> Latencies, double Seconds, int Failures)
    {
        public double Rate => Latencies.Count / Seconds;

        public Measurement Measure(string scenario, string baseline, Load? against) => new(scenario, Median(Latencies), Percentile(Latencies, 0.95), Rate, Latencies.Count,
            baseline, against is null ? double.NaN : Median(against.Latencies), against?.Rate ?? double.NaN, against is null ? double.NaN : Rate / against.Rate, $"{Failures} failed");
    }

    private static async Task<Load> LoadAsync(int clients, int seconds, Func<int, Task<bool>> call, CancellationToken ct)
    {
        var latencies = new List<double>[clients];
        var failures = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            while (watch.Elapsed < limit && !ct.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                if (await call(Interlocked.Increment(ref next))) mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                else Interlocked.Increment(ref failures);
            }
        }));
        return new Load(latencies.SelectMany(l => l).ToList(), watch.Elapsed.TotalSeconds, failures);
    }

    /// <summary>A valid resident identity number (GB 11643 check character) in the division of the place, one per call.</summary>
    private static string IdNumber(string locality, int i)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var body = locality[..6] + new DateOnly(1960, 1, 1).AddDays(i % 15_000).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i % 1000).ToString("D3", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var k = 0; k < 17; k++) sum += (body[k] - '0') * weights[k];
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>
    /// How long each timed action runs before it is timed. .NET compiles a method quickly first and optimises it only
    /// after some 30 calls and a pause in new compilations, and EF Core's own code is not precompiled: after three calls
    /// the search and its bare query were both still partly unoptimised (a run with tiered compilation off was 20–45 %
    /// faster at each, session 11). A server that has run for a few seconds is past that.
    /// </summary>
    /// <remarks>The first timed action of the process warms for longer: the app's start leaves hundreds of methods
    /// waiting for their optimised code, and 2 s of one request left the first figure of a run (the province's floor and
    /// its bare query) at three to six times the same figures measured next.</remarks>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstWarmUp = TimeSpan.FromSeconds(10);

    private static int _timed;

    internal static async Task<List<double>> TimeAsync(int repetitions, Func<Task> action)
    {
        var warming = Stopwatch.StartNew();
        var warmUp = Interlocked.Increment(ref _timed) == 1 ? FirstWarmUp : WarmUp;
        for (var i = 0; i < 3 || warming.Elapsed < warmUp; i++) await action();
        var times = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    /// <summary>
    /// 信访考核 for the whole province and one year (the latest year with data, then the year before) through the HTTP API: every unit's counts,
    /// rates, score and rank. The baseline is a plain GROUP BY of the same per-unit counts on the same rows (responsible
    /// unit and registering bureau, no scope, no due-date arithmetic), in SQL written by hand.
    /// </summary>
    private static async Task<List<Measurement>> AssessmentAsync(IServiceProvider services, Uri address, int repetitions, CancellationToken ct)
    {
        var results = new List<Measurement>();
        // The monthly rollups' first build (every closed month), a line of its own; the table then reads them.
        var rebuild = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var pass = await AssessmentRollups.RebuildAsync(db, TimeProvider.System, ct);
            var seconds = rebuild.Elapsed.TotalSeconds;
            results.Add(new Measurement("assessment rollups first build", seconds * 1000, double.NaN, pass.Months / seconds, pass.Months,
                "—", double.NaN, double.NaN, double.NaN, $"{pass.Months} closed months, {pass.Days} days, {pass.Rows:N0} rows"));
        }
        var province = await SignedInAsync(services, address, "山西省信访局", ct);
        DateOnly latest;
        int receivedToday;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            latest = await db.Petitions.MaxAsync(p => p.ReceivedOn, ct);
            var day = ChinaTime.Today(TimeProvider.System);
            receivedToday = await db.Petitions.CountAsync(p => p.ReceivedOn == day, ct);
        }
        // The latest year, whose current day is counted live (the rollups hold closed days only), and the whole year before
        // it, read from the rollups alone. Today's petitions include what the bench itself wrote today (import, intake,
        // online petitions): 40,678 of them on one day of session 12 took 160 ms of the latest year's 200 ms.
        foreach (var year in new[] { latest.Year, latest.Year - 1 })
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var url = "/api/oversight/assessment?period=" + year.ToString(CultureInfo.InvariantCulture);
            var (units, rolledUp, daysRolledUp, yearToDate) = (0, 0, 0, false);
            var (api, server) = await ServerTimes.Record(() => TimeAsync(repetitions, async () =>
            {
                using var response = await province.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                units = json.RootElement.GetProperty("rows").GetArrayLength();
                rolledUp = json.RootElement.GetProperty("monthsFromRollups").GetInt32();
                daysRolledUp = json.RootElement.GetProperty("daysFromRollups").GetInt32();
                yearToDate = json.RootElement.GetProperty("yearToDateFromRollups").GetBoolean();
            }));
            var raw = await TimeAsync(repetitions, async () =>
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
                await db.Database.SqlQuery<UnitGroup>($"""
                    SELECT "ResponsibleOrganisationId" AS "Unit", COUNT(*) AS "Items",
                           SUM(CASE WHEN COALESCE("OpinionIssuedOn", "ConcludedOn") <= "HandlingDueOn" THEN 1 ELSE 0 END) AS "OnTime",
                           SUM(CASE WHEN COALESCE("OpinionIssuedOn", "ConcludedOn") > "HandlingDueOn" THEN 1 ELSE 0 END) AS "Late",
                           SUM(CASE WHEN "UnitEvaluation" IS NOT NULL THEN 1 ELSE 0 END) AS "Evaluated",
                           SUM(CASE WHEN "UnitEvaluation" IN (0, 1) THEN 1 ELSE 0 END) AS "Satisfied",
                           SUM(CASE WHEN "OriginalPetitionId" IS NOT NULL THEN 1 ELSE 0 END) AS "Repeat",
                           SUM(CASE WHEN "Channel" NOT IN (1, 2) THEN 1 ELSE 0 END) AS "Online"
                    FROM "Petitions" WHERE "ReceivedOn" >= {from} AND "ReceivedOn" <= {to} AND "ResponsibleOrganisationId" IS NOT NULL
                    GROUP BY "ResponsibleOrganisationId"
                    """).ToListAsync(ct);
                await db.Database.SqlQuery<UnitGroup>($"""
                    SELECT "RegisteringOrganisationId" AS "Unit", COUNT(*) AS "Items", 0 AS "OnTime", 0 AS "Late", 0 AS "Evaluated", 0 AS "Satisfied", 0 AS "Repeat", 0 AS "Online"
                    FROM "Petitions" WHERE "ReceivedOn" >= {from} AND "ReceivedOn" <= {to}
                    GROUP BY "RegisteringOrganisationId"
                    """).ToListAsync(ct);
            });
            var live = year == latest.Year ? string.Create(CultureInfo.InvariantCulture, $", {receivedToday:N0} petitions received today counted live") : "";
            results.Add(new Measurement($"assessment province {year} ({units} units)", Median(api), Percentile(api, 0.95), 1000 / Median(api), repetitions,
                "plain GROUP BY of the counts", Median(raw), 1000 / Median(raw), Median(api) / Median(raw), $"{rolledUp} months and {daysRolledUp} days from rollups{(yearToDate ? " (year-to-date span)" : "")}{live}; {server}"));
        }
        return results;
    }

    private sealed record UnitGroup(long Unit, long Items, long OnTime, long Late, long Evaluated, long Satisfied, long Repeat, long Online);

    /// <summary>A bureau leader of the named bureau, signed in through the real login form.</summary>
    private static async Task<HttpClient> SignedInAsync(IServiceProvider services, Uri address, string bureau, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var organisation = await db.Organisations.SingleAsync(o => o.Name == bureau, ct);
        var name = "bench" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Bench-Pass-2026";
        var user = new StaffUser { UserName = name, DisplayName = BenchWrites.UserDisplayName, OrganisationId = organisation.Id, IncludeSubordinates = true, CreatedAt = DateTime.UnixEpoch };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, StaffRoles.BureauLeader));

        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = address };
        var page = await client.GetStringAsync("/account/login", ct);
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = name, ["Password"] = password, ["ReturnUrl"] = "/console", ["__RequestVerificationToken"] = antiforgery,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("error=", StringComparison.Ordinal) == true)
            throw new InvalidOperationException("The benchmark user could not sign in.");
        return client;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static async Task<string> PostgresDatabaseAsync(string server, string name, bool fresh, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            var found = await exists.ExecuteScalarAsync(ct) is not null;
            if (found && fresh) await Execute(connection, $"DROP DATABASE \"{name}\" WITH (FORCE)", ct);
            if (!found || fresh) await Execute(connection, $"CREATE DATABASE \"{name}\"", ct);
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task DropPostgresDatabaseAsync(string server, string name, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
#pragma warning disable CA2100 // the name is built by this program from a number, not from input
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static double Median(List<double> values) => Percentile(values, 0.5);

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static void Print(DatabaseProvider provider, List<Measurement> results)
    {
        Console.WriteLine();
        Console.WriteLine($"| {provider} | median ms | p95 ms | per s | n | baseline | baseline median ms | baseline per s | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|---:|---:|---:|");
        foreach (var m in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Scenario} | {m.MedianMs:F2} | {m.P95Ms:F2} | {m.PerSecond:F0} | {m.Count} | {m.Baseline} | {m.BaselineMedianMs:F2} | {m.BaselinePerSecond:F0} | {m.Ratio:F2} |"));
        Console.WriteLine();
        foreach (var m in results.Where(m => m.Note.Length > 0)) Console.WriteLine($"- {m.Scenario}: {m.Note}");
        Console.WriteLine();
    }
}
