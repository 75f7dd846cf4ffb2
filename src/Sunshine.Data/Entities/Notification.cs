namespace Sunshine.Data.Entities;

/// <summary>How a notification reaches its recipient.</summary>
public enum NotificationChannel
{
    /// <summary>The console inbox of a staff user: delivered when written, read there.</summary>
    Console = 1,
    Email = 2,
    Sms = 3,
}

/// <summary>Where a notification stands in the outbox.</summary>
public enum NotificationState
{
    /// <summary>Waiting for a delivery pass (again, after a failed attempt, from <see cref="Notification.NextAttemptAt"/>).</summary>
    Pending = 0,
    /// <summary>Claimed by one node (<see cref="Notification.ClaimedBy"/>), which is sending it now.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>Given up after the last allowed attempt; the error is kept.</summary>
    Failed = 3,
}

/// <summary>
/// The notification outbox: one row per message owed to one recipient on one channel for one event (a deadline drawing
/// near, a case registered, a reply issued). <see cref="EventKey"/> is unique, so the database itself refuses a second
/// copy of an event however many nodes notice it; a delivery first moves the row from Pending to Sending with a
/// conditional update, so only one node ever sends it. A phone number or e-mail address is kept encrypted
/// (<see cref="AddressProtected"/>), and a message that carries a petitioner's query code keeps its text encrypted too.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    /// <summary>What happened, for whom, on which channel, e.g. <c>deadline-before:42:2026-10-08:{userId}:Console</c>.</summary>
    public required string EventKey { get; set; }
    /// <summary>deadline-before, deadline-overdue, petition-registered, petition-reply, appointment-reminder.</summary>
    public required string Kind { get; set; }
    public NotificationChannel Channel { get; set; }
    /// <summary>A staff recipient (console inbox, their e-mail or phone); null for a petitioner.</summary>
    public string? RecipientUserId { get; set; }
    /// <summary>The phone number or e-mail address, encrypted; decrypted only to send.</summary>
    public string? AddressProtected { get; set; }
    /// <summary>The case the notification is about.</summary>
    public long? PetitionId { get; set; }
    public required string Subject { get; set; }
    /// <summary>The message; encrypted when <see cref="TextProtected"/> (it holds a query code).</summary>
    public required string Text { get; set; }
    public bool TextProtected { get; set; }
    public DateTime CreatedAt { get; set; }
    public NotificationState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The last delivery error, without the address.</summary>
    public string? LastError { get; set; }
    /// <summary>Console inbox: when the recipient marked it read.</summary>
    public DateTime? ReadAt { get; set; }
}
