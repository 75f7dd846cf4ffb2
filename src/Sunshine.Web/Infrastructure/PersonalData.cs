using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sunshine.Web.Infrastructure;

/// <summary>
/// Encrypts petitioners' ID numbers, phones and addresses at rest (《个人信息保护法》第二十八、五十一条: sensitive
/// personal information needs strict protection). AES-256-GCM with keys kept in a key file outside the database;
/// each ciphertext names its key id so keys can be rotated: new data uses the newest key, old data still opens.
/// Matching (repeat petitioners, fee allowances) uses a keyed HMAC, never plain text.
/// </summary>
public sealed class PersonalData
{
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;
    private readonly byte[] _hashKey;

    private PersonalData(KeyFile file)
    {
        _keys = file.Keys.ToDictionary(k => k.Id, k => Convert.FromBase64String(k.Key));
        _currentKeyId = file.Keys[^1].Id;
        _hashKey = Convert.FromBase64String(file.HashKey);
    }

    /// <summary>Loads the key file, creating it with fresh random keys when it does not exist yet.</summary>
    public static PersonalData Load(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            var created = new KeyFile([NewKey("k1")], Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            File.WriteAllText(path, JsonSerializer.Serialize(created, JsonOptions));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidOperationException($"The personal-data key file {path} is empty.");
        if (file.Keys.Count == 0)
            throw new InvalidOperationException($"The personal-data key file {path} holds no key.");
        return new PersonalData(file);
    }

    /// <summary>Adds a new key to the file; it encrypts from now on, older keys still decrypt.</summary>
    public static string Rotate(string path)
    {
        var file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), JsonOptions)!;
        var id = "k" + (file.Keys.Count + 1);
        var rotated = file with { Keys = [.. file.Keys, NewKey(id)] };
        File.WriteAllText(path, JsonSerializer.Serialize(rotated, JsonOptions));
        return id;
    }

    public static PersonalData ForTests() =>
        new(new KeyFile([NewKey("t1")], Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public string? Protect(string? plain)
    {
        if (string.IsNullOrEmpty(plain)) return null;
        var key = _keys[_currentKeyId];
        var data = Encoding.UTF8.GetBytes(plain);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[data.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16)) aes.Encrypt(nonce, data, cipher, tag);
        return _currentKeyId + ":" + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string? Unprotect(string? protectedValue)
    {
        if (string.IsNullOrEmpty(protectedValue)) return null;
        var colon = protectedValue.IndexOf(':');
        if (colon <= 0 || !_keys.TryGetValue(protectedValue[..colon], out var key))
            throw new CryptographicException("Unknown personal-data key id.");
        var raw = Convert.FromBase64String(protectedValue[(colon + 1)..]);
        var plain = new byte[raw.Length - 28];
        using (var aes = new AesGcm(key, 16)) aes.Decrypt(raw.AsSpan(0, 12), raw.AsSpan(28), raw.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Keyed hash for matching a person across cases; normalised so spacing and case do not matter.</summary>
    public byte[]? KeyedHash(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var normalised = new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(normalised));
    }

    /// <summary>
    /// A key for another use of the same secrets (attachment files), derived by HKDF so the one key file stays the
    /// only thing to back up and rotate; the purpose keeps each derived key apart from the field key and the others.
    /// </summary>
    public (string KeyId, byte[] Key) DeriveCurrentKey(string purpose) => (_currentKeyId, Derive(_keys[_currentKeyId], purpose));

    /// <summary>The derived key for content written under an older (or the current) key id.</summary>
    public byte[] DeriveKey(string keyId, string purpose) =>
        _keys.TryGetValue(keyId, out var key) ? Derive(key, purpose) : throw new CryptographicException("Unknown personal-data key id.");

    /// <summary>A keyed-hash key for another purpose, derived from the matching key (which is never rotated).</summary>
    public byte[] DeriveHashKey(string purpose) => Derive(_hashKey, purpose);

    private static byte[] Derive(byte[] key, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: Encoding.UTF8.GetBytes("sunshine:" + purpose));

    /// <summary>ID number 140105199001011234 → 1401**********1234.</summary>
    public static string MaskIdNumber(string? id) =>
        string.IsNullOrEmpty(id) ? "" : id.Length <= 8 ? new string('*', id.Length) : id[..4] + new string('*', id.Length - 8) + id[^4..];

    /// <summary>Mobile 13912345678 → 139****5678.</summary>
    public static string MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) ? "" : phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];

    /// <summary>Name 张三丰 → 张**; only the surname stays.</summary>
    public static string MaskName(string? name) =>
        string.IsNullOrEmpty(name) ? "" : name[..1] + new string('*', Math.Max(1, name.Length - 1));

    /// <summary>Address: keep the first 6 characters (province/city), hide the rest.</summary>
    public static string MaskAddress(string? address) =>
        string.IsNullOrEmpty(address) ? "" : address.Length <= 6 ? address : address[..6] + "****";

    private static KeyEntry NewKey(string id) => new(id, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private sealed record KeyEntry(string Id, string Key);
    private sealed record KeyFile(List<KeyEntry> Keys, string HashKey);
}
