using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;

namespace Sunshine.Web.Infrastructure;

/// <summary>
/// Leases through the database: background work that must run once per pass however many app nodes are running takes
/// a named lease first. A lease is taken with one conditional UPDATE (free or expired or already ours), or by inserting
/// its row the first time; the primary key decides between two nodes inserting at once. Works the same on SQLite and
/// PostgreSQL, with no provider-only locking.
/// </summary>
public static class BackgroundLeases
{
    /// <summary>This process's name as a lease holder: machine, process and a random part, so two nodes never share one.</summary>
    public static readonly string ThisNode = $"{Environment.MachineName[..Math.Min(100, Environment.MachineName.Length)]}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until now + <paramref name="duration"/>.
    /// True when the caller holds it now; false when another holder's lease has not expired.</summary>
    public static async Task<bool> TryAcquireAsync(SunshineDbContext db, string name, string holder, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default)
    {
        var until = now + duration;
        var taken = await db.BackgroundLeases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1) return true;
        if (await db.BackgroundLeases.AnyAsync(l => l.Name == name, cancellationToken)) return false;
        var lease = new BackgroundLease { Name = name, Holder = holder, ExpiresAt = until };
        db.BackgroundLeases.Add(lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node inserted the row between our check and our insert: the key decided, and it won.
            db.Entry(lease).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Gives the lease up early (e.g. at shutdown), so another node need not wait for it to expire.</summary>
    public static Task ReleaseAsync(SunshineDbContext db, string name, string holder, DateTime now, CancellationToken cancellationToken = default) =>
        db.BackgroundLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
}

/// <summary>
/// Background work that runs every <see cref="Interval"/> on exactly one node: each pass first takes the lease named
/// <see cref="LeaseName"/>. Subclasses put the pass in <see cref="RunOnceAsync"/>, which tests call directly.
/// Disabled with <c>BackgroundWork:Enabled=false</c> (the tests' setting, so passes happen only when a test asks).
/// </summary>
public abstract class LeasedBackgroundWork(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger logger) : BackgroundService
{
    protected abstract string LeaseName { get; }
    protected virtual TimeSpan Interval => TimeSpan.FromMinutes(1);

    /// <summary>One pass of the work, in its own scope.</summary>
    public abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("BackgroundWork:Enabled", true)) return;
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
                // The lease outlives the interval, so a slow pass is not taken over by another node halfway through.
                if (await BackgroundLeases.TryAcquireAsync(db, LeaseName, BackgroundLeases.ThisNode, Interval * 2, time.GetUtcNow().UtcDateTime, stoppingToken))
                    await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One failed pass must not end the work: it is logged and the next pass tries again.
                logger.LogError(e, "Background work {Lease} failed", LeaseName);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
