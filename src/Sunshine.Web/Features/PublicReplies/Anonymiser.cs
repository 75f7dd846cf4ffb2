using System.Text.RegularExpressions;

namespace Sunshine.Web.Features.PublicReplies;

/// <summary>
/// Removes personal data from a petition's text before staff publish it (《个人信息保护法》第二十八条: an ID number, a
/// financial account or a whereabouts is sensitive; 《信访工作条例》第八条 and 第三十条: petitioners' particulars are
/// not made known). It is the first pass, not the last word: staff read and edit the pre-filled text before publishing.
/// </summary>
/// <remarks>
/// Two kinds of removal. By pattern: every resident ID number (18 digits with a final digit or X, or the old 15-digit
/// form), every mobile number (11 digits starting 13–19) and landline (area code + number), and house numbers
/// (…号楼, …单元, …室). By the petitioner's own particulars, as registered: their name (and a representative's), and
/// their address — whole, and its tail after the district, which is how people write it in a letter.
/// </remarks>
public static partial class Anonymiser
{
    public const string NameMask = "某某";
    public const string NumberMask = "****";
    public const string AddressMask = "（地址略）";

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    // Mobile 1[3-9]x with optional separators (139 1234 5678, 139-1234-5678), and landlines with an area code (0351-1234567).
    [GeneratedRegex(@"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)|(?<!\d)0\d{2,3}[ -－]?\d{7,8}(?!\d)")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[0-9０-９一二三四五六七八九十]+(?:号楼|栋|幢|单元|层|室|号院)(?:[0-9０-９一二三四五六七八九十]+(?:号楼|栋|幢|单元|层|室|号))*")]
    private static partial Regex HouseNumber();

    /// <summary>The text with the petitioner's particulars and every ID number, phone number and house number removed.</summary>
    public static string Anonymise(string text, string? name, string? address, IEnumerable<string>? otherNames = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var part in AddressParts(address))
            result = result.Replace(part, AddressMask, StringComparison.Ordinal);
        foreach (var person in new[] { name }.Concat(otherNames ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct())
        {
            result = result.Replace(person, NameMask, StringComparison.Ordinal);
            // A three- or four-character name is also written given name only ("秀兰") in a letter.
            if (person.Length >= 3) result = result.Replace(person[1..], NameMask, StringComparison.Ordinal);
        }
        result = IdNumber().Replace(result, NumberMask);
        result = PhoneNumber().Replace(result, NumberMask);
        result = HouseNumber().Replace(result, NumberMask);
        return result;
    }

    /// <summary>
    /// The address whole, and what follows its district, county or street (区/县/市/镇/乡/街道) when that tail is long
    /// enough to identify a home — "山西省太原市小店区坞城街道某小区5号楼" also as "坞城街道某小区5号楼" and "某小区5号楼".
    /// </summary>
    internal static IEnumerable<string> AddressParts(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) yield break;
        var whole = address.Trim();
        yield return whole;
        var markers = new[] { "省", "市", "区", "县", "镇", "乡", "街道", "村" };
        for (var i = 0; i < whole.Length; i++)
        {
            foreach (var marker in markers)
            {
                if (string.CompareOrdinal(whole, i, marker, 0, marker.Length) != 0) continue;
                var tail = whole[(i + marker.Length)..];
                if (tail.Length >= 4) yield return tail;
            }
        }
    }
}
