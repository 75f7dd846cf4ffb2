using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sunshine.Bench;

/// <summary>
/// Where a request's time goes, without a profiler: the server's own time per request (ASP.NET Core's hosting activity,
/// from the request's arrival to its last byte) and the database's part of it (each EF statement's execution, and for a
/// query the reading of its rows up to the reader's disposal). Listens only while <see cref="Record"/> runs, so that the
/// other scenarios pay nothing for it.
/// </summary>
public sealed class ServerTimes : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    /// <summary>A little over EF's default logging cache time (<c>DbContextOptionsBuilder.ConfigureLoggingCacheTime</c>, 1 s).</summary>
    private static readonly TimeSpan LoggingCacheTime = TimeSpan.FromSeconds(1.5);

    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private static readonly string ReaderDisposing = RelationalEventId.DataReaderDisposing.Name!;

    private readonly ConcurrentBag<double> _requests = new();
    private readonly ConcurrentBag<IDisposable> _subscriptions = new();
    private long _statementTicks;
    private int _statements;

    /// <summary>Runs <paramref name="action"/>; the note gives the server's median per request and its statements' average.</summary>
    public static async Task<(T Result, string Note)> Record<T>(Func<Task<T>> action)
    {
        var times = new ServerTimes();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => times._requests.Add(activity.Duration.TotalMilliseconds),
        };
        ActivitySource.AddActivityListener(activities);
        times._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(times));
        // EF caches whether anyone listens for up to a second (its logging cache time): before that, statements would
        // go uncounted while their requests are counted.
        await Task.Delay(LoggingCacheTime);
        T result;
        try
        {
            result = await action();
        }
        finally
        {
            foreach (var subscription in times._subscriptions) subscription.Dispose();
        }
        var requests = times._requests.Order().ToList();
        if (requests.Count == 0) return (result, "");
        return (result, string.Create(CultureInfo.InvariantCulture,
            $"server {requests[requests.Count / 2]:F2} ms per request (median), of which EF's {times._statements / (double)requests.Count:F1} statements {TimeSpan.FromTicks(times._statementTicks).TotalMilliseconds / requests.Count:F2} ms (mean)"));
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        // Only these two events: EF builds the data of every event someone listens for.
        if (value.Name == DbLoggerCategory.Name) _subscriptions.Add(value.Subscribe(this, name => name == Executed || name == ReaderDisposing));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // A statement's execution (for a query, until its first row), then the rest of its rows until the reader is disposed.
        if (value.Value is CommandExecutedEventData executed)
        {
            Interlocked.Add(ref _statementTicks, executed.Duration.Ticks);
            Interlocked.Increment(ref _statements);
        }
        else if (value.Value is DataReaderDisposingEventData reader)
        {
            Interlocked.Add(ref _statementTicks, reader.Duration.Ticks);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
