using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sunshine.Data.Postgres;

/// <summary>Points the one DbContext at Postgres, with this assembly's migrations.</summary>
public static class PostgresProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, x => x.MigrationsAssembly(typeof(PostgresProvider).Assembly.GetName().Name));
}

/// <summary>Used by <c>dotnet ef</c> only (tools/add-migration.sh).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SunshineDbContext>
{
    public SunshineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SunshineDbContext>();
        PostgresProvider.Configure(options, "Host=localhost;Database=sunshine_design;Username=postgres");
        return new SunshineDbContext(options.Options);
    }
}
