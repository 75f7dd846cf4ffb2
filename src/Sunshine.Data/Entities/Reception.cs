namespace Sunshine.Data.Entities;

/// <summary>领导接访 or 下访 (《信访工作条例》第十八条: leaders receive petitioners regularly and go down to them).</summary>
public enum ReceptionKind
{
    /// <summary>领导接访: a leader's reception day at the reception centre; published, and bookable when it has seats.</summary>
    LeaderReception = 1,

    /// <summary>下访: a leader goes to a place to meet petitioners; planned, then recorded.</summary>
    FieldVisit = 2,
}

/// <summary>
/// One reception session: a leader's reception day or a field visit — who, when, where, which matters. A reception day
/// with <see cref="Capacity"/> seats is the slot petitioners book (预约接访); <see cref="Booked"/> only ever changes by a
/// conditional update (<c>Booked &lt; Capacity</c>), so concurrent bookings cannot overbook it.
/// </summary>
public sealed class ReceptionSession
{
    public long Id { get; set; }
    /// <summary>The unit that holds it (the bureau running the reception centre, or the leader's government).</summary>
    public int OrganisationId { get; set; }
    public ReceptionKind Kind { get; set; }
    public required string LeaderName { get; set; }
    public required string LeaderTitle { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public required string Place { get; set; }
    /// <summary>Which matters the leader receives (e.g. 劳动和社会保障、城乡建设).</summary>
    public required string Matters { get; set; }
    public int Capacity { get; set; }
    public int Booked { get; set; }
    public bool IsPublished { get; set; }
    /// <summary>下访: what was found and done, recorded afterwards.</summary>
    public string? Record { get; set; }
    public DateTime? RecordedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum AppointmentStatus
{
    Booked = 1,
    Cancelled = 2,
    Arrived = 3,
}

/// <summary>
/// 预约接访: a seat on a reception session booked by a petitioner, for a new matter or an existing case. Only a hash of the
/// confirmation code is kept (it lets whoever holds it cancel); the phone is encrypted like a case's.
/// </summary>
public sealed class Appointment
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public required byte[] CodeHash { get; set; }
    public long? PetitionId { get; set; }
    public required string Name { get; set; }
    public string? PhoneProtected { get; set; }
    public required string Matter { get; set; }
    /// <summary>Who will come: at most 5 (a collective visit elects at most 5 representatives, Art. 20).</summary>
    public int Attendees { get; set; } = 1;
    public AppointmentStatus Status { get; set; }
    public DateTime BookedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
}

/// <summary>
/// A reminder owed to a petitioner who gave a contact, due at <see cref="DueAt"/>. Another part sends them; until then
/// this is the table of reminders due. A cancelled appointment's pending reminders are deleted with it.
/// </summary>
public sealed class AppointmentReminder
{
    public long Id { get; set; }
    public long AppointmentId { get; set; }
    public DateTime DueAt { get; set; }
    public required string Channel { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>窗口: a department's window at the joint reception centre (联合接访), and the matters it takes.</summary>
public sealed class ReceptionWindow
{
    public int Id { get; set; }
    /// <summary>The unit running the centre (a bureau).</summary>
    public int CentreOrganisationId { get; set; }
    /// <summary>The department stationed at the window.</summary>
    public int OrganisationId { get; set; }
    public required string Name { get; set; }
    /// <summary>Top-level content category the window takes; null = the general window for everything else.</summary>
    public int? CategoryId { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
}

public enum VisitStatus
{
    Waiting = 1,
    Recorded = 2,
}

/// <summary>
/// 来访接待: one visit as it happens — arrival and queue number, the window or leader who receives it, head count and
/// representatives, what was said and decided — and the case it became or joined.
/// </summary>
public sealed class Visit
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public DateOnly VisitDate { get; set; }
    public int QueueNumber { get; set; }
    public DateTime ArrivedAt { get; set; }
    public long? AppointmentId { get; set; }
    public long? SessionId { get; set; }
    public int? WindowId { get; set; }
    public required string VisitorName { get; set; }
    public required string Matter { get; set; }
    public int? CategoryId { get; set; }
    public int HeadCount { get; set; } = 1;
    public string? Representatives { get; set; }
    public string? Said { get; set; }
    public string? Decided { get; set; }
    public string? LeaderName { get; set; }
    public long? PetitionId { get; set; }
    public VisitStatus Status { get; set; }
    public DateTime? RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>包案化解: a leader takes personal charge of a case until it is resolved; progress notes go to the case history.</summary>
public sealed class LeaderCaseOwnership
{
    public long Id { get; set; }
    public long PetitionId { get; set; }
    public required string LeaderName { get; set; }
    public required string LeaderTitle { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
}

public enum HearingStatus
{
    Scheduled = 1,
    Running = 2,
    Held = 3,
    Cancelled = 4,
}

/// <summary>
/// 听证 (《信访工作条例》第三十一条、第三十六条): scheduled for a case, with its participants and notice, then held and its
/// outcome recorded. <see cref="PausesClock"/>: decided when it is scheduled — in re-examination, by default, hearing days
/// are not counted (Art. 36); elsewhere the clock runs on.
/// </summary>
public sealed class Hearing
{
    public long Id { get; set; }
    public long PetitionId { get; set; }
    public DateTime ScheduledAt { get; set; }
    public required string Place { get; set; }
    /// <summary>Participants, one per line (name and role: 信访人、承办单位、听证员 …).</summary>
    public required string Participants { get; set; }
    public DateOnly? NoticeSentOn { get; set; }
    public DateOnly? HeldFrom { get; set; }
    public DateOnly? HeldTo { get; set; }
    public string? Outcome { get; set; }
    public bool PausesClock { get; set; }
    public HearingStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
}
