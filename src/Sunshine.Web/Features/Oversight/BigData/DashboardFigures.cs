using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>One bar, slice or row of a chart, with the case list address that lists exactly the cases it counts (null: no such filter).</summary>
public sealed record FigureRow(string Key, string Label, int Count, string? CasesUrl);
/// <summary>A term rising in frequency: petitions whose summary has it in the period and in the period before.</summary>
public sealed record HotTopic(string Term, int Count, int Previous, string CasesUrl);
public sealed record MailboxRow(Channel Channel, string Label, int Registered, int Concluded, int Evaluated, int Satisfied, double? SatisfactionRate, string CasesUrl);

/// <param name="Locality">The level shown: null = the province, else a city's or county's code prefix (4 or 6 digits).</param>
/// <param name="OverdueNow">Open cases past their due date today (live, not from the rollups).</param>
/// <param name="RolledUpAt">When the rollups were last brought up to date.</param>
public sealed record DashboardFigures(DateOnly From, DateOnly To, string? Locality, string? LocalityName,
    int Registered, int Repeat, int Collective, int Open, int Concluded, int Evaluated, int Satisfied,
    double? RepeatRate, double? SatisfactionRate, int OverdueNow, string CasesUrl, string OverdueUrl,
    IReadOnlyList<FigureRow> OverTime, IReadOnlyList<FigureRow> ByChannel, IReadOnlyList<FigureRow> ByPurpose,
    IReadOnlyList<FigureRow> ByCategory, IReadOnlyList<FigureRow> ByLocality, IReadOnlyList<MailboxRow> Mailboxes,
    IReadOnlyList<HotTopic> HotTopics, DateTime? RolledUpAt);

/// <summary>
/// 信访大数据: the leader dashboard's figures for a period and a level, read from the rollups (<see cref="DashboardRollups"/>)
/// within the caller's scope — the same rule as <see cref="ScopeQueries"/> applies to the rollup rows' units — plus one
/// indexed live count (overdue now). Every figure carries the case list address of the cases it counts.
/// </summary>
public static class DashboardQuery
{
    public static readonly Channel[] Mailboxes = [Channel.LeaderMailbox, Channel.GovernorMailbox, Channel.LeaderMessageBoard, Channel.PremierMailbox];

    /// <summary>Periods up to this many days are charted by day, longer ones by month.</summary>
    public const int DailyUpTo = 62;

    /// <summary>The same rule as <see cref="ScopeQueries.WithinScope(IQueryable{Petition}, UserScope)"/>, on the rollup rows.</summary>
    public static IQueryable<PetitionDailyRollup> WithinScope(this IQueryable<PetitionDailyRollup> query, UserScope scope)
    {
        var own = scope.OrganisationId;
        query = query.Where(r => r.AccusedOrganisationId != own);
        if (!scope.IncludeSubordinates)
            return query.Where(r => r.RegisteringOrganisationId == own || r.ResponsibleOrganisationId == own);
        query = query.Where(r => r.RegisteringOrganisation!.Path.StartsWith(scope.ScopePath)
                                 || (r.ResponsibleOrganisationId != null && r.ResponsibleOrganisation!.Path.StartsWith(scope.ScopePath)));
        return scope.AtBureau
            ? query
            : query.Where(r => r.Purpose != Purpose.Accusation || r.RegisteringOrganisationId == own || r.ResponsibleOrganisationId == own);
    }

    /// <summary>The units rule for the term rows (accusations are not in them).</summary>
    public static IQueryable<PetitionTermRollup> WithinScope(this IQueryable<PetitionTermRollup> query, UserScope scope)
    {
        var own = scope.OrganisationId;
        return scope.IncludeSubordinates
            ? query.Where(r => r.RegisteringOrganisation!.Path.StartsWith(scope.ScopePath)
                               || (r.ResponsibleOrganisationId != null && r.ResponsibleOrganisation!.Path.StartsWith(scope.ScopePath)))
            : query.Where(r => r.RegisteringOrganisationId == own || r.ResponsibleOrganisationId == own);
    }

