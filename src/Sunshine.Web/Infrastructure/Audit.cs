using System.Text.Json;
using Sunshine.Data;
using Sunshine.Data.Entities;

namespace Sunshine.Web.Infrastructure;

/// <summary>Adds an append-only audit entry to the unit of work; it is saved with the change it describes.</summary>
public sealed class Audit(SunshineDbContext db, TimeProvider time)
{
    public void Record(UserScope? actor, string action, string entityType, object entityId, object? before = null, object? after = null, string? reason = null) =>
        db.AuditEntries.Add(Entry(time.GetUtcNow().UtcDateTime, actor, action, entityType, entityId, before, after, reason));

    /// <summary>Adds an entry built by <see cref="Entry"/> (or a slice's own builder on top of it).</summary>
    public void Record(AuditEntry entry) => db.AuditEntries.Add(entry);

    /// <summary>
    /// The one shape of an audit entry: what <see cref="Record(UserScope?, string, string, object, object?, object?, string?)"/>
    /// adds, and what a batch writes with a multi-row INSERT for many changes at once.
    /// </summary>
    public static AuditEntry Entry(DateTime at, UserScope? actor, string action, string entityType, object entityId, object? before = null, object? after = null, string? reason = null) => new()
    {
        At = at,
        UserId = actor?.UserId,
        UserName = actor?.UserName,
        Action = action,
        EntityType = entityType,
        EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Reason = reason,
        Before = before is null ? null : JsonSerializer.Serialize(before),
        After = after is null ? null : JsonSerializer.Serialize(after),
    };
}
