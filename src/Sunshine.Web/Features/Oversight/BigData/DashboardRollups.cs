using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>
/// Keeps the dashboard's rollups (<see cref="PetitionDailyRollup"/>, <see cref="PetitionTermRollup"/>) current. Each pass
/// finds the days touched since the last one — days received of new petitions and of petitions with new case events
/// (every change of status, unit or evaluation writes one) — and recounts those days whole; the months of those days
/// get their hot-topic terms recounted. The first pass (no mark yet, e.g. right after the demo load) rebuilds all.
/// Runs on one node per pass through the lease <c>rollups</c>.
/// </summary>
public sealed class DashboardRollups(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<DashboardRollups> logger)
    : LeasedBackgroundWork(scopes, time, configuration, logger)
{
    public const string MarkName = "petition-rollups";
    protected override string LeaseName => "rollups";
    private readonly TimeSpan _interval = TimeSpan.FromMinutes(configuration.GetValue("Oversight:Rollups:IntervalMinutes", 2.0));
    private readonly ILogger _logger = logger;
    protected override TimeSpan Interval => _interval;

    /// <summary>
    /// Ids are handed out before their transactions commit, so a petition or event with an id just below the last mark may
    /// become visible only after the pass that set it. Each pass therefore looks this far back again (recounting a day
    /// twice changes nothing).
    /// </summary>
    private const long Overlap = 1_000;

    /// <summary>Days recounted per statement: bounded SQL parameter lists and memory at millions of petitions.</summary>
    private const int DaysPerBatch = 31;

    public override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SunshineDbContext>();
        var pass = await UpdateAsync(db, services.GetRequiredService<TimeProvider>(), cancellationToken);
        if (pass.Days > 0) _logger.LogInformation("Rollups: recounted {Days} days and {Months} months", pass.Days, pass.Months);
    }

    public sealed record Pass(int Days, int Months, bool Rebuilt);

    /// <summary>One incremental pass; a full rebuild when there is no mark yet.</summary>
    public static async Task<Pass> UpdateAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) return await RebuildAsync(db, time, ct);
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        List<DateOnly> days = [];
        if (lastPetition != mark.LastPetitionId || lastEvent != mark.LastEventId)
        {
            var fromPetition = mark.LastPetitionId - Overlap;
            var fromEvent = mark.LastEventId - Overlap;
            // Both walk a primary-key range, so a pass costs what arrived since the last one, not the table's size.
            var received = db.Petitions.Where(p => p.Id > fromPetition && p.Id <= lastPetition).Select(p => p.ReceivedOn);
            var changed = from e in db.PetitionEvents
                          where e.Id > fromEvent && e.Id <= lastEvent
                          join p in db.Petitions on e.PetitionId equals p.Id
                          select p.ReceivedOn;
            days = await received.Union(changed).ToListAsync(ct);
        }
        var months = await RecountAsync(db, days, ct);
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Pass(days.Count, months, false);
    }

    /// <summary>Recounts everything from the petitions: after the demo load, an import, or on request (CLI <c>rollups rebuild</c>).</summary>
    public static async Task<Pass> RebuildAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        // The marks first: whatever arrives during the rebuild is picked up by the next pass.
        var lastPetition = await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        var lastEvent = await db.PetitionEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        await db.PetitionDailyRollups.ExecuteDeleteAsync(ct);
        await db.PetitionTermRollups.ExecuteDeleteAsync(ct);
        var first = await db.Petitions.MinAsync(p => (DateOnly?)p.ReceivedOn, ct);
        var last = await db.Petitions.MaxAsync(p => (DateOnly?)p.ReceivedOn, ct);
        var days = new List<DateOnly>();
        for (var d = first; d is { } day && day <= last!.Value; d = day.AddDays(1)) days.Add(day);
        var months = await RecountAsync(db, days, ct);
        var mark = await db.RollupMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark is null) db.RollupMarks.Add(mark = new RollupMark { Name = MarkName });
        mark.LastPetitionId = lastPetition;
        mark.LastEventId = lastEvent;
        mark.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Pass(days.Count, months, true);
    }

    /// <summary>Replaces the rollup rows of these days, and the term rows of their months. Returns the months recounted.</summary>
    private static async Task<int> RecountAsync(SunshineDbContext db, IReadOnlyCollection<DateOnly> days, CancellationToken ct)
    {
        if (days.Count == 0) return 0;
        var levelOne = await LevelOneCategoriesAsync(db, ct);
        foreach (var batch in days.Order().Chunk(DaysPerBatch))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (first, last) = (batch[0], batch[^1]);
            await db.PetitionDailyRollups.Where(r => r.Day >= first && r.Day <= last && batch.Contains(r.Day)).ExecuteDeleteAsync(ct);
            db.PetitionDailyRollups.AddRange(await CountDaysAsync(db, batch, levelOne, ct));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);
        }
        var months = days.Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().Order().ToList();
        foreach (var month in months)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.PetitionTermRollups.Where(r => r.Month == month).ExecuteDeleteAsync(ct);
            db.PetitionTermRollups.AddRange(await CountTermsAsync(db, month, ct));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);
        }
        return months.Count;
    }

    private static readonly PetitionStatus[] ClosedStatuses =
        [PetitionStatus.Concluded, PetitionStatus.Declined, PetitionStatus.RoutedToLegalChannel, PetitionStatus.Withdrawn, PetitionStatus.Merged];

    /// <summary>The days' petitions grouped in the database; categories folded to level 1 here (the tree is a few hundred rows).</summary>
    private static async Task<List<PetitionDailyRollup>> CountDaysAsync(SunshineDbContext db, DateOnly[] days, Dictionary<int, int> levelOne, CancellationToken ct)
    {
        var first = days.Min();
        var last = days.Max();
        var groups = await db.Petitions.AsNoTracking()
            // The range lets the database walk the ReceivedOn index; the list keeps only the days asked for.
            .Where(p => p.ReceivedOn >= first && p.ReceivedOn <= last && days.Contains(p.ReceivedOn))
            .GroupBy(p => new
            {
                p.ReceivedOn, p.RegisteringOrganisationId, p.ResponsibleOrganisationId, p.AccusedOrganisationId,
                County = p.IssueLocalityCode.Substring(0, 6), p.Channel, p.Purpose, p.CategoryId,
            })
            .Select(g => new
            {
                g.Key,
                Registered = g.Count(),
                Repeat = g.Sum(p => p.IsRepeat ? 1 : 0),
                Collective = g.Sum(p => p.IsCollective ? 1 : 0),
                Open = g.Sum(p => ClosedStatuses.Contains(p.Status) ? 0 : 1),
                Concluded = g.Sum(p => p.Status == PetitionStatus.Concluded ? 1 : 0),
                // The petitioner's evaluation of the handling (the unit's; the bureau's where only that was given).
                Evaluated = g.Sum(p => p.UnitEvaluation != null || p.BureauEvaluation != null ? 1 : 0),
                Satisfied = g.Sum(p => (p.UnitEvaluation ?? p.BureauEvaluation) == SatisfactionEvaluation.Satisfied
                                       || (p.UnitEvaluation ?? p.BureauEvaluation) == SatisfactionEvaluation.FairlySatisfied ? 1 : 0),
            })
            .ToListAsync(ct);
        return groups
            .GroupBy(g => (g.Key.ReceivedOn, g.Key.RegisteringOrganisationId, g.Key.ResponsibleOrganisationId, g.Key.AccusedOrganisationId, g.Key.County,
                g.Key.Channel, g.Key.Purpose, Category: g.Key.CategoryId is { } c ? levelOne.GetValueOrDefault(c, c) : (int?)null))
            .Select(g => new PetitionDailyRollup
            {
                Day = g.Key.ReceivedOn,
                RegisteringOrganisationId = g.Key.RegisteringOrganisationId,
                ResponsibleOrganisationId = g.Key.ResponsibleOrganisationId,
                AccusedOrganisationId = g.Key.AccusedOrganisationId,
                County = g.Key.County,
                Channel = g.Key.Channel,
                Purpose = g.Key.Purpose,
                CategoryId = g.Key.Category,
                Registered = g.Sum(x => x.Registered),
                Repeat = g.Sum(x => x.Repeat),
                Collective = g.Sum(x => x.Collective),
                Open = g.Sum(x => x.Open),
                Concluded = g.Sum(x => x.Concluded),
                Evaluated = g.Sum(x => x.Evaluated),
                Satisfied = g.Sum(x => x.Satisfied),
            })
            .ToList();
    }

    /// <summary>Each category's level-1 ancestor.</summary>
    internal static async Task<Dictionary<int, int>> LevelOneCategoriesAsync(SunshineDbContext db, CancellationToken ct)
    {
        var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        return parents.Keys.ToDictionary(id => id, id =>
        {
            var top = id;
            for (var hops = 0; parents.GetValueOrDefault(top) is { } parent && hops < 10; hops++) top = parent;
            return top;
        });
    }

    /// <summary>
    /// The month's terms: each petition's summary segmented with the search's jieba segmenter, each term counted once
    /// per petition; one-character words, numbers and stop words (<see cref="HotTopics.IsTopical"/>) left out.
    /// </summary>
    private static async Task<List<PetitionTermRollup>> CountTermsAsync(SunshineDbContext db, DateOnly month, CancellationToken ct)
    {
        var next = month.AddMonths(1);
        var counts = new Dictionary<(int, int?, string), int>();
        var rows = db.Petitions.AsNoTracking()
            .Where(p => p.ReceivedOn >= month && p.ReceivedOn < next && p.Purpose != Purpose.Accusation)
            .Select(p => new { p.RegisteringOrganisationId, p.ResponsibleOrganisationId, p.Summary })
            .AsAsyncEnumerable();
        await foreach (var p in rows.WithCancellation(ct))
        {
            foreach (var term in ChineseSegmenter.Tokens(p.Summary).Where(HotTopics.IsTopical).Distinct())
            {
                var key = (p.RegisteringOrganisationId, p.ResponsibleOrganisationId, term);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        return counts.Select(c => new PetitionTermRollup
        {
            Month = month, RegisteringOrganisationId = c.Key.Item1, ResponsibleOrganisationId = c.Key.Item2, Term = c.Key.Item3, Petitions = c.Value,
        }).ToList();
    }
}
