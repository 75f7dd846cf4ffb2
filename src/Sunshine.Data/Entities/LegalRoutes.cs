namespace Sunshine.Data.Entities;

/// <summary>
/// A legal channel of the legal-route guide (法定途径指引, DOMAIN.md §1.8): where a matter goes, by when, with what, and
/// whether the petition system would accept it (《信访工作条例》第三十一条 routes matters that belong to litigation,
/// arbitration, reconsideration and the like to those channels). Administrators edit these rows; the guide reads them.
/// The English columns are optional: without them the Chinese text is shown.
/// </summary>
public sealed class LegalGuideRoute
{
    public int Id { get; set; }

    /// <summary>A stable short key (e.g. <c>reconsideration</c>) for links, tests and imports.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>The body to turn to (e.g. 作出行政行为的行政机关的上一级机关或本级人民政府).</summary>
    public required string Body { get; set; }
    public string? BodyEn { get; set; }
    public required string TimeLimits { get; set; }
    public string? TimeLimitsEn { get; set; }
    public required string WhatToBring { get; set; }
    public string? WhatToBringEn { get; set; }
    /// <summary>Whether a petition (信访) about such a matter is accepted, rather than routed to this channel.</summary>
    public bool PetitionAccepted { get; set; }
    /// <summary>The statute the answer rests on; always in Chinese, as cited.</summary>
    public required string LegalBasis { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// One answer of the guide's questionnaire. Answers form a tree: those without a parent answer the first question;
/// choosing an answer either leads to its <see cref="Route"/> or asks its <see cref="Question"/>, whose answers are its
/// children.
/// </summary>
public sealed class LegalGuideChoice
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public LegalGuideChoice? Parent { get; set; }
    public required string Text { get; set; }
    public string? TextEn { get; set; }
    /// <summary>The next question, for an answer that does not lead to a route yet.</summary>
    public string? Question { get; set; }
    public string? QuestionEn { get; set; }
    public int? RouteId { get; set; }
    public LegalGuideRoute? Route { get; set; }
    public int SortOrder { get; set; }
}
