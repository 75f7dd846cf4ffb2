using System.Diagnostics.CodeAnalysis;

namespace Sunshine.Domain.Directory;

/// <summary>
/// A 12-digit administrative division code (行政区划代码), e.g. <c>140000000000</c> 山西省,
/// <c>140100000000</c> 太原市, <c>140105000000</c> 小店区, <c>140105001000</c> 坞城街道.
/// </summary>
/// <remarks>
/// <para>The digits are grouped 2 + 2 + 2 + 3 + 3 (province, city, county, township, village). The
/// <see cref="Level"/> is the lowest non-zero group, so the significant prefix is 2, 4, 6, 9 or 12 digits long.</para>
/// <para>Accepted shape: exactly 12 ASCII digits; the province group does not start with 0; a code whose city
/// group is 00 is a province (all lower groups 00); a village needs a township. A county group of 00 under a
/// township is allowed: cities without counties (东莞 441900003000) have their townships directly.</para>
/// <para><see cref="Parent"/> is the parent <em>by code</em>. It need not exist as a division: the districts of a
/// municipality (东城区 110101000000) have the code parent 110100000000 (市辖区), which is not an organisation;
/// the real hierarchy is <see cref="DivisionRow.ParentCode"/>.</para>
/// <para><c>default(DivisionCode)</c> is not a valid code; its <see cref="Value"/> is empty and the other members throw.</para>
/// </remarks>
public readonly record struct DivisionCode
{
    /// <summary>Number of digits of a code.</summary>
    public const int Length = 12;

    private readonly string? _value;
    private readonly DivisionLevel _level;

    private DivisionCode(string value, DivisionLevel level)
    {
        _value = value;
        _level = level;
    }

    /// <summary>The 12 digits.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The level, from the lowest non-zero digit group.</summary>
    public DivisionLevel Level => _value is null ? throw Uninitialised() : _level;

    /// <summary>The significant digits: 2, 4, 6, 9 or 12 of them by level ("1401" for 太原市). Every code within
    /// this division starts with it, so it serves prefix (subtree) queries.</summary>
    public string Prefix => Value[..SignificantLength(Level)];

    /// <summary>The code one level up with the lower digits zeroed (a township under a city without counties gets
    /// the city); <c>null</c> for a province. See the remarks: it may not exist as a division.</summary>
    public DivisionCode? Parent
    {
        get
        {
            var level = Level;
            if (level == DivisionLevel.Province)
            {
                return null;
            }

            var keep = SignificantLength(level - 1);
            var parent = string.Concat(Value.AsSpan(0, keep), new string('0', Length - keep));
            return new DivisionCode(parent, LevelOf(parent));
        }
    }

    /// <summary>True when this code is <paramref name="ancestor"/> or lies below it (inclusive, like a subtree).</summary>
    public bool IsWithin(DivisionCode ancestor) => Value.StartsWith(ancestor.Prefix, StringComparison.Ordinal);

    /// <summary>Parses a 12-digit code; returns false (and <c>default</c>) when it is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out DivisionCode code)
    {
        if (s is null || Problem(s) is not null)
        {
            code = default;
            return false;
        }

        code = new DivisionCode(s, LevelOf(s));
        return true;
    }

    /// <summary>Parses a 12-digit code.</summary>
    /// <exception cref="FormatException">The text is not a valid division code; the message says why.</exception>
    public static DivisionCode Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var problem = Problem(s);
        if (problem is not null)
        {
            throw new FormatException($"'{s}' is not a valid division code (行政区划代码): {problem}.");
        }

        return new DivisionCode(s, LevelOf(s));
    }

    /// <summary>The number of significant digits of a level: 2, 4, 6, 9 or 12.</summary>
    public static int SignificantLength(DivisionLevel level) => level switch
    {
        DivisionLevel.Province => 2,
        DivisionLevel.City => 4,
        DivisionLevel.County => 6,
        DivisionLevel.Township => 9,
        DivisionLevel.Village => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown division level."),
    };

    /// <summary>The 12 digits.</summary>
    public override string ToString() => Value;

    /// <summary>Why <paramref name="s"/> is not a valid code, or null when it is.</summary>
    internal static string? Problem(string s)
    {
        if (s.Length != Length)
        {
            return $"expected {Length} digits, got {s.Length} characters";
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return $"character '{s[i]}' at position {i + 1} is not a digit";
            }
        }

        if (s[0] == '0')
        {
            return $"province digits '{s[..2]}' do not name a province";
        }

        var span = s.AsSpan();
        if (IsZero(span[2..4]) && !IsZero(span[4..]))
        {
            return "the city digits are 00 but lower digits are not";
        }

        if (IsZero(span[6..9]) && !IsZero(span[9..]))
        {
            return "the township digits are 000 but the village digits are not";
        }

        return null;
    }

    private static DivisionLevel LevelOf(string s)
    {
        var span = s.AsSpan();
        if (!IsZero(span[9..]))
        {
            return DivisionLevel.Village;
        }

        if (!IsZero(span[6..9]))
        {
            return DivisionLevel.Township;
        }

        if (!IsZero(span[4..6]))
        {
            return DivisionLevel.County;
        }

        return IsZero(span[2..4]) ? DivisionLevel.Province : DivisionLevel.City;
    }

    private static bool IsZero(ReadOnlySpan<char> digits) => !digits.ContainsAnyExcept('0');

    private static InvalidOperationException Uninitialised() =>
        new("default(DivisionCode) is not a valid division code; use DivisionCode.Parse or TryParse.");
}
