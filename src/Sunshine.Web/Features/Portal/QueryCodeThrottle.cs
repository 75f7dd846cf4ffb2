using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Features.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Portal;

/// <summary>
/// The petitioner's door to a case: case number + query code. Wrong pairs are counted per client and, after
/// <see cref="FreeFailures"/>, answered only after a growing delay; a right pair is checked first and answered at once,
/// without reading or writing the count, so nobody can lock a petitioner out of their own case by failing on purpose.
/// <para>The count lives in a table (<see cref="QueryThrottle"/>), not in a node's memory: app nodes behind a balancer
/// share it and a restart does not reset it. Only failures write to it.</para>
/// <para>The delay slows a client that guesses one pair after another. A client that guesses in parallel can still
/// tell a quick right answer from a slow wrong one; against that stand the per-client request bound
/// (<see cref="PortalSetup.LookupLimit"/>) and the code itself: 8 characters from 32, about 10¹² values per case.</para>
/// </summary>
public static class QueryCodeThrottle
{
    /// <summary>Failures a client may make without waiting: typing mistakes happen.</summary>
    public const int FreeFailures = 5;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>A client that made no mistake for this long starts afresh.</summary>
    public static readonly TimeSpan Forgiveness = TimeSpan.FromHours(1);

    /// <summary>The wait before answering the n-th failure: none for the first five, then 1, 2, 4 … seconds, at most 60.</summary>
    public static TimeSpan DelayAfter(int failures) =>
        failures <= FreeFailures ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, failures - FreeFailures - 1)));

    public sealed record Access(Petition? Petition, int Failures, TimeSpan Delay);

    /// <summary>
    /// The case if the pair is right (tracked, so the caller may change it); otherwise records the failure, waits the
    /// delay it earns, and returns no case. Whether the number exists is not told apart from a wrong code.
    /// </summary>
    public static async Task<Access> OpenAsync(HttpContext http, string? caseNumber, string? queryCode, SunshineDbContext db, PersonalData personalData,
        TimeProvider time, CancellationToken ct)
    {
        var (_, access) = await OpenAsync(http, caseNumber, queryCode, db, (petitions, c) => petitions.SingleOrDefaultAsync(c), p => p, personalData, time, ct);
        await WaitAsync(access, time, ct);
        return access;
    }

    /// <summary>
    /// The same for a caller that reads more than the case in the same query (the progress lookup reads its history and
    /// organisations with it): <paramref name="read"/> is given the petitions with the number asked for and returns what
    /// it read of the one found, <paramref name="petition"/> the case in that. Returned only if the pair is right. The
    /// failure's delay is not waited here: the caller waits it (<see cref="WaitAsync"/>) once it has let go of its
    /// database connection, so that clients sitting out their delays do not hold the lookup's few connections.
    /// </summary>
    public static async Task<(T? Found, Access Access)> OpenAsync<T>(HttpContext http, string? caseNumber, string? queryCode, SunshineDbContext db,
        Func<IQueryable<Petition>, CancellationToken, Task<T?>> read, Func<T, Petition> petition, PersonalData personalData, TimeProvider time,
        CancellationToken ct) where T : class
    {
        var number = caseNumber?.Trim().ToUpperInvariant();
        var code = queryCode?.Trim();
        if (!string.IsNullOrEmpty(number) && number.Length <= 32 && !string.IsNullOrEmpty(code) && code.Length <= 32
            && await read(db.Petitions.Where(p => p.CaseNumber == number), ct) is { } found
            // Compared in constant time: the answer's timing says nothing about how much of the code was right.
            // The stored value is a plain SHA-256, a fast hash, and that is deliberate: it costs about a microsecond, not
            // what a lookup spends (reading the case is). What protects a case on line is this class's growing delay and the
            // per-client request bound, not the hash. A slow password hash (tens of milliseconds) would cap lookups at a
            // few dozen a second per core, hand anyone a cheap way to load the server, and buy little: the code is random,
            // 40 bits, so a stolen table costs an attacker that constant factor more, per case. Against a stolen table the
            // stronger answer is a keyed hash (HMAC with a key kept outside the database, like PersonalData's), which needs
            // the stored values converted once; it is noted in docs/performance.md, not done here.
            && CryptographicOperations.FixedTimeEquals(petition(found).QueryCodeHash, PetitionConventions.HashQueryCode(code)))
            return (found, new Access(petition(found), 0, TimeSpan.Zero));
        var client = personalData.KeyedHash("query-client:" + PortalSetup.ClientAddress(http))!;
        var failures = await RecordFailureAsync(db, client, time.GetUtcNow().UtcDateTime, ct);
        return (null, new Access(null, failures, DelayAfter(failures)));
    }

    /// <summary>The delay a wrong pair has earned, before it is answered.</summary>
    public static Task WaitAsync(Access access, TimeProvider time, CancellationToken ct) =>
        access.Delay > TimeSpan.Zero ? Task.Delay(access.Delay, time, ct) : Task.CompletedTask;

    /// <summary>Adds one failure for the client and returns its count; concurrent failures are all counted.</summary>
    public static async Task<int> RecordFailureAsync(SunshineDbContext db, byte[] client, DateTime now, CancellationToken ct)
    {
        var stale = now - Forgiveness;
        await db.QueryThrottles.Where(t => t.LastFailureAt < stale).ExecuteDeleteAsync(ct);
        if (await IncrementAsync(db, client, now, ct) == 0)
        {
            db.QueryThrottles.Add(new QueryThrottle { ClientKey = client, Failures = 1, LastFailureAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another failure of the same client inserted the row first: count this one on it.
                db.ChangeTracker.Clear();
                await IncrementAsync(db, client, now, ct);
            }
        }
        return await db.QueryThrottles.Where(t => t.ClientKey == client).Select(t => t.Failures).SingleAsync(ct);
    }

    private static Task<int> IncrementAsync(SunshineDbContext db, byte[] client, DateTime now, CancellationToken ct) =>
        db.QueryThrottles.Where(t => t.ClientKey == client)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1).SetProperty(t => t.LastFailureAt, now), ct);
}
