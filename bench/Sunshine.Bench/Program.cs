using System.CommandLine;
using Sunshine.Bench;
using Sunshine.Web.Infrastructure;

// The scenario runner: loads N demo petitions into a database of each kind, then measures intake (file import and the
// HTTP API) and search, each figure beside a baseline measured in the same run on the same data. See docs/performance.md.
var petitions = new Option<int>("--petitions") { Description = "Demo petitions to load first.", DefaultValueFactory = _ => 1_000_000 };
var providers = new Option<string>("--provider") { Description = "sqlite, postgres or both.", DefaultValueFactory = _ => "both" };
var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL server connection string (a database is created on it); default: the SUNSHINE_TEST_POSTGRES variable." };
var data = new Option<DirectoryInfo?>("--data") { Description = "Folder for the SQLite database and keys; reused when it holds a loaded database (default: a temporary folder, removed)." };
var imports = new Option<int>("--import") { Description = "Petitions imported from a file.", DefaultValueFactory = _ => 5_000 };
var seconds = new Option<int>("--intake-seconds") { Description = "How long the HTTP intake runs.", DefaultValueFactory = _ => 20 };
var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients for intake.", DefaultValueFactory = _ => 64 };
var queries = new Option<int>("--queries") { Description = "Repetitions of each search.", DefaultValueFactory = _ => 50 };
var only = new Option<string?>("--only") { Description = "Comma-separated scenario groups to run (import, intake, search, caselist, repeat, portal, assessment, dashboard, report); 'none' only loads the data. Default: all." };
var output = new Option<FileInfo?>("--out") { Description = "JSON results file (default bench/results/<provider>-<time>.json)." };
var root = new RootCommand("Sunshine benchmarks: intake and search at scale.") { petitions, providers, postgres, data, imports, seconds, clients, queries, only, output };
root.SetAction(async (result, ct) =>
{
    var groups = result.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
    var unknown = groups?.Where(g => g != "none" && !BenchSettings.Groups.Contains(g, StringComparer.OrdinalIgnoreCase)).ToList();
    if (unknown is { Count: > 0 })
    {
        await Console.Error.WriteLineAsync($"error: --only knows {string.Join(", ", BenchSettings.Groups)} and none, not {string.Join(", ", unknown)}.");
        return 1;
    }
    var settings = new BenchSettings(result.GetValue(petitions), result.GetValue(imports), result.GetValue(seconds), result.GetValue(clients), result.GetValue(queries),
        result.GetValue(data), result.GetValue(postgres) ?? Environment.GetEnvironmentVariable("SUNSHINE_TEST_POSTGRES"), result.GetValue(output), groups);
    var which = result.GetValue(providers) switch
    {
        "sqlite" => new[] { DatabaseProvider.Sqlite },
        "postgres" => [DatabaseProvider.Postgres],
        "both" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
        var other => throw new ArgumentException($"--provider must be sqlite, postgres or both, not '{other}'."),
    };
    if (which.Contains(DatabaseProvider.Postgres) && string.IsNullOrEmpty(settings.PostgresServer))
    {
        await Console.Error.WriteLineAsync("error: PostgreSQL needs --postgres or SUNSHINE_TEST_POSTGRES.");
        return 1;
    }
    foreach (var provider in which) await BenchRun.RunAsync(provider, settings, ct);
    return 0;
});
return await root.Parse(args).InvokeAsync();
