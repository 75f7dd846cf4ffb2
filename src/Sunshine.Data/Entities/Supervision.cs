using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;

namespace Sunshine.Data.Entities;

/// <summary>
/// A supervision order (督查督办, 《信访工作条例》第三十八至四十条) on one case or on a unit as a whole: issued by a bureau
/// whose jurisdiction contains the unit, answered in writing by the unit, closed by the supervisor — or, when late,
/// escalated to a stronger measure (<see cref="EscalatedFromId"/> keeps the chain). Overdue is computed when asked.
/// </summary>
public sealed class SupervisionOrder
{
    public long Id { get; set; }
    /// <summary>Null for an order on the unit as a whole.</summary>
    public long? PetitionId { get; set; }
    public int TargetOrganisationId { get; set; }
    public int IssuingOrganisationId { get; set; }
    public SupervisionKind Kind { get; set; }
    public required string Instructions { get; set; }
    public DateOnly IssuedOn { get; set; }
    /// <summary>The legal date by which the unit must answer in writing.</summary>
    public DateOnly DueOn { get; set; }
    public required string IssuedByUserId { get; set; }
    public required string IssuedByName { get; set; }
    public SupervisionStatus Status { get; set; }
    /// <summary>The unit's latest written answer; earlier ones stay in the history.</summary>
    public string? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? AnsweredByName { get; set; }
    /// <summary>The supervisor's word on closing, or why the answer was sent back.</summary>
    public string? Remark { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public long? EscalatedFromId { get; set; }
    public int Version { get; set; }
}

/// <summary>A sample of handled cases drawn for 网上督查: random (seeded, reproducible) or all that match the rules.</summary>
public sealed class InspectionSample
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public DateOnly DrawnOn { get; set; }
    public required string DrawnByName { get; set; }
    /// <summary>Null for a rule-based sample (every matching case, up to <see cref="Size"/>).</summary>
    public int? Seed { get; set; }
    public int Size { get; set; }
    /// <summary>The criteria as JSON (unit, period, category, channel), so the draw can be repeated.</summary>
    public required string Criteria { get; set; }
}

/// <summary>One case in the inspection queue, with its checklist scores once inspected.</summary>
public sealed class InspectionEntry
{
    public long Id { get; set; }
    public long PetitionId { get; set; }
    public long? SampleId { get; set; }
    public InspectionSource Source { get; set; }
    public InspectionOutcome Outcome { get; set; }
    /// <summary>Checklist item code → points, as JSON.</summary>
    public string? Scores { get; set; }
    public int? Total { get; set; }
    public string? Reason { get; set; }
    public DateOnly? InspectedOn { get; set; }
    public string? InspectedByName { get; set; }
    /// <summary>The evaluation that put the case here (不满意), for the record.</summary>
    public SatisfactionEvaluation? Evaluation { get; set; }
}
