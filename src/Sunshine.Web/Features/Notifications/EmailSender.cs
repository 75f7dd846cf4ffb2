using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Sunshine.Web.Features.Notifications;

/// <summary>E-mail through the configured SMTP server (<c>Notifications:Smtp:*</c>), one connection per message.</summary>
public sealed class EmailSender(NotificationSettings settings)
{
    /// <summary>
    /// The message as it goes out. Its Message-Id is made from the outbox row, so if a retry follows a send whose answer
    /// was lost, the recipient's mail system sees the same message again, not a new one.
    /// </summary>
    public MimeMessage Build(long reference, string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.SmtpFrom));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = $"notification-{reference}@{Domain()}";
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = text };
        return message;
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = settings.SmtpSecurity.ToUpperInvariant() switch
        {
            "NONE" => SecureSocketOptions.None,
            "STARTTLS" => SecureSocketOptions.StartTls,
            "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("Notifications:Smtp:Host is not set."), settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    private string Domain()
    {
        var from = MailboxAddress.Parse(settings.SmtpFrom).Address;
        var at = from.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 ? from[(at + 1)..] : "localhost";
    }
}
