using Sunshine.Domain.Disclosure;

namespace Sunshine.Domain.Tests.Disclosure;

/// <summary>国办函〔2020〕109号, band edges worked out by hand (fen = 元 × 100).</summary>
public class DisclosureFeesTests
{
    // 按件计收: the n-th application of the month. 1–10 free; 11–30 100 元; 31–40 200 元; 41–50 300 元; 51–60 400 元.
    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 0)]
    [InlineData(11, 10_000)]
    [InlineData(30, 10_000)]
    [InlineData(31, 20_000)]
    [InlineData(40, 20_000)]
    [InlineData(41, 30_000)]
    [InlineData(50, 30_000)]
    [InlineData(51, 40_000)]
    public void Per_application_bands(int ordinal, long fen) => Assert.Equal(fen, DisclosureFees.PerApplication(ordinal));

    // 按量计收 on the part in each band:
    //  31 pages: 1 × 10 = 10 元;  100 pages: 70 × 10 = 700 元;  101: 700 + 1 × 20 = 720 元;
    //  200: 700 + 100 × 20 = 2,700 元;  201: 2,700 + 1 × 40 = 2,740 元;  250: 2,700 + 50 × 40 = 4,700 元.
    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0)]
    [InlineData(31, 1_000)]
    [InlineData(100, 70_000)]
    [InlineData(101, 72_000)]
    [InlineData(200, 270_000)]
    [InlineData(201, 274_000)]
    [InlineData(250, 470_000)]
    public void Per_page_bands(int pages, long fen) => Assert.Equal(fen, DisclosureFees.PerPage(pages));

    [Fact]
    public void Nonsense_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureFees.PerApplication(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureFees.PerPage(-1));
    }

    [Fact]
    public void The_outcome_list_is_table_three()
    {
        Assert.Equal(21, RequestOutcomes.All.Count);
        Assert.True(RequestOutcomes.IsValid("不予公开/危及“三安全一稳定”"));
        Assert.False(RequestOutcomes.IsValid("不予公开"));
        Assert.Equal("其他处理", RequestOutcomes.Group(RequestOutcomes.AbandonedFeeUnpaid));
        Assert.Equal(6, ApplicantTypes.All.Count);
    }
}
