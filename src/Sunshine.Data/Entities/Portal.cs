namespace Sunshine.Data.Entities;

/// <summary>
/// Wrong case-number / query-code pairs from one client on the public progress lookup. The client is a keyed hash of
/// its address (no address in clear). Kept in the database, not in a node's memory, so the count holds across app
/// nodes behind a balancer and across restarts. Only failures are written: a correct pair never touches this table.
/// </summary>
public sealed class QueryThrottle
{
    public required byte[] ClientKey { get; set; }
    public int Failures { get; set; }
    public DateTime LastFailureAt { get; set; }
}
