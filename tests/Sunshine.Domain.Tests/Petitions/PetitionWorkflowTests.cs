using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using static Sunshine.Domain.Tests.Calendar.Dates;
using static Sunshine.Domain.Tests.Petitions.Cases;
using R = Sunshine.Domain.Petitions.Workflow.WorkflowReasons;

namespace Sunshine.Domain.Tests.Petitions;

public class PetitionWorkflowTests
{
    private const string Allowed = "allowed";

    private static void AssertOutcome(string expected, WorkflowDecision decision)
    {
        if (expected == Allowed)
        {
            Assert.True(decision.IsAllowed, $"{decision.ReasonCode}: {decision.Detail}");
        }
        else
        {
            Assert.False(decision.IsAllowed);
            Assert.Equal(expected, decision.ReasonCode);
            Assert.Null(decision.ResultingStatus);
        }
    }

    // DOMAIN.md §3: the registrar registers, transfers and assigns at the bureau; the handling officer of the responsible
    // unit accepts, objects, routes and records; its leader approves extensions and issues opinions; a supervisor above
    // orders reopening; the administrator is never implied. Actor: roles@seats (B bureau, R responsible unit, S supervising level).
    [Theory]
    [InlineData(PetitionAction.Register, null, "Registrar@B", Allowed)]
    [InlineData(PetitionAction.Register, null, "Petitioner", R.Role)]                         // online intake is not registration
    [InlineData(PetitionAction.Register, null, "HandlingOfficer@B", R.Role)]
    [InlineData(PetitionAction.Register, null, "Registrar", R.NotRegisteringBureau)]
    [InlineData(PetitionAction.Register, null, "Administrator@BRS", R.Role)]
    [InlineData(PetitionAction.Transfer, PetitionStatus.Registered, "Administrator@B", R.Role)]
    [InlineData(PetitionAction.Transfer, PetitionStatus.Registered, "Registrar@R", R.NotRegisteringBureau)]
    [InlineData(PetitionAction.Transfer, PetitionStatus.Transferred, "Registrar@R", Allowed)]   // a lower bureau passes it on
    [InlineData(PetitionAction.Assign, PetitionStatus.Registered, "Supervisor@BS", R.Role)]
    [InlineData(PetitionAction.Accept, PetitionStatus.Transferred, "HandlingOfficer@R", Allowed)]
    [InlineData(PetitionAction.Accept, PetitionStatus.Transferred, "HandlingOfficer@B", R.NotResponsibleUnit)]
    [InlineData(PetitionAction.Accept, PetitionStatus.Transferred, "Registrar@R", R.Role)]
    [InlineData(PetitionAction.Accept, PetitionStatus.Transferred, "UnitLeader@R", R.Role)]
    [InlineData(PetitionAction.Accept, PetitionStatus.Transferred, "Administrator+HandlingOfficer@R", Allowed)] // the role held, not the admin
    [InlineData(PetitionAction.Object, PetitionStatus.Transferred, "HandlingOfficer@S", R.NotResponsibleUnit)]
    [InlineData(PetitionAction.Decline, PetitionStatus.Registered, "Registrar@B", Allowed)]
    [InlineData(PetitionAction.Decline, PetitionStatus.Transferred, "Registrar@B", R.Role)]      // once sent, the unit decides
    [InlineData(PetitionAction.Extend, PetitionStatus.Accepted, "UnitLeader@R", Allowed)]
    [InlineData(PetitionAction.Extend, PetitionStatus.Accepted, "HandlingOfficer@R", R.Role)]   // Art. 34: the head approves
    [InlineData(PetitionAction.Extend, PetitionStatus.Accepted, "UnitLeader@S", R.NotResponsibleUnit)]
    [InlineData(PetitionAction.Extend, PetitionStatus.Accepted, "Administrator@BRS", R.Role)]
    [InlineData(PetitionAction.IssueOpinion, PetitionStatus.Accepted, "HandlingOfficer@R", R.Role)]
    [InlineData(PetitionAction.IssueOpinion, PetitionStatus.Accepted, "UnitLeader@B", R.NotResponsibleUnit)]
    [InlineData(PetitionAction.RecordMediation, PetitionStatus.Accepted, "BureauLeader@BRS", R.Role)]
    [InlineData(PetitionAction.RequestReview, PetitionStatus.OpinionIssued, "Petitioner", Allowed)]
    [InlineData(PetitionAction.RequestReview, PetitionStatus.OpinionIssued, "HandlingOfficer@S", Allowed)] // the level above records it
    [InlineData(PetitionAction.RequestReview, PetitionStatus.OpinionIssued, "HandlingOfficer@R", R.NotSupervisingLevel)] // not the organ that decided
    [InlineData(PetitionAction.RequestReview, PetitionStatus.OpinionIssued, "UnitLeader@S", R.Role)]
    [InlineData(PetitionAction.IssueReviewOpinion, PetitionStatus.UnderReview, "UnitLeader@R", Allowed)] // R = the reviewing organ now
    [InlineData(PetitionAction.IssueReviewOpinion, PetitionStatus.UnderReview, "Petitioner", R.Role)]
    [InlineData(PetitionAction.Reopen, PetitionStatus.Concluded, "Supervisor@S", Allowed)]
    [InlineData(PetitionAction.Reopen, PetitionStatus.Concluded, "Supervisor@R", R.NotSupervisingLevel)]
    [InlineData(PetitionAction.Reopen, PetitionStatus.Concluded, "BureauLeader@S", R.Role)]
    [InlineData(PetitionAction.Reopen, PetitionStatus.Concluded, "Administrator@BRS", R.Role)]
    [InlineData(PetitionAction.Withdraw, PetitionStatus.Accepted, "Petitioner", Allowed)]
    [InlineData(PetitionAction.Withdraw, PetitionStatus.Accepted, "Supervisor@S", R.Role)]
    [InlineData(PetitionAction.Merge, PetitionStatus.Registered, "HandlingOfficer@R", R.Role)]
    [InlineData(PetitionAction.Conclude, PetitionStatus.OpinionIssued, "Registrar@B", Allowed)]  // 审核认定办结 by the bureau
    [InlineData(PetitionAction.Conclude, PetitionStatus.OpinionIssued, "UnitLeader@R", R.Role)]
    public void Roles_and_organisations(PetitionAction action, PetitionStatus? status, string actor, string expected)
    {
        // Conclude waits until the request windows have closed; everything else acts the day after the status began.
        var on = action == PetitionAction.Conclude ? D("2023-12-31") : DayAfter(status);
        AssertOutcome(expected, PetitionWorkflow.Check(action, Walked(status), Actor(actor), on, FullDetail));
    }

