using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>One bar, slice or row of a chart, with the case list address that lists exactly the cases it counts (null: no such filter).</summary>
public sealed record FigureRow(string Key, string Label, int Count, string? CasesUrl);
/// <summary>A term rising in frequency: petitions whose summary has it in the period and in the period before.</summary>
public sealed record HotTopic(string Term, int Count, int Previous, string CasesUrl);
public sealed record MailboxRow(Channel Channel, string Label, int Registered, int Concluded, int Evaluated, int Satisfied, double? SatisfactionRate, string CasesUrl);

/// <summary>Open supervision orders on units of the level shown: overdue ones (open past their due date) and by type.</summary>
public sealed record SupervisionFigures(int Open, int Overdue, IReadOnlyList<FigureRow> ByKind, string OpenUrl, string OverdueUrl);

/// <summary>The organisation whose subtree the dashboard counts (the case list's <c>within=</c>).</summary>
public sealed record DashboardNode(int Id, string Path, string Name, int? ParentId);

/// <param name="Locality">The level shown: null = the province, else a city's or county's code prefix (4 or 6 digits).</param>
/// <param name="Organisation">The unit drilled to (null: the caller's whole scope).</param>
/// <param name="OverdueNow">Open cases past their due date today (live, not from the rollups).</param>
/// <param name="RolledUpAt">When the rollups were last brought up to date.</param>
/// <param name="FromRollups">The figures were read from the rollups (else counted live: one unit, a locality, or a narrower scope).</param>
public sealed record DashboardFigures(DateOnly From, DateOnly To, string? Locality, string? LocalityName,
    int? Organisation, string OrganisationName, int? ParentOrganisation, IReadOnlyList<FigureRow> Units,
    int Registered, int Repeat, int Collective, int Open, int Concluded, int Evaluated, int Satisfied,
    double? RepeatRate, double? SatisfactionRate, int OverdueNow, string CasesUrl, string OverdueUrl,
    IReadOnlyList<FigureRow> OverTime, IReadOnlyList<FigureRow> ByChannel, IReadOnlyList<FigureRow> ByPurpose,
    IReadOnlyList<FigureRow> ByCategory, IReadOnlyList<FigureRow> ByLocality, IReadOnlyList<MailboxRow> Mailboxes,
    IReadOnlyList<HotTopic> HotTopics, SupervisionFigures Supervision, DateTime? RolledUpAt, bool FromRollups);

/// <summary>
/// 信访大数据: the leader dashboard's figures for a period, an organisation's subtree and optionally a locality. The cases
/// counted are those of the case list <c>within=NODE</c> (current unit in the node's subtree) within the caller's scope
/// (<see cref="ScopeQueries"/>): every figure carries the case list address that lists exactly them.
/// </summary>
/// <remarks>
/// Where the rollups hold that set — a bureau's leader with its subordinates (the scope rule then reduces to "current unit
/// in the subtree, not accused", because the subtree lies in the scope), whole months, no locality — the figures are read
/// from the node's <see cref="PetitionRollup"/> rows (a few hundred), minus the few cases accusing the caller's own unit
/// (<c>AccusedOrganisationId</c> is indexed), plus a live count of the partial months at the period's edges. Otherwise
/// the petitions are counted live through <see cref="ScopeQueries"/>, with the same counting code as the rollups.
/// </remarks>
public static class DashboardQuery
{
    public static readonly Channel[] Mailboxes = [Channel.LeaderMailbox, Channel.GovernorMailbox, Channel.LeaderMessageBoard, Channel.PremierMailbox];

    /// <summary>Periods up to this many days are charted by day, longer ones by month.</summary>
    public const int DailyUpTo = 62;