    public static async Task<DashboardFigures> LoadAsync(SunshineDbContext db, UserScope scope, DateOnly from, DateOnly to, string? locality,
        DeadlineColouring colouring, IConfiguration configuration, IStringLocalizer L, CancellationToken ct)
    {
        // One read of the period's rollup rows within scope; every widget is summed from them here. (Seven GROUP BY
        // statements, each repeating the scope's joins, cost several times this one scan.)
        var query = db.PetitionDailyRollups.AsNoTracking().WithinScope(scope).Where(r => r.Day >= from && r.Day <= to);
        if (locality is not null) query = query.Where(r => r.County.StartsWith(locality));
        var rows = await query.Select(r => new Slice(r.Day, r.County, r.Channel, r.Purpose, r.CategoryId,
            r.Registered, r.Repeat, r.Collective, r.Open, r.Concluded, r.Evaluated, r.Satisfied)).ToListAsync(ct);
        string Url(params (string Name, string? Value)[] filters) => CasesUrl(from, to, locality, filters);

        var totals = new
        {
            Registered = rows.Sum(r => r.Registered), Repeat = rows.Sum(r => r.Repeat), Collective = rows.Sum(r => r.Collective), Open = rows.Sum(r => r.Open),
            Concluded = rows.Sum(r => r.Concluded), Evaluated = rows.Sum(r => r.Evaluated), Satisfied = rows.Sum(r => r.Satisfied),
        };

        var daily = to.DayNumber - from.DayNumber < DailyUpTo;
        List<FigureRow> overTime = [];
        if (daily)
        {
            var byDay = rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Registered));
            for (var d = from; d <= to; d = d.AddDays(1))
                overTime.Add(new FigureRow(Iso(d), d.ToString("MM-dd", CultureInfo.InvariantCulture), byDay.GetValueOrDefault(d), CasesUrl(d, d, locality)));
        }
        else
        {
            var byMonth = rows.GroupBy(r => (r.Day.Year, r.Day.Month)).ToDictionary(g => g.Key, g => g.Sum(r => r.Registered));
            for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
            {
                var first = m < from ? from : m;
                var last = m.AddMonths(1).AddDays(-1) > to ? to : m.AddMonths(1).AddDays(-1);
                overTime.Add(new FigureRow(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    byMonth.GetValueOrDefault((m.Year, m.Month)), CasesUrl(first, last, locality)));
            }
        }

        var byChannel = rows.GroupBy(r => r.Channel).Select(g => new
        {
            g.Key, Registered = g.Sum(r => r.Registered), Concluded = g.Sum(r => r.Concluded), Evaluated = g.Sum(r => r.Evaluated), Satisfied = g.Sum(r => r.Satisfied),
        }).ToList();
        var byPurpose = rows.GroupBy(r => r.Purpose).Select(g => new { g.Key, Count = g.Sum(r => r.Registered) }).ToList();
        var byCategory = rows.GroupBy(r => r.CategoryId).Select(g => new { g.Key, Count = g.Sum(r => r.Registered) }).ToList();
        var categoryNames = await db.Categories.AsNoTracking().Where(c => c.Level == 1).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        // One level down from the level shown: the province's cities, a city's counties, a county's townships.
        List<FigureRow> byLocality;
        if (locality is null || locality.Length < 6)
        {
            var digits = locality is null ? 4 : 6;
            var byPlace = rows.GroupBy(r => r.County[..digits]).Select(g => new { g.Key, Count = g.Sum(r => r.Registered) }).ToList();
            var names = await DivisionNamesAsync(db, byPlace.Select(p => p.Key), ct);
            byLocality = byPlace.OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new FigureRow(p.Key, names.GetValueOrDefault(p.Key, p.Key), p.Count, CasesUrl(from, to, p.Key))).ToList();
        }
        else
        {
            // Townships are finer than the rollups: counted live on the county's petitions of the period (indexed by locality).
            var petitions = db.Petitions.AsNoTracking().WithinScope(scope)
                .Where(p => p.ReceivedOn >= from && p.ReceivedOn <= to && p.IssueLocalityCode.StartsWith(locality));
            var byPlace = await petitions.GroupBy(p => p.IssueLocalityCode.Substring(0, 9)).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var names = await DivisionNamesAsync(db, byPlace.Select(p => p.Key), ct);
            byLocality = byPlace.OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new FigureRow(p.Key, names.GetValueOrDefault(p.Key, p.Key), p.Count, CasesUrl(from, to, p.Key))).ToList();
        }

        var overdue = db.Petitions.AsNoTracking().WithinScope(scope).Where(colouring.Range(DeadlineColour.Red).Predicate());
        if (locality is not null) overdue = overdue.Where(p => p.IssueLocalityCode.StartsWith(locality));
        var overdueNow = await overdue.CountAsync(ct);

        var hot = await HotTopicsAsync(db, scope, from, to, configuration.GetValue("Oversight:HotTopics:MinCount", 3), ct);
        var rolledUpAt = await db.RollupMarks.AsNoTracking().Where(m => m.Name == DashboardRollups.MarkName).Select(m => (DateTime?)m.UpdatedAt).SingleOrDefaultAsync(ct);
        var localityName = locality is null ? null : (await DivisionNamesAsync(db, [locality], ct)).GetValueOrDefault(locality, locality);

        return new DashboardFigures(from, to, locality, localityName,
            totals.Registered, totals.Repeat, totals.Collective, totals.Open, totals.Concluded, totals.Evaluated, totals.Satisfied,
            Rate(totals.Repeat, totals.Registered), Rate(totals.Satisfied, totals.Evaluated),
            overdueNow, Url(), "/console/petitions?colour=Red" + (locality is null ? "" : "&locality=" + locality.PadRight(12, '0')),
            overTime,
            byChannel.OrderByDescending(c => c.Registered).Select(c => new FigureRow(c.Key.ToString(), L["Channel." + c.Key].Value, c.Registered, Url(("channel", c.Key.ToString())))).ToList(),
            byPurpose.OrderByDescending(c => c.Count).Select(c => new FigureRow(c.Key.ToString(), L["Purpose." + c.Key].Value, c.Count, Url(("purpose", c.Key.ToString())))).ToList(),
            byCategory.OrderByDescending(c => c.Count).Select(c => c.Key is { } id
                ? new FigureRow(id.ToString(CultureInfo.InvariantCulture), categoryNames.GetValueOrDefault(id, "#" + id), c.Count, Url(("categoryId", id.ToString(CultureInfo.InvariantCulture))))
                : new FigureRow("", L["Bd.Uncategorised"].Value, c.Count, null)).ToList(),
            byLocality,
            Mailboxes.Select(m => byChannel.FirstOrDefault(c => c.Key == m) is { } c
                    ? new MailboxRow(m, L["Channel." + m].Value, c.Registered, c.Concluded, c.Evaluated, c.Satisfied, Rate(c.Satisfied, c.Evaluated), Url(("channel", m.ToString())))
                    : new MailboxRow(m, L["Channel." + m].Value, 0, 0, 0, 0, null, Url(("channel", m.ToString()))))
                .ToList(),
            hot, rolledUpAt);
    }

    /// <summary>
    /// Terms rising in frequency: the months of the period against as many months before it; a term counts when it is in at
    /// least <paramref name="minCount"/> petitions now and in more than before, ranked by the rise.
    /// </summary>
    public static async Task<List<HotTopic>> HotTopicsAsync(SunshineDbContext db, UserScope scope, DateOnly from, DateOnly to, int minCount, CancellationToken ct)
    {
        var first = new DateOnly(from.Year, from.Month, 1);
        var last = new DateOnly(to.Year, to.Month, 1);
        var months = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        var before = first.AddMonths(-months);
        var terms = await db.PetitionTermRollups.AsNoTracking().WithinScope(scope)
            .Where(r => r.Month >= before && r.Month <= last)
            .GroupBy(r => r.Term)
            .Select(g => new { Term = g.Key, Now = g.Sum(r => r.Month >= first ? r.Petitions : 0), Before = g.Sum(r => r.Month < first ? r.Petitions : 0) })
            .Where(t => t.Now >= minCount && t.Now > t.Before)
            .OrderByDescending(t => t.Now - t.Before).ThenBy(t => t.Term)
            .Take(20)
            .ToListAsync(ct);
        return terms.Select(t => new HotTopic(t.Term, t.Now, t.Before,
            $"/console/petitions?q={Uri.EscapeDataString(t.Term)}&from={Iso(first)}&to={Iso(last.AddMonths(1).AddDays(-1))}")).ToList();
    }

    private static async Task<Dictionary<string, string>> DivisionNamesAsync(SunshineDbContext db, IEnumerable<string> prefixes, CancellationToken ct)
    {
        var codes = prefixes.Where(p => p.Length is > 0 and <= 12).ToDictionary(p => p.PadRight(12, '0'), p => p);
        var keys = codes.Keys.ToList();
        return await db.Divisions.AsNoTracking().Where(d => keys.Contains(d.Code)).ToDictionaryAsync(d => codes[d.Code], d => d.Name, ct);
    }

    private sealed record Slice(DateOnly Day, string County, Channel Channel, Purpose Purpose, int? CategoryId,
        int Registered, int Repeat, int Collective, int Open, int Concluded, int Evaluated, int Satisfied);

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The case list filtered to the same cases: received in the period, in the locality (as a 12-digit code), with the given filters.</summary>
    public static string CasesUrl(DateOnly from, DateOnly to, string? locality, params (string Name, string? Value)[] filters) =>
        "/console/petitions?" + string.Join("&", new[] { ("from", (string?)Iso(from)), ("to", Iso(to)), ("locality", locality?.PadRight(12, '0')) }.Concat(filters)
            .Where(f => f.Item2 is not null).Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2!)));
}
