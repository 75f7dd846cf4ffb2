using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
        // Contexts are reused, each request's scope leasing one and giving it back when the scope ends. A new context costs
        // its constructor (the sets) and, on first use, EF's per-context services; every signed-in request builds one while
        // the sign-in cookie is checked, and a profile of the staff search put the two at over 10 % of a request
        // (docs/performance.md, session 10). EF resets a context it takes back: tracked entities, the change tracker's and
        // the connection's settings (command timeout), open connections and transactions.
        services.AddPooledDbContextFactory<SunshineDbContext>(options => Configure(options, provider, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContext());
        services.AddSingleton(sp => new PooledContexts(sp.GetRequiredService<DbContextOptions<SunshineDbContext>>(), provider, connectionString));
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

/// <summary>
/// Contexts kept for reuse, for the public read that a crowd calls at once (the progress lookup). A new context builds
/// EF's per-context services again — its connection object with the provider's functions registered on it, the query
/// translators, the sets — and that, with the garbage it leaves, was a large part of a lookup's time under 64 clients
/// (profile in docs/performance.md, session 8). EF clears a context it takes back (tracked entities, settings); the
/// connection is closed here. On PostgreSQL these contexts have a connection pool of their own, which prepares the
/// statements it runs often and does not reset a connection it takes back (<see cref="PostgresProvider.ForPublicReads"/>). Other requests keep the scoped context of
/// <see cref="Database.AddSunshineDatabase"/>, which services such as the audit share within a request.
/// </summary>
public sealed class PooledContexts(DbContextOptions<SunshineDbContext> options, DatabaseProvider provider, string connectionString)
{
    private readonly PooledDbContextFactory<SunshineDbContext> _factory = new(Options(options, provider, connectionString), poolSize: 256);

    // The app's own options with only the connection string changed: the same logging and the same EF internals, so the
    // model built at start is reused (options of their own made EF build it again on the first lookups).
    private static DbContextOptions<SunshineDbContext> Options(DbContextOptions<SunshineDbContext> options, DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Postgres
            ? new DbContextOptionsBuilder<SunshineDbContext>(options).UseNpgsql(PostgresProvider.ForPublicReads(connectionString)).Options
            : options;

    /// <summary>
    /// Runs <paramref name="work"/> on a reused context with one connection open for the whole of it (each open of a
    /// pooled SQLite connection costs EF its set-up again), and closes that connection before the context goes back:
    /// a context resting in the pool must not hold a database connection (PostgreSQL's pool has 100).
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<SunshineDbContext, Task<T>> work, CancellationToken ct)
    {
        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await work(db);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

public sealed class PendingMigrationsException(IReadOnlyList<string> pending) : Exception(
    $"The database is missing {pending.Count} migration(s) ({string.Join(", ", pending)}). Run `sunshine migrate` first.")
{
    public IReadOnlyList<string> Pending { get; } = pending;
}
