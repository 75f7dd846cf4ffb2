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
    /// <summary>The table-three row of the annual report (<c>RequestOutcomes.All</c>); null while the request is open.</summary>
    public string? Outcome { get; set; }

    /// <summary>信息处理费 actually charged for this application, in fen (国办函〔2020〕109号); 0 when free.</summary>
    public long FeeFen { get; set; }

    public RequestChannel Channel { get; set; } = RequestChannel.InPerson;
    public DisclosureRequestStatus Status { get; set; } = DisclosureRequestStatus.InProgress;
    /// <summary>Handed in, signed for, or reached the portal / fax / mail system (Art. 31).</summary>
    public DateOnly ArrivedOn { get; set; }
    /// <summary>The day the organ confirmed receipt with the applicant (ordinary letter, online, fax, e-mail).</summary>
    public DateOnly? ConfirmedOn { get; set; }
    /// <summary>ID number or unified social credit code, AES-GCM encrypted (PersonalData).</summary>
    public string? IdNumberProtected { get; set; }
    /// <summary>Keyed hash of the ID number: the same applicant across requests (fee allowance per month).</summary>
    public byte[]? ApplicantKey { get; set; }
    /// <summary>Phone, address or e-mail, encrypted.</summary>
    public string? ContactProtected { get; set; }
    /// <summary>The form the applicant wants the information in (纸质、电子数据 …) and how to get it.</summary>
    public string? FormWanted { get; set; }
    /// <summary>SHA-256 of the query code the applicant uses with the request number on the portal.</summary>
    public byte[]? QueryCodeHash { get; set; }

    public DateOnly? CorrectionRequestedOn { get; set; }
    public DateOnly? CorrectionAnswerBy { get; set; }
    public DateOnly? CorrectedOn { get; set; }
    public int? ExtensionDays { get; set; }
    public DateOnly? ExtendedOn { get; set; }
    public FeeMethod? FeeMethod { get; set; }
    public int? FeePages { get; set; }
    public DateOnly? FeeNoticeOn { get; set; }
    public long? FeeNoticedFen { get; set; }
    public DateOnly? FeePaidOn { get; set; }
    /// <summary>予以公开 because the information was already published: the reply told where (Art. 36(一)).</summary>
    public bool AlreadyPublished { get; set; }
    public string? ReplyText { get; set; }
    public int Version { get; set; }
}

/// <summary>Where a disclosure request stands. Consultations and a pending fee notice stop its clock without changing this.</summary>
public enum DisclosureRequestStatus
{
    /// <summary>Arrived, but the receipt date waits for a confirmation with the applicant (Art. 31(二)(三)).</summary>
    AwaitingConfirmation = 1,
    InProgress = 2,
    /// <summary>补正 asked (Art. 30): the reply clock restarts on the corrected application.</summary>
    AwaitingCorrection = 3,
    Concluded = 9,
}

/// <summary>A consultation of a third party (Art. 32) or of another organ (Art. 33 ¶2): time not counted in the reply limit.</summary>
public sealed class DisclosureConsultation
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public ConsultationKind Kind { get; set; }
    public required string Party { get; set; }
    public DateOnly SentOn { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? Answer { get; set; }
}

/// <summary>Per-organ disclosure settings; an organ without a row takes the defaults.</summary>
public sealed class DisclosureSettings
{
    public int OrganisationId { get; set; }
    /// <summary>E-mail: take the day the mail system received it as the receipt date (国办公开办函〔2015〕207号). Default: both sides confirm.</summary>
    public bool EmailReceiptByMailSystem { get; set; }
    /// <summary>Whether the reply clock stands still while a fee notice is pending. Not settled in law; default yes.</summary>
    public bool ReplyWaitsForFee { get; set; } = true;
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
