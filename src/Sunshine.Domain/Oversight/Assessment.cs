using System.Globalization;

namespace Sunshine.Domain.Oversight;

/// <summary>The rates of 信访考核 (DOMAIN.md §1.6).</summary>
public enum AssessmentMetric
{
    /// <summary>及时受理率 of a bureau: its transfer, assignment or routing decision by registration + 15 日 (Art. 22).</summary>
    BureauTimely = 1,
    /// <summary>及时受理率 of a responsible unit: its acceptance (受理) by the due date of the receiving step (Art. 23).</summary>
    UnitTimely = 2,
    /// <summary>按期办结率: on time ÷ (on time + late + unanswered + overdue unanswered).</summary>
    OnTime = 3,
    /// <summary>参评率: evaluated ÷ (evaluated + overdue unevaluated).</summary>
    Participation = 4,
    /// <summary>满意率: (满意 + 基本满意) ÷ evaluated.</summary>
    Satisfaction = 5,
    /// <summary>重复信访率: repeat items ÷ all items. Lower is better.</summary>
    Repeat = 6,
    /// <summary>网信占比: items by any channel other than letter and visit ÷ all items.</summary>
    Online = 7,
    /// <summary>一次性化解率: answered items that went on to no review ÷ answered items.</summary>
    FirstTimeResolution = 8,
}

/// <summary>
/// The counts of one unit for one period, as the database groups them. Each count is a set of cases the case list can
/// show (<c>assessment=…</c>); the rates are quotients of these counts and nothing else.
/// </summary>
public sealed record AssessmentCounts
{
    /// <summary>Items the unit registered as the bureau, first-time only, decided by their due date.</summary>
    public int BureauTimely { get; init; }
    /// <summary>… decided after it, or not decided when it has passed.</summary>
    public int BureauLate { get; init; }
    /// <summary>Items transferred or assigned to the unit and accepted (or routed, declined) by the due date of receipt.</summary>
    public int UnitTimely { get; init; }
    public int UnitLate { get; init; }
    /// <summary>Items with a handling limit answered by their due date.</summary>
    public int OnTime { get; init; }
    /// <summary>… answered after it.</summary>
    public int Late { get; init; }
    /// <summary>… not answered yet, still within the limit.</summary>
    public int Unanswered { get; init; }
    /// <summary>… not answered, limit passed.</summary>
    public int OverdueUnanswered { get; init; }
    public int Satisfied { get; init; }
    public int FairlySatisfied { get; init; }
    public int Dissatisfied { get; init; }
    /// <summary>Replies not evaluated when the evaluation window has closed (超期未评价).</summary>
    public int OverdueUnevaluated { get; init; }
    /// <summary>All items of the unit in the period.</summary>
    public int Items { get; init; }
    public int Repeat { get; init; }
    /// <summary>Items by a channel other than letter and visit (网信).</summary>
    public int Online { get; init; }
    /// <summary>Answered items that went on to no review or re-examination (一次性化解).</summary>
    public int ResolvedFirstTime { get; init; }
    /// <summary>Sum of the days from acceptance to answer over the answered items (<see cref="Answered"/>).</summary>
    public long HandlingDays { get; init; }

    public int Evaluated => Satisfied + FairlySatisfied + Dissatisfied;
    public int Answered => OnTime + Late;