    private static DateOnly DayAfter(PetitionStatus? status) => status switch
    {
        PetitionStatus.OpinionIssued => D("2023-04-11"),
        PetitionStatus.UnderReview => D("2023-04-21"),
        PetitionStatus.Reviewed => D("2023-05-11"),
        PetitionStatus.Transferred or PetitionStatus.Assigned => D("2023-03-03"),
        PetitionStatus.Accepted => D("2023-03-04"),
        _ => D("2023-03-01"),
    };

    // Each purpose's own path (DOMAIN.md §1.3): only 求决, 申诉, 其他 get the opinion, the extension and the review chain.
    [Theory]
    [InlineData(Purpose.Suggestion, PetitionStatus.Accepted, PetitionAction.ReplySuggestion, "UnitLeader@R", Allowed)]  // Art. 29
    [InlineData(Purpose.Suggestion, PetitionStatus.Accepted, PetitionAction.IssueOpinion, "UnitLeader@R", R.WrongPurpose)]
    [InlineData(Purpose.Suggestion, PetitionStatus.Accepted, PetitionAction.Extend, "UnitLeader@R", R.WrongPurpose)]
    [InlineData(Purpose.Suggestion, PetitionStatus.Accepted, PetitionAction.Conclude, "HandlingOfficer@R", R.WrongPurpose)]
    [InlineData(Purpose.Suggestion, PetitionStatus.Registered, PetitionAction.RouteToLegalChannel, "Registrar@B", R.WrongPurpose)]
    [InlineData(Purpose.Accusation, PetitionStatus.Accepted, PetitionAction.Conclude, "HandlingOfficer@R", Allowed)]   // Art. 30
    [InlineData(Purpose.Accusation, PetitionStatus.Accepted, PetitionAction.IssueOpinion, "UnitLeader@R", R.WrongPurpose)]
    [InlineData(Purpose.Accusation, PetitionStatus.Accepted, PetitionAction.RecordMediation, "HandlingOfficer@R", R.WrongPurpose)]
    [InlineData(Purpose.Accusation, PetitionStatus.OpinionIssued, PetitionAction.RequestReview, "Petitioner", R.WrongPurpose)]
    [InlineData(Purpose.Accusation, PetitionStatus.Registered, PetitionAction.Transfer, "Registrar@B", Allowed)]       // to discipline inspection
    [InlineData(Purpose.Inquiry, PetitionStatus.Accepted, PetitionAction.Conclude, "HandlingOfficer@R", Allowed)]
    [InlineData(Purpose.Request, PetitionStatus.Accepted, PetitionAction.ReplySuggestion, "UnitLeader@R", R.WrongPurpose)]
    [InlineData(Purpose.Request, PetitionStatus.Accepted, PetitionAction.Conclude, "HandlingOfficer@R", R.WrongPurpose)] // needs an opinion first
    [InlineData(Purpose.Appeal, PetitionStatus.Accepted, PetitionAction.IssueOpinion, "UnitLeader@R", Allowed)]
    [InlineData(Purpose.Other, PetitionStatus.Accepted, PetitionAction.RecordMediation, "HandlingOfficer@R", Allowed)] // Art. 33
    [InlineData(Purpose.Appeal, PetitionStatus.Transferred, PetitionAction.RouteToLegalChannel, "HandlingOfficer@R", Allowed)]
    [InlineData(Purpose.Request, PetitionStatus.Registered, PetitionAction.RouteToLegalChannel, "Registrar@B", Allowed)] // 诉访分离 at intake
    [InlineData(Purpose.Suggestion, PetitionStatus.Transferred, PetitionAction.Refuse, "HandlingOfficer@R", R.WrongPurpose)]
    public void Purposes_take_their_own_paths(Purpose purpose, PetitionStatus status, PetitionAction action, string actor, string expected)
    {
        var petition = Walked(status, purpose) with { SameMatterReexamined = action == PetitionAction.Refuse };
        AssertOutcome(expected, PetitionWorkflow.Check(action, petition, Actor(actor), DayAfter(status), FullDetail));
    }

