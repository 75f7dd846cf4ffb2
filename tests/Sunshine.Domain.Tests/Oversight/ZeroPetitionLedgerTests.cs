using Sunshine.Domain.Oversight;

namespace Sunshine.Domain.Tests.Oversight;

public class ZeroPetitionLedgerTests
{
    private static readonly ZeroPetitionCriteria Defaults = ZeroPetitionCriteria.Default;

    public static TheoryData<string, UnitMonthFacts, ZeroPetitionFailure[]> Months => new()
    {
        { "a month with no data", UnitMonthFacts.None, [] },
        { "petitions handled at the township only", new UnitMonthFacts(Petitions: 3, Repeat: 1), [] },
        { "one petition reached the county", new UnitMonthFacts(Petitions: 2, ReachedCounty: 1), [ZeroPetitionFailure.ReachedCounty] },
        { "a collective visit handled at the township", new UnitMonthFacts(Petitions: 1, Collective: 1), [ZeroPetitionFailure.Collective] },
        { "a Beijing visit", new UnitMonthFacts(Petitions: 1, ReachedCounty: 1, Escalated: 1), [ZeroPetitionFailure.ReachedCounty, ZeroPetitionFailure.Escalated] },
        { "disputes resolved and in hand", new UnitMonthFacts(Screenings: 4, Resolved: 2, InHand: 2), [] },
        { "a dispute handed up", new UnitMonthFacts(Screenings: 2, Resolved: 1, HandedUp: 1), [ZeroPetitionFailure.DisputeHandedUp] },
        {
            "everything at once", new UnitMonthFacts(Petitions: 5, ReachedCounty: 2, Collective: 1, Escalated: 1, Screenings: 1, HandedUp: 1),
            [ZeroPetitionFailure.ReachedCounty, ZeroPetitionFailure.Collective, ZeroPetitionFailure.Escalated, ZeroPetitionFailure.DisputeHandedUp]
        },
    };

    [Theory]
    [MemberData(nameof(Months))]
    public void Default_criteria_judge_a_month(string because, UnitMonthFacts facts, ZeroPetitionFailure[] expected)
    {
        var verdict = ZeroPetitionLedger.EvaluateMonth(facts, Defaults);
        Assert.True(expected.SequenceEqual(verdict.Failures), because);
        Assert.Equal(expected.Length == 0, verdict.Met);
    }

    [Fact]
    public void Configured_limits_allow_some_and_a_required_screening_fails_an_empty_month()
    {
        var lenient = new ZeroPetitionCriteria(MaxReachedCounty: 1, MaxCollective: 0, MaxEscalated: 0, MaxHandedUp: 1, RequireScreening: true);
        Assert.Equal([ZeroPetitionFailure.NoScreening], ZeroPetitionLedger.EvaluateMonth(UnitMonthFacts.None, lenient).Failures);
        Assert.True(ZeroPetitionLedger.EvaluateMonth(new UnitMonthFacts(Petitions: 1, ReachedCounty: 1, Screenings: 1, HandedUp: 1), lenient).Met);
        Assert.Equal([ZeroPetitionFailure.ReachedCounty], ZeroPetitionLedger.EvaluateMonth(new UnitMonthFacts(Petitions: 2, ReachedCounty: 2, Screenings: 1, InHand: 1), lenient).Failures);
        Assert.False(new ZeroPetitionCriteria(MaxCollective: -1).IsValid);
        Assert.False(new ZeroPetitionCriteria(MonthsMayFail: 13).IsValid);
        Assert.True(Defaults.IsValid);
    }

