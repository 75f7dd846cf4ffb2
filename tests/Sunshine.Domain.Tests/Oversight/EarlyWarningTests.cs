using Sunshine.Domain.Oversight;

namespace Sunshine.Domain.Tests.Oversight;

public class SurgeTestTests
{
    // P(X ≥ c) for X ~ Binomial(c + b, ½), counted by hand from the binomial coefficients:
    // (2, 1): n = 3, C(3,2) + C(3,3) = 3 + 1 = 4 of 8.   (3, 3): n = 6, 20 + 15 + 6 + 1 = 42 of 64.
    // (6, 1): n = 7, 7 + 1 = 8 of 128.                    (7, 1): n = 8, 8 + 1 = 9 of 256.
    // (5, 0): 1 of 32.  (4, 0): 1 of 16.  (0, 5): certain.  (5, 1): n = 6, 6 + 1 = 7 of 64.
    [Theory]
    [InlineData(2, 1, 4.0 / 8)]
    [InlineData(3, 3, 42.0 / 64)]
    [InlineData(6, 1, 8.0 / 128)]
    [InlineData(7, 1, 9.0 / 256)]
    [InlineData(5, 0, 1.0 / 32)]
    [InlineData(4, 0, 1.0 / 16)]
    [InlineData(0, 5, 1.0)]
    [InlineData(5, 1, 7.0 / 64)]
    public void Rise_probability_is_the_exact_binomial_tail(int current, int baseline, double expected) =>
        Assert.Equal(expected, SurgeTest.RiseProbability(current, baseline), 12);

    [Fact]
    public void Rise_probability_of_large_counts_neither_overflows_nor_underflows()
    {
        // Exact sums of binomial coefficients over 2^n (computed with integer arithmetic): 40 vs 20, 30 vs 20, 400 vs 350.
        Assert.Equal(0.00674464686559593, SurgeTest.RiseProbability(40, 20), 10);
        Assert.Equal(0.10131937553227033, SurgeTest.RiseProbability(30, 20), 10);
        Assert.Equal(0.036753887029217724, SurgeTest.RiseProbability(400, 350), 10);
        Assert.Equal(0.0006213933891315997, SurgeTest.RiseProbability(2000, 1800), 10);
        Assert.InRange(SurgeTest.RiseProbability(100_000, 90_000), 0, 1e-100);
    }

    [Fact]
    public void One_to_two_is_plus_100_percent_and_no_alarm()
    {
        var r = SurgeTest.Evaluate(current: 2, lastYear: 1, previousWindow: 1);
        Assert.Equal(1.0, r.LastYear.Change);
        Assert.Null(r.Severity);
    }

    [Fact]
    public void Small_counts_do_not_alarm_even_from_nothing_or_when_significant()
    {
        // 4 from 0: below the minimum count of 5, and p = 1/16 > 0.05.
        Assert.Null(SurgeTest.Evaluate(4, 0, 0).Severity);
        // 6 from 1: +500 %, but p = 8/128 = 0.0625 > 0.05.
        Assert.Null(SurgeTest.Evaluate(6, 1, 1).Severity);
        // 7 from 1: +600 % and p = 9/256 ≈ 0.035: an alarm.
        Assert.Equal(WarningSeverity.Alarm, SurgeTest.Evaluate(7, 1, 1).Severity);
        // 5 from 0: no percentage, p = 1/32: the top band.
        var fromNothing = SurgeTest.Evaluate(5, 0, 0);
        Assert.Null(fromNothing.LastYear.Change);
        Assert.Equal(WarningSeverity.Alarm, fromNothing.Severity);
        // A minimum of 10 silences the same rise.
        Assert.Null(SurgeTest.Evaluate(7, 1, 1, new SurgeSettings(MinCount: 10)).Severity);
    }

    [Fact]
    public void Twenty_to_forty_is_an_alarm_twenty_to_thirty_is_not_yet_significant()
    {
        var alarm = SurgeTest.Evaluate(40, 20, 38);
        Assert.Equal(WarningSeverity.Alarm, alarm.LastYear.Severity);   // +100 %, p ≈ 0.0067
        Assert.Null(alarm.PreviousWindow.Severity);                      // +5 %: below both bands
        Assert.Equal(WarningSeverity.Alarm, alarm.Severity);
        Assert.Null(SurgeTest.Evaluate(30, 20, 20).Severity);            // +50 %, but p ≈ 0.101
    }