    [Theory]
    [InlineData(PetitionAction.Register, null, PetitionStatus.Registered)]
    [InlineData(PetitionAction.Object, PetitionStatus.Transferred, PetitionStatus.Registered)]     // back to the bureau to route again
    [InlineData(PetitionAction.Transfer, PetitionStatus.Assigned, PetitionStatus.Transferred)]
    [InlineData(PetitionAction.Extend, PetitionStatus.Accepted, PetitionStatus.Accepted)]
    [InlineData(PetitionAction.RouteToLegalChannel, PetitionStatus.Accepted, PetitionStatus.RoutedToLegalChannel)]
    [InlineData(PetitionAction.RecordMediation, PetitionStatus.Accepted, PetitionStatus.Concluded)]
    [InlineData(PetitionAction.IssueReexaminationOpinion, PetitionStatus.UnderReexamination, PetitionStatus.Reexamined)]
    [InlineData(PetitionAction.StartHearing, PetitionStatus.UnderReexamination, PetitionStatus.UnderReexamination)]
    [InlineData(PetitionAction.Reopen, PetitionStatus.Reexamined, PetitionStatus.Accepted)]        // handled again from the order
    public void Resulting_status(PetitionAction action, PetitionStatus? from, PetitionStatus to)
    {
        var on = from is PetitionStatus.UnderReexamination ? D("2023-05-21") : DayAfter(from);
        Assert.Equal(WorkflowDecision.Allow(to), PetitionWorkflow.Check(action, Walked(from), Everyone, on, FullDetail));
    }

