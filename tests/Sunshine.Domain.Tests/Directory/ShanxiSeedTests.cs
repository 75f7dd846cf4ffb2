using Sunshine.Domain.Directory;

namespace Sunshine.Domain.Tests.Directory;

/// <summary>Checks the shipped seed src/Sunshine.Data/Seed/divisions-14.csv (山西省, 2023 统计用区划代码).</summary>
public class ShanxiSeedTests
{
    private static readonly Lazy<IReadOnlyList<DivisionRow>> Seed = new(Load);

    private static IReadOnlyList<DivisionRow> Rows => Seed.Value;

    private static IReadOnlyList<DivisionRow> Load()
    {
        var path = Path.Combine(RepositoryRoot(), "src", "Sunshine.Data", "Seed", "divisions-14.csv");
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return DivisionCsv.Parse(reader);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sunshine.slnx")) || File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder with Sunshine.slnx or global.json above {AppContext.BaseDirectory}.");
    }

    private static DivisionRow Row(string code) => Rows.Single(r => r.Code.Value == code);

    [Fact]
    public void Has_one_province_shanxi()
    {
        var province = Assert.Single(Rows, r => r.Level == DivisionLevel.Province);
        Assert.Equal("140000000000", province.Code.Value);
        Assert.Equal("山西省", province.Name);
        Assert.All(Rows, r => Assert.True(r.Code.IsWithin(province.Code), r.Code.Value));
    }

    [Fact]
    public void Has_exactly_eleven_cities()
    {
        var cities = Rows.Where(r => r.Level == DivisionLevel.City).ToList();

        Assert.Equal(11, cities.Count);
        Assert.Equal("太原市", Row("140100000000").Name);
        Assert.Equal("大同市", Row("140200000000").Name);
        Assert.Equal(
            ["太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"],
            cities.Select(c => c.Name));
        Assert.All(cities, c => Assert.Equal("140000000000", c.ParentCode?.Value));
    }

    [Fact]
    public void Counts_per_level()
    {
        // 117 county-level divisions plus the 4 county-level statistical units (x71) of the 国家统计局 tables.
        Assert.Equal(121, Rows.Count(r => r.Level == DivisionLevel.County));
        Assert.Equal(4, Rows.Count(r => r.Level == DivisionLevel.County && string.CompareOrdinal(r.Code.Value[4..6], "71") >= 0 && string.CompareOrdinal(r.Code.Value[4..6], "80") <= 0));
        Assert.Equal(1352, Rows.Count(r => r.Level == DivisionLevel.Township));
        Assert.DoesNotContain(Rows, r => r.Level == DivisionLevel.Village);
        Assert.Equal(1 + 11 + 121 + 1352, Rows.Count);
    }

    [Fact]
    public void Codes_are_unique_and_sorted()
    {
        var codes = Rows.Select(r => r.Code.Value).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public void Every_parent_exists_one_level_up()
    {
        var byCode = Rows.ToDictionary(r => r.Code);
        foreach (var row in Rows.Where(r => r.Level != DivisionLevel.Province))
        {
            Assert.True(row.ParentCode is { } parent && byCode.ContainsKey(parent), $"{row.Code} {row.Name}: parent {row.ParentCode} missing");
            Assert.Equal(row.Level - 1, byCode[row.ParentCode!.Value].Level);
            Assert.Equal(row.Code.Parent, row.ParentCode); // Shanxi has no municipality or county-less city oddities
        }
    }

    [Fact]
    public void Every_township_hangs_under_a_county()
    {
        var byCode = Rows.ToDictionary(r => r.Code);
        Assert.All(
            Rows.Where(r => r.Level == DivisionLevel.Township),
            t => Assert.Equal(DivisionLevel.County, byCode[t.ParentCode!.Value].Level));
    }

    [Theory]
    [InlineData("140105000000", "小店区", "140100000000")]
    [InlineData("140105001000", "坞城街道", "140105000000")]
    [InlineData("140121102000", "东于镇", "140121000000")]
    [InlineData("140922000000", "五台县", "140900000000")]
    [InlineData("141182000000", "汾阳市", "141100000000")]
    public void Known_divisions(string code, string name, string parent)
    {
        var row = Row(code);
        Assert.Equal(name, row.Name);
        Assert.Equal(parent, row.ParentCode?.Value);
    }

    [Fact]
    public void Names_are_clean()
    {
        Assert.All(Rows, r => Assert.True(r.Name.Length > 0 && r.Name == r.Name.Trim() && !r.Name.Contains(',', StringComparison.Ordinal), r.Code.Value));
    }
}
