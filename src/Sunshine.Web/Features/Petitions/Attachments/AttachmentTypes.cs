namespace Sunshine.Web.Features.Petitions.Attachments;

/// <summary>Limits on attachments, from configuration section <c>Attachments</c>.</summary>
public sealed class AttachmentOptions
{
    /// <summary>The file store, resolved like the SQLite file and the key file (relative to the working directory).</summary>
    public string Path { get; set; } = "data/attachments";

    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxFilesPerCase { get; set; } = 10;

    /// <summary>Allowed extensions, comma-separated; each must be one <see cref="AttachmentTypes"/> knows how to recognise.</summary>
    public string Extensions { get; set; } = string.Join(',', AttachmentTypes.All.Select(t => t.Extension));
}

/// <summary>Recognises a file kind from its first bytes.</summary>
public delegate bool Signature(ReadOnlySpan<byte> head);

/// <summary>A kind of file petitioners and units send: its extension, the type it is served as, and its first bytes.</summary>
public sealed record AttachmentType(string Extension, string ContentType, Signature Matches);

/// <summary>
/// The kinds of file a case may carry: scans and photos of letters and evidence, office documents, plain text, and
/// recordings of calls and visits. The extension says what the sender claims; the first bytes must agree, so an
/// executable or a page renamed to .pdf is refused.
/// </summary>
public static class AttachmentTypes
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static bool Ascii(ReadOnlySpan<byte> head, int offset, string text)
    {
        if (head.Length < offset + text.Length) return false;
        for (var i = 0; i < text.Length; i++)
            if (head[offset + i] != text[i]) return false;
        return true;
    }

    private static bool Pdf(ReadOnlySpan<byte> h) => Ascii(h, 0, "%PDF-");
    private static bool Jpeg(ReadOnlySpan<byte> h) => h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF;
    private static bool PngFile(ReadOnlySpan<byte> h) => h.StartsWith(Png);
    private static bool Gif(ReadOnlySpan<byte> h) => Ascii(h, 0, "GIF87a") || Ascii(h, 0, "GIF89a");
    private static bool Webp(ReadOnlySpan<byte> h) => Ascii(h, 0, "RIFF") && Ascii(h, 8, "WEBP");
    private static bool Wav(ReadOnlySpan<byte> h) => Ascii(h, 0, "RIFF") && Ascii(h, 8, "WAVE");
    private static bool ZipFile(ReadOnlySpan<byte> h) => h.StartsWith(Zip);
    private static bool OleFile(ReadOnlySpan<byte> h) => h.StartsWith(Ole);
    /// <summary>ISO base media (MP4, M4A): a box of type ftyp first.</summary>
    private static bool IsoMedia(ReadOnlySpan<byte> h) => Ascii(h, 4, "ftyp");

    /// <summary>MP3: an ID3 tag, or an MPEG audio frame header (11 sync bits, layer not reserved).</summary>
    private static bool Mp3(ReadOnlySpan<byte> h) =>
        Ascii(h, 0, "ID3") || (h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0 && ((h[1] >> 1) & 0x3) != 0);

    private static readonly Signature[] Binary = [Pdf, Jpeg, PngFile, Gif, Webp, Wav, ZipFile, OleFile, IsoMedia, Mp3];

    /// <summary>
    /// Plain text has no magic number: it is text when it starts with a UTF-16 byte-order mark, or holds no NUL or
    /// other control byte (tab, line breaks, form feed and escape aside) and looks like no binary kind above.
    /// Any 8-bit encoding passes (UTF-8, GB 18030), as letters typed on Chinese systems come in both.
    /// </summary>
    private static bool Text(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF))) return true;
        foreach (var b in h)
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D or 0x1B)) return false;
        foreach (var binary in Binary)
            if (binary(h)) return false;
        return true;
    }

    public static readonly IReadOnlyList<AttachmentType> All =
    [
        new("pdf", "application/pdf", Pdf),
        new("jpg", "image/jpeg", Jpeg),
        new("jpeg", "image/jpeg", Jpeg),
        new("png", "image/png", PngFile),
        new("gif", "image/gif", Gif),
        new("webp", "image/webp", Webp),
        new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZipFile),
        new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZipFile),
        new("doc", "application/msword", OleFile),
        new("xls", "application/vnd.ms-excel", OleFile),
        new("txt", "text/plain", Text),
        new("mp3", "audio/mpeg", Mp3),
        new("m4a", "audio/mp4", IsoMedia),
        new("wav", "audio/wav", Wav),
        new("mp4", "video/mp4", IsoMedia),
    ];

    /// <summary>The allowed types from the configured list; an extension nobody can check stops the start.</summary>
    public static IReadOnlyList<AttachmentType> Allowed(string extensions)
    {
        var allowed = new List<AttachmentType>();
        foreach (var extension in extensions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var type = All.FirstOrDefault(t => t.Extension == extension.TrimStart('.').ToLowerInvariant())
                ?? throw new InvalidOperationException($"Attachments:Extensions names '{extension}', which Sunshine cannot recognise by content. Known: {string.Join(", ", All.Select(t => t.Extension))}.");
            allowed.Add(type);
        }
        return allowed;
    }
}
