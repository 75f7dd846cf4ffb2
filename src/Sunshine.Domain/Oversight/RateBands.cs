namespace Sunshine.Domain.Oversight;

/// <summary>The colour of a unit's rate (红灯预警 (b), DOMAIN.md §1.6–1.7).</summary>
public enum RateColour
{
    /// <summary>No items to rate: shown as such, never coloured or ranked.</summary>
    None = 0,
    Red = 1,
    Yellow = 2,
    Green = 3,
}

/// <summary>
/// Colour bands for a unit's rates. Practice: [0, 85 %) red, [85 %, 90 %) yellow, [90 %, 100 %] green (DOMAIN.md §1.6);
/// no national standard fixes them, so they are configuration (<c>Oversight:RateBands:Yellow</c> and <c>:Green</c>,
/// as fractions).
/// </summary>
public sealed record RateBands(decimal YellowFrom = 0.85m, decimal GreenFrom = 0.90m)
{
    public static RateBands Default { get; } = new();

    /// <summary>True when the bands are ordered and within [0, 1].</summary>
    public bool IsValid => YellowFrom >= 0 && YellowFrom <= GreenFrom && GreenFrom <= 1;

    /// <summary>The colour of <paramref name="rate"/> (a fraction); <see cref="RateColour.None"/> when there is no rate.
    /// Bands are closed below and open above, so exactly 85 % is yellow and exactly 90 % is green.</summary>
    public RateColour Classify(decimal? rate) => rate switch
    {
        null => RateColour.None,
        var r when r >= GreenFrom => RateColour.Green,
        var r when r >= YellowFrom => RateColour.Yellow,
        _ => RateColour.Red,
    };
}
