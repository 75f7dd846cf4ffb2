using Sunshine.Domain.Petitions;

namespace Sunshine.Data.Entities;

/// <summary>内容分类: the 3-level content classification, scheme by year ("2018" national scheme).</summary>
public sealed class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Level { get; set; }
    public int? ParentId { get; set; }
    public required string Scheme { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// A petition (信访事项) with its registration record (DOMAIN.md §1.2). Legal dates are dates in Asia/Shanghai;
/// instants are UTC. Personal data is held encrypted; <see cref="PersonKey"/> is a keyed hash for matching.
/// </summary>
public sealed class Petition
{
    public long Id { get; set; }
    public required string CaseNumber { get; set; }
    public required byte[] QueryCodeHash { get; set; }
    public Channel Channel { get; set; }
    public Purpose Purpose { get; set; }
    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public required string IssueLocalityCode { get; set; }
    public string? ExternalId { get; set; }

    public required string PetitionerName { get; set; }
    public string? IdNumberProtected { get; set; }
    public string? PhoneProtected { get; set; }
    public string? AddressProtected { get; set; }
    public byte[]? PersonKey { get; set; }
    public int HeadCount { get; set; } = 1;
    public bool IsCollective { get; set; }
    public bool IsJointLetter { get; set; }
    public bool IsFirstNationally { get; set; } = true;
    public bool IsRepeat { get; set; }
    public bool IsLevelSkipping { get; set; }   // 越级访
    public bool IsProvinceVisit { get; set; }   // 赴省访
    public bool IsBeijingVisit { get; set; }    // 进京访
    public bool IsThreatening { get; set; }     // 扬言件
    public long? OriginalPetitionId { get; set; }
    /// <summary>A collective visit's elected representatives (at most 5, Art. 20), names joined by "、".</summary>
    public string? Representatives { get; set; }
    /// <summary>
    /// 检举控告类 (Art. 30): the unit the accusation is against, where named. It never sees the case, and the case
    /// cannot be transferred to it — an accuser's identity and material must not reach the accused.
    /// </summary>
    public int? AccusedOrganisationId { get; set; }
    /// <summary>The person or body accused, as the accuser names them.</summary>
    public string? AccusedParty { get; set; }

    public required string Summary { get; set; }
    public required string Content { get; set; }

    public DateOnly ReceivedOn { get; set; }
    /// <summary>The legal date of registration; the 15 日 of Art. 22 runs from here.</summary>
    public DateOnly RegisteredOn { get; set; }
    public DateTime RegisteredAt { get; set; }
    public int RegisteringOrganisationId { get; set; }
    public Organisation? RegisteringOrganisation { get; set; }
    public int? ResponsibleOrganisationId { get; set; }
    public Organisation? ResponsibleOrganisation { get; set; }
    public string? RegisteredByUserId { get; set; }

    public PetitionStatus Status { get; set; }
    public required string RuleSetCode { get; set; }
    public DateOnly? TransferredOn { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    /// <summary>The due date of the step the case is in now, from the statutory clock; colours are ranges on it.</summary>
    public DateOnly? DueOn { get; set; }
    public DateOnly? ConcludedOn { get; set; }
    /// <summary>简易办理 (2016): accepted for a handling opinion within 10 工作日 instead of 60 日.</summary>
    public bool IsSimplified { get; set; }
    public int? ExtensionDays { get; set; }
    public DateOnly? ExtendedOn { get; set; }
    public DateOnly? OpinionIssuedOn { get; set; }
    /// <summary>
    /// The due date of the handling step (办理, Art. 34: 60 日 from acceptance plus an approved extension, or 10 工作日 when
    /// simplified), kept after the step ends so that assessment (按期办结率, DOMAIN.md §1.6) compares the answer with the
    /// statutory clock in the database. Null when the case never ran the handling clock.
    /// </summary>
    public DateOnly? HandlingDueOn { get; set; }
    /// <summary>Optimistic concurrency: two officers acting on one case at once cannot both win.</summary>
    public int Version { get; set; }
    public HandlingOpinion? Opinion { get; set; }
    public SatisfactionEvaluation? BureauEvaluation { get; set; }
    public SatisfactionEvaluation? UnitEvaluation { get; set; }
}