    [Fact]
    public void Between_ten_and_twenty_percent_is_abnormal_and_the_bands_are_open_below()
    {
        // 400 vs 350: +14.3 %, p ≈ 0.037.
        var abnormal = SurgeTest.Evaluate(400, 350, 350);
        Assert.Equal(WarningSeverity.Abnormal, abnormal.Severity);
        // 2000 vs 1800: +11.1 %, p ≈ 0.0006 — abnormal; with the abnormal band at 12 % nothing.
        Assert.Equal(WarningSeverity.Abnormal, SurgeTest.Evaluate(2000, 1800, 1800).Severity);
        Assert.Null(SurgeTest.Evaluate(2000, 1800, 1800, new SurgeSettings(AbnormalChange: 0.12)).Severity);
        // Exactly +20 % is not "above 20 %": 1200 vs 1000 (p far below 0.05) is abnormal, 1201 an alarm.
        Assert.Equal(WarningSeverity.Abnormal, SurgeTest.Evaluate(1200, 1000, 1000).Severity);
        Assert.Equal(WarningSeverity.Alarm, SurgeTest.Evaluate(1201, 1000, 1000).Severity);
        // A fall is never a surge.
        Assert.Null(SurgeTest.Evaluate(10, 40, 40).Severity);
    }

    [Fact]
    public void Settings_must_be_ordered()
    {
        Assert.True(SurgeSettings.Default.IsValid);
        Assert.False(new SurgeSettings(AlarmChange: 0.1, AbnormalChange: 0.2).IsValid);
        Assert.False(new SurgeSettings(PValue: 0).IsValid);
    }

    [Fact]
    public void A_running_month_is_compared_day_for_day_and_a_past_month_whole()
    {
        var w = SurgeWindows.ForMonth(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 16));
        Assert.Equal(new DateWindow(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 17)), w.Current);
        Assert.Equal(new DateWindow(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 17)), w.PreviousWindow);
        Assert.Equal(new DateWindow(new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 17)), w.LastYear);

        // 31 March: February has 28 days in 2026, so the previous window is all of February.
        var march = SurgeWindows.ForMonth(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        Assert.Equal(31, march.Current.Days);
        Assert.Equal(new DateWindow(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)), march.PreviousWindow);

        var august = SurgeWindows.ForMonth(new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 16));
        Assert.Equal(31, august.Current.Days);
        Assert.Equal(new DateWindow(new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 1)), august.PreviousWindow);
        Assert.Equal(new DateWindow(new DateOnly(2025, 8, 1), new DateOnly(2025, 9, 1)), august.LastYear);
    }
}

public class WarningTextTests
{
    [Fact]
    public void Sensitive_words_are_found_once_each_in_list_order_across_white_space()
    {
        var words = SensitiveWords.Match(SensitiveWords.Defaults, "再不解决我就去北京，到时候自 焚", "我要报复，自焚也不怕");
        Assert.Equal(["自焚", "报复", "去北京"], words);
        Assert.Empty(SensitiveWords.Match(SensitiveWords.Defaults, "请求解决拖欠工资问题", null));
    }

    [Fact]
    public void Configured_words_replace_the_defaults()
    {
        Assert.Equal(["堵门"], SensitiveWords.Match(["堵门", " ", "自焚"], "明天去堵门"));
        Assert.Empty(SensitiveWords.Match(["堵门"], "我要自焚"));
    }

    [Theory]
    [InlineData("反映宏达建筑工程有限公司拖欠工资", "宏达建筑工程有限公司")]
    [InlineData("拖欠工资的宏达建筑公司至今未付", "宏达建筑公司")]
    [InlineData("阳光花园小区业主反映物业问题", "阳光花园小区")]
    [InlineData("我们是城南棚改项目的被征收户", "城南棚改项目")]
    [InlineData("关于新城医院医疗纠纷", "新城医院")]
    public void Project_names_are_cut_out_of_the_sentence(string text, string expected) =>
        Assert.Contains(expected, ProjectNames.Extract(text));

    [Fact]
    public void Generic_words_are_not_names()
    {
        Assert.Empty(ProjectNames.Extract("该公司拖欠工资"));
        Assert.Empty(ProjectNames.Extract("工厂", "请求解决问题"));
    }
}
