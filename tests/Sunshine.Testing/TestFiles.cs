using System.IO.Compression;
using System.Text;

namespace Sunshine.Testing;

/// <summary>Small real files built byte by byte.</summary>
public static class TestFiles
{
    /// <summary>A valid one-page PDF 1.4 with a cross-reference table; <paramref name="lines"/> strokes make it as long as needed.</summary>
    public static byte[] Pdf(string title, int lines)
    {
        var content = new StringBuilder();
        for (var i = 0; i < lines; i++) content.Append(i % 200).Append(' ').Append(i % 190).Append(" m 200 ").Append(i % 180).Append(" l S\n");
        var titleHex = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(title));
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
            $"<< /Title <FEFF{titleHex}> >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R /Info 5 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A valid RGB PNG of random pixels: signature, IHDR, one zlib IDAT, IEND, each chunk with its CRC-32.</summary>
    public static byte[] Png(int width, int height, int seed)
    {
        var random = new Random(seed);
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            raw[y * (1 + width * 3)] = 0;   // filter: none
            random.NextBytes(raw.AsSpan(y * (1 + width * 3) + 1, width * 3));
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2;   // 8 bits per sample, truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A baseline JPEG's start and end markers around random bytes: enough for the signature, not for a viewer.</summary>
    public static byte[] Jpeg(int seed)
    {
        var bytes = new byte[600];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        bytes[^2] = 0xFF; bytes[^1] = 0xD9;
        return bytes;
    }

    /// <summary>UTF-8 Chinese text of exactly <paramref name="length"/> bytes.</summary>
    public static byte[] Text(int length)
    {
        var line = Encoding.UTF8.GetBytes("2026年9月16日 来电人反映工资拖欠问题。\n");
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = line[i % line.Length];
        // Never end inside a multi-byte character: pad the tail with spaces.
        for (var i = Math.Max(0, length - 3); i < length; i++) bytes[i] = (byte)' ';
        return bytes;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
