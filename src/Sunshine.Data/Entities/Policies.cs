using Sunshine.Domain.Petitions;

namespace Sunshine.Data.Entities;

/// <summary>A category of the policy library (法律, 行政法规, 规范性文件 …); administrators keep the list.</summary>
public sealed class PolicyCategory
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// A law, regulation or policy document in the policy library (政策法规): published as it was issued, with its document
/// number (文号), dates and validity. A repealed document (废止) stays readable and is marked so.
/// </summary>
public sealed class PolicyDocument
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public required string IssuingBody { get; set; }
    public string? DocumentNumber { get; set; }
    public int CategoryId { get; set; }
    public PolicyCategory? Category { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    /// <summary>有效 (true) or 废止 (false).</summary>
    public bool IsValid { get; set; } = true;
    public DateOnly? RepealedOn { get; set; }
    /// <summary>Plain paragraphs separated by line breaks; no markup.</summary>
    public required string Body { get; set; }
    public string? SourceUrl { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The search entry of a policy document: its title and body segmented by jieba, indexed by SQLite FTS5 or a PostgreSQL
/// GIN index (through the migrations), written in the same transaction as the document.
/// </summary>
public sealed class PolicySearchEntry
{
    public long PolicyDocumentId { get; set; }
    public required string TitleTokens { get; set; }
    public required string BodyTokens { get; set; }
}

/// <summary>
/// 互动回应: a replied mailbox petition published on the portal, as staff edited it — a public title, the message with
/// personal data removed and the reply. Unpublishing deletes the row; the case history keeps both steps.
/// </summary>
public sealed class PublicReply
{
    public long Id { get; set; }
    public long PetitionId { get; set; }
    public Channel Channel { get; set; }
    public required string Title { get; set; }
    public required string Message { get; set; }
    public required string Reply { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly RepliedOn { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateTime PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
    public int OrganisationId { get; set; }
}
