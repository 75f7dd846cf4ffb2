using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Sunshine.Data.Postgres;

/// <summary>Points the one DbContext at Postgres, with this assembly's migrations.</summary>
public static class PostgresProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(MainPool(connectionString), x => x.MigrationsAssembly(typeof(PostgresProvider).Assembly.GetName().Name));

    /// <summary>The main pool's bound when the connection string sets none (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 8;

    /// <summary>
    /// The main pool's connection string: at most <see cref="DefaultMaxPoolSize"/> connections unless it sets its own
    /// <c>Maximum Pool Size</c>, and PostgreSQL's JIT compilation off for its statements.
    /// <para>The bound for the public pool's reason (<see cref="ForPublicReads"/>): a server runs no more statements at once
    /// than it has cores, and a request that waits for a connection waits in the pool's queue instead of as one more
    /// backend taking turns on the cores with the others. Measured on 2 cores at 1M with 64 intake clients
    /// (docs/performance.md, session 13): the intake writer's statements shared the cores with 64 backends, each client's
    /// token lookup among them, and the writer committed 53–114 petitions/s; bounded at 8 it committed 162–219/s, at 4
    /// 183–212/s. On a database server with more cores, set <c>Maximum Pool Size</c> in the connection string (and its
    /// <c>max_connections</c> for this pool and the public one).</para>
    /// <para>The JIT compiles a statement whose estimated cost passes <c>jit_above_cost</c>, and the estimate can be far
    /// off: the dashboard's count of red cases (806 rows) was estimated at 82,000, because the planner takes status and
    /// due date as independent. Compiling took about 100 ms of the statement's 174 ms; without it the count ran in 3.6 ms
    /// (session 13). The app's requests read by index and from rollups, where compiling costs more than it saves. An
    /// operator's own <c>-c jit=on</c> in <c>Options</c> still wins: it comes after this one.</para>
    /// </summary>
    public static string MainPool(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = ("-c jit=off " + builder.Options).Trim();
        // The keys set, each under its canonical name whichever synonym was written (ContainsKey answers for every known keyword).
        if (!builder.Keys.Cast<string>().Contains("Maximum Pool Size", StringComparer.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
            if (builder.MinPoolSize > builder.MaxPoolSize) builder.MinPoolSize = builder.MaxPoolSize;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string of the pool the public progress lookup reads through (a crowd calls it at once;
    /// docs/performance.md, session 9). Profiled, most of the server's work for a lookup was not running its statements
    /// but parsing and planning them again on every execution, and resetting the connection (<c>DISCARD ALL</c>) each
    /// time it went back to the pool. This pool prepares the statements it runs often (Npgsql's automatic preparation:
    /// parsed and planned once per connection, with the generic plan) and takes its connections back without a reset:
    /// the app keeps no session state (no <c>SET</c> outside a transaction, no temporary tables, <c>LISTEN</c> or
    /// advisory locks). Kept to this pool because a generic plan can be a poor one for a query over skewed data (the
    /// search, the case lists), which the main pool runs; the lookup reads a case, its history and the organisations
    /// named by key, and the wrong pair's throttle touches a small table. A statement is prepared on its second run
    /// (Npgsql's default is the fifth): every statement of this pool repeats, and each unprepared run is parsed and planned.
    /// <para>The pool is bounded at 8 connections. A lookup holds its connection for one round trip (session 10), and a
    /// server runs no more statements at once than it has cores: beyond that, more connections only add backends that
    /// take turns on the cores, each lookup's statement waiting behind the others in the kernel's scheduler instead of in
    /// this pool's queue. Measured on 2 cores at 1M (docs/performance.md, session 10), 8 connections cost the server about
    /// half the CPU per lookup that 32 did, and the lookups answered more. The main pool is bounded the same way
    /// (<see cref="MainPool"/>), whose settings this pool starts from; size the server's limit (<c>max_connections</c>) for both.</para>
    /// </summary>
    public static string ForPublicReads(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(MainPool(connectionString)) { MaxAutoPrepare = 16, AutoPrepareMinUsages = 2, NoResetOnClose = true };
        // Left to itself the server planned the lookup's organisations query (`= ANY (@ids)`, session 9) again on every
        // run (an array's length is unknown to a generic plan, so its estimate loses to the custom one), which cost it more
        // than running it. For this pool's statements, all by key, the generic plan is the plan.
        builder.Options = (builder.Options + " -c plan_cache_mode=force_generic_plan").Trim();
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, 8);
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
