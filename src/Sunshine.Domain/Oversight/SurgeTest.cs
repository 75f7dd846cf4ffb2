namespace Sunshine.Domain.Oversight;

/// <summary>The severity of an early-warning alert (信息预警). Ordered: a higher value is more urgent.</summary>
public enum WarningSeverity
{
    Notice = 1,
    Abnormal = 2,
    Alarm = 3,
}

/// <summary>
/// Thresholds of the surge test (DOMAIN.md §1.7 (c)): a change above <paramref name="AlarmChange"/> is an alarm, above
/// <paramref name="AbnormalChange"/> abnormal — practice, not a national standard, so configuration
/// (<c>Oversight:Warnings:Surge:*</c>). A change counts only when the current count is at least
/// <paramref name="MinCount"/> and the rise is unlikely to be chance (one-sided p ≤ <paramref name="PValue"/>).
/// </summary>
public sealed record SurgeSettings(double AlarmChange = 0.20, double AbnormalChange = 0.10, double PValue = 0.05, int MinCount = 5)
{
    public static SurgeSettings Default { get; } = new();

    public bool IsValid => AbnormalChange >= 0 && AbnormalChange <= AlarmChange && PValue is > 0 and < 1 && MinCount >= 1;
}

/// <summary>The comparison of the current count with one baseline.</summary>
/// <param name="Change">(current − baseline) / baseline; null when the baseline is 0 (any rise is unbounded).</param>
/// <param name="PValue">One-sided p-value of the rise (see <see cref="SurgeTest.RiseProbability"/>).</param>
public sealed record SurgeComparison(int Baseline, double? Change, double PValue, WarningSeverity? Severity);

/// <summary>The verdict for one matter in one locality and window, with both baselines as evidence.</summary>
public sealed record SurgeResult(int Current, SurgeComparison LastYear, SurgeComparison PreviousWindow)
{
    /// <summary>The worse of the two comparisons; null when neither is a surge.</summary>
    public WarningSeverity? Severity => (LastYear.Severity, PreviousWindow.Severity) switch
    {
        (null, var b) => b,
        (var a, null) => a,
        var (a, b) => a > b ? a : b,
    };
}

/// <summary>
/// The surge test of 信息预警: the count of one matter in one locality in the current window against its own baseline —
/// the same window a year earlier (同比) and the window before (环比).
/// </summary>
/// <remarks>
/// A percentage alone cries wolf on small numbers: 1 → 2 is +100 %. So a rise counts only if it is also unlikely under
/// "nothing changed". With counts c (current) and b (baseline) as Poisson with equal rates over equal windows, c given
/// c + b is binomial (c + b, ½) — the exact conditional test for two Poisson counts. The p-value is P(X ≥ c): for
/// 1 → 2 it is P(X ≥ 2 | n = 3) = 4/8 = 0.5, no alarm; for 20 → 40 it is about 0.007, an alarm.
/// </remarks>
public static class SurgeTest
{
    public static SurgeResult Evaluate(int current, int lastYear, int previousWindow, SurgeSettings? settings = null)
    {
        settings ??= SurgeSettings.Default;
        return new SurgeResult(current, Compare(current, lastYear, settings), Compare(current, previousWindow, settings));
    }

    public static SurgeComparison Compare(int current, int baseline, SurgeSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        ArgumentOutOfRangeException.ThrowIfNegative(baseline);
        double? change = baseline == 0 ? null : (current - baseline) / (double)baseline;
        var p = RiseProbability(current, baseline);
        WarningSeverity? severity = null;
        if (current >= settings.MinCount && current > baseline && p <= settings.PValue)
        {
            // A rise from nothing has no percentage; it is as strong as any rise can be, so it ranks as the top band.
            var rise = change ?? double.PositiveInfinity;
            if (rise > settings.AlarmChange) severity = WarningSeverity.Alarm;
            else if (rise > settings.AbnormalChange) severity = WarningSeverity.Abnormal;
        }
        return new SurgeComparison(baseline, change, p, severity);
    }

    /// <summary>
    /// P(X ≥ current) for X ~ Binomial(current + baseline, ½): the chance of a split at least this lopsided if both
    /// windows had the same rate. Summed in log space so that counts in the thousands neither overflow nor underflow.
    /// </summary>
    public static double RiseProbability(int current, int baseline)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        ArgumentOutOfRangeException.ThrowIfNegative(baseline);
        if (current == 0) return 1;
        var n = current + baseline;
        // log C(n, current) by the product (n − current + i) / i, i = 1..current.
        var logTerm = 0.0;
        for (var i = 1; i <= current; i++) logTerm += Math.Log(n - current + i) - Math.Log(i);
        logTerm -= n * Math.Log(2);
        // Terms k = current..n, each from the one before: C(n, k + 1) = C(n, k) · (n − k) / (k + 1).
        var max = logTerm;
        var sum = 0.0;
        var term = logTerm;
        for (var k = current; k <= n; k++)
        {
            sum += Math.Exp(term - max);
            if (k < n) term += Math.Log(n - k) - Math.Log(k + 1);
        }
        return Math.Min(1, Math.Exp(max) * sum);
    }
}

/// <summary>A count window [From, To) of legal dates.</summary>
public readonly record struct DateWindow(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber;
}

/// <summary>The three windows of a monthly surge test.</summary>
public sealed record SurgeWindows(DateWindow Current, DateWindow PreviousWindow, DateWindow LastYear)
{
    /// <summary>
    /// The windows for the month starting <paramref name="monthStart"/> as seen on <paramref name="today"/>. A month
    /// still running is compared day for day: 1–16 September against 1–16 August and 1–16 September last year, since a
    /// half month against a whole one would always look like a fall. A shorter month clamps the day (31 March → 28/29
    /// February). A month already over is compared whole.
    /// </summary>
    public static SurgeWindows ForMonth(DateOnly monthStart, DateOnly today)
    {
        if (monthStart.Day != 1) throw new ArgumentException("A month window starts on day 1.", nameof(monthStart));
        var monthEnd = monthStart.AddMonths(1);
        var running = today >= monthStart && today < monthEnd;
        var days = running ? today.Day : DateTime.DaysInMonth(monthStart.Year, monthStart.Month);
        return new SurgeWindows(
            Window(monthStart, days, running),
            Window(monthStart.AddMonths(-1), days, running),
            Window(monthStart.AddYears(-1), days, running));
    }

    private static DateWindow Window(DateOnly start, int days, bool running)
    {
        var length = DateTime.DaysInMonth(start.Year, start.Month);
        return new DateWindow(start, running ? start.AddDays(Math.Min(days, length)) : start.AddMonths(1));
    }
}