    /// <summary>The node the caller sees by default: the subtree its scope covers (a bureau: its government), else its own unit.</summary>
    public static async Task<DashboardNode?> NodeAsync(SunshineDbContext db, UserScope scope, int? organisation, CancellationToken ct)
    {
        var units = db.Organisations.AsNoTracking().WithinScope(scope);
        units = organisation is { } id ? units.Where(o => o.Id == id)
            : scope.IncludeSubordinates ? units.Where(o => o.Path == scope.ScopePath) : units.Where(o => o.Id == scope.OrganisationId);
        return await units.Select(o => new DashboardNode(o.Id, o.Path, o.Name, o.ParentId)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Counts keyed like the rollup rows: (month, dimension, key).</summary>
    private sealed class Tally
    {
        public readonly Dictionary<(DateOnly Month, RollupDimension Dimension, string Key), PetitionRollup> Rows = [];

        public void Add(PetitionRollup r, int sign)
        {
            if (!Rows.TryGetValue((r.Month, r.Dimension, r.Key), out var row))
                Rows[(r.Month, r.Dimension, r.Key)] = row = new PetitionRollup { Month = r.Month, Dimension = r.Dimension, Key = r.Key };
            row.Registered += sign * r.Registered;
            row.Repeat += sign * r.Repeat;
            row.Collective += sign * r.Collective;
            row.Open += sign * r.Open;
            row.Concluded += sign * r.Concluded;
            row.Evaluated += sign * r.Evaluated;
            row.Satisfied += sign * r.Satisfied;
        }

        public IEnumerable<PetitionRollup> Of(RollupDimension d) => Rows.Values.Where(r => r.Dimension == d);
    }

    /// <summary>Counts these petitions live into the tally, with the rollups' own counting (<see cref="DashboardRollups.Count"/>).</summary>
    private static async Task CountLiveAsync(Tally tally, IQueryable<Petition> petitions, Dictionary<int, int> levelOne, int sign, CancellationToken ct)
    {
        var rows = petitions.AsNoTracking().Select(p => new DashboardRollups.Item(p.ReceivedOn, p.Channel, p.Purpose, p.CategoryId, p.IssueLocalityCode,
            p.IsRepeat, p.IsCollective, p.Status, p.UnitEvaluation ?? p.BureauEvaluation));
        await foreach (var p in rows.AsAsyncEnumerable().WithCancellation(ct))
            foreach (var row in DashboardRollups.Count(p, DashboardRollups.MonthOf(p.ReceivedOn), 0, levelOne))
                tally.Add(row, sign);
    }

    public static async Task<DashboardFigures> LoadAsync(SunshineDbContext db, UserScope scope, DashboardNode node, bool drilled, DateOnly from, DateOnly to, string? locality,
        DateOnly today, DeadlineColouring colouring, IConfiguration configuration, IStringLocalizer L, CancellationToken ct)
    {
        var levelOne = await DashboardRollups.LevelOneCategoriesAsync(db, ct);
        var within = OversightCaseFilter.WithinSubtree(node.Path);
        IQueryable<Petition> Visible(DateOnly first, DateOnly last)
        {
            var q = db.Petitions.WithinScope(scope).Where(within).Where(p => p.ReceivedOn >= first && p.ReceivedOn <= last);
            return locality is null ? q : q.Where(p => p.IssueLocalityCode.StartsWith(locality));
        }

        var tally = new Tally();
        var hasRows = await DashboardRollups.HasRowsAsync(db, node.Id, ct);
        var fromRollups = scope.IncludeSubordinates && scope.AtBureau && locality is null && hasRows;
        // Whole months: from their first day, to their last (or to today: nothing is received after today).
        var firstWhole = from.Day == 1 ? from : DashboardRollups.MonthOf(from).AddMonths(1);
        var lastWhole = to >= today || to.AddDays(1).Day == 1 ? DashboardRollups.MonthOf(to) : DashboardRollups.MonthOf(to).AddMonths(-1);
        if (fromRollups && firstWhole <= lastWhole)
        {
            var rows = await db.PetitionRollups.AsNoTracking()
                .Where(r => r.OrganisationId == node.Id && r.Month >= firstWhole && r.Month <= lastWhole).ToListAsync(ct);
            foreach (var r in rows) tally.Add(r, +1);
            // The scope rule's one exclusion inside the subtree: cases accusing the caller's own unit (Art. 30).
            var own = scope.OrganisationId;
            var accusingOwn = db.Petitions.Where(within).Where(p => p.AccusedOrganisationId == own
                && p.ReceivedOn >= firstWhole && p.ReceivedOn < lastWhole.AddMonths(1));
            await CountLiveAsync(tally, accusingOwn, levelOne, -1, ct);
            if (from < firstWhole) await CountLiveAsync(tally, Visible(from, firstWhole.AddDays(-1)), levelOne, +1, ct);
            if (lastWhole.AddMonths(1) <= to) await CountLiveAsync(tally, Visible(lastWhole.AddMonths(1), to), levelOne, +1, ct);
        }
        else
        {
            fromRollups = false;
            await CountLiveAsync(tally, Visible(from, to), levelOne, +1, ct);
        }

        string Url(params (string Name, string? Value)[] filters) => CasesUrl(from, to, locality, node.Id, filters);
        var totals = tally.Of(RollupDimension.Total).ToList();
        int Sum(Func<PetitionRollup, int> f) => totals.Sum(f);

        var daily = to.DayNumber - from.DayNumber < DailyUpTo;
        List<FigureRow> overTime = [];
        if (daily)
        {
            var byDay = tally.Of(RollupDimension.Day).ToDictionary(r => r.Month.AddDays(int.Parse(r.Key, CultureInfo.InvariantCulture) - 1), r => r.Registered);
            for (var d = from; d <= to; d = d.AddDays(1))
                overTime.Add(new FigureRow(Iso(d), d.ToString("MM-dd", CultureInfo.InvariantCulture), byDay.GetValueOrDefault(d), CasesUrl(d, d, locality, node.Id)));
        }
        else
        {
            var byMonth = totals.ToDictionary(r => r.Month, r => r.Registered);
            for (var m = DashboardRollups.MonthOf(from); m <= to; m = m.AddMonths(1))
            {
                var first = m < from ? from : m;
                var last = m.AddMonths(1).AddDays(-1) > to ? to : m.AddMonths(1).AddDays(-1);
                overTime.Add(new FigureRow(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    byMonth.GetValueOrDefault(m), CasesUrl(first, last, locality, node.Id)));
            }
        }

        List<(string Key, PetitionRollup Sum)> By(RollupDimension d) => tally.Of(d).GroupBy(r => r.Key).Select(g =>
        {
            var s = new PetitionRollup { Key = g.Key };
            foreach (var r in g)
            {
                s.Registered += r.Registered; s.Concluded += r.Concluded; s.Evaluated += r.Evaluated; s.Satisfied += r.Satisfied;
            }
            return (g.Key, s);
        }).Where(x => x.s.Registered != 0).OrderByDescending(x => x.s.Registered).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        var byChannel = By(RollupDimension.Channel).Select(x => (Channel: (Channel)int.Parse(x.Key, CultureInfo.InvariantCulture), x.Sum)).ToList();
        var byPurpose = By(RollupDimension.Purpose).Select(x => (Purpose: (Purpose)int.Parse(x.Key, CultureInfo.InvariantCulture), x.Sum)).ToList();
        var byCategory = By(RollupDimension.Category);
        var categoryNames = await db.Categories.AsNoTracking().Where(c => c.Level == 1).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        // One level down from the level shown: the province's cities, a city's counties, a county's townships.
        List<FigureRow> byLocality;
        if (locality is null || locality.Length < 6)
        {
            var digits = locality is null ? 4 : 6;
            var byPlace = tally.Of(RollupDimension.County).GroupBy(r => r.Key.Length >= digits ? r.Key[..digits] : r.Key)
                .Select(g => new { g.Key, Count = g.Sum(r => r.Registered) }).Where(p => p.Count != 0).ToList();
            var names = await DivisionNamesAsync(db, byPlace.Select(p => p.Key), ct);
            byLocality = byPlace.OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new FigureRow(p.Key, names.GetValueOrDefault(p.Key, p.Key), p.Count, CasesUrl(from, to, p.Key, node.Id))).ToList();
        }
        else
        {
            // Townships are finer than the rollups: counted live on the county's petitions of the period (indexed by locality).
            var byPlace = await Visible(from, to).GroupBy(p => p.IssueLocalityCode.Substring(0, 9)).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var names = await DivisionNamesAsync(db, byPlace.Select(p => p.Key), ct);
            byLocality = byPlace.OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new FigureRow(p.Key, names.GetValueOrDefault(p.Key, p.Key), p.Count, CasesUrl(from, to, p.Key, node.Id))).ToList();
        }

        var overdueNow = fromRollups
            ? await OverdueInSubtreeAsync(db, scope, node, colouring, ct)
            : await OverdueLiveAsync(db, scope, within, locality, colouring, ct);

        var minCount = configuration.GetValue("Oversight:HotTopics:MinCount", 3);
        var words = HotTopicWords.From(configuration);
        var hot = fromRollups
            ? await HotTopicsAsync(db, node.Id, from, to, minCount, words, ct)
            : await LiveHotTopicsAsync(db, scope, node, from, to, locality, minCount, words, ct);
        var supervision = await SupervisionAsync(db, scope, node, today, L, ct);
        var rolledUpAt = await db.RollupMarks.AsNoTracking().Where(m => m.Name == DashboardRollups.MarkName).Select(m => (DateTime?)m.UpdatedAt).SingleOrDefaultAsync(ct);
        var localityName = locality is null ? null : (await DivisionNamesAsync(db, [locality], ct)).GetValueOrDefault(locality, locality);
        // The units one level down, to drill to.
        var units = await db.Organisations.AsNoTracking().WithinScope(scope).Where(o => o.ParentId == node.Id && o.IsActive)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).Take(200).ToListAsync(ct);

