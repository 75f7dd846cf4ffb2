using Microsoft.Data.Sqlite;

namespace Sunshine.Web.Tests.Foundation;

/// <summary>Runs the executable's commands in-process on a throwaway SQLite file and keys, capturing what they print.</summary>
public sealed class CliSandbox : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("sunshine-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>The arguments plus the settings that point the command at this sandbox, in production mode.</summary>
    public string[] Settings(params string[] args) =>
    [
        .. args,
        "--environment", "Production",
        $"--ConnectionStrings:Sunshine=Data Source={Path.Combine(Folder, "cli.db")}",
        $"--PersonalData:KeyFile={Path.Combine(Folder, "keys.json")}",
        "--Logging:LogLevel:Default=Warning",
    ];

    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
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
}
