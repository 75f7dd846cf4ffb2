using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Portal;

/// <summary>
/// The progress lookup is what a crowd of petitioners calls (issue #8: ≥ 1,000 a second): a case with a plain history is
/// answered with one query on PostgreSQL — the case by its number with its history and the organisations they name — and
/// with three small ones on SQLite (case, history, organisations: SQLite compiles a statement on every run, and the one
/// query cost more to compile than the three), and the holiday calendar is read at most once a minute
/// (<c>Calendar:CacheSeconds</c>), not per lookup.
/// </summary>
public abstract class ProgressLookupQueryTests(TestApp app)
{
    /// <summary>The statements a lookup of a case with a plain history runs on this database.</summary>
    protected abstract int LookupStatements { get; }

    [Fact]
    public async Task A_lookup_runs_its_statements_and_reads_the_calendar_once_a_minute()
    {
        using var citizen = app.NewClient();
        var submitted = await citizen.PostAsJsonAsync("/api/public/petitions", new
        {
            issueLocalityCode = "140105001000", purpose = "Suggestion", summary = "建议修复小区路灯",
            content = "本人居住的小区路灯已经连续两个月不亮，夜间出行不便，建议有关部门督促物业尽快维修。",
            name = "刘芳", phone = "13712345678", acceptPrivacyNotice = true, submissionId = Guid.NewGuid().ToString(),
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var lookup = new { caseNumber = receipt.GetProperty("caseNumber").GetString(), queryCode = receipt.GetProperty("queryCode").GetString() };
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsJsonAsync("/api/public/progress", lookup)).StatusCode);

        using var counter = await CommandCounter.StartAsync(app);
        // The lookup's contexts are reused (PooledContexts), and EF caches whether anyone listens to its events for a
        // second (ConfigureLoggingCacheTime's default): give the context that answered the warm-up time to see the counter.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var answer = await citizen.PostAsJsonAsync("/api/public/progress", lookup);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(lookup.caseNumber, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseNumber").GetString());
        var commands = counter.Take();
        Assert.True(commands.Count == LookupStatements, $"expected {LookupStatements} queries, got:\n" + string.Join("\n---\n", commands));
        Assert.DoesNotContain(commands, c => c.Contains("CalendarDays", StringComparison.Ordinal));

        // A minute on, the calendar is read again, once, and the lookup's own statements stay as many.
        ((FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsJsonAsync("/api/public/progress", lookup)).StatusCode);
        var later = counter.Take();
        Assert.Single(later, c => c.Contains("CalendarDays", StringComparison.Ordinal));
        Assert.Equal(LookupStatements, later.Count(c => !c.Contains("CalendarDays", StringComparison.Ordinal) && !c.Contains("HolidayNotices", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The lookup reads through reused contexts (<see cref="PooledContexts"/>): lookups at once, of two cases and with a
    /// wrong code among them, each answer their own case or the wrong pair's 404 — nothing of one lookup is left for the next.
    /// </summary>
    [Fact]
    public async Task Lookups_on_reused_contexts_answer_each_their_own_case()
    {
        using var citizen = app.NewClient();
        var cases = new List<(string CaseNumber, string QueryCode, string Summary)>();
        foreach (var summary in new[] { "建议增设公交站点", "反映道路积水问题" })
        {
            var submitted = await citizen.PostAsJsonAsync("/api/public/petitions", new
            {
                issueLocalityCode = "140105001000", purpose = "Suggestion", summary,
                content = "本人每天经过此处，情况已持续一段时间，希望有关部门尽快研究解决，方便群众出行。",
                name = "王强", phone = "13812345678", acceptPrivacyNotice = true, submissionId = Guid.NewGuid().ToString(),
            });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
            cases.Add((receipt.GetProperty("caseNumber").GetString()!, receipt.GetProperty("queryCode").GetString()!, summary));
        }

        // Three wrong pairs in all (below the free failures, so none waits on the test's clock).
        var lookups = Enumerable.Range(0, 40).Select(async i =>
        {
            var (caseNumber, queryCode, summary) = cases[i % 2];
            var wrong = i is 7 or 20 or 33;
            var answer = await citizen.PostAsJsonAsync("/api/public/progress", new { caseNumber, queryCode = wrong ? "WRONG000" : queryCode });
            return (Wrong: wrong, CaseNumber: caseNumber, Summary: summary, Status: answer.StatusCode, Body: await answer.Content.ReadFromJsonAsync<JsonElement>());
        });
        foreach (var lookup in await Task.WhenAll(lookups))
        {
            if (lookup.Wrong)
            {
                Assert.Equal(HttpStatusCode.NotFound, lookup.Status);
                Assert.Equal(0, lookup.Body.GetProperty("delaySeconds").GetInt32());
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, lookup.Status);
            Assert.Equal(lookup.CaseNumber, lookup.Body.GetProperty("caseNumber").GetString());
            Assert.Equal(lookup.Summary, lookup.Body.GetProperty("summary").GetString());
        }

        // A context goes back with its connection closed (a pooled context must not keep a database connection), and
        // the next one rented has nothing tracked from the last.
        var contexts = app.Services.GetRequiredService<PooledContexts>();
        var connection = await contexts.ReadAsync(db =>
        {
            db.QueryThrottles.Add(new Sunshine.Data.Entities.QueryThrottle { ClientKey = [1, 2, 3], Failures = 1, LastFailureAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            Assert.Equal(System.Data.ConnectionState.Open, db.Database.GetDbConnection().State);
            return Task.FromResult(db.Database.GetDbConnection());
        }, CancellationToken.None);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.Equal(0, await contexts.ReadAsync(db => Task.FromResult(db.ChangeTracker.Entries().Count()), CancellationToken.None));
    }

    /// <summary>The SQL commands EF runs on this test's database (other tests' databases are left out), as they run.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _database;
        private readonly ConcurrentQueue<string> _commands = new();
        private readonly List<IDisposable> _subscriptions = [];

        private CommandCounter(string database)
        {
            _database = database;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public static async Task<CommandCounter> StartAsync(TestApp app)
        {
            await using var db = app.NewContext();
            await db.Database.OpenConnectionAsync();
            return new CommandCounter(Key(db.Database.GetDbConnection()));
        }

        private static string Key(DbConnection connection) => connection.DataSource + "|" + connection.Database;

        public List<string> Take()
        {
            var taken = new List<string>();
            while (_commands.TryDequeue(out var command)) taken.Add(command);
            return taken;
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
                && data.Command.Connection is { } connection && Key(connection) == _database)
                _commands.Enqueue(data.Command.CommandText);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteProgressLookupQueryTests(SqliteClockApp app) : ProgressLookupQueryTests(app), IClassFixture<SqliteClockApp>
{
    protected override int LookupStatements => 3;
}

[Collection("postgres")]
public sealed class PostgresProgressLookupQueryTests(PostgresClockApp app) : ProgressLookupQueryTests(app), IClassFixture<PostgresClockApp>
{
    protected override int LookupStatements => 1;

    /// <summary>
    /// On PostgreSQL the lookup's contexts read through a pool that prepares the statements it runs often, so the server
    /// does not parse and plan them on every lookup (docs/performance.md, session 9); the app's main pool does not.
    /// </summary>
    [Fact]
    public async Task The_lookup_pool_prepares_its_statements_and_the_main_pool_does_not()
    {
        const string Probe = "SELECT count(*) AS \"Value\" FROM \"Organisations\" WHERE \"Id\" > {0}";
        const string Prepared = "SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%\"Organisations\" WHERE \"Id\" >%'";
        var contexts = app.Services.GetRequiredService<PooledContexts>();
        var lookupPool = await contexts.ReadAsync(async db =>
        {
            for (var i = 0; i < 6; i++) await db.Database.SqlQueryRaw<long>(Probe, i).ToListAsync();
            return await db.Database.SqlQueryRaw<long>(Prepared).SingleAsync();
        }, CancellationToken.None);
        Assert.Equal(1, lookupPool);

        await using var main = app.NewContext();
        await main.Database.OpenConnectionAsync();
        for (var i = 0; i < 6; i++) await main.Database.SqlQueryRaw<long>(Probe, i).ToListAsync();
        Assert.Equal(0, await main.Database.SqlQueryRaw<long>(Prepared).SingleAsync());

        // Only the connection string differs: the lookup's contexts use the model the app built at start.
        await using var scope = app.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<Sunshine.Data.SunshineDbContext>().Model;
        Assert.Same(model, await contexts.ReadAsync(db => Task.FromResult(db.Model), CancellationToken.None));
    }
}
