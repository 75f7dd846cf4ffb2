namespace Sunshine.Data.Entities;

/// <summary>What one <see cref="PetitionRollup"/> row counts by.</summary>
public enum RollupDimension : byte
{
    /// <summary>The month's totals (key empty): the leader dashboard's headline figures.</summary>
    Total = 0,
    /// <summary>Key = the day of the month ("01".."31"): the daily line of short periods.</summary>
    Day = 1,
    /// <summary>Key = the channel's number.</summary>
    Channel = 2,
    /// <summary>Key = the purpose's number.</summary>
    Purpose = 3,
    /// <summary>Key = the level-1 content category's id (empty: not categorised).</summary>
    Category = 4,
    /// <summary>Key = the issue locality's county, the first six digits of its division code.</summary>
    County = 5,
}

/// <summary>
/// 信访大数据: the petitions received in one month whose current unit (the responsible one, else the registering one) lies
/// in one organisation's subtree, counted by ONE dimension. Only organisations with subordinates get rows — the
/// governments a bureau oversees (its <c>ScopePath</c>) and their parents — so a leader's dashboard reads a few hundred
/// rows of its own node, whatever the number of petitions. A unit without subordinates is counted live (its cases are few).
/// The set counted is the case list's <c>within=</c> set, so every number links to exactly its cases.
/// Rebuilt per month from the petitions by the rollup pass (a month's rows are replaced as a whole).
/// </summary>
public sealed class PetitionRollup
{
    public long Id { get; set; }
    /// <summary>The organisation whose subtree holds the counted cases' current unit.</summary>
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>The first day of the month received.</summary>
    public DateOnly Month { get; set; }
    public RollupDimension Dimension { get; set; }
    /// <summary>The value of the dimension (see <see cref="RollupDimension"/>).</summary>
    public string Key { get; set; } = "";

    public int Registered { get; set; }
    public int Repeat { get; set; }
    public int Collective { get; set; }
    /// <summary>Still open now (not concluded, declined, routed, withdrawn or merged).</summary>
    public int Open { get; set; }
    public int Concluded { get; set; }
    public int Evaluated { get; set; }
    /// <summary>满意 + 基本满意 (DOMAIN.md §1.6).</summary>
    public int Satisfied { get; set; }
}

/// <summary>
/// Hot topics: the most frequent terms of the month's petitions under one organisation's subtree (as
/// <see cref="PetitionRollup"/>), from the stored search words, capped to the top terms per organisation and month.
/// Accusations are left out, so no term of one reaches a leader outside its circle.
/// </summary>
public sealed class PetitionTermRollup
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    public required string Term { get; set; }
    public int Petitions { get; set; }
}

/// <summary>Where the rollup pass got to: the highest petition and case-event ids it has seen.</summary>
public sealed class RollupMark
{
    public required string Name { get; set; }
    public long LastPetitionId { get; set; }
    public long LastEventId { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// 信访考核 (DOMAIN.md §1.6): one unit's counts for the petitions received in one span of days — a closed month, or one
/// day of the current month — the numerators and denominators of every rate, and the day sums of the average handling
/// days, as the assessment counts them for the whole province (no scope) on the day
/// <see cref="AssessmentRollupMonth.CountedFor"/>. A period's table is the sum of its spans' rows.
/// </summary>
public sealed class AssessmentRollup
{
    /// <summary>The first day of the span received: the first of the month, or the day itself.</summary>
    public DateOnly Month { get; set; }
    /// <summary>The last day of the span: the month's last day, or <see cref="Month"/> for a day span.</summary>
    public DateOnly LastDay { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int BureauTimely { get; set; }
    public int BureauLate { get; set; }
    public int UnitTimely { get; set; }
    public int UnitLate { get; set; }
    public int OnTime { get; set; }
    public int Late { get; set; }
    public int Unanswered { get; set; }
    public int OverdueUnanswered { get; set; }
    public int Satisfied { get; set; }
    public int FairlySatisfied { get; set; }
    public int Dissatisfied { get; set; }
    public int OverdueUnevaluated { get; set; }
    public int Items { get; set; }
    public int Repeat { get; set; }
    public int Online { get; set; }
    public int ResolvedFirstTime { get; set; }
    public long HandlingDays { get; set; }
}

/// <summary>
/// A span (a month, or a day of the current month) of <see cref="AssessmentRollup"/> rows: the day they were counted for
/// and the last day they still hold (a limit of one of the span's open cases passes the day after; null: none can pass
/// any more).
/// </summary>
public sealed class AssessmentRollupMonth
{
    public DateOnly Month { get; set; }
    /// <summary>The span's last day: a month span ends after <see cref="Month"/>, a day span on it.</summary>
    public DateOnly LastDay { get; set; }
    public DateOnly CountedFor { get; set; }
    public DateOnly? ValidThrough { get; set; }
}
