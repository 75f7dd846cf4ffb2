using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.Warnings;

/// <summary>
/// Thresholds of the early-warning rules, from <c>Oversight:Warnings</c>. None is fixed by law (DOMAIN.md §1.7 says
/// "thresholds are configuration"); the defaults follow common practice.
/// </summary>
public sealed record WarningSettings
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Per-case and per-person rules look at petitions received this many days back from today: early warning
    /// is about what is happening now, not the archive (an import of old cases raises nothing).</summary>
    public int LookbackDays { get; init; } = 30;
    /// <summary>Surges are tested for the current month and this many months before it.</summary>
    public int SurgeMonthsBack { get; init; } = 1;
    public SurgeSettings Surge { get; init; } = SurgeSettings.Default;
    /// <summary>A visit of this many people is collective (five or more elect representatives, 《信访工作条例》第二十条).</summary>
    public int CollectiveHeadCount { get; init; } = 5;
    public int CollectiveAlarmHeadCount { get; init; } = 50;
    public int ProjectMinPetitioners { get; init; } = 3;
    public int ProjectAlarmPetitioners { get; init; } = 10;
    public int ProjectWindowDays { get; init; } = 90;
    public int RepeatMinCases { get; init; } = 3;
    public int RepeatWindowDays { get; init; } = 90;
    public IReadOnlyList<string> SensitiveWords { get; init; } = Domain.Oversight.SensitiveWords.Defaults;
    /// <summary>Petitions read per round of a pass.</summary>
    public int BatchSize { get; init; } = 2000;
    /// <summary>Cases linked to one surge alert at most (the count is in the evidence either way).</summary>
    public int MaxLinkedCases { get; init; } = 500;

    public static WarningSettings From(IConfiguration configuration)
    {
        var c = configuration.GetSection("Oversight:Warnings");
        var d = new WarningSettings();
        var words = c.GetSection("SensitiveWords").Get<string[]>();
        var s = c.GetSection("Surge");
        return new WarningSettings
        {
            Interval = TimeSpan.FromSeconds(Math.Max(1, c.GetValue("IntervalSeconds", 60))),
            LookbackDays = c.GetValue("LookbackDays", d.LookbackDays),
            SurgeMonthsBack = c.GetValue("SurgeMonthsBack", d.SurgeMonthsBack),
            Surge = new SurgeSettings(s.GetValue("AlarmChange", d.Surge.AlarmChange), s.GetValue("AbnormalChange", d.Surge.AbnormalChange),
                s.GetValue("PValue", d.Surge.PValue), s.GetValue("MinCount", d.Surge.MinCount)),
            CollectiveHeadCount = c.GetValue("CollectiveHeadCount", d.CollectiveHeadCount),
            CollectiveAlarmHeadCount = c.GetValue("CollectiveAlarmHeadCount", d.CollectiveAlarmHeadCount),
            ProjectMinPetitioners = c.GetValue("ProjectMinPetitioners", d.ProjectMinPetitioners),
            ProjectAlarmPetitioners = c.GetValue("ProjectAlarmPetitioners", d.ProjectAlarmPetitioners),
            ProjectWindowDays = c.GetValue("ProjectWindowDays", d.ProjectWindowDays),
            RepeatMinCases = c.GetValue("RepeatMinCases", d.RepeatMinCases),
            RepeatWindowDays = c.GetValue("RepeatWindowDays", d.RepeatWindowDays),
            SensitiveWords = words is { Length: > 0 } ? words : d.SensitiveWords,
            BatchSize = Math.Max(1, c.GetValue("BatchSize", d.BatchSize)),
            MaxLinkedCases = c.GetValue("MaxLinkedCases", d.MaxLinkedCases),
        };
    }
}

