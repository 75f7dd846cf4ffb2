using Sunshine.Domain.Oversight;

namespace Sunshine.Data.Entities;

/// <summary>
/// One dispute on a grassroots unit's zero-petition ledger (矛盾纠纷排查化解, 《信访工作条例》第十五条, DOMAIN.md §1.7): what
/// the matter is, between whom, who answers for it, what was done, and where it stands. The unit is a township or a
/// village/community division; <see cref="TownshipCode"/> is the township it lies in, so scope and roll-ups are prefix
/// matches. The parties' names are personal data: encrypted at rest, masked on screen.
/// </summary>
public sealed class DisputeScreening
{
    public long Id { get; set; }
    /// <summary>The grassroots unit: a township (乡镇、街道) or a village/community (村、社区) division code.</summary>
    public required string DivisionCode { get; set; }
    /// <summary>The township the unit lies in (the unit itself when it is a township).</summary>
    public required string TownshipCode { get; set; }
    public required string Matter { get; set; }
    /// <summary>The parties' names, AES-GCM encrypted (PersonalData).</summary>
    public required string PartiesProtected { get; set; }
    /// <summary>The official who answers for resolving it (包案责任人), acting in office.</summary>
    public required string ResponsiblePerson { get; set; }
    public required string Measures { get; set; }
    public DisputeStatus Status { get; set; }
    public DateOnly FoundOn { get; set; }
    /// <summary>The day it was resolved (已化解) or handed up unresolved (未化解·上交); null while in hand.</summary>
    public DateOnly? ClosedOn { get; set; }
    public int RecordedByOrganisationId { get; set; }
    public string? RecordedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
