namespace Sunshine.Domain.Oversight;

/// <summary>
/// The measures of 督查督办 (《信访工作条例》第三十八至四十条, DOMAIN.md §1.7), in rising strength: a late order may be
/// escalated only to a stronger one. Values are explicit because they are stored.
/// </summary>
public enum SupervisionKind
{
    /// <summary>督办: an organ missed a limit, did not report, broke procedure, shirked, or did not carry out an opinion (Art. 38).</summary>
    Supervise = 1,

    /// <summary>挂牌督办: listed supervision, followed until it is cleared.</summary>
    Listed = 2,

    /// <summary>限期整改: rectify by a date.</summary>
    RectifyByDate = 3,

    /// <summary>约谈: the unit's responsible person is summoned.</summary>
    Summons = 4,

    /// <summary>通报: public notice of the failure (Art. 40 accountability).</summary>
    PublicNotice = 5,
}

/// <summary>Where a supervision order stands. "Overdue" is not stored: it is an open order past its due date, on the day asked.</summary>
public enum SupervisionStatus
{
    /// <summary>Waiting for the unit's written answer.</summary>
    Open = 1,

    /// <summary>The unit answered in writing; the supervisor accepts it or sends it back.</summary>
    Answered = 2,

    /// <summary>The supervisor accepted the answer.</summary>
    Closed = 3,

    /// <summary>Late, and replaced by a stronger order that keeps the chain.</summary>
    Escalated = 4,
}

/// <summary>Why a case is in the inspection queue of 网上督查.</summary>
public enum InspectionSource
{
    /// <summary>Drawn in a sample of handled cases.</summary>
    Sample = 1,

    /// <summary>The petitioner evaluated it 不满意: that flags the item for supervision (DOMAIN.md §1.5).</summary>
    Dissatisfied = 2,
}

public enum InspectionOutcome
{
    Pending = 1,
    Passed = 2,

    /// <summary>退回重办: scored below the pass mark and sent back to be handled again.</summary>
    SentBack = 3,
}

/// <summary>The rules of supervision orders, on legal dates (a limit ends at 24:00 of its due date, DOMAIN.md §1.4).</summary>
public static class SupervisionRules
{
    /// <summary>An order still waiting for its answer after its due date.</summary>
    public static bool IsOverdue(SupervisionStatus status, DateOnly dueOn, DateOnly today) => status == SupervisionStatus.Open && today > dueOn;

    /// <summary>Escalation keeps the chain and only goes up: 督办 → 挂牌督办 → 限期整改 → 约谈 → 通报.</summary>
    public static bool IsStronger(SupervisionKind to, SupervisionKind from) => to > from;

    /// <summary>The Chinese name of the measure, as it appears in documents.</summary>
    public static string Label(SupervisionKind kind) => kind switch
    {
        SupervisionKind.Supervise => "督办",
        SupervisionKind.Listed => "挂牌督办",
        SupervisionKind.RectifyByDate => "限期整改",
        SupervisionKind.Summons => "约谈",
        SupervisionKind.PublicNotice => "通报",
        _ => kind.ToString(),
    };
}

/// <summary>
/// A reproducible random sample for 网上督查: each candidate gets a pseudo-random key from the seed and its own id, and
/// the lowest keys are drawn. The same seed over the same candidates gives the same sample on any machine and runtime
/// (no dependence on <see cref="System.Random"/>'s algorithm), and the order in which candidates arrive does not matter.
/// </summary>
public static class SampleDraw
{
    public static IReadOnlyList<long> Draw(IEnumerable<long> candidates, int size, int seed)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return candidates.Distinct().OrderBy(id => Key(seed, id)).ThenBy(id => id).Take(size).Order().ToList();
    }

    // SplitMix64 (Steele, Lea and Flood 2014) over the seed and the id: a well-mixed 64-bit key per candidate.
    internal static ulong Key(int seed, long id)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32 ^ (ulong)id) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