    // Art. 35: the review is asked within 30 日 of receiving the opinion. Counting starts the next day (Civil Code
    // Art. 201) and petition limits do not move off rest days, so the 31st day is refused whatever it is.
    [Theory]
    [InlineData("2023-03-01", "2023-03-31", Allowed)]           // 2022 rules: 3/2..3/31 = 30 days, the last day
    [InlineData("2023-03-01", "2023-04-01", R.ReviewWindowClosed)] // the 31st day
    [InlineData("2023-03-01", "2023-03-02", Allowed)]
    [InlineData("2022-01-20", "2022-02-19", Allowed)]           // 2005 Art. 34: 1/21..1/31 = 11, 2/1..2/19 = 19 (春节 1/31–2/6 counts)
    [InlineData("2022-01-20", "2022-02-20", R.ReviewWindowClosed)] // Sunday, the 31st day: no roll-forward
    [InlineData("2024-09-01", "2024-10-01", Allowed)]           // 9/2..9/30 = 29, 10/1 (国庆节) = 30
    [InlineData("2024-09-01", "2024-10-02", R.ReviewWindowClosed)] // not moved to 10/8 after the holiday
    [InlineData("2022-04-25", "2022-05-25", Allowed)]           // opinion under the 2005 条例, window ends under 2022: 4/26..4/30 = 5, 5/1..5/25 = 25
    [InlineData("2022-04-25", "2022-05-26", R.ReviewWindowClosed)]
    public void The_review_window_closes_after_30_days(string opinionOn, string requestOn, string expected)
    {
        var petition = Case(PetitionStatus.OpinionIssued) with { AcceptedOn = D(opinionOn).AddDays(-40), OpinionIssuedOn = D(opinionOn) };
        AssertOutcome(expected, PetitionWorkflow.Check(PetitionAction.RequestReview, petition, WorkflowActor.Petitioner, D(requestOn)));
    }

    // Art. 36: re-examination is asked within 30 日 of receiving the review opinion.
    [Theory]
    [InlineData("2025-01-20", "2025-02-19", Allowed)]                     // 1/21..1/31 = 11, 2/1..2/19 = 19 (春节 1/28–2/4 counts)
    [InlineData("2025-01-20", "2025-02-20", R.ReexaminationWindowClosed)]
    [InlineData("2021-02-01", "2021-03-03", Allowed)]                     // 2005 Art. 35: 2/2..2/28 = 27, 3/1..3/3 = 3
    [InlineData("2021-02-01", "2021-03-04", R.ReexaminationWindowClosed)]
    public void The_reexamination_window_closes_after_30_days(string reviewRepliedOn, string requestOn, string expected)
    {
        var petition = Case(PetitionStatus.Reviewed) with { ReviewRepliedOn = D(reviewRepliedOn) };
        AssertOutcome(expected, PetitionWorkflow.Check(PetitionAction.RequestReexamination, petition, WorkflowActor.Petitioner, D(requestOn)));
    }

