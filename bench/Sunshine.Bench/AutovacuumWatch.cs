using System.Globalization;
using Npgsql;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Bench;

/// <summary>
/// PostgreSQL: the tables autovacuum works on while the scenarios run, looked at once a second. The bench's own writes
/// and their removal (<see cref="BenchWrites"/>) set autovacuum off every few runs, and at 1M one analysis of the search
/// entries reads up to 3M rows for about 23 s. Session 19's intake runs came out at 112–152/s or at 185–196/s with
/// the same code, and whether autovacuum was at work during the slow ones was not recorded (docs/performance.md).
/// Each scenario group now ends with a line naming what autovacuum did since the last such line, so a figure taken
/// beside its work can be told apart. The bench's role must be allowed to read other sessions' progress (a superuser,
/// or a member of <c>pg_read_all_stats</c>); for any other role the server hides the workers' tables, and the lines say
/// "nothing".
/// </summary>
internal sealed class AutovacuumWatch : IAsyncDisposable
{
    private const string Working = """
        SELECT v.relid::regclass::text || ' (vacuum)' FROM pg_stat_progress_vacuum AS v JOIN pg_stat_activity AS a USING (pid)
        WHERE a.backend_type = 'autovacuum worker' AND v.datname = current_database() AND v.relid IS NOT NULL
        UNION ALL
        SELECT z.relid::regclass::text || ' (analyse)' FROM pg_stat_progress_analyze AS z JOIN pg_stat_activity AS a USING (pid)
        WHERE a.backend_type = 'autovacuum worker' AND z.datname = current_database() AND z.relid IS NOT NULL
        """;

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _seconds = [];
    private readonly Task _loop;
    private bool _stopped;

    private AutovacuumWatch(string connectionString) => _loop = WatchAsync(connectionString, _stop.Token);

    public static AutovacuumWatch? Start(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Postgres ? new AutovacuumWatch(connectionString) : null;

    private async Task WatchAsync(string connectionString, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(Working, connection);
            while (!ct.IsCancellationRequested)
            {
                var tables = new List<string>();
                await using (var reader = await command.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
                lock (_gate)
                    foreach (var table in tables) _seconds[table] = _seconds.GetValueOrDefault(table) + 1;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A role that may not read the server's activity, a server gone: the figures are still taken, only unwatched.
            Console.WriteLine($"autovacuum is not watched: {ex.Message}");
            lock (_gate) _stopped = true;
        }
    }

    /// <summary>Prints what autovacuum worked on since the last report, with the seconds it was seen at it, and starts again.</summary>
    public void Report(string scenario)
    {
        string seen;
        lock (_gate)
        {
            seen = _stopped ? "(not watched)" : _seconds.Count == 0 ? "nothing"
                : string.Join(", ", _seconds.OrderByDescending(s => s.Value).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value} s")));
            _seconds.Clear();
        }
        Console.WriteLine($"{scenario}: autovacuum worked on {seen}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