        return new DashboardFigures(from, to, locality, localityName, drilled ? node.Id : null, node.Name, drilled ? node.ParentId : null,
            units.Select(u => new FigureRow(u.Id.ToString(CultureInfo.InvariantCulture), u.Name, 0, null)).ToList(),
            Sum(r => r.Registered), Sum(r => r.Repeat), Sum(r => r.Collective), Sum(r => r.Open), Sum(r => r.Concluded), Sum(r => r.Evaluated), Sum(r => r.Satisfied),
            Rate(Sum(r => r.Repeat), Sum(r => r.Registered)), Rate(Sum(r => r.Satisfied), Sum(r => r.Evaluated)),
            overdueNow, Url(), "/console/petitions?colour=Red&within=" + node.Id.ToString(CultureInfo.InvariantCulture) + (locality is null ? "" : "&locality=" + locality.PadRight(12, '0')),
            overTime,
            byChannel.Select(c => new FigureRow(c.Channel.ToString(), L["Channel." + c.Channel].Value, c.Sum.Registered, Url(("channel", c.Channel.ToString())))).ToList(),
            byPurpose.Select(c => new FigureRow(c.Purpose.ToString(), L["Purpose." + c.Purpose].Value, c.Sum.Registered, Url(("purpose", c.Purpose.ToString())))).ToList(),
            byCategory.Select(c => c.Key is { Length: > 0 } id
                ? new FigureRow(id, categoryNames.GetValueOrDefault(int.Parse(id, CultureInfo.InvariantCulture), "#" + id), c.Sum.Registered, Url(("categoryId", id)))
                : new FigureRow("", L["Bd.Uncategorised"].Value, c.Sum.Registered, null)).ToList(),
            byLocality,
            Mailboxes.Select(m => byChannel.FirstOrDefault(c => c.Channel == m) is { Sum: not null } c
                    ? new MailboxRow(m, L["Channel." + m].Value, c.Sum.Registered, c.Sum.Concluded, c.Sum.Evaluated, c.Sum.Satisfied, Rate(c.Sum.Satisfied, c.Sum.Evaluated), Url(("channel", m.ToString())))
                    : new MailboxRow(m, L["Channel." + m].Value, 0, 0, 0, 0, null, Url(("channel", m.ToString()))))
                .ToList(),
            hot, supervision, rolledUpAt, fromRollups);
    }

    /// <summary>The red-light cases (open past their due date today) of the case list <c>colour=Red&amp;within=</c>, through the full scope.</summary>
    private static Task<int> OverdueLiveAsync(SunshineDbContext db, UserScope scope, System.Linq.Expressions.Expression<Func<Petition, bool>> within, string? locality,
        DeadlineColouring colouring, CancellationToken ct)
    {
        var overdue = db.Petitions.AsNoTracking().WithinScope(scope).Where(within).Where(colouring.Range(DeadlineColour.Red).Predicate());
        if (locality is not null) overdue = overdue.Where(p => p.IssueLocalityCode.StartsWith(locality));
        return overdue.CountAsync(ct);
    }

    /// <summary>
    /// The same count where the node's subtree lies in the caller's scope (a bureau leader with subordinates; the scope
    /// then reduces to "not accusing the caller's own unit"). Counted on the deadline indexes instead of through the
    /// organisation paths (which made the database read every case): red cases by their current unit — all of them when
    /// the subtree holds every unit, else those whose responsible unit is in it (index on responsible unit, status, due
    /// date) plus the unassigned ones registered in it (index on registering unit, status, due date) — less the few
    /// accusing the caller's own unit (Art. 30; indexed by the accused unit).
    /// </summary>
    private static async Task<int> OverdueInSubtreeAsync(SunshineDbContext db, UserScope scope, DashboardNode node, DeadlineColouring colouring, CancellationToken ct)
    {
        var red = colouring.Range(DeadlineColour.Red).Predicate();
        var path = node.Path;
        var units = await db.Organisations.AsNoTracking().Where(o => o.Path.StartsWith(path)).Select(o => o.Id).ToListAsync(ct);
        var everyUnit = units.Count == await db.Organisations.CountAsync(ct);
        var petitions = db.Petitions.AsNoTracking();
        int count;
        if (everyUnit) count = await petitions.Where(red).CountAsync(ct);
        else
        {
            count = await petitions.Where(p => p.ResponsibleOrganisationId != null && units.Contains(p.ResponsibleOrganisationId.Value)).Where(red).CountAsync(ct)
                + await petitions.Where(p => p.ResponsibleOrganisationId == null && units.Contains(p.RegisteringOrganisationId)).Where(red).CountAsync(ct);
        }
        var own = scope.OrganisationId;
        var accusingOwn = await petitions.Where(p => p.AccusedOrganisationId == own).Where(OversightCaseFilter.WithinSubtree(path)).Where(red).CountAsync(ct);
        return count - accusingOwn;
    }

    /// <summary>
    /// Open supervision orders on the node's units, as the supervision list shows them to the caller
    /// (<see cref="Supervision.SupervisionOrders.Visible"/>); overdue = open past the due date (as the list's "overdue" state).
    /// </summary>
    private static async Task<SupervisionFigures> SupervisionAsync(SunshineDbContext db, UserScope scope, DashboardNode node, DateOnly today, IStringLocalizer L, CancellationToken ct)
    {
        var path = node.Path;
        var orders = await Supervision.SupervisionOrders.Visible(db, scope)
            .Where(o => o.Status == SupervisionStatus.Open && db.Organisations.Any(u => u.Id == o.TargetOrganisationId && u.Path.StartsWith(path)))
            .Select(o => new { o.Kind, o.DueOn }).ToListAsync(ct);
        // The list filtered to the same subtree, so the number a link shows is the number of rows it opens.
        var list = "/console/oversight/supervision?tab=orders&within=" + node.Id.ToString(CultureInfo.InvariantCulture);
        return new SupervisionFigures(orders.Count, orders.Count(o => o.DueOn < today),
            orders.GroupBy(o => o.Kind).OrderBy(g => g.Key)
                .Select(g => new FigureRow(g.Key.ToString(), L["Sv.Kind." + g.Key].Value, g.Count(), list + "&state=Open&kind=" + g.Key)).ToList(),
            list + "&state=Open", list + "&state=Overdue");
    }

    /// <summary>
    /// Terms rising in frequency: the months of the period against as many months before it; a term counts when it is in at
    /// least <paramref name="minCount"/> petitions now and in more than before, ranked by the rise. Read from the node's
    /// term rows (the top <see cref="DashboardRollups.TermsPerMonth"/> of each month: a term below that cut counts 0 there).
    /// </summary>
    public static async Task<List<HotTopic>> HotTopicsAsync(SunshineDbContext db, int node, DateOnly from, DateOnly to, int minCount, HotTopicWords words, CancellationToken ct)
    {
        var (first, last, before) = HotMonths(from, to);
        var rows = await db.PetitionTermRollups.AsNoTracking()
            .Where(r => r.OrganisationId == node && r.Month >= before && r.Month <= last)
            .Select(r => new { r.Term, r.Month, r.Petitions }).ToListAsync(ct);
        return Rising(rows.Where(r => words.IsTopical(r.Term)).GroupBy(r => r.Term)
                .Select(g => (g.Key, g.Where(r => r.Month >= first).Sum(r => r.Petitions), g.Where(r => r.Month < first).Sum(r => r.Petitions))),
            node, first, last, minCount);
    }

    /// <summary>The same ranking counted live from the stored search words of the cases within scope (a unit, a locality, a narrower scope).</summary>
    private static async Task<List<HotTopic>> LiveHotTopicsAsync(SunshineDbContext db, UserScope scope, DashboardNode node, DateOnly from, DateOnly to, string? locality,
        int minCount, HotTopicWords words, CancellationToken ct)
    {
        var (first, last, before) = HotMonths(from, to);
        var end = last.AddMonths(1);
        var petitions = db.Petitions.AsNoTracking().WithinScope(scope).Where(OversightCaseFilter.WithinSubtree(node.Path))
            .Where(p => p.ReceivedOn >= before && p.ReceivedOn < end && p.Purpose != Purpose.Accusation);
        if (locality is not null) petitions = petitions.Where(p => p.IssueLocalityCode.StartsWith(locality));
        var rows = from p in petitions
                   join s in db.PetitionSearchEntries on p.Id equals s.PetitionId into found
                   from s in found.DefaultIfEmpty()
                   select new { p.ReceivedOn, Tokens = s == null ? null : s.Tokens, p.Summary };
        var counts = new Dictionary<string, (int Now, int Before)>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var p in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            seen.Clear();
            var now = p.ReceivedOn >= first;
            foreach (var term in DashboardRollups.Words(p.Tokens, p.Summary))
            {
                if (!words.IsTopical(term) || !seen.Add(term)) continue;
                var c = counts.GetValueOrDefault(term);
                counts[term] = now ? (c.Now + 1, c.Before) : (c.Now, c.Before + 1);
            }
        }
        return Rising(counts.Select(c => (c.Key, c.Value.Now, c.Value.Before)), node.Id, first, last, minCount);
    }

    private static (DateOnly First, DateOnly Last, DateOnly Before) HotMonths(DateOnly from, DateOnly to)
    {
        var first = DashboardRollups.MonthOf(from);
        var last = DashboardRollups.MonthOf(to);
        var months = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        return (first, last, first.AddMonths(-months));
    }

    private static List<HotTopic> Rising(IEnumerable<(string Term, int Now, int Before)> terms, int node, DateOnly first, DateOnly last, int minCount) =>
        terms.Where(t => t.Now >= minCount && t.Now > t.Before)
            .OrderByDescending(t => t.Now - t.Before).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(20)
            .Select(t => new HotTopic(t.Term, t.Now, t.Before,
                $"/console/petitions?q={Uri.EscapeDataString(t.Term)}&from={Iso(first)}&to={Iso(last.AddMonths(1).AddDays(-1))}&within={node.ToString(CultureInfo.InvariantCulture)}"))
            .ToList();

    private static async Task<Dictionary<string, string>> DivisionNamesAsync(SunshineDbContext db, IEnumerable<string> prefixes, CancellationToken ct)
    {
        var codes = prefixes.Where(p => p.Length is > 0 and <= 12).ToDictionary(p => p.PadRight(12, '0'), p => p);
        var keys = codes.Keys.ToList();
        return await db.Divisions.AsNoTracking().Where(d => keys.Contains(d.Code)).ToDictionaryAsync(d => codes[d.Code], d => d.Name, ct);
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The case list filtered to the same cases: received in the period, current unit in the node's subtree, in the locality (as a 12-digit code), with the given filters.</summary>
    public static string CasesUrl(DateOnly from, DateOnly to, string? locality, int node, params (string Name, string? Value)[] filters) =>
        "/console/petitions?" + string.Join("&", new[] { ("from", (string?)Iso(from)), ("to", Iso(to)), ("locality", locality?.PadRight(12, '0')), ("within", node.ToString(CultureInfo.InvariantCulture)) }.Concat(filters)
            .Where(f => f.Item2 is not null).Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2!)));
}
