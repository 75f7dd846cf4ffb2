using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Attachments;

/// <summary>A file received and encrypted into the staging folder, not yet part of the store.</summary>
public sealed record StagedContent(string TempPath, long Size, byte[] Sha256, byte[] Head, bool TooLarge);

/// <summary>
/// Attachment content outside the database rows. Attachments are personal data (《个人信息保护法》第五十一条), so each
/// file is encrypted with AES-256-GCM under a key derived from the personal-data key file; rotating that file's key
/// changes the key for new files, older ones still open. A file is named by a keyed hash (HMAC) of its content's
/// SHA-256, so names reveal nothing, and the same content is stored once however often it is attached.
/// Files are written to a staging folder in the store and renamed into place, so a file is either whole or absent.
///
/// File layout: "SUNA", version 1, key-id length, key id, 7-byte nonce prefix; then the content in 64 KiB chunks,
/// each sealed separately (ciphertext + 16-byte tag). A chunk's nonce is the prefix, its index and a last-chunk flag,
/// and the header is authenticated with every chunk, so chunks cannot be reordered, dropped or cut off unnoticed.
/// </summary>
public sealed class AttachmentStore
{
    private const string Purpose = "attachments";
    private const int ChunkSize = 64 * 1024;
    private const int TagSize = 16;
    private const int PrefixSize = 7;
    private static readonly byte[] Magic = "SUNA"u8.ToArray();

    private readonly PersonalData _keys;
    private readonly byte[] _nameKey;
    private readonly string _staging;

    public AttachmentStore(IOptions<AttachmentOptions> options, PersonalData keys, TimeProvider time)
    {
        Options = options.Value;
        Allowed = AttachmentTypes.Allowed(Options.Extensions);
        Root = System.IO.Path.GetFullPath(Options.Path);
        _staging = System.IO.Path.Combine(Root, "staging");
        System.IO.Directory.CreateDirectory(_staging);
        _keys = keys;
        _nameKey = keys.DeriveHashKey(Purpose + ":names");
        // Uploads cut off by a crash leave encrypted pieces behind; a day old, no upload is still writing them.
        var stale = time.GetUtcNow().UtcDateTime.AddDays(-1);
        foreach (var piece in System.IO.Directory.EnumerateFiles(_staging, "*.part"))
            if (File.GetLastWriteTimeUtc(piece) < stale) File.Delete(piece);
    }

    public AttachmentOptions Options { get; }
    public IReadOnlyList<AttachmentType> Allowed { get; }
    public string Root { get; }

    /// <summary>
    /// Placing content and recording it, and removing a record and its last file, take turns, so a file is never
    /// deleted while an upload of the same content is being recorded. This serialises one process; several nodes
    /// sharing one store would need a shared lock for deletions.
    /// </summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Where the content with this SHA-256 lives: two levels of fan-out by its keyed name.</summary>
    public string PathOf(byte[] sha256)
    {
        var name = Convert.ToHexStringLower(HMACSHA256.HashData(_nameKey, sha256));
        return System.IO.Path.Combine(Root, name[..2], name[2..4], name);
    }