    [Fact]
    public void A_year_is_met_when_every_counted_month_is_and_months_without_data_count_as_met()
    {
        var months = new Dictionary<int, UnitMonthFacts> { [2] = new(Petitions: 1), [5] = new(Screenings: 1, Resolved: 1) };
        AssertYear((bool?)true, 12, 12, ZeroPetitionLedger.EvaluateYear(months, 12, Defaults));

        months[7] = new UnitMonthFacts(Collective: 1, Petitions: 1);
        months[11] = new UnitMonthFacts(Screenings: 1, HandedUp: 1);
        var year = ZeroPetitionLedger.EvaluateYear(months, 12, Defaults);
        Assert.False(year.Met);
        Assert.Equal(10, year.MonthsMet);
        Assert.Equal([7, 11], year.FailedMonths);

        // Two months may fail by configuration: the same year is met.
        Assert.True(ZeroPetitionLedger.EvaluateYear(months, 12, Defaults with { MonthsMayFail = 2 }).Met);
        Assert.False(ZeroPetitionLedger.EvaluateYear(months, 12, Defaults with { MonthsMayFail = 1 }).Met);
        // In June only January to June are judged: July's collective visit has not happened yet.
        AssertYear((bool?)true, 6, 6, ZeroPetitionLedger.EvaluateYear(months, 6, Defaults));
        // A year not yet begun has no verdict; with a screening required, an empty year fails every month.
        AssertYear((bool?)null, 0, 0, ZeroPetitionLedger.EvaluateYear(months, 0, Defaults));
        var empty = ZeroPetitionLedger.EvaluateYear(new Dictionary<int, UnitMonthFacts>(), 3, Defaults with { RequireScreening = true });
        Assert.Equal((false, 0), (empty.Met!.Value, empty.MonthsMet));
        Assert.Equal([1, 2, 3], empty.FailedMonths);
    }

    [Theory]
    [InlineData(2025, "2026-09-16", 12)]
    [InlineData(2026, "2026-09-16", 9)]
    [InlineData(2026, "2026-01-01", 1)]
    [InlineData(2027, "2026-12-31", 0)]
    public void Months_begun(int year, string today, int expected) =>
        Assert.Equal(expected, ZeroPetitionLedger.MonthsBegun(year, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // Found 3/10, resolved 3/20: resolved in March, absent from February and April.
    [InlineData("2026-03-10", "2026-03-20", DisputeStatus.Resolved, 3, DisputeStatus.Resolved)]
    [InlineData("2026-03-10", "2026-03-20", DisputeStatus.Resolved, 2, null)]
    [InlineData("2026-03-10", "2026-03-20", DisputeStatus.Resolved, 4, null)]
    // Found 3/10, resolved 5/2: in hand at the end of March and April, resolved in May.
    [InlineData("2026-03-10", "2026-05-02", DisputeStatus.Resolved, 4, DisputeStatus.Resolving)]
    [InlineData("2026-03-10", "2026-05-02", DisputeStatus.Resolved, 5, DisputeStatus.Resolved)]
    // Handed up on the last day of the month counts in that month.
    [InlineData("2026-01-05", "2026-01-31", DisputeStatus.HandedUp, 1, DisputeStatus.HandedUp)]
    [InlineData("2026-01-05", "2026-01-31", DisputeStatus.HandedUp, 2, null)]
    // Still open: in hand every month from the one it was found in.
    [InlineData("2026-02-28", null, DisputeStatus.Screening, 2, DisputeStatus.Resolving)]
    [InlineData("2026-02-28", null, DisputeStatus.Screening, 9, DisputeStatus.Resolving)]
    [InlineData("2026-02-28", null, DisputeStatus.Screening, 1, null)]
    public void A_disputes_standing_in_a_month(string found, string? closed, DisputeStatus status, int month, DisputeStatus? expected) =>
        Assert.Equal(expected, ZeroPetitionLedger.StandingInMonth(DateOnly.Parse(found, System.Globalization.CultureInfo.InvariantCulture),
            closed is null ? null : DateOnly.Parse(closed, System.Globalization.CultureInfo.InvariantCulture), status, 2026, month));

    [Fact]
    public void Standings_add_up_to_the_months_screening_counts()
    {
        var facts = new DisputeStatus?[] { DisputeStatus.Resolved, DisputeStatus.Resolving, DisputeStatus.Screening, DisputeStatus.HandedUp, null }
            .Aggregate(UnitMonthFacts.None, ZeroPetitionLedger.AddScreening);
        Assert.Equal(new UnitMonthFacts(Screenings: 4, Resolved: 1, InHand: 2, HandedUp: 1), facts);
    }

    private static void AssertYear(bool? met, int counted, int monthsMet, YearVerdict v)
    {
        Assert.Equal((met, counted, monthsMet), (v.Met, v.MonthsCounted, v.MonthsMet));
        Assert.Empty(v.FailedMonths);
    }
}