    // A case is closed (审核认定办结) only when the petitioner can no longer ask: the day after the window.
    [Theory]
    [InlineData(PetitionStatus.OpinionIssued, "2023-03-01", "2023-03-31", R.RequestWindowOpen)] // review window 3/2..3/31
    [InlineData(PetitionStatus.OpinionIssued, "2023-03-01", "2023-04-01", Allowed)]
    [InlineData(PetitionStatus.Reviewed, "2025-01-20", "2025-02-19", R.RequestWindowOpen)]      // re-exam window ends 2/19
    [InlineData(PetitionStatus.Reviewed, "2025-01-20", "2025-02-20", Allowed)]
    [InlineData(PetitionStatus.Reexamined, "2025-01-20", "2025-01-21", Allowed)]                 // nothing left to ask
    public void Conclude_waits_for_the_request_window(PetitionStatus status, string replyOn, string on, string expected)
    {
        var petition = Case(status) with { OpinionIssuedOn = D(replyOn), ReviewRepliedOn = D(replyOn) };
        AssertOutcome(expected, PetitionWorkflow.Check(PetitionAction.Conclude, petition, Actor("HandlingOfficer@R"), D(on)));
    }

    // Art. 23: an objection within 5 工作日 of receiving the transfer. The 2005 条例 had none.
    [Theory]
    [InlineData("2023-09-27", "2023-10-10", Allowed)]               // 9/28(1) [9/29–10/6] 10/7 Sat(2) 10/8 Sun(3) 10/9(4) 10/10(5)
    [InlineData("2023-09-27", "2023-10-11", R.ObjectionWindowClosed)]
    [InlineData("2023-01-19", "2023-01-31", Allowed)]               // 1/20(1) [春节 1/21–1/27] 1/28 Sat(2) 1/29 Sun(3) 1/30(4) 1/31(5)
    [InlineData("2023-01-19", "2023-02-01", R.ObjectionWindowClosed)]
    [InlineData("2021-10-08", "2021-12-01", Allowed)]               // 2005 rules: no objection window
    public void The_objection_window_is_5_working_days(string transferredOn, string on, string expected)
    {
        var petition = Case(PetitionStatus.Transferred) with { TransferredOn = D(transferredOn) };
        AssertOutcome(expected, PetitionWorkflow.Check(PetitionAction.Object, petition, Actor("HandlingOfficer@R"), D(on)));
    }

    // Art. 34 (2005 Art. 33): one extension of at most 30 日, approved by the head while the 60 日 still run.
    // Zhejiang's sample allows 60; the simplified procedure allows none.
    [Theory]
    [InlineData(Shanxi, "2022-08-05", false, null, 30, "2022-10-04", Allowed)]        // due 10/4: Aug 6..31 = 26, Sep 30 → 56, Oct 1..4 → 60
    [InlineData(Shanxi, "2022-08-05", false, null, 1, "2022-08-06", Allowed)]
    [InlineData(Shanxi, "2022-08-05", false, null, 31, "2022-09-01", R.ExtensionCap)]
    [InlineData(Shanxi, "2022-08-05", false, null, 0, "2022-09-01", R.ExtensionCap)]
    [InlineData(Shanxi, "2022-08-05", false, null, 30, "2022-10-05", R.ExtensionAfterDue)] // the limit expired on 10/4
    [InlineData(Shanxi, "2022-08-05", false, 15, 15, "2022-09-01", R.ExtensionTwice)]   // only once, even within the 30
    [InlineData(Shanxi, "2022-08-05", false, null, null, "2022-09-01", R.DetailMissing)]
    [InlineData(Shanxi, "2021-01-14", false, null, 30, "2021-03-15", Allowed)]          // 2005 Art. 33: due 3/15 (DOMAIN §1.4)
    [InlineData(Shanxi, "2021-01-14", false, null, 30, "2021-03-16", R.ExtensionAfterDue)]
    [InlineData(Hangzhou, "2023-01-10", false, null, 60, "2023-02-01", Allowed)]        // Zhejiang: 30 日 (due 2/9), extension ≤ 60
    [InlineData(Hangzhou, "2023-01-10", false, null, 61, "2023-02-01", R.ExtensionCap)]
    [InlineData(Hangzhou, "2022-04-20", false, null, 31, "2022-05-10", R.ExtensionCap)] // accepted before the override: national 30
    [InlineData(Shanxi, "2024-02-07", true, null, 5, "2024-02-08", R.ExtensionCap)]     // simplified procedure: no extension
    public void Extension(string division, string acceptedOn, bool simplified, int? alreadyExtended, int? days, string on, string expected)
    {
        var petition = Case(PetitionStatus.Accepted, division: division) with
        {
            AcceptedOn = D(acceptedOn),
            IsSimplified = simplified,
            ExtensionDays = alreadyExtended,
            ExtendedOn = alreadyExtended is null ? null : D(acceptedOn).AddDays(10),
        };
        var decision = PetitionWorkflow.Check(PetitionAction.Extend, petition, Actor("UnitLeader@R"), D(on), new ActionDetail(ExtensionDays: days));
        AssertOutcome(expected, decision);
    }

