using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Sunshine.Data.Postgres;

/// <summary>Points the one DbContext at Postgres, with this assembly's migrations.</summary>
public static class PostgresProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, x => x.MigrationsAssembly(typeof(PostgresProvider).Assembly.GetName().Name));

    /// <summary>
    /// The connection string of the pool the public progress lookup reads through (a crowd calls it at once;
    /// docs/performance.md, session 9). Profiled, most of the server's work for a lookup was not running its statements
    /// but parsing and planning them again on every execution, and resetting the connection (<c>DISCARD ALL</c>) each
    /// time it went back to the pool. This pool prepares the statements it runs often (Npgsql's automatic preparation:
    /// parsed and planned once per connection, with the generic plan) and takes its connections back without a reset:
    /// the app keeps no session state (no <c>SET</c> outside a transaction, no temporary tables, <c>LISTEN</c> or
    /// advisory locks). Kept to this pool because a generic plan can be a poor one for a query over skewed data (the
    /// search, the case lists), which the main pool runs; the lookup reads a case, its history and the organisations
    /// named by key, and the wrong pair's throttle touches a small table. The pool is bounded at 32 connections, so that a
    /// crowd of lookups holds at most a third of a default server's 100 (<c>max_connections</c>); with the main pool, whose
    /// own bound is Npgsql's 100, size the server's limit for both.
    /// </summary>
    public static string ForPublicReads(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 16, NoResetOnClose = true };
        // Left to itself the server planned the organisations' `= ANY (@ids)` query again on every run (an array's
        // length is unknown to a generic plan, so its estimate loses to the custom one), which cost it more than running
        // it. For this pool's statements the generic plan is the plan.
        builder.Options = (builder.Options + " -c plan_cache_mode=force_generic_plan").Trim();
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, 32);
        if (builder.MinPoolSize > builder.MaxPoolSize) builder.MinPoolSize = builder.MaxPoolSize;
        return builder.ConnectionString;
    }
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
