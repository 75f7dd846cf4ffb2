using Sunshine.Domain.Petitions;

namespace Sunshine.Data.Entities;

/// <summary>
/// 信访大数据: the petitions received on one day, counted per combination of the dimensions the leader dashboard
/// filters and groups by. Dashboards read these rows, not the petitions, so they stay fast at millions of cases.
/// Rebuilt per day from the petitions by the rollup pass (a day's rows are replaced as a whole).
/// </summary>
/// <remarks>The units (registering, responsible, accused) are kept so that the same scope rule as for the cases
/// (ScopeQueries) decides which rows a caller may count.</remarks>
public sealed class PetitionDailyRollup
{
    public long Id { get; set; }
    /// <summary>The day received (登记日期 of the case list's period filter).</summary>
    public DateOnly Day { get; set; }
    public int RegisteringOrganisationId { get; set; }
    public Organisation? RegisteringOrganisation { get; set; }
    public int? ResponsibleOrganisationId { get; set; }
    public Organisation? ResponsibleOrganisation { get; set; }
    public int? AccusedOrganisationId { get; set; }
    /// <summary>The issue locality at county level: the first six digits of the division code.</summary>
    public required string County { get; set; }
    public Channel Channel { get; set; }
    public Purpose Purpose { get; set; }
    /// <summary>The level-1 content category (null: not categorised).</summary>
    public int? CategoryId { get; set; }

    public int Registered { get; set; }
    public int Repeat { get; set; }
    public int Collective { get; set; }
    /// <summary>Still open today (not concluded, declined, routed, withdrawn or merged).</summary>
    public int Open { get; set; }
    public int Concluded { get; set; }
    public int Evaluated { get; set; }
    /// <summary>满意 + 基本满意 (DOMAIN.md §1.6).</summary>
    public int Satisfied { get; set; }
}

/// <summary>
/// Hot topics: how many petitions received in a month contain a term of their segmented text, per registering and
/// responsible unit (for the scope rule). Accusations are left out, so no term of one reaches a unit outside its circle.
/// </summary>
public sealed class PetitionTermRollup
{
    public long Id { get; set; }
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    public int RegisteringOrganisationId { get; set; }
    public Organisation? RegisteringOrganisation { get; set; }
    public int? ResponsibleOrganisationId { get; set; }
    public Organisation? ResponsibleOrganisation { get; set; }
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
