using Sunshine.Domain.Oversight;

namespace Sunshine.Domain.Tests.Oversight;

/// <summary>The formulas of DOMAIN.md §1.6 on hand-built counts; every expected value is worked out in the comment next to it.</summary>
public class AssessmentTests
{
    private static decimal? R(AssessmentCounts c, AssessmentMetric m) => AssessmentRates.Of(c, m);

    [Fact]
    public void Each_rate_is_its_formula()
    {
        var c = new AssessmentCounts
        {
            BureauTimely = 18, BureauLate = 2,          // 18 / 20 = 90 %
            UnitTimely = 17, UnitLate = 3,              // 17 / 20 = 85 %
            OnTime = 12, Late = 3, Unanswered = 4, OverdueUnanswered = 1, // 12 / (12+3+4+1) = 60 %
            Satisfied = 6, FairlySatisfied = 3, Dissatisfied = 1,         // evaluated 10; satisfied (6+3)/10 = 90 %
            OverdueUnevaluated = 5,                     // participation 10 / (10+5) = 2/3
            Items = 40, Repeat = 4, Online = 30,        // repeat 10 %, 网信 75 %
            ResolvedFirstTime = 12,                     // 12 / answered (12+3) = 80 %
            HandlingDays = 400,                         // 400 / 15 answered = 26.67 → 26.7
        };
        Assert.Equal(0.9m, R(c, AssessmentMetric.BureauTimely));
        Assert.Equal(0.85m, R(c, AssessmentMetric.UnitTimely));
        Assert.Equal(0.6m, R(c, AssessmentMetric.OnTime));
        Assert.Equal(10m / 15, R(c, AssessmentMetric.Participation));
        Assert.Equal(0.9m, R(c, AssessmentMetric.Satisfaction));
        Assert.Equal(0.1m, R(c, AssessmentMetric.Repeat));
        Assert.Equal(0.75m, R(c, AssessmentMetric.Online));
        Assert.Equal(0.8m, R(c, AssessmentMetric.FirstTimeResolution));
        Assert.Equal(26.7m, AssessmentRates.AverageHandlingDays(c));
        Assert.Equal(RateColour.Green, AssessmentRates.Colour(AssessmentMetric.BureauTimely, R(c, AssessmentMetric.BureauTimely), RateBands.Default));
        Assert.Equal(RateColour.Yellow, AssessmentRates.Colour(AssessmentMetric.UnitTimely, R(c, AssessmentMetric.UnitTimely), RateBands.Default));
        Assert.Equal(RateColour.Red, AssessmentRates.Colour(AssessmentMetric.OnTime, R(c, AssessmentMetric.OnTime), RateBands.Default));
        // The repeat rate is not "good" when high: it has no band colour.
        Assert.Equal(RateColour.None, AssessmentRates.Colour(AssessmentMetric.Repeat, 0.95m, RateBands.Default));
    }

    [Fact]
    public void Nothing_to_evaluate_gives_no_rate_not_zero_or_hundred()
    {
        var empty = new AssessmentCounts();
        foreach (var metric in Enum.GetValues<AssessmentMetric>())
            Assert.Null(R(empty, metric));
        Assert.Null(AssessmentRates.AverageHandlingDays(empty));
        Assert.Equal(RateColour.None, AssessmentRates.Colour(AssessmentMetric.OnTime, null, RateBands.Default));
        Assert.Null(AssessmentScoring.Default.Score(empty));

        // Replies but none evaluated and none overdue yet: participation and satisfaction are "none".
        var waiting = new AssessmentCounts { OnTime = 5, Items = 5 };
        Assert.Null(R(waiting, AssessmentMetric.Participation));
        Assert.Null(R(waiting, AssessmentMetric.Satisfaction));
        // Evaluations overdue and none given: participation is a true 0 %.
        Assert.Equal(0m, R(waiting with { OverdueUnevaluated = 5 }, AssessmentMetric.Participation));
    }

    [Fact]
    public void All_overdue_is_zero_percent_and_red()
    {
        var c = new AssessmentCounts { OverdueUnanswered = 7, BureauLate = 7, UnitLate = 7, Items = 7 };
        Assert.Equal(0m, R(c, AssessmentMetric.OnTime));
        Assert.Equal(0m, R(c, AssessmentMetric.BureauTimely));
        Assert.Equal(RateColour.Red, AssessmentRates.Colour(AssessmentMetric.OnTime, 0m, RateBands.Default));
        // Score: bureau 0 (w10), unit 0 (w15), on time 0 (w30), repeat 1 − 0 = 1 (w10) → 100·10/65 = 15.38.
        Assert.Equal(15.38m, AssessmentScoring.Default.Score(c));
    }

