using Sunshine.Domain.Directory;

namespace Sunshine.Domain.Tests.Directory;

public class DivisionCsvTests
{
    private const string Good = """
        code,name,level,parent_code
        140000000000,山西省,Province,
        140100000000,太原市,City,140000000000
        140105000000,小店区,County,140100000000
        140105001000,坞城街道,Township,140105000000
        140105001001,"某某社区居委会",Village,140105001000
        """;

    private static IReadOnlyList<DivisionRow> Parse(string text) => DivisionCsv.Parse(new StringReader(text));

    [Fact]
    public void Parses_rows_in_file_order()
    {
        var rows = Parse(Good);

        Assert.Equal(5, rows.Count);
        Assert.Equal(new DivisionRow(DivisionCode.Parse("140000000000"), "山西省", DivisionLevel.Province, null), rows[0]);
        Assert.Equal(new DivisionRow(DivisionCode.Parse("140105001000"), "坞城街道", DivisionLevel.Township, DivisionCode.Parse("140105000000")), rows[3]);
        Assert.Equal("某某社区居委会", rows[4].Name);
    }

    [Fact]
    public void Accepts_bom_crlf_blank_lines_and_quoted_commas()
    {
        var text = "\uFEFFcode,name,level,parent_code\r\n140000000000,山西省,Province,\r\n\r\n140100000000,\"太原市, \"\"省会\"\"\",City,140000000000\r\n";

        var rows = Parse(text);

        Assert.Equal(2, rows.Count);
        Assert.Equal("太原市, \"省会\"", rows[1].Name);
    }

    [Fact]
    public void A_county_may_hang_directly_under_the_province()
    {
        var rows = Parse("""
            code,name,level,parent_code
            110000000000,北京市,Province,
            110101000000,东城区,County,110000000000
            """);

        Assert.Equal(DivisionCode.Parse("110000000000"), rows[1].ParentCode);
    }

    [Theory]
    [InlineData("", "line 1:", "empty")]
    [InlineData("code,name,level\n", "line 1:", "expected the header")]
    [InlineData("140000000000,山西省,Province,\n", "line 1:", "expected the header")]
    public void Bad_header(string text, string prefix, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => Parse(text));
        Assert.StartsWith(prefix, ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14010000000,太原市,City,140000000000", "expected 12 digits")]
    [InlineData("14010000000A,太原市,City,140000000000", "is not a digit")]
    [InlineData("140100000000,太原市,City", "expected 4 fields")]
    [InlineData("140100000000,太原市,City,140000000000,x", "expected 4 fields")]
    [InlineData("140100000000, ,City,140000000000", "name of 140100000000 is empty")]
    [InlineData("140100000000,太原市,city,140000000000", "level 'city' is not one of")]
    [InlineData("140100000000,太原市,2,140000000000", "level '2' is not one of")]
    [InlineData("140100000000,太原市,County,140000000000", "level County does not match")]
    [InlineData("140100000000,太原市,City,", "needs a parent_code")]
    [InlineData("140100000000,太原市,City,1400", "parent_code '1400' is not a valid division code")]
    [InlineData("140100000000,太原市,City,150000000000", "is not an ancestor")]
    [InlineData("140100000000,太原市,City,140100000000", "is not an ancestor")]
    [InlineData("140100000000,\"太原市,City,140000000000", "unterminated quoted field")]
    [InlineData("140100000000,\"太原\"市,City,140000000000", "after a quoted field")]
    [InlineData("140100000000,太\"原市,City,140000000000", "quote inside an unquoted field")]
    [InlineData("140000000000,山西省,Province,", "duplicate code 140000000000 (already on line 2)")]
    [InlineData("140200000000,大同市,City,140000000000\n140200000000,大同市,City,140000000000", "duplicate code")]
    public void Bad_line_is_reported_with_its_number(string badLine, string reason)
    {
        // Line 1 header, line 2 province, line 3 blank, line 4 the bad line.
        var text = "code,name,level,parent_code\n140000000000,山西省,Province,\n\n" + badLine + "\n";

        var ex = Assert.Throws<FormatException>(() => Parse(text));

        var expectedLine = badLine.Contains('\n', StringComparison.Ordinal) ? 5 : 4;
        Assert.StartsWith($"line {expectedLine}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Province_with_a_parent_is_rejected()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("code,name,level,parent_code\n140000000000,山西省,Province,140000000000\n"));
        Assert.StartsWith("line 2: province 140000000000 must not have a parent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_parent_is_reported_on_the_child_line()
    {
        var text = """
            code,name,level,parent_code
            140000000000,山西省,Province,
            140100000000,太原市,City,140000000000
            140105000000,小店区,County,140100000000
            140202000000,城区,County,140200000000
            """;

        var ex = Assert.Throws<FormatException>(() => Parse(text));

        Assert.Equal("line 5: parent 140200000000 of 140202000000 城区 is not in the file.", ex.Message);
    }
}
