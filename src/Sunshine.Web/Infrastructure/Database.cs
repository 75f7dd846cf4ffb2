using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Postgres;
using Sunshine.Data.Sqlite;

namespace Sunshine.Web.Infrastructure;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Chooses the provider from configuration (<c>Database:Provider</c>, <c>ConnectionStrings:Sunshine</c>).</summary>
public static class Database
{
    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"] ?? "Sqlite";
        return name.ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Database:Provider '{name}' is not known; use Sqlite or Postgres."),
        };
    }

    public static IServiceCollection AddSunshineDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString("Sunshine")
            ?? throw new InvalidOperationException("ConnectionStrings:Sunshine is not set.");
        if (provider == DatabaseProvider.Sqlite)
            connectionString = PrepareSqlite(connectionString);
        services.AddDbContextFactory<SunshineDbContext>(options => Configure(options, provider, connectionString));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite) SqliteProvider.Configure(options, connectionString);
        else PostgresProvider.Configure(options, connectionString);
    }

    /// <summary>Creates the folder of the database file, so a fresh clone starts with no setup.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>
    /// Applies migrations where allowed; otherwise refuses to run on a database that is behind the code.
    /// </summary>
    public static async Task EnsureCurrentAsync(SunshineDbContext db, bool autoMigrate, CancellationToken ct = default)
    {
        if (autoMigrate)
        {
            // A migration may rebuild a text index or fill a column for every petition (minutes at 1M), far beyond the
            // connection's command timeout for requests.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                db.Database.SetCommandTimeout(timeout);
            }
        }
        else
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
                throw new PendingMigrationsException(pending);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the writer; it is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

public sealed class PendingMigrationsException(IReadOnlyList<string> pending) : Exception(
    $"The database is missing {pending.Count} migration(s) ({string.Join(", ", pending)}). Run `sunshine migrate` first.")
{
    public IReadOnlyList<string> Pending { get; } = pending;
}
