using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sunshine.Data;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Oversight;
using Sunshine.Web.Features.Oversight.BigData;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Bench;

public static partial class BenchRun
{
    /// <summary>
    /// The leader dashboard with all its widgets (<c>GET /api/oversight/dashboard</c>), province-wide and for one county,
    /// over the year to date of twelve whole months (the dashboard's months), and province-wide over the last 365 days (a
    /// partial month at each edge, counted live). The baseline is the same widgets as plain GROUP BY queries over the
    /// petitions of the same set (scope, subtree, period). The rollups are rebuilt first (its time is a line of its own).
    /// </summary>
    private static async Task<List<Measurement>> DashboardAsync(IServiceProvider services, Uri address, int repetitions, CancellationToken ct)
    {
        var results = new List<Measurement>();
        var rebuild = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var pass = await DashboardRollups.RebuildAsync(db, TimeProvider.System, ct);
            var seconds = rebuild.Elapsed.TotalSeconds;
            var rows = await db.PetitionRollups.CountAsync(ct);
            var terms = await db.PetitionTermRollups.CountAsync(ct);
            var petitions = await db.Petitions.CountAsync(ct);
            results.Add(new Measurement("dashboard rollups full rebuild", seconds * 1000, double.NaN, petitions / seconds, pass.Months,
                "—", double.NaN, double.NaN, double.NaN, $"{pass.Months} months, {rows:N0} rollup rows + {terms:N0} term rows for {petitions:N0} petitions"));
        }
        var today = ChinaTime.Today(TimeProvider.System);
        var yearFrom = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var cases = new[]
        {
            ("province, 12 whole months", "山西省信访局", yearFrom),
            ("county, 12 whole months", "小店区信访局", yearFrom),
            ("province, last 365 days (edges live)", "山西省信访局", today.AddYears(-1).AddDays(1)),
        };
        foreach (var (who, bureau, from) in cases)
        {
            var url = $"/api/oversight/dashboard?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
            var client = await SignedInAsync(services, address, bureau, ct);
            var (api, server) = await ServerTimes.Record(() => TimeAsync(repetitions, async () =>
            {
                using var response = await client.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
            }));
            var scope = await LeaderScopeAsync(services, bureau, ct);
            var plain = await TimeAsync(Math.Max(3, repetitions / 5), () => PlainDashboardAsync(services, scope, from, today, ct));
            results.Add(new Measurement($"leader dashboard (all widgets), {who}", Median(api), Percentile(api, 0.95), 1000 / Median(api), repetitions,
                "plain GROUP BY over petitions", Median(plain), 1000 / Median(plain), Median(api) / Median(plain), server));
        }
        return results;
    }

    private static async Task<UserScope> LeaderScopeAsync(IServiceProvider services, string bureau, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var o = await db.Organisations.AsNoTracking().SingleAsync(x => x.Name == bureau, ct);
        return new UserScope("bench", "bench", o.Id, o.Path, o.ScopePath, true, new HashSet<string> { StaffRoles.BureauLeader })
        {
            AtBureau = o.Kind == OrganisationKind.PetitionBureau,
        };
    }

    /// <summary>
    /// The dashboard's widgets straight from the petitions of the same set (scope, current unit in the subtree, period):
    /// totals, by month, channel, purpose, category and county; the overdue count and the rest are the same live queries
    /// in both and are left out here.
    /// </summary>
    private static async Task PlainDashboardAsync(IServiceProvider services, UserScope scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var serviceScope = services.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var node = await DashboardQuery.NodeAsync(db, scope, null, ct) ?? throw new InvalidOperationException("no node");
        var petitions = db.Petitions.AsNoTracking().WithinScope(scope).Where(OversightCaseFilter.WithinSubtree(node.Path))
            .Where(p => p.ReceivedOn >= from && p.ReceivedOn <= to);
        await petitions.GroupBy(_ => 1).Select(g => new
        {
            Registered = g.Count(), Repeat = g.Sum(p => p.IsRepeat ? 1 : 0), Collective = g.Sum(p => p.IsCollective ? 1 : 0),
            Concluded = g.Sum(p => p.Status == PetitionStatus.Concluded ? 1 : 0), Evaluated = g.Sum(p => p.UnitEvaluation != null ? 1 : 0),
        }).ToListAsync(ct);
        await petitions.GroupBy(p => new { p.ReceivedOn.Year, p.ReceivedOn.Month }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        await petitions.GroupBy(p => p.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        await petitions.GroupBy(p => p.Purpose).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        await petitions.GroupBy(p => p.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        await petitions.GroupBy(p => p.IssueLocalityCode.Substring(0, 6)).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
    }
}
