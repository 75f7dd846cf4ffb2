using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using static Sunshine.Domain.Tests.Calendar.Dates;
using static Sunshine.Domain.Tests.Petitions.Cases;

namespace Sunshine.Domain.Tests.Petitions;

/// <summary>
/// The product's status and the case's dates, reported as the national system's 15 states (DOMAIN.md §1.3). The "超期"
/// states begin the day after the due date (a deadline ends at 24:00 of its due date). Dates are those of
/// <see cref="Cases.Walked"/>: accepted 2023-03-03, opinion 4/10, review asked 4/20, review reply 5/10, re-exam asked 5/20.
/// </summary>
public class NationalStatusTests
{
    [Theory]
    [InlineData(PetitionStatus.Registered, "2023-12-31", "受理申请审查中")]
    [InlineData(PetitionStatus.Transferred, "2023-12-31", "受理申请审查中")]   // even when late: the national list has no overdue state here
    [InlineData(PetitionStatus.Assigned, "2023-03-05", "受理申请审查中")]
    [InlineData(PetitionStatus.Declined, "2023-03-05", "不予受理")]
    [InlineData(PetitionStatus.RoutedToLegalChannel, "2023-03-05", "不予受理")] // told the legal route instead (Art. 31)
    [InlineData(PetitionStatus.Merged, "2023-03-05", "不予受理")]               // counted in the original (Art. 19)
    [InlineData(PetitionStatus.Accepted, "2023-05-02", "受理")]                 // handling due 5/2: 3/4..3/31 = 28, April 30, 5/1..5/2
    [InlineData(PetitionStatus.Accepted, "2023-05-03", "超期未作出处理意见")]
    [InlineData(PetitionStatus.OpinionIssued, "2023-05-10", "已作出处理意见")]   // review window: 4/11..4/30 = 20, 5/1..5/10 = 10
    [InlineData(PetitionStatus.OpinionIssued, "2023-05-11", "超期未申请复查")]
    [InlineData(PetitionStatus.UnderReview, "2023-05-20", "复查")]               // review due: 4/21..4/30 = 10, 5/1..5/20 = 20
    [InlineData(PetitionStatus.UnderReview, "2023-05-21", "超期未作出复查意见")]
    [InlineData(PetitionStatus.Reviewed, "2023-06-09", "提出复查意见")]          // re-exam window: 5/11..5/31 = 21, 6/1..6/9 = 9
    [InlineData(PetitionStatus.Reviewed, "2023-06-10", "超期未申请复核")]
    [InlineData(PetitionStatus.UnderReexamination, "2023-06-19", "复核")]        // re-exam due: 5/21..5/31 = 11, 6/1..6/19 = 19
    [InlineData(PetitionStatus.UnderReexamination, "2023-06-20", "超期未作出复核意见")]
    [InlineData(PetitionStatus.Reexamined, "2024-01-01", "提出复核意见")]
    [InlineData(PetitionStatus.Concluded, "2024-01-01", "审核认定办结")]
    [InlineData(PetitionStatus.Withdrawn, "2024-01-01", "审核认定办结")]        // closed; the national list has no withdrawal
    public void Each_status(PetitionStatus status, string today, string expected)
    {
        Assert.Equal(expected, NationalStatus.NameOf(Walked(status), D(today)));
    }

    [Theory]
    [InlineData(false, "2023-03-05", "不予受理")]
    [InlineData(true, "2023-03-05", "不再受理")] // Art. 36: the same matter was re-examined before
    public void Declined_or_no_longer_accepted(bool sameMatterReexamined, string today, string expected)
    {
        var petition = Walked(PetitionStatus.Declined) with { SameMatterReexamined = sameMatterReexamined };
        Assert.Equal(expected, NationalStatus.NameOf(petition, D(today)));
    }

    // The clock behind the 超期 states: extension, simplified procedure, other purposes, hearings, 2005 rules.
    [Theory]
    [InlineData("extended", "2023-06-01", "受理")]                 // +30 from 5/2: 5/3..5/31 = 29, 6/1
    [InlineData("extended", "2023-06-02", "超期未作出处理意见")]
    [InlineData("simplified", "2023-03-17", "受理")]               // 10 工作日 from 3/3: 3/6–3/10 (1–5), 3/13–3/17 (6–10)
    [InlineData("simplified", "2023-03-18", "超期未作出处理意见")]
    [InlineData("suggestion", "2024-12-31", "受理")]               // Art. 29: no statutory handling limit
    [InlineData("accusation", "2024-12-31", "受理")]               // Art. 30
    [InlineData("hearing", "2023-06-22", "复核")]                  // hearing 6/1–6/3 held: due 6/19 + 3 = 6/22
    [InlineData("hearing", "2023-06-23", "超期未作出复核意见")]
    [InlineData("hearing-running", "2023-06-25", "复核")]          // running since 6/15: 6/15..6/25 = 11 days paused, due 6/30
    [InlineData("2005-accepted", "2021-03-15", "受理")]            // 2005 Art. 33: accepted 2021-01-14, due 3/15
    [InlineData("2005-accepted", "2021-03-16", "超期未作出处理意见")]
    [InlineData("2005-opinion", "2021-10-15", "已作出处理意见")]    // 2005 Art. 34: opinion 2021-09-15, window to 10/15 over 国庆节
    [InlineData("2005-opinion", "2021-10-16", "超期未申请复查")]
    public void Overdue_states_follow_the_clock(string variant, string today, string expected)
    {
        var petition = variant switch
        {
            "extended" => Walked(PetitionStatus.Accepted) with { ExtensionDays = 30, ExtendedOn = D("2023-04-20") },
            "simplified" => Walked(PetitionStatus.Accepted) with { IsSimplified = true },
            "suggestion" => Walked(PetitionStatus.Accepted, Purpose.Suggestion),
            "accusation" => Walked(PetitionStatus.Accepted, Purpose.Accusation),
            "hearing" => Walked(PetitionStatus.UnderReexamination) with { Hearings = [new ClockPause(D("2023-06-01"), D("2023-06-03"), "听证")] },
            "hearing-running" => Walked(PetitionStatus.UnderReexamination) with { HearingStartedOn = D("2023-06-15") },
            "2005-accepted" => Case(PetitionStatus.Accepted, registeredOn: "2021-01-05") with { AcceptedOn = D("2021-01-14") },
            "2005-opinion" => Case(PetitionStatus.OpinionIssued, registeredOn: "2021-06-01") with { OpinionIssuedOn = D("2021-09-15") },
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        Assert.Equal(expected, NationalStatus.NameOf(petition, D(today)));
    }

    [Fact]
    public void Fifteen_distinct_names()
    {
        var names = Enum.GetValues<NationalState>().Select(NationalStatus.Name).ToList();
        Assert.Equal(15, names.Distinct().Count());
        Assert.Equal(
            ["受理申请审查中", "不予受理", "受理", "已作出处理意见", "超期未作出处理意见", "不再受理", "超期未申请复查", "复查",
             "提出复查意见", "超期未作出复查意见", "超期未申请复核", "复核", "提出复核意见", "超期未作出复核意见", "审核认定办结"],
            names);
    }

    [Fact]
    public void Every_product_status_has_a_national_state()
    {
        foreach (var status in Enum.GetValues<PetitionStatus>())
        {
            Assert.True(Enum.IsDefined(NationalStatus.Of(Walked(status), D("2023-06-01"))));
        }
    }
}
