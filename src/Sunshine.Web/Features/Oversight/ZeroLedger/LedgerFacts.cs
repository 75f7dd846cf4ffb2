using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.ZeroLedger;

/// <summary>
/// Reads the zero-petition ledger's facts (DOMAIN.md §1.7) from the petitions and the dispute screenings: who may see
/// which grassroots units, and per unit and month how many petitions about it came in and how its disputes stand.
/// </summary>
public static class LedgerFacts
{
    /// <summary>
    /// The township codes whose ledger the caller may see: those whose township government lies within the caller's
    /// scope (ScopeQueries). A township government sees its own township and its villages; a county bureau, acting for
    /// its government's whole subtree, sees every township of the county.
    /// </summary>
    public static IQueryable<string> TownshipsInScope(SunshineDbContext db, UserScope scope) =>
        db.Organisations.WithinScope(scope)
            .Where(o => o.Kind == OrganisationKind.Government && o.DivisionCode.Substring(6, 3) != "000" && o.DivisionCode.Substring(9, 3) == "000")
            .Select(o => o.DivisionCode);

    /// <summary>The criteria from configuration (<c>Oversight:ZeroLedger:…</c>), the defaults where a setting is absent.</summary>
    public static ZeroPetitionCriteria Criteria(IConfiguration configuration)
    {
        var c = configuration.GetSection("Oversight:ZeroLedger");
        var d = ZeroPetitionCriteria.Default;
        var criteria = new ZeroPetitionCriteria(
            c.GetValue(nameof(d.MaxReachedCounty), d.MaxReachedCounty),
            c.GetValue(nameof(d.MaxCollective), d.MaxCollective),
            c.GetValue(nameof(d.MaxEscalated), d.MaxEscalated),
            c.GetValue(nameof(d.MaxHandedUp), d.MaxHandedUp),
            c.GetValue(nameof(d.RequireScreening), d.RequireScreening),
            c.GetValue(nameof(d.MonthsMayFail), d.MonthsMayFail));
        return criteria.IsValid ? criteria : throw new InvalidOperationException("Oversight:ZeroLedger holds a negative limit or more than 12 months that may fail.");
    }

    /// <summary>
    /// Facts per unit and month of <paramref name="year"/> for the units under <paramref name="prefix"/>, each unit named
    /// by the first <paramref name="unitDigits"/> digits of the code (9: townships, 12: villages). Petitions count by the
    /// date received and their issue locality; a petition registered by an organisation whose division has no township
    /// digits was registered at county level or above, so it left the township (大事不出镇).
    /// </summary>
    public static async Task<Dictionary<(string Unit, int Month), UnitMonthFacts>> ForYearAsync(SunshineDbContext db, string prefix, int unitDigits, int year, CancellationToken ct)
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var facts = new Dictionary<(string, int), UnitMonthFacts>();

        var petitions = await (from p in db.Petitions.AsNoTracking()
                               join o in db.Organisations on p.RegisteringOrganisationId equals o.Id
                               where p.IssueLocalityCode.StartsWith(prefix) && p.ReceivedOn >= first && p.ReceivedOn <= last
                               group p by new { Unit = p.IssueLocalityCode.Substring(0, unitDigits), p.ReceivedOn.Month, County = o.DivisionCode.Substring(6, 3) == "000" } into g
                               select new
                               {
                                   g.Key.Unit,
                                   g.Key.Month,
                                   g.Key.County,
                                   Count = g.Count(),
                                   Collective = g.Count(p => p.IsCollective),
                                   Escalated = g.Count(p => p.IsLevelSkipping || p.IsProvinceVisit || p.IsBeijingVisit),
                                   Repeat = g.Count(p => p.IsRepeat),
                               }).ToListAsync(ct);
        foreach (var r in petitions)
        {
            var key = (Code(r.Unit), r.Month);
            facts[key] = facts.GetValueOrDefault(key, UnitMonthFacts.None)
                         + new UnitMonthFacts(r.Count, r.County ? r.Count : 0, r.Collective, r.Escalated, r.Repeat);
        }

        var screenings = await db.DisputeScreenings.AsNoTracking()
            .Where(s => s.DivisionCode.StartsWith(prefix) && s.FoundOn <= last && (s.ClosedOn == null || s.ClosedOn >= first))
            .Select(s => new { s.DivisionCode, s.FoundOn, s.ClosedOn, s.Status })
            .ToListAsync(ct);
        foreach (var s in screenings)
        {
            var unit = Code(s.DivisionCode[..unitDigits]);
            for (var month = 1; month <= 12; month++)
            {
                var standing = ZeroPetitionLedger.StandingInMonth(s.FoundOn, s.ClosedOn, s.Status, year, month);
                if (standing is null) continue;
                facts[(unit, month)] = ZeroPetitionLedger.AddScreening(facts.GetValueOrDefault((unit, month), UnitMonthFacts.None), standing);
            }
        }
        return facts;
    }

    /// <summary>A unit's twelve months, from the facts of <see cref="ForYearAsync"/>.</summary>
    public static Dictionary<int, UnitMonthFacts> MonthsOf(Dictionary<(string Unit, int Month), UnitMonthFacts> facts, string unit) =>
        Enumerable.Range(1, 12).ToDictionary(m => m, m => facts.GetValueOrDefault((unit, m), UnitMonthFacts.None));

    /// <summary>A code's significant digits padded back to 12 ("140105001" → "140105001000").</summary>
    public static string Code(string digits) => digits.PadRight(DivisionCode.Length, '0');
}
