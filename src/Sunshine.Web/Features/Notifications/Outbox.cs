using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;

namespace Sunshine.Web.Features.Notifications;

/// <summary>
/// Writing to the notification outbox. Each row's event key is unique, so adding an event twice — a second pass, a
/// second node noticing it at the same moment — leaves one row: keys already there are skipped, and an insert that
/// loses a race to another node is refused by the unique index and dropped.
/// </summary>
public static class Outbox
{
    /// <summary>
    /// A row for one message. A console message is delivered by being written (the inbox reads it); the others wait for
    /// a delivery pass.
    /// </summary>
    public static Notification New(string eventKey, string kind, NotificationChannel channel, string? userId, string? addressProtected,
        long? petitionId, string subject, string text, DateTime now, bool textProtected = false) => new()
        {
            EventKey = eventKey,
            Kind = kind,
            Channel = channel,
            RecipientUserId = userId,
            AddressProtected = addressProtected,
            PetitionId = petitionId,
            Subject = subject.Length > 200 ? subject[..200] : subject,
            Text = text,
            TextProtected = textProtected,
            CreatedAt = now,
            State = channel == NotificationChannel.Console ? NotificationState.Sent : NotificationState.Pending,
            SentAt = channel == NotificationChannel.Console ? now : null,
            NextAttemptAt = now,
        };

    /// <summary>Adds the rows whose event is not in the outbox yet; returns how many this call added.</summary>
    public static async Task<int> AddNewAsync(SunshineDbContext db, IReadOnlyList<Notification> rows, CancellationToken ct)
    {
        var added = 0;
        foreach (var chunk in rows.DistinctBy(r => r.EventKey).Chunk(200))
        {
            var keys = chunk.Select(r => r.EventKey).ToList();
            var existing = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.EventKey)).Select(n => n.EventKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var fresh = chunk.Where(r => !existing.Contains(r.EventKey)).ToList();
            if (fresh.Count == 0) continue;
            db.Notifications.AddRange(fresh);
            try
            {
                await db.SaveChangesAsync(ct);
                added += fresh.Count;
            }
            catch (DbUpdateException)
            {
                // Another node added some of these between our check and our insert: add them one by one, and let the
                // unique index refuse the copies.
                foreach (var row in fresh) db.Entry(row).State = EntityState.Detached;
                foreach (var row in fresh)
                {
                    row.Id = 0;
                    db.Notifications.Add(row);
                    try
                    {
                        await db.SaveChangesAsync(ct);
                        added++;
                    }
                    catch (DbUpdateException)
                    {
                        db.Entry(row).State = EntityState.Detached;
                    }
                }
            }
            db.ChangeTracker.Clear();
        }
        return added;
    }
}
