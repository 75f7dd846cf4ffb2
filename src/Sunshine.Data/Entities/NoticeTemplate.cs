namespace Sunshine.Data.Entities;

/// <summary>
/// An editable template of a written notice (受理告知书, 不予受理告知书, 延期告知书, 信访处理意见书, 复查/复核意见书).
/// The body is plain text with {{占位符}} placeholders; statutory documents are always in Chinese.
/// </summary>
public sealed class NoticeTemplate
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// One saved text of a notice template, numbered per kind from 1: each save keeps the new text, and the first save
/// also keeps the text it replaced, so an officer can see who changed a statutory document when and go back to an
/// earlier wording.
/// </summary>
public sealed class NoticeTemplateVersion
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime SavedAt { get; set; }
    public string? SavedBy { get; set; }
}