    [Fact]
    public void Unanswered_items_within_the_limit_count_in_the_denominator()
    {
        // 按期办结率 = on time ÷ (on time + late + unanswered + overdue unanswered): 3 / (3 + 0 + 1 + 0) = 75 %.
        Assert.Equal(0.75m, R(new AssessmentCounts { OnTime = 3, Unanswered = 1 }, AssessmentMetric.OnTime));
    }

    [Fact]
    public void The_score_weighs_only_the_rates_the_unit_has()
    {
        var weights = new Dictionary<AssessmentMetric, decimal> { [AssessmentMetric.OnTime] = 3, [AssessmentMetric.Satisfaction] = 1 };
        var scoring = new AssessmentScoring(weights, MinItems: 1);
        // On time 8/10 = 0.8, satisfaction 1/2 = 0.5 → (3·0.8 + 1·0.5)/4 = 0.725 → 72.5.
        var both = new AssessmentCounts { OnTime = 8, Late = 2, Satisfied = 1, Dissatisfied = 1, Items = 10 };
        Assert.Equal(72.5m, scoring.Score(both));
        // Nothing evaluated: only on time counts, 0.8 → 80, not dragged to 60 by a "0 %" satisfaction.
        Assert.Equal(80m, scoring.Score(both with { Satisfied = 0, Dissatisfied = 0 }));
        // The repeat rate counts inverted: 1 repeat of 4 → 0.75 → 75.
        var repeat = new AssessmentScoring(new Dictionary<AssessmentMetric, decimal> { [AssessmentMetric.Repeat] = 1 });
        Assert.Equal(75m, repeat.Score(new AssessmentCounts { Items = 4, Repeat = 1 }));
        Assert.True(scoring.IsValid);
        Assert.False(new AssessmentScoring(new Dictionary<AssessmentMetric, decimal> { [AssessmentMetric.OnTime] = 0 }).IsValid);
        Assert.False(new AssessmentScoring(weights, MinItems: -1).IsValid);
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(0, true)]
    public void Units_below_the_minimum_are_too_few(int items, bool tooFew) =>
        Assert.Equal(tooFew, AssessmentScoring.Default.TooFew(new AssessmentCounts { Items = items }));

    [Fact]
    public void Ranking_shares_ties_skips_the_next_rank_and_leaves_small_units_unranked()
    {
        var scoring = new AssessmentScoring(new Dictionary<AssessmentMetric, decimal> { [AssessmentMetric.OnTime] = 1 }, MinItems: 10);
        AssessmentCounts Unit(int onTime, int late, int items = 20) => new() { OnTime = onTime, Late = late, Items = items };
        var ranks = scoring.Rank(new[]
        {
            ("A", Unit(9, 1)),            // 90
            ("B", Unit(18, 2)),           // 90, tie with A
            ("C", Unit(10, 0)),           // 100
            ("D", Unit(5, 5)),            // 50
            ("E", Unit(9, 0, items: 9)),  // too few: 9 < 10
            ("F", Unit(0, 0)),            // nothing answered: no score
        });
        Assert.Equal(1, ranks["C"]);
        Assert.Equal(2, ranks["A"]);
        Assert.Equal(2, ranks["B"]);
        Assert.Equal(4, ranks["D"]);
        Assert.Null(ranks["E"]);
        Assert.Null(ranks["F"]);
    }

    [Fact]
    public void Counts_add_up_for_a_total_row()
    {
        var sum = new AssessmentCounts { OnTime = 1, Items = 2, HandlingDays = 10 } + new AssessmentCounts { OnTime = 2, Late = 1, Items = 3, HandlingDays = 5 };
        Assert.Equal(3, sum.OnTime);
        Assert.Equal(5, sum.Items);
        Assert.Equal(4, sum.Answered);
        Assert.Equal(3.8m, AssessmentRates.AverageHandlingDays(sum)); // 15 / 4 = 3.75 → 3.8
    }

    [Theory]
    [InlineData("2026", PeriodKind.Year, "2026-01-01", "2026-12-31")]
    [InlineData("2026-Q1", PeriodKind.Quarter, "2026-01-01", "2026-03-31")]
    [InlineData("2026-Q3", PeriodKind.Quarter, "2026-07-01", "2026-09-30")]
    [InlineData("2026-Q4", PeriodKind.Quarter, "2026-10-01", "2026-12-31")]
    [InlineData("2026-09", PeriodKind.Month, "2026-09-01", "2026-09-30")]
    [InlineData("2024-02", PeriodKind.Month, "2024-02-01", "2024-02-29")]
    public void Periods_parse_to_legal_date_ranges(string text, PeriodKind kind, string from, string to)
    {
        Assert.True(AssessmentPeriod.TryParse(text, out var period));
        Assert.Equal(kind, period.Kind);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), period.To);
        Assert.Equal(text, period.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("26")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026-00")]
    [InlineData("abcd")]
    [InlineData("2026/09")]
    public void Bad_periods_are_refused(string? text) => Assert.False(AssessmentPeriod.TryParse(text, out _));
}
