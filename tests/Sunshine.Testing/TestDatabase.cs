using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sunshine.Data;
using Sunshine.Web;
using Sunshine.Web.Infrastructure;
using Xunit;

namespace Sunshine.Testing;

/// <summary>
/// Real, throwaway databases: a SQLite file in a temp folder, or a fresh database on the PostgreSQL server named by
/// SUNSHINE_TEST_POSTGRES (test.sh starts one). Without that variable the PostgreSQL tests fail, never skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SUNSHINE_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? folder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Folder => _folder ?? throw new InvalidOperationException("Only SQLite databases have a folder.");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("sunshine-test-").FullName;
        if (provider == DatabaseProvider.Sqlite)
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "sunshine.db")}", folder, null);

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException($"{PostgresVariable} is not set: run ./test.sh, which starts a throwaway PostgreSQL, or point it at one (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");
        var name = "sunshine_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, folder, name);
    }

    public SunshineDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<SunshineDbContext>();
        Database.Configure(options, Provider, ConnectionString);
        return new SunshineDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        if (_folder is not null)
        {
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { /* a file still open on a slow close: the temp folder is cleaned by the OS */ }
        }
    }
}
