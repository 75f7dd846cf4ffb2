using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Notifications;

/// <summary>
/// Sends what waits in the outbox, by e-mail or SMS. Each message is first claimed with one conditional update
/// (Pending → Sending, by this node): whichever node's update lands first sends it, so two nodes never send one message
/// twice, lease or no lease. A failed attempt is recorded and tried again later (1, 5, 30, 120 minutes), up to
/// <see cref="NotificationSettings.MaxAttempts"/>; then the message is marked failed with its last error.
/// Addresses are decrypted only here, to send, and never written to a log or an error.
/// </summary>
public sealed class NotificationDelivery(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<NotificationDelivery> logger)
    : LeasedBackgroundWork(scopes, time, configuration, logger)
{
    /// <summary>A claim older than this is taken to belong to a node that died while sending; the message goes back to Pending.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(120)];

    /// <summary>This worker's name on its claims: the node plus one part per instance, so two instances never look alike.</summary>
    public string Holder { get; } = $"{BackgroundLeases.ThisNode}/{Guid.NewGuid():N}";

    private readonly TimeProvider _time = time;

    protected override string LeaseName => "notifications-delivery";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    public override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        RunAtAsync(services, _time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>One delivery pass as at <paramref name="now"/>; returns how many messages this pass sent.</summary>
    public async Task<int> RunAtAsync(IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SunshineDbContext>();
        var settings = services.GetRequiredService<NotificationSettings>();
        var personalData = services.GetRequiredService<PersonalData>();
        var email = services.GetRequiredService<EmailSender>();
        var sms = services.GetService<ISmsGateway>();

        var stale = now - StaleClaim;
        await db.Notifications.Where(n => n.State == NotificationState.Sending && n.ClaimedAt < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Pending), cancellationToken);

        // A channel that is not configured cannot deliver: its messages are marked failed at once, not tried again and
        // again (a registration's text waits for no gateway that may never come).
        if (sms is null)
            await db.Notifications.Where(n => n.State == NotificationState.Pending && n.Channel == NotificationChannel.Sms)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Failed).SetProperty(n => n.LastError, "No SMS gateway is configured (Notifications:Sms:Gateway)."), cancellationToken);
        if (!settings.EmailEnabled)
            await db.Notifications.Where(n => n.State == NotificationState.Pending && n.Channel == NotificationChannel.Email)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Failed).SetProperty(n => n.LastError, "No SMTP server is configured (Notifications:Smtp:Host)."), cancellationToken);

        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.State == NotificationState.Pending && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id).Select(n => n.Id).Take(200).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            var claimed = await db.Notifications
                .Where(n => n.Id == id && n.State == NotificationState.Pending && n.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Sending).SetProperty(n => n.ClaimedBy, Holder)
                    .SetProperty(n => n.ClaimedAt, now).SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
            if (claimed == 0) continue;   // another node claimed it first
            var row = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken);
            string? address = null;
            try
            {
                address = personalData.Unprotect(row.AddressProtected);
                var text = row.TextProtected ? personalData.Unprotect(row.Text)! : row.Text;
                switch (row.Channel)
                {
                    case NotificationChannel.Email when settings.EmailEnabled && address is not null:
                        await email.SendAsync(email.Build(row.Id, address, row.Subject, text), cancellationToken);
                        break;
                    case NotificationChannel.Sms when sms is not null && address is not null:
                        await sms.SendAsync(new SmsMessage(address, text, row.Id), cancellationToken);
                        break;
                    case NotificationChannel.Console:
                        break;
                    default:
                        throw new InvalidOperationException($"No {row.Channel} channel is configured, or the message has no address.");
                }
                await db.Notifications.Where(n => n.Id == id && n.ClaimedBy == Holder)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Sent).SetProperty(n => n.SentAt, now)
                        .SetProperty(n => n.LastError, (string?)null), CancellationToken.None);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempts = row.Attempts;
                var error = Describe(e, address);
                var giveUp = attempts >= settings.MaxAttempts;
                var next = now + Backoff[Math.Min(attempts, Backoff.Length) - 1];
                await db.Notifications.Where(n => n.Id == id && n.ClaimedBy == Holder)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, giveUp ? NotificationState.Failed : NotificationState.Pending)
                        .SetProperty(n => n.NextAttemptAt, next).SetProperty(n => n.LastError, error), CancellationToken.None);
                // The id and kind only: never the address or the text.
                logger.LogWarning("Notification {Id} ({Kind}, {Channel}) attempt {Attempt} failed: {Error}", row.Id, row.Kind, row.Channel, attempts, error);
            }
        }
        return sent;
    }

    /// <summary>The error for the record, with the address (if a server echoed it) masked.</summary>
    private static string Describe(Exception e, string? address)
    {
        var text = e is MailKit.Net.Smtp.SmtpCommandException smtp ? $"SMTP {(int)smtp.StatusCode}: {smtp.Message}" : e.GetType().Name + ": " + e.Message;
        if (!string.IsNullOrEmpty(address)) text = text.Replace(address, PersonalData.MaskPhone(address), StringComparison.Ordinal);
        return text.Length > 1000 ? text[..1000] : text;
    }
}