    // Art. 36: after re-examination the same facts and reasons are no longer accepted; the chain does not start again.
    [Theory]
    [InlineData(true, PetitionStatus.Registered, PetitionAction.Accept, "HandlingOfficer@BR", R.FinalAfterReexamination)]
    [InlineData(true, PetitionStatus.Transferred, PetitionAction.Accept, "HandlingOfficer@R", R.FinalAfterReexamination)]
    [InlineData(true, PetitionStatus.Registered, PetitionAction.Refuse, "Registrar@B", Allowed)]
    [InlineData(true, PetitionStatus.Transferred, PetitionAction.Refuse, "HandlingOfficer@R", Allowed)]
    [InlineData(false, PetitionStatus.Registered, PetitionAction.Refuse, "Registrar@B", R.NotReexamined)]
    [InlineData(false, PetitionStatus.Reexamined, PetitionAction.RequestReexamination, "Petitioner", R.WrongState)]
    [InlineData(false, PetitionStatus.Reexamined, PetitionAction.RequestReview, "Petitioner", R.WrongState)]
    [InlineData(false, PetitionStatus.Concluded, PetitionAction.RequestReview, "Petitioner", R.WrongState)]
    public void Refiling_after_reexamination_is_refused(bool sameMatterReexamined, PetitionStatus status, PetitionAction action, string actor, string expected)
    {
        var petition = Walked(status) with { SameMatterReexamined = sameMatterReexamined };
        AssertOutcome(expected, PetitionWorkflow.Check(action, petition, Actor(actor), D("2023-03-03")));
    }

    [Fact]
    public void A_refused_refiling_is_declined_and_reported_as_no_longer_accepted()
    {
        var refiled = Case(PetitionStatus.Registered) with { SameMatterReexamined = true };
        var decision = PetitionWorkflow.Check(PetitionAction.Refuse, refiled, Actor("Registrar@B"), D("2023-03-02"));
        Assert.Equal(PetitionStatus.Declined, decision.ResultingStatus);
        Assert.Equal("不再受理", NationalStatus.NameOf(refiled with { Status = decision.ResultingStatus }, D("2023-03-02")));
    }

    // Art. 36: a hearing pauses the re-examination; one at a time, and no opinion while it runs.
    [Theory]
    [InlineData(PetitionAction.StartHearing, null, Allowed)]
    [InlineData(PetitionAction.StartHearing, "2023-05-25", R.HearingRunning)]
    [InlineData(PetitionAction.EndHearing, "2023-05-25", Allowed)]
    [InlineData(PetitionAction.EndHearing, null, R.NoHearing)]
    [InlineData(PetitionAction.IssueReexaminationOpinion, "2023-05-25", R.HearingRunning)]
    [InlineData(PetitionAction.IssueReexaminationOpinion, null, Allowed)]
    public void Hearings(PetitionAction action, string? hearingStartedOn, string expected)
    {
        var petition = Walked(PetitionStatus.UnderReexamination) with { HearingStartedOn = hearingStartedOn is null ? null : D(hearingStartedOn) };
        var actor = action == PetitionAction.IssueReexaminationOpinion ? "UnitLeader@R" : "HandlingOfficer@R";
        AssertOutcome(expected, PetitionWorkflow.Check(action, petition, Actor(actor), D("2023-05-30")));
    }

