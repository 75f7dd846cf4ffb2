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
