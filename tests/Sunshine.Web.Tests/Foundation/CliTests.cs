using Microsoft.Data.Sqlite;

namespace Sunshine.Web.Tests.Foundation;

/// <summary>The executable's subcommands, run in-process on a throwaway SQLite file.</summary>
[Collection("sqlite")]
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sunshine-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string[] Settings(params string[] args) =>
    [
        .. args,
        "--environment", "Production",
        $"--ConnectionStrings:Sunshine=Data Source={Path.Combine(_folder, "cli.db")}",
        $"--PersonalData:KeyFile={Path.Combine(_folder, "keys.json")}",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var outWriter = new StringWriter();
        using var errorWriter = new StringWriter();
        Console.SetOut(outWriter);
        Console.SetError(errorWriter);
        try
        {
            var code = await SunshineCli.RunAsync(args);
            return (code, outWriter.ToString(), errorWriter.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Fact]
    public async Task Help_lists_the_subcommands()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "serve", "migrate", "demo", "import", "keys" })
            Assert.Contains(command, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_a_database_with_pending_migrations_in_production()
    {
        var (code, _, error) = await RunAsync(Settings("serve", "--urls", "http://127.0.0.1:0"));
        Assert.Equal(1, code);
        Assert.Matches(@"^error: The database is missing \d+ migration\(s\)", error);
        Assert.Contains("sunshine migrate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_applies_then_reports_up_to_date()
    {
        var first = await RunAsync(Settings("migrate"));
        Assert.Equal(0, first.Code);
        Assert.Matches(@"Applied \d+ migration\(s\)", first.Out);
        var second = await RunAsync(Settings("migrate"));
        Assert.Equal(0, second.Code);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_exit_non_zero_with_one_line()
    {
        var (code, _, error) = await RunAsync(Settings("demo", "--petitions", "-5"));
        Assert.Equal(1, code);
        Assert.Equal("error: --petitions must not be negative.", error.Trim());

        var unknown = await RunAsync(Settings("migrat"));
        Assert.Equal(1, unknown.Code);
        Assert.Contains("unknown command or argument 'migrat'", unknown.Error, StringComparison.Ordinal);
        Assert.Single(unknown.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Keys_rotate_adds_a_key()
    {
        var (code, output, _) = await RunAsync(Settings("keys", "rotate"));
        Assert.Equal(0, code);
        Assert.Contains("k2", output, StringComparison.Ordinal);
    }
}
