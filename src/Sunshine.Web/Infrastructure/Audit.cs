using System.Text.Json;
using Sunshine.Data;
using Sunshine.Data.Entities;

namespace Sunshine.Web.Infrastructure;

/// <summary>Adds an append-only audit entry to the unit of work; it is saved with the change it describes.</summary>
public sealed class Audit(SunshineDbContext db, TimeProvider time)
{
    public void Record(UserScope? actor, string action, string entityType, object entityId, object? before = null, object? after = null, string? reason = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            UserId = actor?.UserId,
            UserName = actor?.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Reason = reason,
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = after is null ? null : JsonSerializer.Serialize(after),
        });
    }
}
