using Sunshine.Domain.Oversight;

namespace Sunshine.Domain.Tests.Oversight;

public class RateBandTests
{
    [Theory]
    [InlineData(null, RateColour.None)]
    [InlineData("0", RateColour.Red)]
    [InlineData("0.8499", RateColour.Red)]
    [InlineData("0.85", RateColour.Yellow)]
    [InlineData("0.8999", RateColour.Yellow)]
    [InlineData("0.90", RateColour.Green)]
    [InlineData("1", RateColour.Green)]
    public void Default_bands_are_closed_below_and_open_above(string? rate, RateColour expected) =>
        Assert.Equal(expected, RateBands.Default.Classify(rate is null ? null : decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Configured_bands_move_the_boundaries_and_unordered_bands_are_invalid()
    {
        var strict = new RateBands(0.95m, 0.98m);
        Assert.Equal(RateColour.Red, strict.Classify(0.94m));
        Assert.Equal(RateColour.Yellow, strict.Classify(0.97m));
        Assert.Equal(RateColour.Green, strict.Classify(0.98m));
        Assert.True(strict.IsValid);
        Assert.False(new RateBands(0.9m, 0.8m).IsValid);
        Assert.False(new RateBands(0.5m, 1.2m).IsValid);
    }
}
