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
}
