using Sunshine.Domain.Disclosure;

namespace Sunshine.Data.Entities;

/// <summary>
/// One publication record: one item published on one outlet on one date (主动公开). The annual report counts these
/// records by <see cref="Column"/> and <see cref="Outlet"/> ("one count per publication record per outlet", DOMAIN.md
/// §2.1). <see cref="Column"/> is the column the record appears under on its outlet: the catalogue column on the
/// website, the account's category (<see cref="OutletCategory"/>) on WeChat and 政务头条. Title, body and dates are a
/// copy of the item as published. Rows from before the catalogue have no <see cref="DisclosureItemId"/>.
/// </summary>
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
    public long? DisclosureItemId { get; set; }
    /// <summary>The account's category (经验交流, 政策宣传, 工作动态) on WeChat and 政务头条; null on the website.</summary>
    public string? OutletCategory { get; set; }
}

/// <summary>A column (栏目) of the disclosure catalogue (政府信息公开目录): a configurable tree.</summary>
public sealed class CatalogueColumn
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// An entry of the disclosure catalogue (DOMAIN.md §2.1): index number, issuing organ, document number, dates formed and
/// published, subject, title, body (sanitised HTML), attachments, validity. Drafted by the organ's disclosure officer,
/// approved by its leader before publishing (<see cref="DisclosureItemWorkflow"/>); each step is in the audit trail.
/// </summary>
public sealed class DisclosureItem
{
    public long Id { get; set; }
    /// <summary>Given when the item is first published, from <c>Disclosure:IndexNumberPattern</c>; unique.</summary>
    public string? IndexNumber { get; set; }
    public int? IndexYear { get; set; }
    public int? IndexSequence { get; set; }
    /// <summary>The issuing organ (发布机构); its staff see and edit the item.</summary>
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int ColumnId { get; set; }
    public CatalogueColumn? Column { get; set; }
    public string? DocumentNumber { get; set; }
    public DateOnly FormedOn { get; set; }
    /// <summary>20 工作日 after <see cref="FormedOn"/> (《政府信息公开条例》第二十六条), from the calendar when last saved.</summary>
    public DateOnly DueOn { get; set; }
    /// <summary>The first publication's date on any outlet.</summary>
    public DateOnly? PublishedOn { get; set; }
    public string? Subject { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DisclosureValidity Validity { get; set; } = DisclosureValidity.Valid;
    public DisclosureItemStatus Status { get; set; } = DisclosureItemStatus.Draft;
    public DateOnly? WithdrawnOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A file published with an item; its content lives encrypted in the attachment store, like petitions'.</summary>
public sealed class DisclosureAttachment
{
    public long Id { get; set; }
    public long DisclosureItemId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
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
}
