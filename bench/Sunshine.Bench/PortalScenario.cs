using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sunshine.Bench;

public static partial class BenchRun
{
    /// <summary>
    /// What citizens do on the public site, each with many clients at once for a bounded time: the home page (as served,
    /// from the output cache, and rendered on every request), an online petition (<c>POST /api/public/petitions</c>,
    /// answered after its commit) and the progress lookup with the case numbers and query codes those submissions
    /// received. The baseline of the pages is a static file through the same server; of the submission, the integration
    /// API's rate in this run is printed beside it by the intake line. Throughout, the process's working set is sampled:
    /// its peak is the server's memory under this load (an upper bound: the load generator lives in the same process).
    /// </summary>
    private static async Task<List<Measurement>> PortalAsync(Uri address, List<Text> texts, BenchSettings settings, CancellationToken ct)
    {
        await using var memory = new MemorySampler();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients }) { BaseAddress = address };
        var seconds = Math.Max(3, settings.IntakeSeconds / 2);
        // Each kind of request once before it is timed, so no phase pays for compiling its code path on a cold server.
        foreach (var url in new[] { "/portal.css", "/", "/" })
            using (var response = await http.GetAsync(url, ct)) response.EnsureSuccessStatusCode();
        var staticFile = await LoadAsync(settings.Clients, seconds, async _ =>
        {
            using var response = await http.GetAsync("/portal.css", ct);
            return response.IsSuccessStatusCode;
        }, ct);
        var home = await LoadAsync(settings.Clients, seconds, async _ =>
        {
            using var response = await http.GetAsync("/", ct);
            return response.IsSuccessStatusCode;
        }, ct);
        // The same page rendered on every request: the output cache neither looks up nor stores a request that carries
        // an Authorization header, and the app's sign-in reads only its cookie, so the page is drawn as before the cache.
        var rendered = await LoadAsync(settings.Clients, seconds, async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bench", "render");
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode && response.Headers.Age is null;
        }, ct);

        var receipts = new System.Collections.Concurrent.ConcurrentBag<(string CaseNumber, string QueryCode)>();
        var submit = await LoadAsync(settings.Clients, seconds, async i =>
        {
            var t = texts[i % texts.Count];
            var body = new
            {
                issueLocalityCode = t.Locality, purpose = t.Purpose.ToString(), summary = t.Summary, content = t.Content,
                name = "测试" + (i % 1000), idNumber = IdNumber(t.Locality, i), phone = "137" + (i % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                acceptPrivacyNotice = true, submissionId = Guid.NewGuid().ToString(),
            };
            using var response = await http.PostAsJsonAsync("/api/public/petitions", body, ct);
            if (response.StatusCode != HttpStatusCode.Created) return false;
            var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            receipts.Add((receipt.GetProperty("caseNumber").GetString()!, receipt.GetProperty("queryCode").GetString()!));
            return true;
        }, ct);

        var known = receipts.ToList();
        if (known.Count > 0)
            using (var response = await http.PostAsJsonAsync("/api/public/progress", new { caseNumber = known[0].CaseNumber, queryCode = known[0].QueryCode }, ct))
                response.EnsureSuccessStatusCode();
        var lookup = known.Count == 0 ? null : await LoadAsync(settings.Clients, seconds, async i =>
        {
            var (caseNumber, queryCode) = known[i % known.Count];
            using var response = await http.PostAsJsonAsync("/api/public/progress", new { caseNumber, queryCode }, ct);
            return response.IsSuccessStatusCode;
        }, ct);

        // The same lookup at a fixed offered rate (open loop): a request starts on its schedule whether or not the earlier
        // ones were answered, and its latency counts from that scheduled start, so waiting in any queue (the load
        // generator's, the server's) counts. The closed loop above measures the most the server answers; its 64 clients
        // wait for their answers and so slow their own offer, its latency being about clients / rate.
        Load? offered = null;
        if (known.Count > 0)
        {
            using var open = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096 }) { BaseAddress = address };
            offered = await OpenLoopAsync(ProgressOfferedRate, seconds, async i =>
            {
                var (caseNumber, queryCode) = known[i % known.Count];
                using var response = await open.PostAsJsonAsync("/api/public/progress", new { caseNumber, queryCode }, ct);
                return response.IsSuccessStatusCode;
            }, ct);
        }

        var results = new List<Measurement>
        {
            staticFile.Measure("portal static file (baseline)", "—", null),
            home.Measure($"portal home page, {settings.Clients} clients", "static file", staticFile),
            rendered.Measure($"portal home page rendered each time, {settings.Clients} clients", "static file", staticFile),
            submit.Measure($"portal online petition, {settings.Clients} clients", "static file", staticFile),
        };
        if (lookup is not null) results.Add(lookup.Measure($"portal progress lookup, {settings.Clients} clients ({known.Count} cases)", "static file", staticFile));
        if (offered is not null)
            results.Add(offered.Measure(FormattableString.Invariant($"portal progress lookup, open loop at {ProgressOfferedRate:N0}/s offered"),
                $"closed loop, {settings.Clients} clients", lookup));
        results.Add(await memory.MeasureAsync());
        return results;
    }

    /// <summary>The progress lookup's target rate (issue #8: ≥ 1,000 lookups per second with p95 ≤ 50 ms).</summary>
    private const int ProgressOfferedRate = 1_000;

    /// <summary>
    /// <paramref name="perSecond"/> calls a second for <paramref name="seconds"/>, each started at its scheduled time
    /// (start + i / rate) however many are still unanswered; a latency is measured from the scheduled time, so a late start
    /// (a busy load generator) and any queueing count. The rate is of the calls answered, over the time until the last answer.
    /// </summary>
    private static async Task<Load> OpenLoopAsync(int perSecond, int seconds, Func<int, Task<bool>> call, CancellationToken ct)
    {
        var total = perSecond * seconds;
        var latencies = new double[total];
        var succeeded = new bool[total];
        var calls = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        var interval = (double)Stopwatch.Frequency / perSecond;
        for (var i = 0; i < total && !ct.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * interval);
            // Timers tick in about a millisecond: a call due sooner than that starts now (early by less than a tick).
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            var k = i;
            calls.Add(Task.Run(async () =>
            {
                try
                {
                    succeeded[k] = await call(k);
                }
                catch (HttpRequestException)
                {
                    // Refused or reset under the load: counted as failed, as a non-success status is.
                }
                latencies[k] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }, ct));
        }
        await Task.WhenAll(calls);
        var answered = Enumerable.Range(0, calls.Count).Where(k => succeeded[k]).Select(k => latencies[k]).ToList();
        return new Load(answered, Stopwatch.GetElapsedTime(start).TotalSeconds, calls.Count - answered.Count);
    }

    /// <summary>
    /// The process's working set, sampled every 100 ms while it lives, beside the 1.5 GB target: the peak of the
    /// samples (the load phases only) and, in the note, the process's lifetime peak (which includes loading the data).
    /// </summary>
    private sealed class MemorySampler : IAsyncDisposable
    {
        private const double TargetMegabytes = 1536;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _peak;
        private int _samples;

        public MemorySampler() => _sampling = Task.Run(SampleAsync);

        private async Task SampleAsync()
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                _samples++;
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public async Task<Measurement> MeasureAsync()
        {
            await _stop.CancelAsync();
            await _sampling;
            using var process = Process.GetCurrentProcess();
            var megabytes = _peak / 1048576.0;
            var gc = GC.GetGCMemoryInfo();
            return new Measurement(FormattableString.Invariant($"server memory: peak working set under the portal load {megabytes:F0} MB (process lifetime peak {process.PeakWorkingSet64 / 1048576.0:F0} MB)"), double.NaN, double.NaN, double.NaN, _samples,
                "target 1536 MB", double.NaN, double.NaN, megabytes / TargetMegabytes,
                FormattableString.Invariant($"managed heap {gc.HeapSizeBytes / 1048576.0:F0} MB, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC"));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _sampling;
            _stop.Dispose();
        }
    }
}
