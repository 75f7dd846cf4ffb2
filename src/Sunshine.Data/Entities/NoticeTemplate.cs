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
