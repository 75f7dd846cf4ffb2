using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using static Sunshine.Domain.Petitions.PetitionStatus;
using static Sunshine.Domain.Petitions.Workflow.PetitionAction;
using static Sunshine.Domain.Tests.Calendar.Dates;
using static Sunshine.Domain.Tests.Petitions.Cases;

namespace Sunshine.Domain.Tests.Petitions;

/// <summary>
/// Every status × every action, against a table written here from DOMAIN.md §1.3 (not copied from the code). The actor
/// holds every working role in every seat and the dates are inside every window, so only the state and the purpose
/// decide.
/// </summary>
public class PetitionWorkflowMatrixTests
{
    // 0 stands for "not registered yet".
    private static readonly PetitionStatus?[] Statuses = [null, .. Enum.GetValues<PetitionStatus>().Cast<PetitionStatus?>()];

    // For a 求决 / 申诉 / 其他 item (the opinion and review chain).
    private static readonly Dictionary<PetitionAction, PetitionStatus?[]> ChainPath = new()
    {
        [Register] = [null],
        [Transfer] = [Registered, Transferred, Assigned],          // a lower bureau passes the item on down the chain
        [Assign] = [Registered, Transferred, Assigned],
        [Accept] = [Registered, Transferred, Assigned],            // Registered: received directly (Art. 23)
        [PetitionAction.Object] = [Transferred, Assigned],         // Art. 23: only a unit that received a transfer objects
        [RouteToLegalChannel] = [Registered, Transferred, Assigned, Accepted],
        [Decline] = [Registered, Transferred, Assigned],
        [Refuse] = [Registered, Transferred, Assigned],
        [Extend] = [Accepted],
        [IssueOpinion] = [Accepted],
        [ReplySuggestion] = [],
        [RecordMediation] = [Accepted],
        [RequestReview] = [OpinionIssued],
        [IssueReviewOpinion] = [UnderReview],
        [RequestReexamination] = [Reviewed],
        [StartHearing] = [UnderReexamination],
        [EndHearing] = [UnderReexamination],
        [IssueReexaminationOpinion] = [UnderReexamination],
        [Conclude] = [OpinionIssued, Reviewed, Reexamined],
        [Withdraw] = [Registered, Transferred, Assigned, Accepted],
        [Merge] = [Registered],
        [Reopen] = [Declined, RoutedToLegalChannel, OpinionIssued, Reviewed, Reexamined, Concluded],
    };

    // Actions that only the opinion path has (Art. 31–36).
    private static readonly PetitionAction[] ChainOnly =
        [RouteToLegalChannel, Refuse, Extend, IssueOpinion, RecordMediation, RequestReview, IssueReviewOpinion,
         RequestReexamination, StartHearing, EndHearing, IssueReexaminationOpinion];

    private static readonly Dictionary<PetitionStatus, DateOnly> Entered = new()
    {
        [Registered] = D("2023-03-01"), [Transferred] = D("2023-03-02"), [Assigned] = D("2023-03-02"), [Accepted] = D("2023-03-03"),
        [OpinionIssued] = D("2023-04-10"), [UnderReview] = D("2023-04-20"), [Reviewed] = D("2023-05-10"),
        [UnderReexamination] = D("2023-05-20"),
    };

    public static TheoryData<int, PetitionAction> AllPairs()
    {
        var data = new TheoryData<int, PetitionAction>();
        foreach (var s in Statuses)
        {
            foreach (var a in Enum.GetValues<PetitionAction>())
            {
                data.Add((int?)s ?? 0, a);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_status_and_action_of_a_request(int statusValue, PetitionAction action)
    {
        PetitionStatus? status = statusValue == 0 ? null : (PetitionStatus)statusValue;
        // The day after the status was entered: inside every window. Conclude waits until all request windows closed.
        var on = action == Conclude ? D("2023-12-31")
            : status is { } s && Entered.TryGetValue(s, out var entered) ? entered.AddDays(1) : D("2023-06-01");
        var petition = Walked(status) with
        {
            SameMatterReexamined = action == Refuse,
            HearingStartedOn = action == EndHearing ? D("2023-05-21") : null,
        };

        var decision = PetitionWorkflow.Check(action, petition, Everyone, on, FullDetail);

        var expected = ChainPath[action].Contains(status);
        Assert.True(expected == decision.IsAllowed, $"{action} from {status}: {decision.ReasonCode} {decision.Detail}");
        if (!expected)
        {
            // In Accepted, ReplySuggestion and Conclude exist for other purposes only.
            var purposeOnly = status == Accepted && action is ReplySuggestion or Conclude;
            Assert.Equal(purposeOnly ? WorkflowReasons.WrongPurpose : WorkflowReasons.WrongState, decision.ReasonCode);
        }
    }

    public static TheoryData<Purpose, int> PurposesAndStatuses()
    {
        var data = new TheoryData<Purpose, int>();
        foreach (var p in Enum.GetValues<Purpose>())
        {
            foreach (var s in Statuses)
            {
                data.Add(p, (int?)s ?? 0);
            }
        }

        return data;
    }

    // Suggestions (Art. 29) are answered; accusations (Art. 30) and inquiries are handled and closed; none of them
    // has the opinion, the extension, routing or the review chain.
    [Theory]
    [MemberData(nameof(PurposesAndStatuses))]
    public void Allowed_lists_each_purposes_path(Purpose purpose, int statusValue)
    {
        PetitionStatus? status = statusValue == 0 ? null : (PetitionStatus)statusValue;
        var chain = purpose is Purpose.Request or Purpose.Appeal or Purpose.Other;
        var expected = ChainPath
            .Where(kv => kv.Value.Contains(status))
            .Select(kv => kv.Key)
            .Where(a => chain || !ChainOnly.Contains(a))
            .Where(a => chain || a != Conclude)
            .ToList();
        if (status == Accepted && purpose == Purpose.Suggestion)
        {
            expected.Add(ReplySuggestion);
        }

        if (status == Accepted && purpose is Purpose.Accusation or Purpose.Inquiry)
        {
            expected.Add(Conclude);
        }

        Assert.Equal(expected.Order(), PetitionWorkflow.Allowed(status, purpose, Everyone));
    }
}