    [Theory]
    [InlineData(PetitionAction.RouteToLegalChannel, PetitionStatus.Transferred, "HandlingOfficer@R")] // which of Art. 31 items 1–5?
    [InlineData(PetitionAction.IssueOpinion, PetitionStatus.Accepted, "UnitLeader@R")]                // support, explain or reject?
    public void Details_are_required(PetitionAction action, PetitionStatus status, string actor)
    {
        AssertOutcome(R.DetailMissing, PetitionWorkflow.Check(action, Walked(status), Actor(actor), DayAfter(status)));
    }

    [Fact]
    public void Missing_dates_are_reported_not_guessed()
    {
        var noOpinionDate = Case(PetitionStatus.OpinionIssued);
        AssertOutcome(R.DateMissing, PetitionWorkflow.Check(PetitionAction.RequestReview, noOpinionDate, WorkflowActor.Petitioner, D("2023-03-10")));
        var noReceipt = Case(PetitionStatus.Transferred);
        AssertOutcome(R.DateMissing, PetitionWorkflow.Check(PetitionAction.Object, noReceipt, Actor("HandlingOfficer@R"), D("2023-03-10")));
    }

    public static TheoryData<int, Purpose, string, PetitionAction[]> AllowedRows() => new()
    {
        { 0, Purpose.Request, "Registrar@B", [PetitionAction.Register] },
        { (int)PetitionStatus.Registered, Purpose.Request, "Registrar@B",
            [PetitionAction.Transfer, PetitionAction.Assign, PetitionAction.RouteToLegalChannel, PetitionAction.Decline, PetitionAction.Refuse, PetitionAction.Withdraw, PetitionAction.Merge] },
        { (int)PetitionStatus.Registered, Purpose.Suggestion, "Registrar@B",
            [PetitionAction.Transfer, PetitionAction.Assign, PetitionAction.Decline, PetitionAction.Withdraw, PetitionAction.Merge] },
        { (int)PetitionStatus.Transferred, Purpose.Request, "HandlingOfficer@R",
            [PetitionAction.Accept, PetitionAction.Object, PetitionAction.RouteToLegalChannel, PetitionAction.Decline, PetitionAction.Refuse, PetitionAction.Withdraw] },
        { (int)PetitionStatus.Accepted, Purpose.Appeal, "UnitLeader@R", [PetitionAction.Extend, PetitionAction.IssueOpinion] },
        { (int)PetitionStatus.Accepted, Purpose.Request, "HandlingOfficer@R", [PetitionAction.RouteToLegalChannel, PetitionAction.RecordMediation, PetitionAction.Withdraw] },
        { (int)PetitionStatus.Accepted, Purpose.Suggestion, "UnitLeader@R", [PetitionAction.ReplySuggestion] },
        { (int)PetitionStatus.Accepted, Purpose.Accusation, "HandlingOfficer@R", [PetitionAction.Conclude, PetitionAction.Withdraw] },
        { (int)PetitionStatus.OpinionIssued, Purpose.Request, "Petitioner", [PetitionAction.RequestReview] },
        { (int)PetitionStatus.UnderReexamination, Purpose.Other, "HandlingOfficer@R", [PetitionAction.StartHearing, PetitionAction.EndHearing] },
        { (int)PetitionStatus.Concluded, Purpose.Request, "Supervisor@S", [PetitionAction.Reopen] },
        { (int)PetitionStatus.Accepted, Purpose.Request, "Administrator@BRS", [] },
        { (int)PetitionStatus.Withdrawn, Purpose.Request, "Registrar+HandlingOfficer+UnitLeader+Supervisor@BRS", [] },
        { (int)PetitionStatus.Merged, Purpose.Request, "Registrar+HandlingOfficer+UnitLeader+Supervisor@BRS", [] },
    };

