using Sunshine.Data.Search;

namespace Sunshine.Web.Tests.Search;

/// <summary>The segmenter the index and the queries share (no database).</summary>
public class ChineseSegmenterTests
{
    [Fact]
    public void Search_mode_yields_the_words_inside_long_words()
    {
        Assert.Equal(["拖欠", "农民", "民工", "农民工", "工资"], ChineseSegmenter.Tokens("拖欠农民工工资"));
        Assert.Equal("拖欠 农民 民工 农民工 工资", ChineseSegmenter.ToIndexText("拖欠农民工工资"));
    }

    [Fact]
    public void Punctuation_and_whitespace_are_dropped_full_width_is_folded_and_ascii_lower_cased()
    {
        var tokens = ChineseSegmenter.Tokens("　请求：ＡＢＣ公司、iPhone手机！！  “工资”……\r\n3.5万元");
        Assert.DoesNotContain(tokens, t => t.Any(c => char.IsPunctuation(c) && c != '.' || char.IsWhiteSpace(c)));
        Assert.Contains("abc", tokens);
        Assert.Contains("iphone", tokens);
        Assert.Contains("工资", tokens);
        Assert.Contains("3.5", tokens);
        Assert.Empty(ChineseSegmenter.Tokens("，。！？、；：“”‘’（）《》 \t\n"));
        Assert.Empty(ChineseSegmenter.Tokens(""));
    }

    [Theory]
    [InlineData("工资", "\"工资\"")]
    [InlineData("农民工 工资 工资", "\"农民\" \"民工\" \"农民工\" \"工资\"")]
    [InlineData("工资\" OR \"x", "\"工资\" \"or\" \"x\"")]
    [InlineData("NEAR(工资 供暖)*", "\"near\" \"工资\" \"供暖\"")]
    [InlineData("Tokens:工资^", "\"tokens\" \"工资\"")]
    [InlineData("\"（）*", "")]
    public void A_match_query_is_quoted_words_only(string query, string expected) =>
        Assert.Equal(expected, ChineseSegmenter.ToMatchQuery(query));

    [Fact]
    public void It_gives_the_same_tokens_on_many_threads_at_once()
    {
        const string text = "我们十二名工人于2026年3月起在山西宏达建筑工程有限公司承建的阳光花园项目工地务工，工程早已完工验收，但工资共计18.5万元至今没有结清。";
        var expected = ChineseSegmenter.Tokens(text);
        var results = new IReadOnlyList<string>[64];
        Parallel.For(0, results.Length, i => results[i] = ChineseSegmenter.Tokens(text));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
