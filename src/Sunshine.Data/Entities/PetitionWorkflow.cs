using Sunshine.Domain.Petitions;

namespace Sunshine.Data.Entities;

/// <summary>
/// The append-only history of a case: who did what, when, why, and the state before and after. Public events
/// (received, transferred, accepted, extended, replied) are what the petitioner sees on the progress page.
/// </summary>
public sealed class PetitionEvent
{
    public long Id { get; set; }
    public long PetitionId { get; set; }
    public DateTime At { get; set; }
    public DateOnly On { get; set; }
    public required string Action { get; set; }
    public PetitionStatus? FromStatus { get; set; }
    public PetitionStatus ToStatus { get; set; }
    public string? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public int? OrganisationId { get; set; }
    public int? TargetOrganisationId { get; set; }
    public string? Reason { get; set; }
    /// <summary>JSON with the step's particulars (due dates and their explanation, legal route, opinion …).</summary>
    public string? Detail { get; set; }
    public bool IsPublic { get; set; }
}

/// <summary>One hop of the transfer chain (转送 / 交办): from which unit to which, when, and by when it must act.</summary>
public sealed class PetitionHop
{
    public long Id { get; set; }
    public long PetitionId { get; set; }
    public int FromOrganisationId { get; set; }
    public int ToOrganisationId { get; set; }
    public bool IsAssignment { get; set; }
    public DateOnly SentOn { get; set; }
    /// <summary>By when the receiving unit must accept, object or route (its share of the chain's 15 日).</summary>
    public DateOnly DueOn { get; set; }
    /// <summary>交办: the completion report (办结报告) is due by this date.</summary>
    public DateOnly? ReportDueOn { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>An attachment: the content lives outside the rows (a file store), addressed by its SHA-256.</summary>
public sealed class PetitionAttachment
{
    public long Id { get; set; }
    public long PetitionId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}

/// <summary>
/// The case text segmented by jieba (search mode), tokens joined by spaces. The provider projects index it:
/// SQLite FTS5 (external content) and PostgreSQL GIN over the generated column "Vector" (to_tsvector('simple', …), not in
/// the model), in the same transaction as the case.
/// </summary>
public sealed class PetitionSearchEntry
{
    public long PetitionId { get; set; }
    public required string Tokens { get; set; }
}

/// <summary>MinHash banding of a case's content: near-identical texts share at least one (band, hash) pair.</summary>
public sealed class PetitionFingerprint
{
    public long PetitionId { get; set; }
    public int Band { get; set; }
    public long Hash { get; set; }
}
