using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Foundation;

/// <summary>Leases through the database, as two app nodes on one database would take them.</summary>
public abstract class BackgroundLeaseTests(TestApp app)
{
    private static readonly DateTime Noon = new(2026, 11, 26, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_lease_is_held_by_one_node_until_it_expires_or_is_released()
    {
        var name = "test-" + Guid.NewGuid().ToString("N");
        await using var nodeA = app.NewContext();
        await using var nodeB = app.NewContext();
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(await BackgroundLeases.TryAcquireAsync(nodeA, name, "A", minute, Noon));
        Assert.False(await BackgroundLeases.TryAcquireAsync(nodeB, name, "B", minute, Noon.AddSeconds(59)));
        // The holder renews its own lease before it runs out.
        Assert.True(await BackgroundLeases.TryAcquireAsync(nodeA, name, "A", minute, Noon.AddSeconds(30)));
        Assert.False(await BackgroundLeases.TryAcquireAsync(nodeB, name, "B", minute, Noon.AddSeconds(89)));
        // A node that stopped renewing loses the lease when it expires.
        Assert.True(await BackgroundLeases.TryAcquireAsync(nodeB, name, "B", minute, Noon.AddSeconds(90)));
        Assert.False(await BackgroundLeases.TryAcquireAsync(nodeA, name, "A", minute, Noon.AddSeconds(91)));

        await BackgroundLeases.ReleaseAsync(nodeB, name, "B", Noon.AddSeconds(100));
        Assert.True(await BackgroundLeases.TryAcquireAsync(nodeA, name, "A", minute, Noon.AddSeconds(100)));
    }

    [Fact]
    public async Task Of_many_nodes_taking_a_new_lease_at_once_exactly_one_wins()
    {
        var name = "race-" + Guid.NewGuid().ToString("N");
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            await using var db = app.NewContext();
            return await BackgroundLeases.TryAcquireAsync(db, name, "node" + i, TimeSpan.FromMinutes(5), Noon);
        });
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(won => won));
    }
}

[Collection("sqlite")]
public sealed class SqliteBackgroundLeaseTests(SqliteApp app) : BackgroundLeaseTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresBackgroundLeaseTests(PostgresApp app) : BackgroundLeaseTests(app), IClassFixture<PostgresApp>;
