namespace Sunshine.Data.Entities;

/// <summary>A published item of proactive disclosure (主动公开) in a catalogue column, on one outlet.</summary>
public sealed class Publication
{
    public long Id { get; set; }
    public required string IndexNumber { get; set; }
    public required string Title { get; set; }
    public required string Column { get; set; }
    public required string Outlet { get; set; }
    public int OrganisationId { get; set; }
    public string? DocumentNumber { get; set; }
    public DateOnly FormedOn { get; set; }
    public DateOnly PublishedOn { get; set; }
    public required string Body { get; set; }
    public bool IsValid { get; set; } = true;
}

/// <summary>A disclosure request (依申请公开) with its statutory dates (《政府信息公开条例》第三十一、三十三条).</summary>
public sealed class DisclosureRequest
{
    public long Id { get; set; }
    public required string RequestNumber { get; set; }
    public int OrganisationId { get; set; }
    public required string ApplicantType { get; set; }
    public required string ApplicantName { get; set; }
    public required string Description { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? ConcludedOn { get; set; }
    public string? Outcome { get; set; }
    public long FeeFen { get; set; }
}

/// <summary>
/// One figure of an Article 20 register (《政府信息公开条例》第二十条): organ, year, kind and a count or an amount in fen.
/// Documents (规章, 规范性文件) may be entered one by one with their title and 文号.
/// </summary>
public sealed class RegisterEntry
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public int Year { get; set; }
    public required string Kind { get; set; }
    /// <summary>A count, or for amount kinds integer fen.</summary>
    public long Value { get; set; }
    public string? Title { get; set; }
    public string? DocumentNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>An administrative reconsideration or lawsuit about disclosure (table four of the annual report).</summary>
public sealed class DisclosureAppeal
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    /// <summary>Reconsideration, DirectSuit or SuitAfterReconsideration.</summary>
    public required string Kind { get; set; }
    /// <summary>Upheld, Corrected, Other or Pending.</summary>
    public required string Result { get; set; }
    public required string CaseNumber { get; set; }
    public DateOnly FiledOn { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// An annual report (政府信息公开工作年度报告) for one organ or one region and one year. Draft tables are computed live;
/// finalising freezes them (TablesJson) with the narrative, and publishing puts them on the portal.
/// </summary>
public sealed class AnnualReport
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public int Year { get; set; }
    /// <summary>"2019" or "2021".</summary>
    public required string Format { get; set; }
    /// <summary>The whole region aggregated over its reporting bodies, rather than this organ only.</summary>
    public bool Region { get; set; }
    /// <summary>Draft, Finalised or Published.</summary>
    public required string Status { get; set; }
    public required string Title { get; set; }
    public required string Overview { get; set; }
    public required string Problems { get; set; }
    public required string Other { get; set; }
    public string? TablesJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? FinalisedAt { get; set; }
    public string? FinalisedBy { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public string? PublishedBy { get; set; }
}
