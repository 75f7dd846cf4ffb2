using Sunshine.Domain.Directory;

namespace Sunshine.Domain.Tests.Directory;

public class DivisionCodeTests
{
    [Theory]
    [InlineData("140000000000", DivisionLevel.Province, "14", null)]
    [InlineData("140100000000", DivisionLevel.City, "1401", "140000000000")]
    [InlineData("140105000000", DivisionLevel.County, "140105", "140100000000")]
    [InlineData("140105001000", DivisionLevel.Township, "140105001", "140105000000")]
    [InlineData("140105001001", DivisionLevel.Village, "140105001001", "140105001000")]
    [InlineData("140110100000", DivisionLevel.Township, "140110100", "140110000000")] // township 100: trailing zeros inside the group
    [InlineData("140121200201", DivisionLevel.Village, "140121200201", "140121200000")]
    [InlineData("500000000000", DivisionLevel.Province, "50", null)]                 // 重庆市: second digit 0
    [InlineData("110101000000", DivisionLevel.County, "110101", "110100000000")]     // parent by code is 市辖区
    [InlineData("441900003000", DivisionLevel.Township, "441900003", "441900000000")] // 东莞: no counties, parent is the city
    public void Parse_gives_level_prefix_and_parent(string text, DivisionLevel level, string prefix, string? parent)
    {
        var code = DivisionCode.Parse(text);

        Assert.Equal(text, code.Value);
        Assert.Equal(text, code.ToString());
        Assert.Equal(level, code.Level);
        Assert.Equal(prefix, code.Prefix);
        Assert.Equal(parent, code.Parent?.Value);
        Assert.True(DivisionCode.TryParse(text, out var again));
        Assert.Equal(code, again);
    }

    [Fact]
    public void Parent_of_441900003000_is_a_city()
    {
        Assert.Equal(DivisionLevel.City, DivisionCode.Parse("441900003000").Parent!.Value.Level);
    }

    [Fact]
    public void Parent_chain_climbs_to_the_province()
    {
        DivisionCode? code = DivisionCode.Parse("140105001001");
        var chain = new List<string>();
        while (code is { } c)
        {
            chain.Add(c.Value);
            code = c.Parent;
        }

        Assert.Equal(["140105001001", "140105001000", "140105000000", "140100000000", "140000000000"], chain);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "expected 12 digits, got 0")]
    [InlineData("1401", "expected 12 digits, got 4")]
    [InlineData("1401000000000", "expected 12 digits, got 13")]
    [InlineData(" 14010000000", "position 1 is not a digit")]
    [InlineData("14010000000x", "position 12 is not a digit")]
    [InlineData("14010000000٣", "position 12 is not a digit")] // Arabic-Indic digit
    [InlineData("000000000000", "do not name a province")]
    [InlineData("040000000000", "do not name a province")]
    [InlineData("140005000000", "city digits are 00")]
    [InlineData("140000001000", "city digits are 00")]
    [InlineData("140105000001", "township digits are 000")]
    public void Invalid_codes_are_rejected(string? text, string reason)
    {
        Assert.False(DivisionCode.TryParse(text, out var code));
        Assert.Equal(default, code);
        if (text is null)
        {
            Assert.Throws<ArgumentNullException>(() => DivisionCode.Parse(text!));
            return;
        }

        var ex = Assert.Throws<FormatException>(() => DivisionCode.Parse(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("140105001000", "140105001000", true)]  // itself
    [InlineData("140105001000", "140105000000", true)]
    [InlineData("140105001000", "140100000000", true)]
    [InlineData("140105001000", "140000000000", true)]
    [InlineData("140105001001", "140105001000", true)]
    [InlineData("140105000000", "140105001000", false)] // a county is not within its township
    [InlineData("140000000000", "140100000000", false)]
    [InlineData("140106000000", "140105000000", false)] // sibling
    [InlineData("140200000000", "140100000000", false)]
    [InlineData("150100000000", "140000000000", false)]
    [InlineData("141001000000", "140100000000", false)] // same leading digits, other city: prefix is 4 digits
    [InlineData("441900003000", "441900000000", true)]
    [InlineData("110101000000", "110000000000", true)]
    public void IsWithin(string code, string ancestor, bool expected)
    {
        Assert.Equal(expected, DivisionCode.Parse(code).IsWithin(DivisionCode.Parse(ancestor)));
    }

    [Fact]
    public void Default_is_not_a_code()
    {
        var code = default(DivisionCode);
        Assert.Equal(string.Empty, code.Value);
        Assert.Throws<InvalidOperationException>(() => code.Level);
        Assert.Throws<InvalidOperationException>(() => code.Parent);
        Assert.Throws<InvalidOperationException>(() => code.Prefix);
    }

    [Fact]
    public void Codes_compare_by_value()
    {
        Assert.Equal(DivisionCode.Parse("140100000000"), DivisionCode.Parse("140105000000").Parent);
        Assert.NotEqual(DivisionCode.Parse("140100000000"), DivisionCode.Parse("140200000000"));
        var set = new HashSet<DivisionCode> { DivisionCode.Parse("140100000000"), DivisionCode.Parse("140100000000") };
        Assert.Single(set);
    }

    [Theory]
    [InlineData(DivisionLevel.Province, 2)]
    [InlineData(DivisionLevel.City, 4)]
    [InlineData(DivisionLevel.County, 6)]
    [InlineData(DivisionLevel.Township, 9)]
    [InlineData(DivisionLevel.Village, 12)]
    public void Significant_lengths(DivisionLevel level, int length)
    {
        Assert.Equal(length, DivisionCode.SignificantLength(level));
    }
}
