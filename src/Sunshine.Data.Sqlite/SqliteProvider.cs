using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sunshine.Data.Sqlite;

/// <summary>Points the one DbContext at Sqlite, with this assembly's migrations.</summary>
public static class SqliteProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, x => x.MigrationsAssembly(typeof(SqliteProvider).Assembly.GetName().Name));
}

/// <summary>Used by <c>dotnet ef</c> only (tools/add-migration.sh).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SunshineDbContext>
{
    public SunshineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SunshineDbContext>();
        SqliteProvider.Configure(options, "Data Source=design.db");
        return new SunshineDbContext(options.Options);
    }
}
