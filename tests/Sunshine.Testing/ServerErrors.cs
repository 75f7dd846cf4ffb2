using Microsoft.Extensions.Logging;

namespace Sunshine.Testing;

/// <summary>
/// The errors a test app's server logged, so that a test which meets a 5xx says why. The server's console log is not in
/// the summary CI keeps, and a 500 met once in a run cannot be asked again: the failure has to carry its cause.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<(long Number, string Text)> _entries = [];
    private long _next;

    /// <summary>The number the next error will get: read before a request, it marks where that request's errors start.</summary>
    public long Mark()
    {
        lock (_gate) return _next;
    }

    /// <summary>The errors logged from <paramref name="mark"/> on, one after another, newest last.</summary>
    public string Since(long mark)
    {
        lock (_gate) return string.Join(" || ", _entries.Where(e => e.Number >= mark).Select(e => e.Text));
    }

    private void Add(string text)
    {
        lock (_gate)
        {
            _entries.Add((_next++, text));
            // A long test run keeps only the recent ones; a request's own are logged while it runs.
            if (_entries.Count > 50) _entries.RemoveAt(0);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ServerErrors errors, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            errors.Add($"{category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception)}");
        }
    }

    /// <summary>
    /// Puts the server's errors into the reason phrase of a 5xx answer, where <c>EnsureSuccessStatusCode</c> and a failed
    /// assertion print it. The status code stays as it was, for tests that expect a 500.
    /// </summary>
    public sealed class Handler(ServerErrors errors) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var mark = errors.Mark();
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500 && errors.Since(mark) is { Length: > 0 } logged)
            {
                // A reason phrase is one line.
                var line = logged.ReplaceLineEndings(" | ");
                response.ReasonPhrase = $"{response.ReasonPhrase}; the server logged: {(line.Length > 4000 ? line[..4000] + " …" : line)}";
            }
            return response;
        }
    }
}