    public static AssessmentCounts operator +(AssessmentCounts a, AssessmentCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            BureauTimely = a.BureauTimely + b.BureauTimely, BureauLate = a.BureauLate + b.BureauLate,
            UnitTimely = a.UnitTimely + b.UnitTimely, UnitLate = a.UnitLate + b.UnitLate,
            OnTime = a.OnTime + b.OnTime, Late = a.Late + b.Late, Unanswered = a.Unanswered + b.Unanswered,
            OverdueUnanswered = a.OverdueUnanswered + b.OverdueUnanswered,
            Satisfied = a.Satisfied + b.Satisfied, FairlySatisfied = a.FairlySatisfied + b.FairlySatisfied,
            Dissatisfied = a.Dissatisfied + b.Dissatisfied, OverdueUnevaluated = a.OverdueUnevaluated + b.OverdueUnevaluated,
            Items = a.Items + b.Items, Repeat = a.Repeat + b.Repeat, Online = a.Online + b.Online,
            ResolvedFirstTime = a.ResolvedFirstTime + b.ResolvedFirstTime, HandlingDays = a.HandlingDays + b.HandlingDays,
        };
    }

    public static AssessmentCounts Add(AssessmentCounts a, AssessmentCounts b) => a + b;

    /// <summary>The counts of <paramref name="a"/> without those of <paramref name="b"/>, a subset of its cases.</summary>
    public static AssessmentCounts operator -(AssessmentCounts a, AssessmentCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            BureauTimely = a.BureauTimely - b.BureauTimely, BureauLate = a.BureauLate - b.BureauLate,
            UnitTimely = a.UnitTimely - b.UnitTimely, UnitLate = a.UnitLate - b.UnitLate,
            OnTime = a.OnTime - b.OnTime, Late = a.Late - b.Late, Unanswered = a.Unanswered - b.Unanswered,
            OverdueUnanswered = a.OverdueUnanswered - b.OverdueUnanswered,
            Satisfied = a.Satisfied - b.Satisfied, FairlySatisfied = a.FairlySatisfied - b.FairlySatisfied,
            Dissatisfied = a.Dissatisfied - b.Dissatisfied, OverdueUnevaluated = a.OverdueUnevaluated - b.OverdueUnevaluated,
            Items = a.Items - b.Items, Repeat = a.Repeat - b.Repeat, Online = a.Online - b.Online,
            ResolvedFirstTime = a.ResolvedFirstTime - b.ResolvedFirstTime, HandlingDays = a.HandlingDays - b.HandlingDays,
        };
    }

    public static AssessmentCounts Subtract(AssessmentCounts a, AssessmentCounts b) => a - b;
}

/// <summary>
/// The formulas of DOMAIN.md §1.6 over a unit's counts. A rate whose denominator is zero is null ("none"): there was
/// nothing to rate, which is neither 0 % nor 100 %.
/// </summary>
public static class AssessmentRates
{
    public static decimal? Rate(long numerator, long denominator) =>
        denominator == 0 ? null : (decimal)numerator / denominator;

    public static decimal? Of(AssessmentCounts c, AssessmentMetric metric)
    {
        ArgumentNullException.ThrowIfNull(c);
        return metric switch
        {
            AssessmentMetric.BureauTimely => Rate(c.BureauTimely, c.BureauTimely + c.BureauLate),
            AssessmentMetric.UnitTimely => Rate(c.UnitTimely, c.UnitTimely + c.UnitLate),
            AssessmentMetric.OnTime => Rate(c.OnTime, c.OnTime + c.Late + c.Unanswered + c.OverdueUnanswered),
            AssessmentMetric.Participation => Rate(c.Evaluated, c.Evaluated + c.OverdueUnevaluated),
            AssessmentMetric.Satisfaction => Rate(c.Satisfied + c.FairlySatisfied, c.Evaluated),
            AssessmentMetric.Repeat => Rate(c.Repeat, c.Items),
            AssessmentMetric.Online => Rate(c.Online, c.Items),
            AssessmentMetric.FirstTimeResolution => Rate(c.ResolvedFirstTime, c.Answered),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };
    }

