using System.Globalization;
using Microsoft.Extensions.Localization;
using Sunshine.Web.Features.Petitions.Queues;

namespace Sunshine.Web.Features.Notifications;

/// <summary>The notification settings (README, configuration table), read once at start-up.</summary>
public sealed class NotificationSettings
{
    /// <summary>How many units (in the rule's own unit, 日 or 工作日) before a due date the people responsible are reminded.</summary>
    public int Before { get; init; } = DeadlineColouring.DefaultYellowWithin;
    public int MaxAttempts { get; init; } = 5;
    /// <summary>The SMTP server for e-mail; e-mail is off when it is not set.</summary>
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 25;
    /// <summary>Auto (STARTTLS when offered), None, StartTls or SslOnConnect.</summary>
    public string SmtpSecurity { get; init; } = "Auto";
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }
    public string SmtpFrom { get; init; } = "阳光信访 <noreply@localhost>";
    /// <summary>The SMS gateway: File (one JSON line per message, for tests and demos) or none (SMS off).</summary>
    public string? SmsGateway { get; init; }
    public string SmsPath { get; init; } = "data/sms/outbox.jsonl";

    public bool EmailEnabled => !string.IsNullOrWhiteSpace(SmtpHost);
    public bool SmsEnabled => !string.IsNullOrWhiteSpace(SmsGateway);

    public static NotificationSettings From(IConfiguration configuration)
    {
        var before = configuration.GetValue("Notifications:Deadlines:Before", DeadlineColouring.YellowWithinFrom(configuration));
        if (before < 0) throw new InvalidOperationException($"Notifications:Deadlines:Before must be 0 or more; it is {before}.");
        var attempts = configuration.GetValue("Notifications:MaxAttempts", 5);
        if (attempts < 1) throw new InvalidOperationException($"Notifications:MaxAttempts must be 1 or more; it is {attempts}.");
        var gateway = configuration["Notifications:Sms:Gateway"];
        if (!string.IsNullOrWhiteSpace(gateway) && !gateway.Equals("File", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Notifications:Sms:Gateway '{gateway}' is not known; use File, or register another ISmsGateway.");
        return new NotificationSettings
        {
            Before = before,
            MaxAttempts = attempts,
            SmtpHost = configuration["Notifications:Smtp:Host"],
            SmtpPort = configuration.GetValue("Notifications:Smtp:Port", 25),
            SmtpSecurity = configuration["Notifications:Smtp:Security"] ?? "Auto",
            SmtpUser = configuration["Notifications:Smtp:User"],
            SmtpPassword = configuration["Notifications:Smtp:Password"],
            SmtpFrom = configuration["Notifications:Smtp:From"] ?? "阳光信访 <noreply@localhost>",
            SmsGateway = gateway,
            SmsPath = configuration["Notifications:Sms:Path"] ?? "data/sms/outbox.jsonl",
        };
    }
}

public static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = NotificationSettings.From(configuration);
        services.AddSingleton(settings);
        if (settings.SmsEnabled) services.AddSingleton<ISmsGateway>(new FileSmsGateway(settings.SmsPath));
        services.AddSingleton<EmailSender>();
        services.AddScoped<InboxCounter>();
        services.AddSingleton<DeadlineSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweep>());
        services.AddSingleton<NotificationDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDelivery>());
        return services;
    }

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// A message text in Chinese whatever the caller's language: notifications are official messages to Chinese
    /// officials and petitioners (and a background pass has no request culture anyway).
    /// </summary>
    public static string Zh(this IStringLocalizer<SharedResource> L, string key, params object[] args)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            return L[key, args].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
