namespace Sunshine.Data.Entities;

/// <summary>
/// A named piece of background work (a deadline sweep, an early-warning pass, a rollup refresh) held by one app node
/// until <see cref="ExpiresAt"/>. Kept in the database, not in a node's memory, so with several nodes behind a
/// balancer each pass runs on exactly one of them; a node that dies loses its lease when it expires.
/// </summary>
public sealed class BackgroundLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
