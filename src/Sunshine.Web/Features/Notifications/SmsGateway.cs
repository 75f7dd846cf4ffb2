using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Sunshine.Web.Features.Notifications;

/// <param name="Reference">The outbox row's id: a gateway that accepts a client reference can refuse a resend of one message.</param>
public sealed record SmsMessage(string Phone, string Text, long Reference);

/// <summary>
/// Where text messages go. A deployment plugs in its operator's gateway by registering another implementation;
/// the shipped one writes to a file (<see cref="FileSmsGateway"/>) for tests and demos.
/// </summary>
public interface ISmsGateway
{
    /// <summary>Sends one message; throws when the gateway refuses it (the outbox records the error and tries again later).</summary>
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The file sink (<c>Notifications:Sms:Gateway=File</c>): each message is one JSON line appended to
/// <c>Notifications:Sms:Path</c>, as a gateway would receive it (so the file holds phone numbers: keep it with the data,
/// not with the logs). One write per line, appended, so lines from several nodes never interleave.
/// </summary>
public sealed class FileSmsGateway(string path) : ISmsGateway
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new { to = message.Phone, text = message.Text, reference = message.Reference }) + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        var gate = Locks.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await file.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
