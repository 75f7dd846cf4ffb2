using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Petitions;

/// <summary>Builders for workflow tests. Attributes cannot hold DateOnly or records, so rows carry strings.</summary>
internal static class Cases
{
    /// <summary>Taiyuan, Shanxi: national rules (2005 up to 2022-04-30, 2022 from 2022-05-01).</summary>
    public const string Shanxi = "140100000000";

    /// <summary>Hangzhou, Zhejiang: the sample override (handling 30 日, extension ≤ 60 日) from 2022-05-01.</summary>
    public const string Hangzhou = "330100000000";

    public const int Bureau = 1;
    public const int Unit = 2;

    /// <summary>A case in <paramref name="status"/> of a Shanxi bureau, registered 2023-03-01, responsible unit 2.</summary>
    public static PetitionCase Case(PetitionStatus? status, Purpose purpose = Purpose.Request, string division = Shanxi, string registeredOn = "2023-03-01") =>
        new(status, purpose, division, Bureau, D(registeredOn)) { ResponsibleOrganisationId = Unit };

    /// <summary>
    /// A case whose every step so far happened on the dates of the 2022-rules walk-through used by the matrix and the
    /// national-state rows: registered 3/1, received by the unit 3/2, accepted 3/3, opinion 4/10, review asked 4/20,
    /// review reply 5/10, re-examination asked 5/20 (all 2023).
    /// </summary>
    public static PetitionCase Walked(PetitionStatus? status, Purpose purpose = Purpose.Request) => Case(status, purpose) with
    {
        TransferredOn = D("2023-03-02"),
        AcceptedOn = D("2023-03-03"),
        OpinionIssuedOn = D("2023-04-10"),
        ReviewRequestedOn = D("2023-04-20"),
        ReviewRepliedOn = D("2023-05-10"),
        ReexaminationRequestedOn = D("2023-05-20"),
    };

    /// <summary>
    /// "Registrar+HandlingOfficer@BRS": roles joined by '+', then the seats: B registering bureau, R responsible unit,
    /// S supervising level. "Petitioner" is the petitioner.
    /// </summary>
    public static WorkflowActor Actor(string spec)
    {
        if (spec == "Petitioner")
        {
            return WorkflowActor.Petitioner;
        }

        var parts = spec.Split('@');
        var seats = parts.Length > 1 ? parts[1] : "";
        return WorkflowActor.Staff(seats.Contains('R') && !seats.Contains('B') ? Unit : Bureau, parts[0].Split('+'),
            registeringBureau: seats.Contains('B'), responsibleUnit: seats.Contains('R'), supervisingLevel: seats.Contains('S'));
    }

    /// <summary>Every working role in every seat: only the state and purpose can stop it.</summary>
    public static WorkflowActor Everyone { get; } = Actor("Registrar+HandlingOfficer+UnitLeader+Supervisor@BRS");

    public static ActionDetail FullDetail { get; } = new(ExtensionDays: 30, Route: LegalRoute.Litigation, Opinion: HandlingOpinion.Support);
}
