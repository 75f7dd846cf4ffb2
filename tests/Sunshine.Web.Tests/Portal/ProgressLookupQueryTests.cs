using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Sunshine.Web.Tests.Portal;

/// <summary>
/// The progress lookup is what a crowd of petitioners calls (issue #8: ≥ 1,000 a second): a case with a plain history is
/// answered with three queries — the case by its number, its history, the organisations the history names — and the
/// holiday calendar is read at most once a minute (<c>Portal:CalendarCacheSeconds</c>), not per lookup.
/// </summary>
public abstract class ProgressLookupQueryTests(TestApp app)
{
    [Fact]
    public async Task A_lookup_runs_three_queries_and_reads_the_calendar_once_a_minute()
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
        var answer = await citizen.PostAsJsonAsync("/api/public/progress", lookup);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(lookup.caseNumber, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseNumber").GetString());
        var commands = counter.Take();
        Assert.True(commands.Count == 3, "expected 3 queries, got:\n" + string.Join("\n---\n", commands));
        Assert.DoesNotContain(commands, c => c.Contains("CalendarDays", StringComparison.Ordinal));

        // A minute on, the calendar is read again, once, and the lookup's own three queries stay.
        ((FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsJsonAsync("/api/public/progress", lookup)).StatusCode);
        var later = counter.Take();
        Assert.Single(later, c => c.Contains("CalendarDays", StringComparison.Ordinal));
        Assert.Equal(3, later.Count(c => !c.Contains("CalendarDays", StringComparison.Ordinal) && !c.Contains("HolidayNotices", StringComparison.Ordinal)));
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
public sealed class SqliteProgressLookupQueryTests(SqliteClockApp app) : ProgressLookupQueryTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresProgressLookupQueryTests(PostgresClockApp app) : ProgressLookupQueryTests(app), IClassFixture<PostgresClockApp>;
