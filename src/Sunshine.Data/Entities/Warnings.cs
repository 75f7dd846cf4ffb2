using Sunshine.Domain.Oversight;

namespace Sunshine.Data.Entities;

/// <summary>The rule of 信息预警 that raised an alert (DOMAIN.md §1.7).</summary>
public enum WarningRule
{
    /// <summary>A surge of one matter (level-1 category) in one county against its own baseline.</summary>
    Surge = 1,
    /// <summary>A collective visit (集体访).</summary>
    Collective = 2,
    /// <summary>Several petitioners on one project or employer.</summary>
    SharedProject = 3,
    /// <summary>A repeat petitioner escalating: more cases in a window, or moving up the levels.</summary>
    RepeatEscalation = 4,
    /// <summary>越级访, 赴省访, 进京访.</summary>
    Escalated = 5,
    /// <summary>扬言 and sensitive words.</summary>
    Threatening = 6,
}

/// <summary>Raised → acknowledged → assigned (to a user) → resolved with a note.</summary>
public enum WarningState
{
    Raised = 1,
    Acknowledged = 2,
    Assigned = 3,
    Resolved = 4,
}

/// <summary>
/// An early-warning alert (信息预警) with its evidence. <see cref="AlertKey"/> is unique: a second pass, or a second
/// node running the same pass, finds the alert and updates its evidence instead of raising it again.
/// </summary>
public sealed class WarningAlert
{
    public long Id { get; set; }
    /// <summary>Rule, locality, matter and period (e.g. "Surge:441302000000:12:2026-09") or rule and case ("Threatening:1234").</summary>
    public required string AlertKey { get; set; }
    public WarningRule Rule { get; set; }
    public WarningSeverity Severity { get; set; }
    /// <summary>The county (12-digit code) the alert is about: who sees it follows from it.</summary>
    public required string LocalityCode { get; set; }
    public int? CategoryId { get; set; }
    /// <summary>The month ("2026-09") of the window; empty for per-case rules.</summary>
    public required string Period { get; set; }
    /// <summary>One line for the list, in Chinese (alerts are working records of the bureau).</summary>
    public required string Summary { get; set; }
    /// <summary>The evidence as JSON: counts, baselines, changes and p-values, matched words, names.</summary>
    public required string Evidence { get; set; }
    public int CaseCount { get; set; }
    public WarningState State { get; set; }
    public string? AcknowledgedByUserId { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AssignedToUserId { get; set; }
    public DateTime? AssignedAt { get; set; }
    public string? ResolvedByUserId { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolutionNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: two supervisors acting at once cannot both win.</summary>
    public int Version { get; set; }
}

/// <summary>A case behind an alert.</summary>
public sealed class WarningAlertCase
{
    public long AlertId { get; set; }
    public long PetitionId { get; set; }
}

/// <summary>How far the early-warning passes have read: petitions with a larger id are new to them.</summary>
public sealed class WarningWatermark
{
    public required string Name { get; set; }
    public long LastPetitionId { get; set; }
    public DateTime UpdatedAt { get; set; }
}