    /// <summary>
    /// Reads the content once, hashing and encrypting it into the staging folder. Stops as soon as it passes
    /// <paramref name="maxBytes"/> (nothing is kept then). <see cref="StagedContent.Head"/> is the first chunk in
    /// clear, in memory only, for recognising the file's kind.
    /// </summary>
    public async Task<StagedContent> StageAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var temp = System.IO.Path.Combine(_staging, Guid.NewGuid().ToString("N") + ".part");
        var (keyId, key) = _keys.DeriveCurrentKey(Purpose);
        var header = Header(keyId, RandomNumberGenerator.GetBytes(PrefixSize));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var aes = new AesGcm(key, TagSize);
        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var sealedChunk = new byte[ChunkSize + TagSize];
        try
        {
            await using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await output.WriteAsync(header, ct);
            var read = await content.ReadAtLeastAsync(current, ChunkSize, throwOnEndOfStream: false, ct);
            var head = current[..read];
            long size = 0;
            for (uint index = 0; ; index++)
            {
                size += read;
                if (size > maxBytes)
                {
                    await output.DisposeAsync();
                    File.Delete(temp);
                    return new StagedContent(temp, size, [], head, TooLarge: true);
                }
                // A short read means the end; a full one needs a look ahead to know whether it was the last chunk.
                var following = read == ChunkSize ? await content.ReadAtLeastAsync(next, ChunkSize, throwOnEndOfStream: false, ct) : 0;
                var last = following == 0;
                sha.AppendData(current, 0, read);
                aes.Encrypt(Nonce(header, index, last), current.AsSpan(0, read), sealedChunk.AsSpan(0, read), sealedChunk.AsSpan(read, TagSize), header);
                await output.WriteAsync(sealedChunk.AsMemory(0, read + TagSize), ct);
                if (last) break;
                (current, next) = (next, current);
                read = following;
            }
            await output.FlushAsync(ct);
            output.Flush(flushToDisk: true);
            return new StagedContent(temp, size, sha.GetHashAndReset(), head, TooLarge: false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Moves staged content into place; false when the same content was already stored (the copy is dropped).</summary>
    public bool Place(StagedContent staged)
    {
        var target = PathOf(staged.Sha256);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        if (!File.Exists(target))
        {
            try
            {
                // A rename within one file system: the stored file appears whole or not at all.
                File.Move(staged.TempPath, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another writer placed the same content first; its file is as good as ours.
            }
        }
        File.Delete(staged.TempPath);
        return false;
    }

    public static void Discard(StagedContent staged) => File.Delete(staged.TempPath);

    public void Delete(byte[] sha256) => File.Delete(PathOf(sha256));

    /// <summary>
    /// Decrypts the content into <paramref name="destination"/>, checking every chunk's tag and, at the end, the size
    /// and SHA-256 recorded in the row. Throws <see cref="CryptographicException"/> on any mismatch and
    /// <see cref="FileNotFoundException"/> when the file is missing.
    /// </summary>
    public async Task CopyToAsync(byte[] sha256, long size, Stream destination, CancellationToken ct)
    {
        await using var input = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var start = new byte[Magic.Length + 2];
        await input.ReadExactlyAsync(start, ct);
        if (!start.AsSpan(0, Magic.Length).SequenceEqual(Magic) || start[Magic.Length] != 1)
            throw new CryptographicException("Not a Sunshine attachment file.");
        var rest = new byte[start[^1] + PrefixSize];
        await input.ReadExactlyAsync(rest, ct);
        byte[] header = [.. start, .. rest];
        var keyId = System.Text.Encoding.ASCII.GetString(rest, 0, start[^1]);
        using var aes = new AesGcm(_keys.DeriveKey(keyId, Purpose), TagSize);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sealedChunk = new byte[ChunkSize + TagSize];
        var plain = new byte[ChunkSize];
        long written = 0;
        for (uint index = 0; ; index++)
        {
            var remaining = input.Length - input.Position;
            var length = (int)Math.Min(remaining, ChunkSize + TagSize);
            if (length < TagSize) throw new CryptographicException("The attachment file is cut short.");
            await input.ReadExactlyAsync(sealedChunk.AsMemory(0, length), ct);
            var last = length == remaining;
            var plainLength = length - TagSize;
            aes.Decrypt(Nonce(header, index, last), sealedChunk.AsSpan(0, plainLength), sealedChunk.AsSpan(plainLength, TagSize), plain.AsSpan(0, plainLength), header);
            sha.AppendData(plain, 0, plainLength);
            written += plainLength;
            if (written > size) throw new CryptographicException("The attachment file is longer than its record.");
            await destination.WriteAsync(plain.AsMemory(0, plainLength), ct);
            if (last) break;
        }
        if (written != size || !CryptographicOperations.FixedTimeEquals(sha.GetHashAndReset(), sha256))
            throw new CryptographicException("The attachment file does not match its record.");
    }

    private static byte[] Header(string keyId, byte[] prefix)
    {
        var id = System.Text.Encoding.ASCII.GetBytes(keyId);
        return [.. Magic, 1, (byte)id.Length, .. id, .. prefix];
    }

    private static byte[] Nonce(byte[] header, uint index, bool last)
    {
        var nonce = new byte[12];
        header.AsSpan(header.Length - PrefixSize).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(PrefixSize), index);
        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }
}
