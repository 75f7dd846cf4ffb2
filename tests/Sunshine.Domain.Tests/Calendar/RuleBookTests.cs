using System.Reflection;
using Sunshine.Domain.Calendar;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Calendar;

public class RuleBookTests
{
    private const string Shanxi = "140000000000";
    private const string Hangzhou = "330100000000";

    // 2005 《信访条例》 up to 2022-04-30, 2022 《信访工作条例》 from 2022-05-01, each with its own articles (DOMAIN §1.3).
    [Theory]
    [InlineData(RuleCodes.Handling, Shanxi, "2022-04-30", 60, "《信访条例》第三十三条")]
    [InlineData(RuleCodes.Handling, Shanxi, "2022-05-01", 60, "《信访工作条例》第三十四条")]
    [InlineData(RuleCodes.TransferOrAssign, Shanxi, "2022-04-30", 15, "《信访条例》第二十一条")]
    [InlineData(RuleCodes.TransferOrAssign, Shanxi, "2022-05-01", 15, "《信访工作条例》第二十二条")]
    [InlineData(RuleCodes.AcceptanceDecision, Shanxi, "2022-04-30", 15, "《信访条例》第二十二条")]
    [InlineData(RuleCodes.ReviewRequest, Shanxi, "2022-04-30", 30, "《信访条例》第三十四条")]
    [InlineData(RuleCodes.ReviewRequest, Shanxi, "2022-05-01", 30, "《信访工作条例》第三十五条")]
    [InlineData(RuleCodes.ReexaminationDecision, Shanxi, "2022-04-30", 30, "《信访条例》第三十五条")]
    [InlineData(RuleCodes.ReexaminationDecision, Shanxi, "2022-05-01", 30, "《信访工作条例》第三十六条")]
    [InlineData(RuleCodes.Objection, Shanxi, "2022-05-01", 5, "《信访工作条例》第二十三条")]
    [InlineData(RuleCodes.Handling, Hangzhou, "2022-04-30", 60, "《信访条例》第三十三条")]   // before the sample override starts
    [InlineData(RuleCodes.Handling, Hangzhou, "2022-05-01", 30, "浙江省地方规定（示例）")]   // Zhejiang overrides handling …
    [InlineData(RuleCodes.TransferOrAssign, Hangzhou, "2023-01-01", 15, "《信访工作条例》第二十二条")] // … and inherits the rest
    [InlineData(RuleCodes.DisclosureReply, Shanxi, "2019-05-15", 20, "《政府信息公开条例》第三十三条")]
    [InlineData(RuleCodes.CorrectionRequest, Hangzhou, "2025-01-01", 7, "《政府信息公开条例》第三十条")]
    public void The_rule_in_force_for_a_division_and_date(string code, string division, string date, int length, string article)
    {
        var rule = RuleBook.Default.Rule(code, division, D(date));
        Assert.Equal(length, rule.Length);
        Assert.Equal(article, rule.Article);
    }

    [Fact]
    public void For_merges_the_sets_in_force()
    {
        var before = RuleBook.Default.For(Shanxi, D("2022-04-30"));
        var after = RuleBook.Default.For(Shanxi, D("2022-05-01"));
        Assert.Contains("xinfang-2005", before.Code);
        Assert.Contains("disclosure-2019", before.Code);
        Assert.Contains(RuleCodes.AcceptanceDecision, before.Rules.Keys);
        Assert.DoesNotContain(RuleCodes.Objection, before.Rules.Keys);
        Assert.Equal(D("2022-04-30"), before.EffectiveTo);

        Assert.Contains("xinfang-2022", after.Code);
        Assert.Contains(RuleCodes.Objection, after.Rules.Keys);
        Assert.DoesNotContain(RuleCodes.AcceptanceDecision, after.Rules.Keys);
        Assert.Equal("", after.Jurisdiction);

        var zhejiang = RuleBook.Default.For(Hangzhou, D("2023-01-01"));
        Assert.Equal("33", zhejiang.Jurisdiction);
        Assert.Equal(30, zhejiang.Rules[RuleCodes.Handling].Length);
        Assert.Equal(60, zhejiang.Rules[RuleCodes.Handling].MaxExtension);
        Assert.Equal(15, zhejiang.Rules[RuleCodes.TransferOrAssign].Length);
    }

    [Fact]
    public void The_most_specific_jurisdiction_wins()
    {
        static RuleSet Set(string jurisdiction, int days) => RuleSet.Of($"s{jurisdiction}", "s", jurisdiction, D("2020-01-01"), null,
            new TimeLimitRule(RuleCodes.Handling, "办理期限", days, PeriodUnit.CalendarDays, "a"));
        var book = new RuleBook([Set("", 60), Set("3301", 20), Set("33", 30)]);
        Assert.Equal(20, book.Rule(RuleCodes.Handling, "330106000000", D("2024-01-01")).Length);
        Assert.Equal(30, book.Rule(RuleCodes.Handling, "330200000000", D("2024-01-01")).Length);
        Assert.Equal(60, book.Rule(RuleCodes.Handling, "140000000000", D("2024-01-01")).Length);
        Assert.Equal("3301", book.For("330106000000", D("2024-01-01")).Jurisdiction);
    }

    [Fact]
    public void Missing_rules_are_reported()
    {
        Assert.Throws<KeyNotFoundException>(() => RuleBook.Default.Rule(RuleCodes.Objection, Shanxi, D("2022-04-30")));     // no such rule in 2005
        Assert.Throws<KeyNotFoundException>(() => RuleBook.Default.Rule(RuleCodes.DisclosureReply, Shanxi, D("2019-05-14"))); // before the 2019 revision
        Assert.Throws<KeyNotFoundException>(() => RuleBook.Default.For(Shanxi, D("2000-01-01")));
    }

    [Fact]
    public void Two_sets_of_one_jurisdiction_may_not_define_a_rule_twice_at_the_same_time()
    {
        var a = RuleSet.Of("a", "a", "", D("2020-01-01"), D("2022-12-31"), new TimeLimitRule(RuleCodes.Handling, "x", 60, PeriodUnit.CalendarDays, "a"));
        var b = RuleSet.Of("b", "b", "", D("2022-05-01"), null, new TimeLimitRule(RuleCodes.Handling, "x", 60, PeriodUnit.CalendarDays, "b"));
        var ex = Assert.Throws<ArgumentException>(() => new RuleBook([a, b]));
        Assert.Contains(RuleCodes.Handling, ex.Message);
    }

    [Fact]
    public void Every_rule_code_is_shipped_and_every_shipped_rule_has_a_code_constant()
    {
        var constants = typeof(RuleCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var shipped = DefaultRuleSets.All.SelectMany(s => s.Rules.Keys).ToHashSet();
        Assert.Equal(constants.Order(), shipped.Order());
    }

    [Fact]
    public void Petition_limits_do_not_roll_forward_and_legal_route_limits_do()
    {
        // DOMAIN §1.4: Civil Code Art. 203 is a per-rule setting, off for petition limits, on for legal-route limits.
        Assert.All(DefaultRuleSets.Xinfang2005.Rules.Values.Concat(DefaultRuleSets.Xinfang2022.Rules.Values), r => Assert.False(r.RollForwardToWorkingDay, r.Code));
        Assert.All(DefaultRuleSets.LegalRoutes2024.Rules.Values, r => Assert.True(r.RollForwardToWorkingDay, r.Code));
        Assert.All(DefaultRuleSets.Disclosure2019.Rules.Values, r => Assert.Equal(PeriodUnit.WorkingDays, r.Unit));
    }
}
