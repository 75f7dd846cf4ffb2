using System.Security.Cryptography;
using System.Text;
using Sunshine.Domain.Calendar;

namespace Sunshine.Web.Features.Petitions;

/// <summary>Small rules every petition path shares: rule-set naming, case numbers and query codes.</summary>
public static class PetitionConventions
{
    /// <summary>The petition rule sets in force for a locality on a date, e.g. "xinfang-2022" (or with a provincial override).</summary>
    public static string RuleSetCode(RuleBook book, string divisionCode, DateOnly on) =>
        string.Join("+", book.Sets
            .Where(s => s.AppliesTo(divisionCode) && s.Covers(on) && s.Rules.Keys.Any(k => k.StartsWith("petition.", StringComparison.Ordinal)))
            .OrderBy(s => s.Jurisdiction.Length)
            .Select(s => s.Code));

    /// <summary>
    /// XF + registration date + the database id (7 digits or more): readable, and unique across app nodes because the
    /// id comes from the one database. Demo and imported numbers (16 characters) cannot collide with these (17+).
    /// </summary>
    public static string CaseNumber(DateOnly registeredOn, long id) =>
        "XF" + registeredOn.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    private const string QueryCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>An 8-character secret the petitioner uses with the case number; only its SHA-256 is stored.</summary>
    public static string NewQueryCode()
    {
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = QueryCodeAlphabet[RandomNumberGenerator.GetInt32(QueryCodeAlphabet.Length)];
        return new string(code);
    }

    public static byte[] HashQueryCode(string code) => SHA256.HashData(Encoding.ASCII.GetBytes(code.Trim().ToUpperInvariant()));
}