/// <summary>
/// The early-warning pass (信息预警, DOMAIN.md §1.7): reads the petitions registered since the last pass (a high-water
/// mark on the petition id) and runs the rules over them. Alerts carry a unique key, so running a pass twice, or on
/// two nodes at once, updates an alert's evidence and never raises it twice; the lease of
/// <see cref="LeasedBackgroundWork"/> keeps the second node from doing the work at all in the ordinary case.
/// </summary>
public sealed class EarlyWarningWork(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<EarlyWarningWork> logger)
    : LeasedBackgroundWork(scopes, time, configuration, logger)
{
    public const string WatermarkName = "early-warning";
    private readonly WarningSettings _settings = WarningSettings.From(configuration);

    protected override string LeaseName => "early-warning";
    protected override TimeSpan Interval => _settings.Interval;

    public override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SunshineDbContext>();
        var pass = new WarningPass(db, _settings, services.GetRequiredService<TimeProvider>());
        await pass.RunAsync(cancellationToken);
    }
}

/// <summary>What one pass did: petitions read and alerts raised for the first time.</summary>
public sealed record WarningPassResult(int PetitionsRead, int AlertsRaised);

/// <summary>One pass of the rules. Public so that a test can run a pass with its own DbContext, as a second node would.</summary>
public sealed class WarningPass(SunshineDbContext db, WarningSettings settings, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Dictionary<int, (int? ParentId, string Name)> _categories = [];
    private Dictionary<int, DivisionLevel> _orgLevels = [];
    private int _raised;

    private sealed record Row(long Id, string CaseNumber, string IssueLocalityCode, int? CategoryId, DateOnly ReceivedOn, byte[]? PersonKey, int HeadCount,
        bool IsCollective, bool IsLevelSkipping, bool IsProvinceVisit, bool IsBeijingVisit, bool IsThreatening, string Summary, string Content, int RegisteringOrganisationId);

    private sealed record Spec(string Key, WarningRule Rule, WarningSeverity Severity, string Locality, int? CategoryId, string Period, string Summary,
        Dictionary<string, object?> Evidence, IReadOnlyCollection<long> Cases);

    public async Task<WarningPassResult> RunAsync(CancellationToken ct)
    {
        _categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => (c.ParentId, c.Name), ct);
        _orgLevels = (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.DivisionCode }).ToListAsync(ct))
            .ToDictionary(o => o.Id, o => DivisionCode.TryParse(o.DivisionCode, out var code) ? code.Level : DivisionLevel.County);
        var mark = await db.WarningWatermarks.AsNoTracking().Where(w => w.Name == EarlyWarningWork.WatermarkName)
            .Select(w => (long?)w.LastPetitionId).SingleOrDefaultAsync(ct) ?? 0;
        var read = 0;
        while (true)
        {
            var batch = await db.Petitions.AsNoTracking().Where(p => p.Id > mark).OrderBy(p => p.Id).Take(settings.BatchSize)
                .Select(p => new Row(p.Id, p.CaseNumber, p.IssueLocalityCode, p.CategoryId, p.ReceivedOn, p.PersonKey, p.HeadCount, p.IsCollective,
                    p.IsLevelSkipping, p.IsProvinceVisit, p.IsBeijingVisit, p.IsThreatening, p.Summary, p.Content, p.RegisteringOrganisationId))
                .ToListAsync(ct);
            if (batch.Count == 0) break;
            await EvaluateAsync(batch, ct);
            mark = batch[^1].Id;
            read += batch.Count;
            await AdvanceAsync(mark, ct);
        }
        return new WarningPassResult(read, _raised);
    }

    private async Task EvaluateAsync(List<Row> batch, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var recent = batch.Where(p => p.ReceivedOn >= today.AddDays(-settings.LookbackDays) && p.ReceivedOn <= today).ToList();
        foreach (var p in recent)
        {
            if (p.IsCollective || p.HeadCount >= settings.CollectiveHeadCount)
            {
                await RaiseAsync(new Spec($"Collective:{p.Id}", WarningRule.Collective,
                    p.HeadCount >= settings.CollectiveAlarmHeadCount ? WarningSeverity.Alarm : WarningSeverity.Abnormal,
                    County(p.IssueLocalityCode), Root(p.CategoryId), "", p.CaseNumber,
                    new() { ["headCount"] = p.HeadCount, ["isCollective"] = p.IsCollective, ["threshold"] = settings.CollectiveHeadCount }, [p.Id]), ct);
            }
            if (p.IsBeijingVisit || p.IsProvinceVisit || p.IsLevelSkipping)
            {
                // 进京访 is the gravest, then 赴省访; a visit that only skipped a level is a notice.
                var severity = p.IsBeijingVisit ? WarningSeverity.Alarm : p.IsProvinceVisit ? WarningSeverity.Abnormal : WarningSeverity.Notice;
                await RaiseAsync(new Spec($"Escalated:{p.Id}", WarningRule.Escalated, severity, County(p.IssueLocalityCode), Root(p.CategoryId), "", p.CaseNumber,
                    new() { ["beijing"] = p.IsBeijingVisit, ["province"] = p.IsProvinceVisit, ["levelSkipping"] = p.IsLevelSkipping }, [p.Id]), ct);
            }
            var words = SensitiveWords.Match(settings.SensitiveWords, p.Summary, p.Content);
            if (p.IsThreatening || words.Count > 0)
            {
                await RaiseAsync(new Spec($"Threatening:{p.Id}", WarningRule.Threatening, WarningSeverity.Alarm, County(p.IssueLocalityCode), Root(p.CategoryId), "",
                    words.Count > 0 ? string.Join("、", words) : p.CaseNumber,
                    new() { ["flagged"] = p.IsThreatening, ["words"] = words }, [p.Id]), ct);
            }
        }
        await RepeatPetitionersAsync(recent, ct);
        await SharedProjectsAsync(recent, ct);
        await SurgesAsync(batch, today, ct);
    }

    /// <summary>
    /// A repeat petitioner escalating: the same person (keyed hash of ID number or phone) with
    /// <see cref="WarningSettings.RepeatMinCases"/> or more cases in the window, or whose cases moved up the levels
    /// (registered at a county, later at the city or province). One alert per person and month of the latest case.
    /// </summary>
    private async Task RepeatPetitionersAsync(List<Row> recent, CancellationToken ct)
    {
        var people = recent.Where(p => p.PersonKey is { Length: > 0 }).GroupBy(p => Convert.ToHexString(p.PersonKey!)).ToList();
        foreach (var person in people)
        {
            var key = person.First().PersonKey!;
            var latest = person.Max(p => p.ReceivedOn);
            var from = latest.AddDays(-settings.RepeatWindowDays);
            var cases = await db.Petitions.AsNoTracking().Where(p => p.PersonKey == key && p.ReceivedOn >= from && p.ReceivedOn <= latest)
                .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.CaseNumber, p.IssueLocalityCode, p.CategoryId, p.RegisteringOrganisationId, p.IsProvinceVisit, p.IsBeijingVisit })
                .ToListAsync(ct);
            // The level each case reached: where it was registered, or the province / Beijing when the visit went there.
            var levels = cases.Select(c => c.IsBeijingVisit ? 0 : c.IsProvinceVisit ? (int)DivisionLevel.Province
                : (int)_orgLevels.GetValueOrDefault(c.RegisteringOrganisationId, DivisionLevel.County)).ToList();
            var movedUp = levels.Count > 1 && levels[^1] < levels.Take(levels.Count - 1).Max();
            if (cases.Count < settings.RepeatMinCases && !movedUp) continue;
            var last = cases[^1];
            await RaiseAsync(new Spec($"RepeatEscalation:{Convert.ToHexString(key)}:{Month(latest)}", WarningRule.RepeatEscalation,
                movedUp ? WarningSeverity.Alarm : WarningSeverity.Abnormal, County(last.IssueLocalityCode), Root(last.CategoryId), Month(latest), last.CaseNumber,
                new() { ["cases"] = cases.Count, ["windowDays"] = settings.RepeatWindowDays, ["levels"] = levels.Select(LevelName).ToList(), ["movedUp"] = movedUp },
                cases.Select(c => c.Id).ToList()), ct);
        }
    }

    /// <summary>
    /// Several petitioners on one project or employer: a name from <see cref="ProjectNames"/> found in the texts of
    /// cases about the same county within the window, from <see cref="WarningSettings.ProjectMinPetitioners"/> or more
    /// different people (by keyed hash; a case without one counts as its own person).
    /// </summary>
    private async Task SharedProjectsAsync(List<Row> recent, CancellationToken ct)
    {
        var groups = recent.SelectMany(p => ProjectNames.Extract(p.Summary, p.Content).Select(name => (County: County(p.IssueLocalityCode), Name: name, p.ReceivedOn)))
            .GroupBy(x => (x.County, x.Name)).ToList();
        foreach (var g in groups)
        {
            var latest = g.Max(x => x.ReceivedOn);
            var from = latest.AddDays(-settings.ProjectWindowDays);
            var prefix = g.Key.County[..6];
            var name = g.Key.Name;
            var cases = await db.Petitions.AsNoTracking()
                .Where(p => p.IssueLocalityCode.StartsWith(prefix) && p.ReceivedOn >= from && p.ReceivedOn <= latest && (p.Summary.Contains(name) || p.Content.Contains(name)))
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.PersonKey, p.CategoryId }).Take(settings.MaxLinkedCases).ToListAsync(ct);
            var petitioners = cases.Select(c => c.PersonKey is { Length: > 0 } k ? Convert.ToHexString(k) : "case:" + c.Id).Distinct().Count();
            if (petitioners < settings.ProjectMinPetitioners) continue;
            await RaiseAsync(new Spec($"SharedProject:{g.Key.County}:{name}:{Month(latest)}", WarningRule.SharedProject,
                petitioners >= settings.ProjectAlarmPetitioners ? WarningSeverity.Alarm : WarningSeverity.Abnormal, g.Key.County, Root(cases[^1].CategoryId),
                Month(latest), name,
                new() { ["name"] = name, ["petitioners"] = petitioners, ["cases"] = cases.Count, ["windowDays"] = settings.ProjectWindowDays },
                cases.Select(c => c.Id).ToList()), ct);
        }
    }

    /// <summary>
    /// Surges: for each (county, level-1 matter, month) the new petitions touch, the month's count against the same
    /// days of the month before and of the same month last year (<see cref="SurgeWindows"/>), by <see cref="SurgeTest"/>.
    /// </summary>
    private async Task SurgesAsync(List<Row> batch, DateOnly today, CancellationToken ct)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var earliest = thisMonth.AddMonths(-settings.SurgeMonthsBack);
        var combos = batch.Where(p => p.CategoryId is not null && p.ReceivedOn >= earliest && p.ReceivedOn <= today)
            .Select(p => (County: County(p.IssueLocalityCode), Category: Root(p.CategoryId)!.Value, Month: new DateOnly(p.ReceivedOn.Year, p.ReceivedOn.Month, 1)))
            .Distinct().ToList();
        foreach (var (county, category, month) in combos)
        {
            var subtree = _categories.Keys.Where(id => Root(id) == category).ToList();
            var prefix = county[..6];
            var windows = SurgeWindows.ForMonth(month, today);
            IQueryable<Data.Entities.Petition> In(DateWindow w) => db.Petitions.AsNoTracking()
                .Where(p => p.IssueLocalityCode.StartsWith(prefix) && p.CategoryId != null && subtree.Contains(p.CategoryId.Value) && p.ReceivedOn >= w.From && p.ReceivedOn < w.To);
            var current = await In(windows.Current).CountAsync(ct);
            var lastYear = await In(windows.LastYear).CountAsync(ct);
            var previous = await In(windows.PreviousWindow).CountAsync(ct);
            var result = SurgeTest.Evaluate(current, lastYear, previous, settings.Surge);
            if (result.Severity is not { } severity) continue;
            var ids = await In(windows.Current).OrderBy(p => p.Id).Select(p => p.Id).Take(settings.MaxLinkedCases).ToListAsync(ct);
            await RaiseAsync(new Spec($"Surge:{county}:{category}:{Month(month)}", WarningRule.Surge, severity, county, category, Month(month),
                _categories.TryGetValue(category, out var c) ? c.Name : "",
                new()
                {
                    ["window"] = $"{windows.Current.From:yyyy-MM-dd} – {windows.Current.To.AddDays(-1):yyyy-MM-dd}",
                    ["current"] = current,
                    ["lastYear"] = lastYear,
                    ["changeLastYear"] = Percent(result.LastYear.Change),
                    ["pLastYear"] = Math.Round(result.LastYear.PValue, 4),
                    ["previousWindow"] = previous,
                    ["changePrevious"] = Percent(result.PreviousWindow.Change),
                    ["pPrevious"] = Math.Round(result.PreviousWindow.PValue, 4),
                }, ids), ct);
        }
    }

    /// <summary>
    /// Inserts the alert, or updates the evidence of the one with the same key. The unique index on the key decides
    /// between two nodes inserting at once: the loser finds the winner's row and updates it.
    /// </summary>
    private async Task RaiseAsync(Spec spec, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var evidence = JsonSerializer.Serialize(spec.Evidence, Json);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var existing = await db.WarningAlerts.AsNoTracking().Where(a => a.AlertKey == spec.Key).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);
            if (existing is { } id)
            {
                await db.WarningAlerts.Where(a => a.Id == id && (a.Evidence != evidence || a.Severity != spec.Severity))
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Evidence, evidence).SetProperty(a => a.Severity, spec.Severity)
                        .SetProperty(a => a.Summary, spec.Summary).SetProperty(a => a.UpdatedAt, now), ct);
                await LinkAsync(id, spec.Cases, ct);
                return;
            }
            var alert = new WarningAlert
            {
                AlertKey = spec.Key, Rule = spec.Rule, Severity = spec.Severity, LocalityCode = spec.Locality, CategoryId = spec.CategoryId, Period = spec.Period,
                Summary = spec.Summary.Length > 512 ? spec.Summary[..512] : spec.Summary, Evidence = evidence, CaseCount = spec.Cases.Count,
                State = WarningState.Raised, CreatedAt = now, UpdatedAt = now,
            };
            db.WarningAlerts.Add(alert);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node raised it between our look and our insert: the key decided; update theirs instead.
                db.ChangeTracker.Clear();
                continue;
            }
            db.ChangeTracker.Clear();
            _raised++;
            await LinkAsync(alert.Id, spec.Cases, ct);
            return;
        }
    }

    private async Task LinkAsync(long alertId, IReadOnlyCollection<long> cases, CancellationToken ct)
    {
        var linked = await db.WarningAlertCases.AsNoTracking().Where(l => l.AlertId == alertId).Select(l => l.PetitionId).ToListAsync(ct);
        var missing = cases.Except(linked).ToList();
        if (missing.Count > 0)
        {
            db.WarningAlertCases.AddRange(missing.Select(id => new WarningAlertCase { AlertId = alertId, PetitionId = id }));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Linked by another node at the same moment; the primary key keeps one link per case.
            }
            db.ChangeTracker.Clear();
        }
        var count = await db.WarningAlertCases.CountAsync(l => l.AlertId == alertId, ct);
        await db.WarningAlerts.Where(a => a.Id == alertId && a.CaseCount != count).ExecuteUpdateAsync(s => s.SetProperty(a => a.CaseCount, count), ct);
    }

    /// <summary>Moves the high-water mark forward (never back: a slower node finishing later must not rewind it).</summary>
    private async Task AdvanceAsync(long mark, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var moved = await db.WarningWatermarks.Where(w => w.Name == EarlyWarningWork.WatermarkName && w.LastPetitionId < mark)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LastPetitionId, mark).SetProperty(w => w.UpdatedAt, now), ct);
        if (moved > 0 || await db.WarningWatermarks.AnyAsync(w => w.Name == EarlyWarningWork.WatermarkName, ct)) return;
        db.WarningWatermarks.Add(new WarningWatermark { Name = EarlyWarningWork.WatermarkName, LastPetitionId = mark, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await AdvanceAsync(mark, ct);
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>The county a locality lies in: its first six digits (a code above county level stays as it is).</summary>
    public static string County(string locality) => locality.Length >= 6 ? locality[..6] + "000000" : locality;

    private int? Root(int? categoryId)
    {
        var id = categoryId;
        for (var i = 0; i < 5 && id is { } current && _categories.TryGetValue(current, out var c) && c.ParentId is { } parent; i++) id = parent;
        return id;
    }

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string? Percent(double? change) => change is { } c ? (c * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : null;

    /// <summary>The level a case reached, by name (the page shows it in the reader's language).</summary>
    private static string LevelName(int level) => level switch
    {
        0 => "Beijing",
        1 => "Province",
        2 => "City",
        3 => "County",
        _ => "Township",
    };
}