    [Theory]
    [MemberData(nameof(AllowedRows))]
    public void Allowed_for_an_actor(int statusValue, Purpose purpose, string actor, PetitionAction[] expected)
    {
        PetitionStatus? status = statusValue == 0 ? null : (PetitionStatus)statusValue;
        Assert.Equal(expected, PetitionWorkflow.Allowed(status, purpose, Actor(actor)));
    }

    [Fact]
    public void For_derives_the_seats_from_the_case()
    {
        var petition = Case(PetitionStatus.Transferred);
        var officer = WorkflowActor.For(petition, Unit, ["HandlingOfficer"]);
        Assert.True(officer.IsResponsibleUnit);
        Assert.False(officer.IsRegisteringBureau);
        Assert.True(PetitionWorkflow.Check(PetitionAction.Accept, petition, officer, D("2023-03-03")).IsAllowed);
        var elsewhere = WorkflowActor.For(petition, 99, ["HandlingOfficer"]);
        Assert.Equal(R.NotResponsibleUnit, PetitionWorkflow.Check(PetitionAction.Accept, petition, elsewhere, D("2023-03-03")).ReasonCode);
    }

    [Theory]
    [InlineData(LegalRoute.Litigation, "诉讼、检察、公安等法律程序", "《信访工作条例》第三十一条第（一）项")]
    [InlineData(LegalRoute.Arbitration, "仲裁程序", "《信访工作条例》第三十一条第（二）项")]
    [InlineData(LegalRoute.PartyProcedure, "党员申诉、申请复审等程序", "《信访工作条例》第三十一条第（三）项")]
    [InlineData(LegalRoute.AdministrativeProcedure, "行政复议、行政裁决、行政确认、行政许可、行政处罚等行政程序", "《信访工作条例》第三十一条第（四）项")]
    [InlineData(LegalRoute.StatutoryDuty, "依法履行职责或者答复", "《信访工作条例》第三十一条第（五）项")]
    public void Legal_routes_in_Chinese(LegalRoute route, string label, string article)
    {
        Assert.Equal(label, LegalRoutes.Label(route));
        Assert.Equal(article, LegalRoutes.Article(route));
    }

    // 简易办理 (2016, DOMAIN.md §1.3): simple first-time items that end in a handling opinion.
    [Theory]
    [InlineData(PetitionStatus.Transferred, Purpose.Request, false, false, Allowed)]
    [InlineData(PetitionStatus.Transferred, Purpose.Appeal, false, false, Allowed)]
    [InlineData(PetitionStatus.Transferred, Purpose.Request, true, false, R.SimplifiedRepeat)]      // 重件: not first-time
    [InlineData(PetitionStatus.Transferred, Purpose.Request, false, true, R.SimplifiedCollective)]  // 集体访 / 联名信
    [InlineData(PetitionStatus.Assigned, Purpose.Request, false, false, R.SimplifiedAssigned)]      // 交办: an important matter (Art. 22)
    [InlineData(PetitionStatus.Transferred, Purpose.Suggestion, false, false, R.SimplifiedPurpose)] // Art. 29: answered, no opinion clock
    [InlineData(PetitionStatus.Transferred, Purpose.Accusation, false, false, R.SimplifiedPurpose)] // Art. 30
    public void Simplified_acceptance(PetitionStatus status, Purpose purpose, bool repeat, bool collective, string expected)
    {
        var petition = Walked(status, purpose) with { AcceptedOn = null, IsRepeat = repeat, IsCollective = collective };
        var decision = PetitionWorkflow.Check(PetitionAction.Accept, petition, Actor("HandlingOfficer@R"), D("2023-03-03"), new ActionDetail(Simplified: true));
        AssertOutcome(expected, decision);
        // The same case is always accepted under the ordinary procedure.
        AssertOutcome(Allowed, PetitionWorkflow.Check(PetitionAction.Accept, petition, Actor("HandlingOfficer@R"), D("2023-03-03")));
    }
}