    /// <summary>Average days from acceptance to answer, one decimal; null when nothing was answered.</summary>
    public static decimal? AverageHandlingDays(AssessmentCounts c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Answered == 0 ? null : Math.Round((decimal)c.HandlingDays / c.Answered, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Whether a higher rate is better: all but the repeat rate; 网信占比 is a share, neither good nor bad.</summary>
    public static bool HigherIsBetter(AssessmentMetric metric) => metric is not (AssessmentMetric.Repeat or AssessmentMetric.Online);

    /// <summary>The band colour of a rate: only rates where higher is better have one.</summary>
    public static RateColour Colour(AssessmentMetric metric, decimal? rate, RateBands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return HigherIsBetter(metric) ? bands.Classify(rate) : RateColour.None;
    }
}

/// <summary>
/// The weighted score (configuration <c>Oversight:Assessment:Weights:{Metric}</c>, <c>Oversight:Assessment:MinItems</c>).
/// No national standard sets the weights; the defaults weigh the statutory limits and the petitioners' verdict most.
/// </summary>
public sealed record AssessmentScoring(IReadOnlyDictionary<AssessmentMetric, decimal> Weights, int MinItems = AssessmentScoring.DefaultMinItems)
{
    public const int DefaultMinItems = 10;

    public static IReadOnlyDictionary<AssessmentMetric, decimal> DefaultWeights { get; } = new Dictionary<AssessmentMetric, decimal>
    {
        [AssessmentMetric.BureauTimely] = 10,
        [AssessmentMetric.UnitTimely] = 15,
        [AssessmentMetric.OnTime] = 30,
        [AssessmentMetric.Participation] = 10,
        [AssessmentMetric.Satisfaction] = 25,
        [AssessmentMetric.Repeat] = 10,
        [AssessmentMetric.Online] = 0,
        [AssessmentMetric.FirstTimeResolution] = 0,
    };

    public static AssessmentScoring Default { get; } = new(DefaultWeights);

    public bool IsValid => MinItems >= 0 && Weights.Values.All(w => w >= 0) && Weights.Values.Any(w => w > 0);

    /// <summary>True when the unit has fewer items than <see cref="MinItems"/>: shown as such, not ranked.</summary>
    public bool TooFew(AssessmentCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Items < MinItems;
    }

    /// <summary>
    /// The score out of 100: the weighted mean of the unit's rates, each weight counted only where the unit has that
    /// rate (a unit with nothing to evaluate is scored on the rest, not given 0 or 100 for it). The repeat rate counts
    /// as 1 − rate. Null when none of the weighted rates exists. Two decimals.
    /// </summary>
    public decimal? Score(AssessmentCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        decimal sum = 0, weights = 0;
        foreach (var (metric, weight) in Weights)
        {
            if (weight <= 0 || AssessmentRates.Of(counts, metric) is not { } rate) continue;
            sum += weight * (metric == AssessmentMetric.Repeat ? 1 - rate : rate);
            weights += weight;
        }
        return weights == 0 ? null : Math.Round(100 * sum / weights, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Ranks by score, highest first, with ties sharing a rank and the next rank skipped (1, 2, 2, 4). Units with too
    /// few items or no score get no rank. Returns the rank per key.
    /// </summary>
    public IReadOnlyDictionary<TKey, int?> Rank<TKey>(IEnumerable<(TKey Key, AssessmentCounts Counts)> units) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(units);
        var list = units.Select(u => (u.Key, Score: TooFew(u.Counts) ? null : Score(u.Counts))).ToList();
        var ranks = list.ToDictionary(u => u.Key, _ => (int?)null);
        var ranked = list.Where(u => u.Score is not null).OrderByDescending(u => u.Score).ToList();
        for (var i = 0; i < ranked.Count; i++)
            ranks[ranked[i].Key] = i > 0 && ranked[i].Score == ranked[i - 1].Score ? ranks[ranked[i - 1].Key] : i + 1;
        return ranks;
    }
}

/// <summary>The kind of an assessment period (Art. 39: annual, with monthly and quarterly views).</summary>
public enum PeriodKind
{
    Year = 1,
    Quarter = 2,
    Month = 3,
}

/// <summary>
/// An assessment period by legal dates (Asia/Shanghai calendar dates, DOMAIN.md §1.4): "2026", "2026-Q3" or "2026-09".
/// Items count in the period in which they were received.
/// </summary>
public sealed record AssessmentPeriod(PeriodKind Kind, DateOnly From, DateOnly To)
{
    public string Code => Kind switch
    {
        PeriodKind.Year => From.Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{From.Year}-Q{(From.Month + 2) / 3}"),
        _ => From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    public override string ToString() => Code;

    public static bool TryParse(string? text, out AssessmentPeriod period)
    {
        period = null!;
        var s = text?.Trim() ?? "";
        if (s.Length == 4 && Year(s[..4]) is { } y)
        {
            period = new(PeriodKind.Year, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            return true;
        }
        if (s.Length == 7 && s[4] == '-' && Year(s[..4]) is { } year)
        {
            if (s[5] is 'Q' or 'q' && s[6] is >= '1' and <= '4')
            {
                var first = new DateOnly(year, (s[6] - '1') * 3 + 1, 1);
                period = new(PeriodKind.Quarter, first, first.AddMonths(3).AddDays(-1));
                return true;
            }
            if (int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                var first = new DateOnly(year, month, 1);
                period = new(PeriodKind.Month, first, first.AddMonths(1).AddDays(-1));
                return true;
            }
        }
        return false;
    }

    private static int? Year(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2999 ? y : null;
}
