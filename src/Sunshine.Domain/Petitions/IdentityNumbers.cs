namespace Sunshine.Domain.Petitions;

/// <summary>Checks of the identity numbers petitioners give, so typing errors are caught at the desk.</summary>
public static class IdentityNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckDigits = "10X98765432";

    /// <summary>
    /// A resident identity number (公民身份号码, GB 11643-1999): 17 digits and a check character computed with
    /// ISO 7064 MOD 11-2, with a real birth date in positions 7–14.
    /// </summary>
    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i])) return false;
            sum += (id[i] - '0') * Weights[i];
        }
        if (char.ToUpperInvariant(id[17]) != CheckDigits[sum % 11]) return false;
        return DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", out var birth) && birth.Year >= 1900;
    }

    /// <summary>A mainland mobile (1 + 10 digits) or a landline with area code (0 + 9–11 digits, a hyphen allowed).</summary>
    public static bool IsPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return false;
        var digits = phone.Replace("-", "", StringComparison.Ordinal);
        if (!digits.All(char.IsAsciiDigit)) return false;
        return (digits.Length == 11 && digits[0] == '1') || (digits[0] == '0' && digits.Length is >= 10 and <= 12);
    }
}
