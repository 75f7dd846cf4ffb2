using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Sunshine.Data;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Demo;

public sealed record DemoOptions(int Petitions, int Seed, DateOnly Until, int Years = 3, int Publications = 600, int DisclosureRequests = 300);

public sealed record DemoResult(int Petitions, int Publications, int DisclosureRequests, TimeSpan Elapsed);

/// <summary>
/// Fills an empty database with realistic, deterministic demo data: petitions over <see cref="DemoOptions.Years"/> years
/// ending at <see cref="DemoOptions.Until"/>, each with its case history and transfer chain, proactive publications and
/// disclosure requests. The same seed gives the same rows byte for byte, except the encrypted personal-data columns
/// (AES-GCM uses random nonces).
/// </summary>
/// <remarks>
/// Every date comes from the statutory clock of the rule set in force (<see cref="RuleBook.Default"/>,
/// <see cref="HolidayCalendar.Shipped"/>): transfer 15 日, objection 5 工作日, receipt notice / acceptance 15 日,
/// handling 60 日 (+30), review and re-examination 30 日, disclosure replies and proactive publication 20 工作日.
/// Rows are written without change tracking, a batch's petitions with their history events and hops together. SQLite: a
/// prepared INSERT, one transaction per batch; a failing batch is rolled back whole and the exception rethrown. PostgreSQL:
/// binary COPY, all petitions one <see cref="PostgresBulkLoad"/> whose indexes and foreign keys are made once at the end
/// (row by row they cost the server more than the rows themselves; docs/performance.md, session 17); a failure rolls
/// all petitions back.
/// </remarks>
public static class DemoDataGenerator
{
    internal const int BatchSize = 5_000;
    private const int ProgressEvery = 100_000;

    public static async Task<DemoResult> GenerateAsync(SunshineDbContext db, PersonalData personalData, DemoOptions options, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personalData);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Petitions < 0 || options.Publications < 0 || options.DisclosureRequests < 0)
            throw new ArgumentException("Demo counts must not be negative.", nameof(options));
        if (options.Years is < 1 or > 15)
            throw new ArgumentException("Years must be between 1 and 15.", nameof(options));

        var watch = Stopwatch.StartNew();
        var world = await DemoWorld.LoadAsync(db, ct);
        var clock = new DemoClock();
        var from = options.Until.AddYears(-options.Years).AddDays(1);
        clock.CheckCovers(world.ProvinceCode, from);

        var opened = false;
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
            opened = true;
        }
        try
        {
            var firstId = (await db.Petitions.MaxAsync(p => (long?)p.Id, ct) ?? 0) + 1;
            var petitionRate = Stopwatch.StartNew();
            var petitions = new PetitionGenerator(world, clock, options, from, firstId);
            long events = 0, hops = 0;
            // PostgreSQL: all petitions, their history and their hops are one load, with the tables' indexes and
            // foreign keys made once at the end.
            await using (var load = connection is NpgsqlConnection npgsql ? await PostgresBulkLoad.BeginAsync(npgsql, [PetitionColumns.Table, EventColumns.Table, HopColumns.Table], ct) : null)
            await using (var tuning = await SqliteTuning.ApplyAsync(connection, ct))
            await using (var petitionTable = TableSink.Create(connection, PetitionColumns.Table, PetitionColumns.All))
            await using (var eventTable = TableSink.Create(connection, EventColumns.Table, EventColumns.All))
            await using (var hopTable = TableSink.Create(connection, HopColumns.Table, HopColumns.All))
            {
                // A case, its history and its transfer chain go in the same batch transaction: all of them or none.
                var writer = new BatchWriter<PetitionRow>(connection,
                    (tx, batch, c) => petitionTable.WriteAsync(tx, batch, c),
                    (tx, batch, c) => eventTable.WriteAsync(tx, batch.SelectMany(r => r.Events), c),
                    (tx, batch, c) => hopTable.WriteAsync(tx, batch.SelectMany(r => r.Hops), c))
                { Within = load?.Transaction };
                var written = 0;
                await foreach (var chunk in Pipeline(petitions, personalData, ct))
                {
                    foreach (var row in chunk)
                    {
                        events += row.Events.Count;
                        hops += row.Hops.Count;
                        await writer.AddAsync(row, ct);
                        if (++written % ProgressEvery == 0)
                            logger.LogInformation("Demo data: {Count:N0} of {Total:N0} petitions ({Rate:N0}/s)", written, options.Petitions, written / petitionRate.Elapsed.TotalSeconds);
                    }
                }
                await writer.CompleteAsync(ct);
                if (load is not null)
                {
                    var keys = Stopwatch.StartNew();
                    await load.CompleteAsync(ct);
                    logger.LogInformation("Demo data: indexes and foreign keys of the petitions, history events and hops made in {Seconds:F1} s", keys.Elapsed.TotalSeconds);
                }
            }
            var petitionSeconds = petitionRate.Elapsed.TotalSeconds;
            if (connection is NpgsqlConnection && options.Petitions > 0)
            {
                // Ids were given explicitly (repeats point at their original): move the identity past them.
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = "SELECT setval(pg_get_serial_sequence('\"Petitions\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Petitions\"))";
                await cmd.ExecuteNonQueryAsync(ct);
            }

            var publications = new PublicationGenerator(world, clock, options, from).Rows();
            await Sunshine.Web.Features.Disclosure.Catalogue.DemoCatalogue.WriteItemsAsync(db, connection, publications, ct);
            await using (var table = TableSink.Create(connection, PublicationColumns.Table, PublicationColumns.All))
            {
                var writer = new BatchWriter<PublicationRow>(connection, (tx, batch, c) => table.WriteAsync(tx, batch, c));
                foreach (var row in publications) await writer.AddAsync(row, ct);
                await writer.CompleteAsync(ct);
            }

            var requests = new DisclosureRequestGenerator(world, clock, options, from).Rows();
            await using (var table = TableSink.Create(connection, DisclosureRequestColumns.Table, DisclosureRequestColumns.All))
            {
                var writer = new BatchWriter<DisclosureRequestRow>(connection, (tx, batch, c) => table.WriteAsync(tx, batch, c));
                foreach (var row in requests) await writer.AddAsync(row, ct);
                await writer.CompleteAsync(ct);
            }
            await Sunshine.Web.Features.Disclosure.AnnualReports.DemoDisclosureRecords.WriteAsync(db, options, ct);

            await Sunshine.Web.Features.Oversight.ZeroLedger.DemoScreenings.WriteAsync(db, personalData, options.Seed, options.Until, ct);
            await Sunshine.Web.Features.PublicReplies.DemoPortalContent.WriteAsync(db, personalData, options.Until, ct);
            await Sunshine.Web.Features.Oversight.Supervision.DemoSupervision.WriteAsync(db, options.Until, ct);
            watch.Stop();
            logger.LogInformation(
                "Demo data: {Petitions:N0} petitions ({Rate:N0}/s) with {Events:N0} history events and {Hops:N0} transfer hops, {Publications} publications, {Requests} disclosure requests, {From:yyyy-MM-dd}..{Until:yyyy-MM-dd}, seed {Seed}, in {Seconds:F1} s",
                options.Petitions, petitionSeconds > 0 ? options.Petitions / petitionSeconds : 0, events, hops, publications.Count, requests.Count, from, options.Until, options.Seed, watch.Elapsed.TotalSeconds);
            if (petitions.Sample is { } sample)
                logger.LogInformation("Demo data: try the public case query with {CaseNumber} and query code {QueryCode}", sample.CaseNumber, sample.QueryCode);
            return new DemoResult(options.Petitions, publications.Count, requests.Count, watch.Elapsed);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Generates petitions on a background thread, seals each chunk (encryption, keyed hashes) on all cores, and hands
    /// the chunks over in order while the caller writes the previous ones. Order matters: a repeat's original is written first.
    /// </summary>
    private static async IAsyncEnumerable<PetitionRow[]> Pipeline(PetitionGenerator generator, PersonalData personalData, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int chunkSize = 1_000;
        var queue = System.Threading.Channels.Channel.CreateBounded<PetitionRow[]>(new System.Threading.Channels.BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var parallel = new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var producer = Task.Run(async () =>
        {
            try
            {
                var chunk = new List<PetitionRow>(chunkSize);
                async Task FlushAsync()
                {
                    var rows = chunk.ToArray();
                    chunk.Clear();
                    Parallel.For(0, rows.Length, parallel, i => rows[i].Seal(personalData));
                    await queue.Writer.WriteAsync(rows, stop.Token);
                }
                foreach (var row in generator.Rows())
                {
                    chunk.Add(row);
                    if (chunk.Count == chunkSize) await FlushAsync();
                }
                if (chunk.Count > 0) await FlushAsync();
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            await foreach (var rows in queue.Reader.ReadAllAsync(ct)) yield return rows;
        }
        finally
        {
            // The writer stopped (done, failed or cancelled): stop the producer too, and wait for it.
            await stop.CancelAsync();
            try { await producer; }
            catch (OperationCanceledException) { /* stopped on purpose */ }
        }
    }

    /// <summary>The query code of the petition generated <paramref name="index"/>-th (0-based, in generation order) for a seed.
    /// Only its SHA-256 is stored; the demo can show it because it is derived from the seed.</summary>
    internal static string QueryCodeFor(int seed, long index)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var rng = Rng.For(seed ^ 0x51C0DE, index);
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = alphabet[rng.Next(alphabet.Length)];
        return new string(code);
    }

    internal static byte[] HashQueryCode(string code) => Sunshine.Web.Features.Petitions.PetitionConventions.HashQueryCode(code);

    /// <summary>The petition rule set code stored on a petition: the sets that define petition limits for the division on
    /// that date, general first (RuleBook.For merges disclosure and legal-route sets too, which do not fit the column).</summary>
    internal static string PetitionRuleSetCode(RuleBook book, string divisionCode, DateOnly receivedOn) =>
        Sunshine.Web.Features.Petitions.PetitionConventions.RuleSetCode(book, divisionCode, receivedOn);
}

/// <summary>xoshiro256** seeded through SplitMix64: fast, and the same on every runtime (System.Random's algorithm is not a contract).</summary>
internal struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public static Rng For(int seed, long index) => new(((ulong)(uint)seed << 32) ^ (ulong)index * 0x9E3779B97F4A7C15UL ^ 0xD1B54A32D192ED03UL);

    public static ulong Mix(ulong a, ulong b)
    {
        var x = a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2));
        return SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextU64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>0 ≤ result &lt; n.</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)Math.BigMul(NextU64(), (ulong)n, out _);

    /// <summary>min ≤ result ≤ max.</summary>
    public int Between(int min, int max) => max <= min ? min : min + Next(max - min + 1);

    public double NextDouble() => (NextU64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Index in [0, n) biased towards the front (for frequency-ordered lists).</summary>
    public int Front(int n)
    {
        var u = NextDouble();
        return Math.Min(n - 1, (int)(n * u * u));
    }

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>An index drawn by weight, from running sums of the weights (zero weights are never drawn).</summary>
    public int Weighted(int[] cumulative)
    {
        var x = Next(cumulative[^1]);
        // The first index whose running sum exceeds x.
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    public static int[] Cumulative(IEnumerable<int> weights)
    {
        var list = new List<int>();
        var sum = 0;
        foreach (var w in weights) list.Add(sum += w);
        return [.. list];
    }
}

/// <summary>Statutory dates from the shipped rule book and calendar, memoised: a run asks for the same few thousand.</summary>
internal sealed class DemoClock
{
    public RuleBook Book { get; } = RuleBook.Default;
    public HolidayCalendar Calendar { get; } = HolidayCalendar.Shipped;

    private readonly Dictionary<(string Division, DateOnly Date), PetitionRules> _petitionRules = [];
    private readonly Dictionary<TimeLimitRule, int> _ruleIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(int Rule, int Start, int Extension), DateOnly> _due = [];
    private readonly Dictionary<(string Code, string Division, DateOnly Date), TimeLimitRule> _rules = [];

    public void CheckCovers(string divisionCode, DateOnly from)
    {
        foreach (var code in new[] { RuleCodes.TransferOrAssign, RuleCodes.Handling, RuleCodes.DisclosureReply, RuleCodes.ProactivePublication })
        {
            try { Book.Rule(code, divisionCode, from); }
            catch (KeyNotFoundException e)
            {
                throw new ArgumentException($"The demo period starts on {from:yyyy-MM-dd}, before the shipped rules cover it: {e.Message}", e);
            }
        }
    }

    /// <summary>The petition limits in force for an item of the division received on the date. Rule sets change only on
    /// a few dates, so the lookup is memoised per division and per rule-set period.</summary>
    public PetitionRules Petition(string divisionCode, DateOnly receivedOn)
    {
        var key = (divisionCode, PeriodStart(receivedOn));
        if (_petitionRules.TryGetValue(key, out var rules)) return rules;
        var set = Book.For(divisionCode, receivedOn);
        TimeLimitRule Get(string code) => set.Rules.TryGetValue(code, out var r) ? r : throw new KeyNotFoundException($"No rule {code} for {divisionCode} on {receivedOn:yyyy-MM-dd}.");
        rules = new PetitionRules(
            DemoDataGenerator.PetitionRuleSetCode(Book, divisionCode, receivedOn),
            Get(RuleCodes.TransferOrAssign),
            set.Rules.TryGetValue(RuleCodes.ReceiptNotice, out var notice) ? notice : Get(RuleCodes.AcceptanceDecision),
            Get(RuleCodes.Handling),
            Get(RuleCodes.ReviewRequest),
            Get(RuleCodes.ReviewDecision),
            Get(RuleCodes.ReexaminationRequest),
            Get(RuleCodes.ReexaminationDecision),
            Get(RuleCodes.SatisfactionEvaluationWindow),
            set.Rules.GetValueOrDefault(RuleCodes.Objection));
        _petitionRules[key] = rules;
        return rules;
    }

    public TimeLimitRule Rule(string code, string divisionCode, DateOnly date)
    {
        var key = (code, divisionCode, PeriodStart(date));
        if (!_rules.TryGetValue(key, out var rule)) _rules[key] = rule = Book.Rule(code, divisionCode, date);
        return rule;
    }

    // The latest rule-set boundary on or before the date: within one period the applicable sets do not change.
    private DateOnly PeriodStart(DateOnly date)
    {
        var start = DateOnly.MinValue;
        foreach (var s in Book.Sets)
        {
            if (s.EffectiveFrom <= date && s.EffectiveFrom > start) start = s.EffectiveFrom;
            if (s.EffectiveTo is { } to && to < date && to.AddDays(1) > start) start = to.AddDays(1);
        }
        return start;
    }

    public DateOnly Due(TimeLimitRule rule, DateOnly start, int extension = 0)
    {
        if (!_ruleIds.TryGetValue(rule, out var id)) _ruleIds[rule] = id = _ruleIds.Count;
        var key = (id, start.DayNumber, extension);
        if (_due.TryGetValue(key, out var due)) return due;
        due = StatutoryClock.Compute(rule, start, Calendar, null,
            extension > 0 ? new ClockExtension(extension, start, "案情复杂，经负责人批准延期") : null).DueOn;
        _due[key] = due;
        return due;
    }

    public DateOnly Due(TimeLimitRule rule, DateOnly start, ClockPause pause) =>
        StatutoryClock.Compute(rule, start, Calendar, [pause]).DueOn;

    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = days >= 0 ? 1 : -1;
        for (var left = Math.Abs(days); left > 0;)
        {
            date = date.AddDays(step);
            if (Calendar.IsWorkingDay(date)) left--;
        }
        return date;
    }
}

internal sealed record PetitionRules(
    string RuleSetCode,
    TimeLimitRule Transfer,
    TimeLimitRule Acceptance,
    TimeLimitRule Handling,
    TimeLimitRule ReviewRequest,
    TimeLimitRule Review,
    TimeLimitRule ReexaminationRequest,
    TimeLimitRule Reexamination,
    TimeLimitRule EvaluationWindow,
    // 异议期限 (2022 Art. 23); the 2005 条例 had none.
    TimeLimitRule? Objection);

/// <summary>A township (or street) where problems happen and petitioners live, with its county and city.</summary>
internal sealed class Place(string code, string name, bool isStreet, int countyIndex)
{
    public string Code { get; } = code;
    public string Name { get; } = name;
    public bool IsStreet { get; } = isStreet;
    public int CountyIndex { get; } = countyIndex;
    private string[]? _villages;

    /// <summary>Twelve invented villages (or communities, in a street) per township, the same on every run.</summary>
    public string Village(int index)
    {
        if (_villages is null)
        {
            var names = new List<string>(12);
            var rng = new Rng(Rng.Mix(0x7111A6E, ulong.Parse(Code, CultureInfo.InvariantCulture)));
            while (names.Count < 12)
            {
                var name = IsStreet
                    ? rng.Pick(DemoText.CommunityNames) + "社区"
                    : rng.Pick(DemoText.VillagePrefixes) + rng.Pick(DemoText.VillageSuffixes);
                if (!names.Contains(name)) names.Add(name);
            }
            _villages = [.. names];
        }
        return _villages[index % _villages.Length];
    }
}

internal sealed class County(string code, string name, int cityIndex)
{
    public string Code { get; } = code;
    /// <summary>For text: 城区, 郊区 and 矿区 exist in several cities, so they carry the city's name.</summary>
    public string Name { get; set; } = name;
    public int CityIndex { get; } = cityIndex;
}

internal sealed record City(string Code, string Name);

/// <summary>The reference data the generator draws on: places, organisations and categories, read once from the database.</summary>
internal sealed class DemoWorld
{
    public string ProvinceCode { get; private set; } = "";
    public string ProvinceName { get; private set; } = "";
    public List<Place> Towns { get; } = [];
    public List<County> Counties { get; } = [];
    public List<City> Cities { get; } = [];
    public Dictionary<string, int> Bureaus { get; } = [];
    public Dictionary<string, int> Governments { get; } = [];
    /// <summary>Per division, the department for each <see cref="DemoDept"/> (0 = none: the government handles it).</summary>
    public Dictionary<string, int[]> Departments { get; } = [];
    public Dictionary<(string Top, string Sub), int> Categories { get; } = [];
    /// <summary>Every active unit's kind and parent: a government's parent is the government above; a department's or a
    /// bureau's is its own government.</summary>
    public Dictionary<int, (OrganisationKind Kind, int? ParentId)> Units { get; } = [];
    public Dictionary<string, int> TopCategories { get; } = [];
    public string ProvinceBureauName { get; private set; } = "";

    private static readonly (DemoDept Dept, string Key)[] DepartmentKeys =
    [
        (DemoDept.Police, "公安"), (DemoDept.HumanResources, "人力资源和社会保障"), (DemoDept.Housing, "住房和城乡建设"),
        (DemoDept.NaturalResources, "自然资源"), (DemoDept.Agriculture, "农业农村"), (DemoDept.Education, "教育"),
        (DemoDept.Health, "卫生健康"), (DemoDept.Ecology, "生态环境"), (DemoDept.CivilAffairs, "民政"),
        (DemoDept.Transport, "交通运输"), (DemoDept.Market, "市场监督管理"),
    ];

    public static async Task<DemoWorld> LoadAsync(SunshineDbContext db, CancellationToken ct)
    {
        var world = new DemoWorld();
        var divisions = await db.Divisions.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        var province = divisions.FirstOrDefault(d => d.Level == DivisionLevel.Province)
            ?? throw new InvalidOperationException("No province in the divisions table: load reference data before demo data.");
        world.ProvinceCode = province.Code;
        world.ProvinceName = province.Name;

        var cityIndex = new Dictionary<string, int>();
        foreach (var c in divisions.Where(d => d.Level == DivisionLevel.City))
        {
            cityIndex[c.Code] = world.Cities.Count;
            world.Cities.Add(new City(c.Code, c.Name));
        }
        var countyIndex = new Dictionary<string, int>();
        foreach (var c in divisions.Where(d => d.Level == DivisionLevel.County && d.ParentCode is not null && cityIndex.ContainsKey(d.ParentCode)))
        {
            if (c.Name.Contains("开发区", StringComparison.Ordinal) || c.Name.Contains("示范区", StringComparison.Ordinal) || c.Name.Contains("名胜区", StringComparison.Ordinal))
                continue;
            countyIndex[c.Code] = world.Counties.Count;
            var city = world.Cities[cityIndex[c.ParentCode!]];
            var ambiguous = divisions.Count(d => d.Level == DivisionLevel.County && d.Name == c.Name) > 1;
            world.Counties.Add(new County(c.Code, ambiguous ? city.Name + c.Name : c.Name, cityIndex[c.ParentCode!]));
        }
        foreach (var t in divisions.Where(d => d.Level == DivisionLevel.Township && d.ParentCode is not null && countyIndex.ContainsKey(d.ParentCode)))
        {
            var street = t.Name.EndsWith("街道", StringComparison.Ordinal);
            if (!street && !t.Name.EndsWith('乡') && !t.Name.EndsWith('镇')) continue; // 开发区、农场、监狱: not where demo petitions come from
            world.Towns.Add(new Place(t.Code, t.Name, street, countyIndex[t.ParentCode!]));
        }
        if (world.Towns.Count == 0)
            throw new InvalidOperationException("No townships in the divisions table: load reference data before demo data.");

        var organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Name, o.Kind, o.DivisionCode, o.ParentId }).ToListAsync(ct);
        foreach (var o in organisations)
        {
            world.Units[o.Id] = (o.Kind, o.ParentId);
            switch (o.Kind)
            {
                case OrganisationKind.PetitionBureau:
                    world.Bureaus.TryAdd(o.DivisionCode, o.Id);
                    break;
                case OrganisationKind.Government:
                    world.Governments.TryAdd(o.DivisionCode, o.Id);
                    break;
                case OrganisationKind.Department:
                    foreach (var (dept, key) in DepartmentKeys)
                    {
                        if (!o.Name.Contains(key, StringComparison.Ordinal)) continue;
                        if (!world.Departments.TryGetValue(o.DivisionCode, out var slots))
                            world.Departments[o.DivisionCode] = slots = new int[Enum.GetValues<DemoDept>().Length];
                        if (slots[(int)dept] == 0) slots[(int)dept] = o.Id;
                        break;
                    }
                    break;
            }
        }
        if (!world.Bureaus.TryGetValue(province.Code, out var provinceBureau))
            throw new InvalidOperationException("No petition bureau for the province: load reference data before demo data.");
        world.ProvinceBureauName = organisations.First(o => o.Id == provinceBureau).Name;

        var categories = await db.Categories.AsNoTracking().Where(c => c.Scheme == "2018").OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Level, c.ParentId }).ToListAsync(ct);
        var tops = categories.Where(c => c.Level == 1).ToDictionary(c => c.Id, c => c.Name);
        foreach (var (id, name) in tops) world.TopCategories.TryAdd(name, id);
        foreach (var c in categories.Where(c => c.Level == 2 && c.ParentId is not null && tops.ContainsKey(c.ParentId.Value)))
            world.Categories.TryAdd((tops[c.ParentId!.Value], c.Name), c.Id);
        return world;
    }

    public int? CategoryId(PetitionTemplate t) =>
        Categories.TryGetValue((t.Top, t.Sub), out var id) ? id : TopCategories.TryGetValue(t.Top, out var top) ? top : null;

    /// <summary>The bureau of the division, or of the nearest level above that has one.</summary>
    public int BureauFor(params string[] codesFromLowest)
    {
        foreach (var code in codesFromLowest)
            if (Bureaus.TryGetValue(code, out var id)) return id;
        return Bureaus[ProvinceCode];
    }

    /// <summary>
    /// The organ one level up that reviews the unit's handling (上一级机关, Art. 35) or re-examines a review (Art. 36):
    /// the government above the unit's own government, as the notices name it. Null above the province's government.
    /// </summary>
    public int? LevelAbove(int unit)
    {
        if (!Units.TryGetValue(unit, out var u) || u.ParentId is not { } parent) return null;
        if (u.Kind == OrganisationKind.Government) return parent;
        return Units.TryGetValue(parent, out var government) ? government.ParentId : null;
    }

    public int? UnitFor(string divisionCode, DemoDept dept)
    {
        if (dept != DemoDept.Government && Departments.TryGetValue(divisionCode, out var slots) && slots[(int)dept] != 0)
            return slots[(int)dept];
        return Governments.TryGetValue(divisionCode, out var gov) ? gov : null;
    }
}

/// <summary>A template split into literal text and slots, so rendering a million summaries is a few appends each.</summary>
internal sealed class CompiledText
{
    private readonly string[] _literals;
    private readonly int[] _slots; // -1 = literal

    private CompiledText(string[] literals, int[] slots)
    {
        _literals = literals;
        _slots = slots;
    }

    public static CompiledText Compile(string template, SlotTable table)
    {
        var literals = new List<string>();
        var slots = new List<int>();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                literals.Add(template[i..]);
                slots.Add(-1);
                break;
            }
            if (open > i)
            {
                literals.Add(template[i..open]);
                slots.Add(-1);
            }
            var close = template.IndexOf('}', open);
            if (close < 0) throw new FormatException($"Unclosed slot in demo template \"{template}\".");
            literals.Add("");
            slots.Add(table.Id(template[(open + 1)..close]));
            i = close + 1;
        }
        return new CompiledText([.. literals], [.. slots]);
    }

    public void Render(StringBuilder sb, SlotFiller filler)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] < 0) sb.Append(_literals[i]);
            else sb.Append(filler.Value(_slots[i]));
        }
    }

    public bool Uses(SlotTable table, params string[] kinds)
    {
        foreach (var s in _slots)
            if (s >= 0 && kinds.Contains(table.Kind(s))) return true;
        return false;
    }
}

/// <summary>The distinct slots (<c>kind</c> or <c>kind:argument</c>) of all templates, numbered.</summary>
internal sealed class SlotTable
{
    private readonly Dictionary<string, int> _ids = [];
    public List<(string Kind, string Arg, int Min, int Max)> Slots { get; } = [];

    public int Id(string slot)
    {
        if (_ids.TryGetValue(slot, out var id)) return id;
        var colon = slot.IndexOf(':');
        var kind = colon < 0 ? slot : slot[..colon];
        var arg = colon < 0 ? "" : slot[(colon + 1)..];
        int min = 0, max = 0;
        var dash = arg.IndexOf('-');
        if (dash > 0 && int.TryParse(arg[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                     && int.TryParse(arg[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            (min, max) = (a, b);
        id = Slots.Count;
        Slots.Add((kind, arg, min, max));
        _ids[slot] = id;
        return id;
    }

    public string Kind(int id) => Slots[id].Kind;
}

/// <summary>Fills slots for one petition: each slot is drawn once, so summary and text name the same village and company.</summary>
internal sealed class SlotFiller(SlotTable table, DemoWorld world)
{
    private string?[] _values = [];
    private Rng _rng;
    private Place _town = null!;
    private int _village;
    private int _year;
    private string _name = "";

    public void Reset(ulong textSeed, Place town, int village, int receivedYear, string name)
    {
        if (_values.Length != table.Slots.Count) _values = new string?[table.Slots.Count];
        else Array.Clear(_values);
        _rng = new Rng(textSeed);
        _town = town;
        _village = village;
        _year = receivedYear;
        _name = name;
    }

    public string Value(int id) => _values[id] ??= Draw(id);

    private string Draw(int id)
    {
        var (kind, arg, min, max) = table.Slots[id];
        var county = world.Counties[_town.CountyIndex];
        var city = world.Cities[county.CityIndex];
        return kind switch
        {
            "town" => _town.Name,
            "village" => _town.Village(_village),
            "county" => county.Name,
            "city" => city.Name,
            "name" => _name,
            "road" => _rng.Pick(DemoText.RoadNames),
            "estate" => _rng.Pick(DemoText.EstateNames),
            "company" => (_rng.Chance(0.5) ? "山西" : city.Name) + _rng.Pick(DemoText.CompanyWords) + arg + "有限公司",
            "n" or "months" => _rng.Between(min, max).ToString(CultureInfo.InvariantCulture),
            "year" => (_year - _rng.Between(min, max)).ToString(CultureInfo.InvariantCulture),
            "area" => FormatArea(_rng.Between(min * 10, max * 10)),
            "amount" => FormatMoney(LogUniform(ref _rng, min, max)),
            _ => throw new FormatException($"Unknown demo slot {{{kind}}}."),
        };
    }

    private static string FormatArea(int tenths) =>
        tenths % 10 == 0 ? (tenths / 10).ToString(CultureInfo.InvariantCulture) : (tenths / 10.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static long LogUniform(ref Rng rng, int min, int max)
    {
        var v = Math.Exp(Math.Log(Math.Max(min, 1)) + rng.NextDouble() * (Math.Log(Math.Max(max, min + 1)) - Math.Log(Math.Max(min, 1))));
        var step = v < 1_000 ? 10 : v < 10_000 ? 100 : v < 100_000 ? 1_000 : 10_000;
        return Math.Max(step, (long)Math.Round(v / step) * step);
    }

    private static string FormatMoney(long yuan) =>
        yuan < 10_000
            ? yuan.ToString(CultureInfo.InvariantCulture) + "元"
            : (yuan / 10_000.0).ToString("0.##", CultureInfo.InvariantCulture) + "万元";
}

/// <summary>One row of "Petitions", column for column.</summary>
internal sealed class PetitionRow
{
    public long Id;
    public string CaseNumber = "";
    public byte[] QueryCodeHash = [];
    public Channel Channel;
    public Purpose Purpose;
    public int? CategoryId;
    public string IssueLocalityCode = "";
    public string? ExternalId;
    public string PetitionerName = "";
    public string? IdNumberProtected;
    public string? PhoneProtected;
    public string? AddressProtected;
    public byte[]? PersonKey;
    public int HeadCount = 1;
    public bool IsCollective;
    public bool IsJointLetter;
    public bool IsFirstNationally = true;
    public bool IsRepeat;
    public long? OriginalPetitionId;
    public string Summary = "";
    public string Content = "";
    public DateOnly ReceivedOn;
    public DateTime RegisteredAt;
    public int RegisteringOrganisationId;
    public int? ResponsibleOrganisationId;
    public PetitionStatus Status;
    public string RuleSetCode = "";
    public DateOnly? TransferredOn;
    public DateOnly? AcceptedOn;
    public DateOnly? DueOn;
    public DateOnly? ConcludedOn;
    public HandlingOpinion? Opinion;
    public SatisfactionEvaluation? BureauEvaluation;
    public SatisfactionEvaluation? UnitEvaluation;
    public int? ExtensionDays;
    public DateOnly? ExtendedOn;
    public DateOnly? OpinionIssuedOn;
    public DateOnly? HandlingDueOn;

    /// <summary>The case history (PetitionEvents), in the order the steps happened, and the transfer chain (PetitionHops).</summary>
    public readonly List<EventRow> Events = new(6);
    public readonly List<HopRow> Hops = new(1);

    // Generation only, not stored.
    internal long Index;
    internal ulong PersonSeed;
    internal ulong TextSeed;
    internal int Template;
    internal int Town;
    internal DateOnly PlannedEnd;
    internal DateOnly? ReexaminedOn;
    // Plain personal data and query code until Seal encrypts and hashes them (the costly part, done in parallel).
    internal string? IdNumber;
    internal string? Phone;
    internal string? Address;
    internal string QueryCode = "";

    [ThreadStatic] private static IncrementalHash? _sha256;

    /// <summary>Encrypts the personal data (PIPL: stored encrypted), keys the person and hashes the query code. Thread-safe per row.</summary>
    internal void Seal(PersonalData personal)
    {
        IdNumberProtected = personal.Protect(IdNumber);
        PersonKey = personal.KeyedHash(IdNumber);
        PhoneProtected = personal.Protect(Phone);
        AddressProtected = personal.Protect(Address);
        var sha = _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.ASCII.GetBytes(QueryCode));
        QueryCodeHash = sha.GetHashAndReset();
        Phone = Address = null;
        foreach (var e in Events) e.Detail = e.Action == EventRow.RegisterCode ? RegisterDetail(e) : e.StepDetail();
    }

    /// <summary>The registration's particulars, as <c>RegisterPetition</c> writes them (without the clock's explanation lines).</summary>
    private string RegisterDetail(EventRow e) =>
        "{\"channel\":\"" + Channel + "\",\"due\":" + EventRow.Json(e.Due) + ",\"repeats\":["
        + (OriginalPetitionId is { } original ? original.ToString(CultureInfo.InvariantCulture) : "") + "]}";
}

/// <summary>One row of "PetitionEvents": a step of the case as the live workflow records it.</summary>
internal sealed class EventRow
{
    public static readonly string RegisterCode = Sunshine.Web.Features.Petitions.Workflow.PetitionActions.Code(PetitionAction.Register);

    public long PetitionId;
    public DateTime At;
    public DateOnly On;
    public string Action = "";
    public PetitionStatus? FromStatus;
    public PetitionStatus ToStatus;
    public int? OrganisationId;
    public int? TargetOrganisationId;
    public string? Reason;
    public string? Detail;
    public bool IsPublic;

    // The particulars that go into Detail (built with the other costly strings, in parallel).
    internal DateOnly? Due;
    internal LegalRoute? Route;
    internal HandlingOpinion? Opinion;
    internal int? Extension;
    internal DateOnly? ReportDueOn;

    private static readonly Dictionary<LegalRoute, (string Label, string Article)> RouteJson = LegalRoutes.All.ToDictionary(
        r => r, r => (System.Text.Json.JsonSerializer.Serialize(LegalRoutes.Label(r)), System.Text.Json.JsonSerializer.Serialize(LegalRoutes.Article(r))));

    /// <summary>The keys <c>PetitionActions</c> writes (route, article, opinion, extension, reportDueOn, due: the due date
    /// of the step the case is in afterwards), those without a value left out, like the clock's explanation lines.
    /// Readers look keys up (TryGetProperty), so a missing key reads as a null one; the history stays half the size.</summary>
    internal string StepDetail()
    {
        var json = new StringBuilder("{", 96);
        if (Route is { } r) json.Append("\"route\":").Append(RouteJson[r].Label).Append(",\"article\":").Append(RouteJson[r].Article).Append(',');
        if (Opinion is { } o) json.Append("\"opinion\":\"").Append(o).Append("\",");
        if (Extension is { } x) json.Append("\"extension\":").Append(x.ToString(CultureInfo.InvariantCulture)).Append(',');
        if (ReportDueOn is not null) json.Append("\"reportDueOn\":").Append(Json(ReportDueOn)).Append(',');
        if (Due is not null) json.Append("\"due\":").Append(Json(Due)).Append(',');
        if (json.Length > 1) json.Length--;
        return json.Append('}').ToString();
    }

    internal static string Json(DateOnly? date) => date is { } d ? "\"" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "\"" : "null";
}

/// <summary>One row of "PetitionHops".</summary>
internal sealed class HopRow
{
    public long PetitionId;
    public int FromOrganisationId;
    public int ToOrganisationId;
    public bool IsAssignment;
    public DateOnly SentOn;
    public DateOnly DueOn;
    public DateOnly? ReportDueOn;
    public DateOnly? AnsweredOn;
    public string? Outcome;
}

/// <summary>An original petition that its petitioner may file again later.</summary>
internal readonly record struct RepeatCandidate(long Id, ulong PersonSeed, ulong TextSeed, int Template, int Town, DateOnly ReceivedOn, DateOnly PlannedEnd, DateOnly? ReexaminedOn);

internal sealed record DemoSample(string CaseNumber, string QueryCode);

/// <summary>Petitions, day by day in date order; within a day in order of registration, so ids and case numbers follow time.</summary>
internal sealed class PetitionGenerator
{
    private readonly DemoWorld _world;
    private readonly DemoClock _clock;
    private readonly DemoOptions _options;
    private readonly DateOnly _from;
    private readonly long _firstId;
    private readonly SlotTable _slots = new();
    private readonly CompiledText[] _summaries;
    private readonly CompiledText[] _contents;
    private readonly bool[] _local;
    private readonly CompiledText[] _openers;
    private readonly CompiledText[] _urbanOpeners;
    private readonly bool[] _rural;
    private readonly CompiledText[] _closers;
    private readonly CompiledText[] _accusationClosers;
    private readonly CompiledText[] _suggestionClosers;
    private readonly int[] _topCumulative;
    private readonly int[] _topCumulativeWinter;
    private readonly int[][] _templatesByTop;
    private readonly int[][] _templateCumulative;
    private readonly LegalRoute[] _routes;
    private readonly SlotFiller _filler;
    private readonly StringBuilder _sb = new(1024);
    private readonly RepeatCandidate[] _ring;
    private int _ringCount;
    private int _ringNext;

    public DemoSample? Sample { get; private set; }

    // Channel shares per 1,000 on a working day (DOMAIN.md §1.1; 网信占比 around three quarters). On rest days the
    // reception halls and the post are closed: no letters, visits or faxes.
    private static readonly (Channel Channel, int Working, int RestDay)[] Channels =
    [
        (Channel.Online, 270, 270), (Channel.Mobile, 140, 140), (Channel.WeChat, 170, 170), (Channel.Letter, 110, 0),
        (Channel.Visit, 120, 0), (Channel.Phone, 60, 60), (Channel.Fax, 3, 0), (Channel.LeaderMailbox, 12, 12),
        (Channel.GovernorMailbox, 60, 60), (Channel.LeaderMessageBoard, 40, 40), (Channel.PremierMailbox, 15, 15),
    ];

    private static readonly int[] WorkingChannelCumulative = Rng.Cumulative(Channels.Select(c => c.Working));
    private static readonly int[] RestChannelCumulative = Rng.Cumulative(Channels.Select(c => c.RestDay));

    private static readonly string[] MobilePrefixes = ["135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "177", "199"];

    public PetitionGenerator(DemoWorld world, DemoClock clock, DemoOptions options, DateOnly from, long firstId)
    {
        _world = world;
        _clock = clock;
        _options = options;
        _from = from;
        _firstId = firstId;
        var templates = DemoText.Petitions;
        _summaries = [.. templates.Select(t => CompiledText.Compile(t.Summary, _slots))];
        _contents = [.. templates.Select(t => CompiledText.Compile(t.Content, _slots))];
        _local = [.. templates.Select((_, i) => _summaries[i].Uses(_slots, "town", "village") || _contents[i].Uses(_slots, "town", "village"))];
        _openers = [.. DemoText.Openers.Select(t => CompiledText.Compile(t, _slots))];
        _urbanOpeners = [.. DemoText.Openers.Where(t => !t.Contains("村民", StringComparison.Ordinal)).Select(t => CompiledText.Compile(t, _slots))];
        // Templates about villagers, village committees and farmland happen in townships, not in city streets.
        _rural = [.. templates.Select(t => t.Township || (t.Summary + t.Content).Contains("村", StringComparison.Ordinal))];
        _closers = [.. DemoText.Closers.Select(t => CompiledText.Compile(t, _slots))];
        _accusationClosers = [.. DemoText.AccusationClosers.Select(t => CompiledText.Compile(t, _slots))];
        _suggestionClosers = [.. DemoText.SuggestionClosers.Select(t => CompiledText.Compile(t, _slots))];
        _topCumulative = Rng.Cumulative(DemoText.TopWeights.Select(t => t.Weight));
        // Wages before the Spring Festival and heating in winter: 劳动和社会保障 weighs more from November to February.
        _topCumulativeWinter = Rng.Cumulative(DemoText.TopWeights.Select(t => t.Top == "劳动和社会保障" ? t.Weight * 8 / 5 : t.Weight));
        _templatesByTop = [.. DemoText.TopWeights.Select(top => templates.Select((t, i) => (t, i)).Where(x => x.t.Top == top.Top).Select(x => x.i).ToArray())];
        _templateCumulative = [.. _templatesByTop.Select(ids => Rng.Cumulative(ids.Select(i => templates[i].Weight)))];
        _routes = [.. templates.Select(RouteOf)];
        _filler = new SlotFiller(_slots, world);
        var days = options.Until.DayNumber - from.DayNumber + 1;
        var perDay = Math.Max(1, options.Petitions / Math.Max(1, days));
        _ring = new RepeatCandidate[Math.Clamp(perDay * 180, 256, 1 << 18)];
    }

    public IEnumerable<PetitionRow> Rows()
    {
        var counts = DailyCounts();
        var index = 0L;
        var nextId = _firstId;
        var day = new List<PetitionRow>();
        var perChannel = new int[16];
        for (var d = 0; d < counts.Length; d++)
        {
            var date = _from.AddDays(d);
            day.Clear();
            for (var i = 0; i < counts[d]; i++) day.Add(Make(date, index++));
            day.Sort((a, b) => a.RegisteredAt != b.RegisteredAt ? a.RegisteredAt.CompareTo(b.RegisteredAt) : a.Index.CompareTo(b.Index));
            Array.Clear(perChannel);
            var seq = 0;
            foreach (var row in day)
            {
                row.Id = nextId++;
                foreach (var e in row.Events) e.PetitionId = row.Id;
                foreach (var h in row.Hops) h.PetitionId = row.Id;
                row.CaseNumber = "XF" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (++seq).ToString("D6", CultureInfo.InvariantCulture);
                row.ExternalId = row.Channel switch
                {
                    Channel.GovernorMailbox => "SZXX" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (++perChannel[(int)row.Channel]).ToString("D5", CultureInfo.InvariantCulture),
                    Channel.LeaderMessageBoard => "LDLY" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (++perChannel[(int)row.Channel]).ToString("D5", CultureInfo.InvariantCulture),
                    Channel.PremierMailbox => "ZLXX" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (++perChannel[(int)row.Channel]).ToString("D5", CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (row.IsRepeat && row.OriginalPetitionId is null)
                    throw new InvalidOperationException("A repeat petition lost its original.");
                if (Sample is null && row.Index == 0)
                    Sample = new DemoSample(row.CaseNumber, DemoDataGenerator.QueryCodeFor(_options.Seed, 0));
                yield return row;
            }
            if (seq > 999_999) throw new InvalidOperationException($"More than 999,999 petitions on {date:yyyy-MM-dd}: the case number has 6 digits of sequence.");
            // Originals become repeat candidates from the next day on.
            foreach (var row in day)
            {
                if (row.IsRepeat || row.IdNumber is null) continue;
                _ring[_ringNext] = new RepeatCandidate(row.Id, row.PersonSeed, row.TextSeed, row.Template, row.Town, row.ReceivedOn, row.PlannedEnd, row.ReexaminedOn);
                _ringNext = (_ringNext + 1) % _ring.Length;
                _ringCount = Math.Min(_ringCount + 1, _ring.Length);
            }
        }
    }

    /// <summary>How many petitions each day gets: fewer at weekends and holidays, very few around the Spring Festival,
    /// slowly growing over the period. Integer arithmetic, so the split is exact and the same everywhere.</summary>
    internal long[] DailyCounts()
    {
        var days = _options.Until.DayNumber - _from.DayNumber + 1;
        var weights = new long[days];
        long total = 0;
        for (var d = 0; d < days; d++)
        {
            var date = _from.AddDays(d);
            long w = _clock.Calendar.IsWorkingDay(date) ? 1000 : _clock.Calendar.EntryOn(date)?.Kind == DayKind.PublicHoliday ? 250 : 330;
            if (SpringFestival.IsNear(date)) w = w * 30 / 100;
            w = w * (900 + 200L * d / days) / 1000;
            weights[d] = w;
            total += w;
        }
        var counts = new long[days];
        long cumulative = 0, assigned = 0;
        for (var d = 0; d < days; d++)
        {
            cumulative += weights[d];
            var upTo = (long)(((Int128)cumulative * _options.Petitions) / total);
            counts[d] = upTo - assigned;
            assigned = upTo;
        }
        return counts;
    }

    private PetitionRow Make(DateOnly date, long index)
    {
        var rng = Rng.For(_options.Seed, index);
        var row = new PetitionRow { Index = index, ReceivedOn = date };
        var working = _clock.Calendar.IsWorkingDay(date);
        var channel = Channels[rng.Weighted(working ? WorkingChannelCumulative : RestChannelCumulative)].Channel;
        row.Channel = channel;

        // Repeat petitions (重复信访): an earlier petitioner files the same matter again.
        RepeatCandidate? original = null;
        if (_ringCount > 0 && rng.Chance(0.10))
        {
            // People come back after a week or more, when the answer was slow or did not satisfy.
            var c = _ring[rng.Next(_ringCount)];
            if (c.ReceivedOn.AddDays(7) <= date) original = c;
        }

        int template;
        if (original is { } o)
        {
            template = o.Template;
            row.Town = o.Town;
            row.PersonSeed = o.PersonSeed;
            row.TextSeed = o.TextSeed;
            row.IsRepeat = true;
            row.OriginalPetitionId = o.Id;
            row.IsFirstNationally = false;
        }
        else
        {
            template = PickTemplate(ref rng, date);
            row.Town = rng.Next(_world.Towns.Count);
            for (var attempt = 0; attempt < 8 && _rural[template] && _world.Towns[row.Town].IsStreet; attempt++)
                row.Town = rng.Next(_world.Towns.Count);
            row.PersonSeed = rng.NextU64();
            row.TextSeed = rng.NextU64();
            row.IsFirstNationally = rng.Chance(0.95);
        }
        row.Template = template;
        var t = DemoText.Petitions[template];
        var town = _world.Towns[row.Town];
        var county = _world.Counties[town.CountyIndex];
        var city = _world.Cities[county.CityIndex];

        row.Purpose = t.Purpose == Purpose.Inquiry && channel is not (Channel.GovernorMailbox or Channel.LeaderMessageBoard or Channel.PremierMailbox or Channel.LeaderMailbox)
            ? Purpose.Other
            : t.Purpose;
        row.CategoryId = _world.CategoryId(t);
        row.IssueLocalityCode = _local[template] || Stable(row.TextSeed, 3) == 0 ? town.Code : county.Code;

        // The petitioner; a repeat petitioner is the same person, so the keyed hash matches.
        var person = Person(row.PersonSeed, town, county, city);
        row.HeadCount = 1;
        if (channel == Channel.Visit && rng.Chance(0.12))
            row.HeadCount = 5 + (int)(55 * Math.Pow(rng.NextDouble(), 2));
        else if (channel == Channel.Visit && rng.Chance(0.15))
            row.HeadCount = rng.Between(2, 4);
        else if (channel == Channel.Letter && rng.Chance(0.10))
        {
            row.HeadCount = rng.Between(2, 40);
            row.IsJointLetter = true;
        }
        row.IsCollective = channel == Channel.Visit && row.HeadCount >= 5;
        row.PetitionerName = row.HeadCount > 1 ? person.Name + "等" + row.HeadCount.ToString(CultureInfo.InvariantCulture) + "人" : person.Name;

        // Which details the channel carries: visits and online systems are real-name; mailboxes and letters often not.
        var idShare = channel switch
        {
            Channel.Visit or Channel.Online or Channel.Mobile or Channel.WeChat => 1.0,
            Channel.Letter => 0.7,
            Channel.Phone => 0.6,
            _ => 0.4,
        };
        if (row.IsRepeat || rng.Chance(idShare))
        {
            row.IdNumber = person.IdNumber;
        }
        if (rng.Chance(channel == Channel.Letter ? 0.7 : 0.97)) row.Phone = person.Phone;
        if (rng.Chance(channel is Channel.Letter or Channel.Visit ? 0.98 : 0.8)) row.Address = person.Address;

        // Text: the template's summary and content, with an opener and a closer around the content.
        _filler.Reset(row.TextSeed, town, person.Village, (original?.ReceivedOn ?? date).Year, person.Name);
        _sb.Clear();
        _summaries[template].Render(_sb, _filler);
        var summary = _sb.ToString();
        _sb.Clear();
        if (original is { } first)
        {
            row.Summary = summary.StartsWith("反映", StringComparison.Ordinal) ? "再次" + summary : "再次反映：" + summary;
            _sb.Append("本人曾于").Append(first.ReceivedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)).Append("反映此问题，至今未得到解决，现再次反映。");
        }
        else
        {
            row.Summary = summary;
            var openers = town.IsStreet ? _urbanOpeners : _openers;
            openers[Stable(row.TextSeed, openers.Length, 1)].Render(_sb, _filler);
        }
        _contents[template].Render(_sb, _filler);
        var closers = t.Purpose switch { Purpose.Accusation => _accusationClosers, Purpose.Suggestion => _suggestionClosers, _ => _closers };
        closers[Stable(row.TextSeed, closers.Length, 2)].Render(_sb, _filler);
        row.Content = _sb.ToString();

        // Who registers it: the bureau of the level that received it; mailboxes are the province's (or a city leader's board).
        var level = channel switch
        {
            Channel.GovernorMailbox or Channel.PremierMailbox => 0,
            Channel.LeaderMessageBoard => rng.Chance(0.3) ? 0 : 1,
            Channel.LeaderMailbox => rng.Chance(0.5) ? 1 : 2,
            _ => rng.Weighted(RegistrationLevels),
        };
        if (row.IsRepeat && level > 0 && rng.Chance(0.4)) level--; // 越级: repeat petitioners go a level up
        row.RegisteringOrganisationId = level switch
        {
            0 => _world.BureauFor(_world.ProvinceCode),
            1 => _world.BureauFor(city.Code),
            _ => _world.BureauFor(county.Code, city.Code),
        };
        row.ResponsibleOrganisationId = t.Township && rng.Chance(0.35)
            ? _world.UnitFor(town.Code, DemoDept.Government)
            : rng.Chance(0.15)
                ? _world.UnitFor(city.Code, t.Dept)
                : _world.UnitFor(county.Code, t.Dept);
        row.ResponsibleOrganisationId ??= _world.UnitFor(county.Code, DemoDept.Government);

        row.RegisteredAt = RegisteredAt(ref rng, date, channel, working);
        row.QueryCode = DemoDataGenerator.QueryCodeFor(_options.Seed, index);

        var merge = original is { } orig && orig.PlannedEnd > date && rng.Chance(0.5);
        Lifecycle(row, ref rng, t, merge, original?.ReexaminedOn);
        return row;
    }

    private static readonly int[] RegistrationLevels = Rng.Cumulative([10, 30, 60]);

    private int PickTemplate(ref Rng rng, DateOnly date)
    {
        var winter = date.Month is 11 or 12 or 1 or 2;
        for (var attempt = 0; ; attempt++)
        {
            var top = rng.Weighted(winter ? _topCumulativeWinter : _topCumulative);
            var ids = _templatesByTop[top];
            var id = ids[rng.Weighted(_templateCumulative[top])];
            // Heating complaints belong to the heating season.
            if (!winter && attempt < 3 && DemoText.Petitions[id].Summary.Contains("供暖", StringComparison.Ordinal)) continue;
            return id;
        }
    }

    /// <summary>A choice that depends only on the text seed, so a repeat re-renders the same words.</summary>
    private static int Stable(ulong seed, int n, int salt = 0) => (int)(Rng.Mix(seed, (ulong)salt + 0xABCDEF) % (ulong)n);

    private static DateTime RegisteredAt(ref Rng rng, DateOnly date, Channel channel, bool working)
    {
        int minutes;
        if (channel is Channel.Visit or Channel.Letter or Channel.Fax || (channel == Channel.Phone && working))
            minutes = rng.Chance(0.5) ? rng.Between(8 * 60 + 30, 12 * 60) : rng.Between(14 * 60 + 30, 17 * 60 + 30);
        else
        {
            // Online: around the clock, mostly by day and in the evening.
            var hour = rng.Weighted(OnlineHours);
            minutes = hour * 60 + rng.Next(60);
        }
        var local = date.ToDateTime(new TimeOnly(minutes / 60, minutes % 60, rng.Next(60)));
        return DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
    }

    private static readonly int[] OnlineHours = Rng.Cumulative([3, 2, 1, 1, 1, 2, 4, 8, 12, 14, 14, 12, 9, 9, 12, 13, 13, 11, 10, 11, 12, 12, 9, 5]);

    private readonly record struct PersonData(string Name, string IdNumber, string Phone, string Address, int Village);

    private static PersonData Person(ulong seed, Place town, County county, City city)
    {
        var rng = new Rng(seed);
        var female = rng.Chance(0.42);
        var name = DemoText.Surnames[rng.Front(DemoText.Surnames.Length)] + rng.Pick(female ? DemoText.FemaleGiven : DemoText.MaleGiven);
        var birth = new DateOnly(1945, 1, 1).AddDays(rng.Next(365 * 57));
        var seq = rng.Next(500) * 2 + (female ? 0 : 1);
        var body = county.Code[..6] + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("D3", CultureInfo.InvariantCulture);
        var id = body + IdCheckDigit(body);
        var phone = rng.Pick(MobilePrefixes) + rng.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var village = rng.Next(12);
        var address = town.IsStreet
            ? $"{city.Name}{county.Name}{town.Name}{town.Village(village)}{rng.Pick(DemoText.RoadNames)}{rng.Between(1, 300)}号{rng.Between(1, 30)}号楼{rng.Between(1, 6)}单元{rng.Between(1, 28)}0{rng.Between(1, 4)}室"
            : $"{city.Name}{county.Name}{town.Name}{town.Village(village)}{rng.Between(1, 400)}号";
        return new PersonData(name, id, phone, "山西省" + address, village);
    }

    /// <summary>GB 11643 check digit (ISO 7064 MOD 11-2).</summary>
    internal static char IdCheckDigit(string first17)
    {
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * weights[i];
        return "10X98765432"[sum % 11];
    }

    /// <summary>
    /// The case's path through the statute, then cut at <see cref="DemoOptions.Until"/>: what has happened by then is
    /// recorded, and the status and due date are those of the step the case is in. Each step that happened is also
    /// written to the case history as the live workflow writes it (<see cref="PetitionActions"/>), and each transfer to
    /// the transfer chain. History details (times of day, reasons, objections) come from a second random stream, so the
    /// case rows do not depend on them.
    /// </summary>
    private void Lifecycle(PetitionRow row, ref Rng rng, PetitionTemplate t, bool merge, DateOnly? originalReexaminedOn)
    {
        var until = _options.Until;
        var r = row.ReceivedOn;
        var rules = _clock.Petition(row.IssueLocalityCode, r);
        row.RuleSetCode = rules.RuleSetCode;
        var transferDue = _clock.Due(rules.Transfer, r);
        var bureau = row.RegisteringOrganisationId;
        BeginHistory(row, transferDue);

        if (merge)
        {
            // The same matter is still being handled: the bureau joins it to the original (《信访工作条例》第十九条).
            var mergedOn = r.AddDays(rng.Between(0, 3));
            row.PlannedEnd = mergedOn;
            row.DueOn = transferDue;
            if (mergedOn > until) { row.Status = PetitionStatus.Registered; return; }
            row.Status = PetitionStatus.Merged;
            row.ConcludedOn = mergedOn;
            Step(PetitionAction.Merge, mergedOn, PetitionStatus.Merged, bureau);
            return;
        }

        // Transfer or assignment within 15 日 (Art. 22); a few late.
        var transferredOn = rng.Chance(0.02)
            ? transferDue.AddDays(rng.Between(1, 10))
            : r.AddDays(Math.Min(1 + (int)(14 * Math.Pow(rng.NextDouble(), 2.2)), transferDue.DayNumber - r.DayNumber));
        var assigned = rng.Chance(0.05);
        var acceptanceDue = _clock.Due(rules.Acceptance, transferredOn);
        var acceptedOn = rng.Chance(0.03)
            ? acceptanceDue.AddDays(rng.Between(1, 8))
            : transferredOn.AddDays(Math.Min(1 + (int)(13 * Math.Pow(rng.NextDouble(), 1.6)), acceptanceDue.DayNumber - transferredOn.DayNumber));
        row.PlannedEnd = acceptedOn.AddDays(45);

        if (transferredOn > until)
        {
            row.Status = PetitionStatus.Registered;
            row.DueOn = transferDue;
            return;
        }
        row.TransferredOn = transferredOn;
        var unit = row.ResponsibleOrganisationId
            ?? throw new InvalidOperationException($"No unit to handle a petition about {row.IssueLocalityCode}: its county has no government.");
        MisdirectedTransfer(row, unit, transferredOn, transferDue);
        // 交办: the bureau sets when the completion report is due; the demo gives the unit the handling limit's length.
        DateOnly? reportDueOn = assigned ? _clock.Due(rules.Handling, transferredOn) : null;
        Step(assigned ? PetitionAction.Assign : PetitionAction.Transfer, transferredOn, assigned ? PetitionStatus.Assigned : PetitionStatus.Transferred,
            bureau, unit, due: acceptanceDue, reportDueOn: reportDueOn);
        var hop = Hop(row, bureau, unit, assigned, transferredOn, reportDueOn);
        Evaluate(ref rng, transferredOn, rules, until, 0.7, bureau: true, row, null);
        if (acceptedOn > until)
        {
            row.Status = assigned ? PetitionStatus.Assigned : PetitionStatus.Transferred;
            row.DueOn = acceptanceDue;
            return;
        }

        // At acceptance: not accepted, or routed to the legal channel (Art. 31), or accepted for handling.
        var opinionPath = PetitionWorkflow.OpinionPurposes.Contains(row.Purpose);
        if (opinionPath && originalReexaminedOn <= acceptedOn)
        {
            // The same facts and reasons were re-examined already: 不再受理 (Art. 36).
            row.AcceptedOn = acceptedOn;
            row.Status = PetitionStatus.Declined;
            row.DueOn = acceptanceDue;
            row.ConcludedOn = acceptedOn;
            row.PlannedEnd = acceptedOn;
            hop.AnsweredOn = acceptedOn;
            hop.Outcome = "declined";
            Step(PetitionAction.Refuse, acceptedOn, PetitionStatus.Declined, unit, reason: DemoText.RefusalReason);
            return;
        }
        if (rng.Chance(0.03) || (t.Legal ? rng.Chance(0.6) : t.Purpose is Purpose.Request or Purpose.Appeal && rng.Chance(0.03)))
        {
            row.AcceptedOn = acceptedOn;
            // Art. 31 (一)–(五) concern 申诉求决 items only: anything else that is not taken on is declined.
            var declined = rng.Chance(0.3) && !t.Legal;
            row.Status = declined || !opinionPath ? PetitionStatus.Declined : PetitionStatus.RoutedToLegalChannel;
            row.DueOn = acceptanceDue;
            row.ConcludedOn = acceptedOn;
            row.PlannedEnd = acceptedOn;
            hop.AnsweredOn = acceptedOn;
            if (row.Status == PetitionStatus.Declined)
            {
                hop.Outcome = "declined";
                Step(PetitionAction.Decline, acceptedOn, PetitionStatus.Declined, unit, reason: _story.Pick(DemoText.DeclineReasons));
            }
            else
            {
                hop.Outcome = "routed";
                var route = _routes[row.Template];
                Step(PetitionAction.RouteToLegalChannel, acceptedOn, PetitionStatus.RoutedToLegalChannel, unit, reason: RouteReasons[route], route: route);
            }
            return;
        }
        row.AcceptedOn = acceptedOn;
        hop.AnsweredOn = acceptedOn;
        hop.Outcome = "accepted";

        // Handling: 60 日 from acceptance, some extended by 30 日 (Art. 34), a few late.
        var handlingDue = _clock.Due(rules.Handling, acceptedOn);
        var extendedDue = _clock.Due(rules.Handling, acceptedOn, 30);
        // Only items that get a handling opinion run the 60 日 clock (PetitionClock.HandlingDue).
        Step(PetitionAction.Accept, acceptedOn, PetitionStatus.Accepted, unit, due: opinionPath ? handlingDue : null);
        var quick = t.Purpose is Purpose.Suggestion or Purpose.Inquiry or Purpose.Other;
        var span = handlingDue.DayNumber - acceptedOn.DayNumber;
        DateOnly concludedOn;
        DateOnly? extensionApproved = null;
        var roll = rng.NextDouble();
        if (!quick && roll < 0.07)
        {
            var approvedOn = acceptedOn.AddDays(rng.Between(Math.Max(1, span - 15), span));
            // The extension of Art. 34 belongs to items with a handling opinion; an accusation simply takes longer.
            if (opinionPath) extensionApproved = approvedOn;
            concludedOn = handlingDue.AddDays(rng.Between(1, extendedDue.DayNumber - handlingDue.DayNumber));
        }
        else if (roll < 0.10)
        {
            concludedOn = handlingDue.AddDays(rng.Between(1, 25));
        }
        else
        {
            var max = quick ? Math.Min(30, span) : span;
            concludedOn = acceptedOn.AddDays(Math.Max(quick ? 1 : 5, (int)(max * Math.Pow(rng.NextDouble(), quick ? 1.5 : 0.8))));
        }
        row.PlannedEnd = concludedOn;
        var dueNow = extensionApproved is { } approved && approved <= until ? extendedDue : handlingDue;
        if (opinionPath) row.HandlingDueOn = dueNow;

        if (rng.Chance(0.01))
        {
            var withdrawnOn = acceptedOn.AddDays(rng.Between(1, Math.Max(1, concludedOn.DayNumber - acceptedOn.DayNumber)));
            if (withdrawnOn <= until)
            {
                row.Status = PetitionStatus.Withdrawn;
                row.ConcludedOn = withdrawnOn;
                row.DueOn = withdrawnOn >= (extensionApproved ?? DateOnly.MaxValue) ? extendedDue : handlingDue;
                if (withdrawnOn >= (extensionApproved ?? DateOnly.MaxValue)) Extension(row, unit, extensionApproved!.Value, extendedDue);
                Step(PetitionAction.Withdraw, withdrawnOn, PetitionStatus.Withdrawn, unit, reason: _story.Pick(DemoText.WithdrawalReasons));
                return;
            }
        }
        if (extensionApproved is { } extendedOn && extendedOn <= until) Extension(row, unit, extendedOn, extendedDue);
        if (concludedOn > until)
        {
            row.Status = PetitionStatus.Accepted;
            row.DueOn = dueNow;
            return;
        }

        row.ConcludedOn = concludedOn;
        row.DueOn = extensionApproved is null ? handlingDue : extendedDue;
        if (!opinionPath)
        {
            // Suggestions are answered (Art. 29), accusations go to discipline inspection and inquiries are answered (Art. 30):
            // no handling opinion, no review route.
            row.Status = PetitionStatus.Concluded;
            if (row.Purpose == Purpose.Suggestion)
                Step(PetitionAction.ReplySuggestion, concludedOn, PetitionStatus.Concluded, unit, reason: _story.Pick(DemoText.SuggestionReplies));
            else
                Step(PetitionAction.Conclude, concludedOn, PetitionStatus.Concluded, unit);
            if (t.Purpose != Purpose.Accusation) Evaluate(ref rng, concludedOn, rules, until, 0.6, bureau: false, row, null);
            return;
        }

        // Handling opinion (Art. 32) and the petitioner's evaluation of the unit (§1.5).
        var o = rng.NextDouble();
        row.Opinion = o < 0.35 ? HandlingOpinion.Support : o < 0.85 ? HandlingOpinion.Explain : HandlingOpinion.Reject;
        row.OpinionIssuedOn = concludedOn;
        Evaluate(ref rng, concludedOn, rules, until, 0.75, bureau: false, row, row.Opinion);

        // Review (复查, Art. 35) and re-examination (复核, Art. 36) for a few, mostly the dissatisfied.
        var reviewRequestDue = _clock.Due(rules.ReviewRequest, concludedOn);
        Step(PetitionAction.IssueOpinion, concludedOn, PetitionStatus.OpinionIssued, unit, opinion: row.Opinion, due: reviewRequestDue);
        var wantsReview = rng.Chance(row.UnitEvaluation == SatisfactionEvaluation.Dissatisfied ? 0.35 : 0.015);
        var reviewRequestedOn = concludedOn.AddDays(rng.Between(5, reviewRequestDue.DayNumber - concludedOn.DayNumber));
        if (!wantsReview || reviewRequestedOn > until)
        {
            row.Status = until <= reviewRequestDue ? PetitionStatus.OpinionIssued : PetitionStatus.Concluded;
            // 审核认定办结 once the petitioner can no longer ask for a review.
            if (row.Status == PetitionStatus.Concluded)
                Step(PetitionAction.Conclude, reviewRequestDue.AddDays(_story.Between(1, Math.Min(10, until.DayNumber - reviewRequestDue.DayNumber))), PetitionStatus.Concluded, unit);
            return;
        }
        var reviewer = _world.LevelAbove(unit);
        var reviewDue = _clock.Due(rules.Review, reviewRequestedOn);
        var reviewedOn = reviewRequestedOn.AddDays(rng.Between(10, reviewDue.DayNumber - reviewRequestedOn.DayNumber));
        row.PlannedEnd = reviewedOn;
        row.DueOn = reviewDue;
        // The bureau records the request addressed to the organ one level up (Art. 35).
        Step(PetitionAction.RequestReview, reviewRequestedOn, PetitionStatus.UnderReview, bureau, reviewer, due: reviewDue);
        if (reviewedOn > until)
        {
            row.Status = PetitionStatus.UnderReview;
            row.ConcludedOn = null;
            return;
        }
        row.Status = PetitionStatus.Reviewed;
        row.ConcludedOn = reviewedOn;

        var reexamRequestDue = _clock.Due(rules.ReexaminationRequest, reviewedOn);
        // The review upholds the opinion: the case keeps it.
        Step(PetitionAction.IssueReviewOpinion, reviewedOn, PetitionStatus.Reviewed, reviewer, opinion: row.Opinion, due: reexamRequestDue);
        var reexamRequestedOn = reviewedOn.AddDays(rng.Between(5, reexamRequestDue.DayNumber - reviewedOn.DayNumber));
        if (!rng.Chance(0.3) || reexamRequestedOn > until) return;
        var reexaminer = reviewer is { } organ ? _world.LevelAbove(organ) : null;
        // A hearing (听证) for some; its days are not counted (Art. 36).
        DateOnly reexamDue;
        ClockPause? hearing = null;
        if (rng.Chance(0.2))
        {
            var hearingFrom = reexamRequestedOn.AddDays(rng.Between(5, 15));
            hearing = new ClockPause(hearingFrom, hearingFrom.AddDays(rng.Between(0, 2)), "听证");
            reexamDue = _clock.Due(rules.Reexamination, reexamRequestedOn, hearing);
        }
        else
        {
            reexamDue = _clock.Due(rules.Reexamination, reexamRequestedOn);
        }
        var reexaminedOn = reexamRequestedOn.AddDays(rng.Between(10, reexamDue.DayNumber - reexamRequestedOn.DayNumber));
        // No opinion while the hearing runs (Art. 36): it comes the day after it ends at the earliest.
        if (hearing is not null && reexaminedOn <= hearing.To) reexaminedOn = hearing.To.AddDays(1);
        row.PlannedEnd = reexaminedOn;
        row.DueOn = reexamDue;
        Step(PetitionAction.RequestReexamination, reexamRequestedOn, PetitionStatus.UnderReexamination, bureau, reexaminer,
            due: hearing is null ? reexamDue : _clock.Due(rules.Reexamination, reexamRequestedOn));
        if (hearing is not null && hearing.From <= until)
        {
            Step(PetitionAction.StartHearing, hearing.From, PetitionStatus.UnderReexamination, reexaminer,
                due: _clock.Due(rules.Reexamination, reexamRequestedOn, hearing with { To = hearing.From }));
            if (hearing.To <= until) Step(PetitionAction.EndHearing, hearing.To, PetitionStatus.UnderReexamination, reexaminer, due: reexamDue);
        }
        if (reexaminedOn > until)
        {
            row.Status = PetitionStatus.UnderReexamination;
            row.ConcludedOn = null;
            return;
        }
        row.Status = PetitionStatus.Reexamined;
        row.ConcludedOn = reexaminedOn;
        row.ReexaminedOn = reexaminedOn;
        Step(PetitionAction.IssueReexaminationOpinion, reexaminedOn, PetitionStatus.Reexamined, reexaminer, opinion: row.Opinion);
    }

    private const int HistorySalt = 0x4A15_7081;
    private static readonly int DepartmentCount = Enum.GetValues<DemoDept>().Length;
    private static readonly Dictionary<LegalRoute, string> RouteReasons = LegalRoutes.All.ToDictionary(r => r, r => DemoText.RouteReason(LegalRoutes.Label(r)));
    private static readonly string[] ActionCodes = [.. Enumerable.Range(0, Enum.GetValues<PetitionAction>().Max(a => (int)a) + 1)
        .Select(i => Enum.IsDefined((PetitionAction)i) ? PetitionActions.Code((PetitionAction)i) : "")];

    // The case whose history is being written, its status so far, the time of its last step, and the history's random stream.
    private PetitionRow _row = null!;
    private PetitionStatus _status;
    private DateTime _lastAt;
    private Rng _story;

    /// <summary>Where a legal-channel item goes (Art. 31 items 1–5), by what the template is about.</summary>
    private static LegalRoute RouteOf(PetitionTemplate t) =>
        t.Content.Contains("法院", StringComparison.Ordinal) ? LegalRoute.Litigation : t.Dept switch
        {
            DemoDept.HumanResources => LegalRoute.Arbitration,
            DemoDept.Police or DemoDept.Health => LegalRoute.Litigation,
            DemoDept.Government or DemoDept.NaturalResources or DemoDept.Agriculture or DemoDept.Housing => LegalRoute.AdministrativeProcedure,
            _ => LegalRoute.StatutoryDuty,
        };

    /// <summary>登记: the first event, at the moment of registration (as <c>RegisterPetition</c> writes it).</summary>
    private void BeginHistory(PetitionRow row, DateOnly transferDue)
    {
        _row = row;
        _story = Rng.For(_options.Seed ^ HistorySalt, row.Index);
        _status = PetitionStatus.Registered;
        _lastAt = row.RegisteredAt;
        row.Events.Add(new EventRow
        {
            At = row.RegisteredAt, On = row.ReceivedOn, Action = EventRow.RegisterCode, ToStatus = PetitionStatus.Registered,
            OrganisationId = row.RegisteringOrganisationId, Due = transferDue, IsPublic = PetitionActions.IsPublicStep(PetitionAction.Register),
        });
    }

    /// <summary>A step of the workflow, from the status the case is in to <paramref name="to"/>; <paramref name="due"/> is
    /// the due date of the step the case is in afterwards (what the live workflow puts in the detail).</summary>
    private void Step(PetitionAction action, DateOnly on, PetitionStatus to, int? organisation, int? target = null, string? reason = null,
        DateOnly? due = null, LegalRoute? route = null, HandlingOpinion? opinion = null, int? extension = null, DateOnly? reportDueOn = null)
    {
        _row.Events.Add(new EventRow
        {
            At = NextAt(on), On = on, Action = ActionCodes[(int)action], FromStatus = _status, ToStatus = to,
            OrganisationId = organisation, TargetOrganisationId = target, Reason = reason, IsPublic = PetitionActions.IsPublicStep(action),
            Due = due, Route = route, Opinion = opinion, Extension = extension, ReportDueOn = reportDueOn,
        });
        _status = to;
    }

    /// <summary>An instant in office hours on the legal date (China time, stored as UTC), after the case's previous step.</summary>
    private DateTime NextAt(DateOnly on)
    {
        var midnight = DateTime.SpecifyKind(on.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
        var minutes = _story.Chance(0.5) ? _story.Between(8 * 60 + 30, 12 * 60) : _story.Between(14 * 60 + 30, 17 * 60 + 30);
        var at = midnight.AddMinutes(minutes).AddSeconds(_story.Next(60));
        if (at <= _lastAt) at = _lastAt.AddMinutes(_story.Between(1, 40));
        // A step on the day of a late-evening registration: still that day, still after it.
        var lastOfDay = midnight.AddDays(1).AddSeconds(-1);
        if (at > lastOfDay) at = _lastAt.AddTicks((lastOfDay - _lastAt).Ticks / 2);
        return _lastAt = at;
    }

    /// <summary>A hop of the transfer chain. The receiving unit must object within 5 工作日 (Art. 23), or, where the rules
    /// in force on the day have no objection limit, answer within the acceptance limit — as PetitionActions sets it.</summary>
    private HopRow Hop(PetitionRow row, int from, int to, bool assignment, DateOnly sentOn, DateOnly? reportDueOn)
    {
        var rules = _clock.Petition(row.IssueLocalityCode, sentOn);
        var hop = new HopRow
        {
            FromOrganisationId = from, ToOrganisationId = to, IsAssignment = assignment, SentOn = sentOn, ReportDueOn = reportDueOn,
            DueOn = _clock.Due(rules.Objection ?? rules.Acceptance, sentOn),
        };
        row.Hops.Add(hop);
        return hop;
    }

    /// <summary>
    /// A few items first go to a unit that is not competent; it returns them with its reasons within the objection
    /// limit (异议, Art. 23), and the bureau sends them on to the right unit. The chain's 15 日 keep running.
    /// </summary>
    private void MisdirectedTransfer(PetitionRow row, int unit, DateOnly transferredOn, DateOnly transferDue)
    {
        var days = transferredOn.DayNumber - row.ReceivedOn.DayNumber;
        if (days < 2 || !_story.Chance(0.03)) return;
        var town = _world.Towns[row.Town];
        var county = _world.Counties[town.CountyIndex].Code;
        var wrong = _world.UnitFor(county, (DemoDept)_story.Next(DepartmentCount));
        if (wrong == unit) wrong = _world.UnitFor(town.Code, DemoDept.Government);
        if (wrong is not { } other || other == unit || other == row.RegisteringOrganisationId) return;

        var sentOn = row.ReceivedOn.AddDays(_story.Between(0, days / 2));
        var hop = Hop(row, row.RegisteringOrganisationId, other, false, sentOn, null);
        var objectedOn = sentOn.AddDays(_story.Between(1, 5));
        if (objectedOn > hop.DueOn) objectedOn = hop.DueOn;
        if (objectedOn > transferredOn) objectedOn = transferredOn;
        hop.AnsweredOn = objectedOn;
        hop.Outcome = "objected";
        var rules = _clock.Petition(row.IssueLocalityCode, row.ReceivedOn);
        Step(PetitionAction.Transfer, sentOn, PetitionStatus.Transferred, row.RegisteringOrganisationId, other, due: _clock.Due(rules.Acceptance, sentOn));
        // Back to the bureau, which routes it again within the chain's 15 日.
        Step(PetitionAction.Object, objectedOn, PetitionStatus.Registered, other, reason: _story.Pick(DemoText.ObjectionReasons), due: transferDue);
    }

    /// <summary>延期 (Art. 34): 30 日 more, approved by the unit's head while the limit runs.</summary>
    private void Extension(PetitionRow row, int unit, DateOnly approvedOn, DateOnly extendedDue)
    {
        row.ExtensionDays = 30;
        row.ExtendedOn = approvedOn;
        Step(PetitionAction.Extend, approvedOn, PetitionStatus.Accepted, unit, reason: _story.Pick(DemoText.ExtensionReasons), due: extendedDue, extension: 30);
    }

    /// <summary>The petitioner evaluates within the window after the reply (§1.5); some never do (超期未评价).</summary>
    private void Evaluate(ref Rng rng, DateOnly from, PetitionRules rules, DateOnly until, double share, bool bureau, PetitionRow row, HandlingOpinion? opinion)
    {
        var windowEnd = _clock.Due(rules.EvaluationWindow, from);
        var on = from.AddDays(rng.Between(0, windowEnd.DayNumber - from.DayNumber));
        var does = rng.Chance(share);
        var x = rng.NextDouble();
        if (!does || on > until) return;
        var (satisfied, fairly) = bureau
            ? (0.80, 0.14)
            : opinion switch
            {
                HandlingOpinion.Support => (0.88, 0.09),
                HandlingOpinion.Explain => (0.58, 0.27),
                HandlingOpinion.Reject => (0.22, 0.33),
                _ => (0.70, 0.20),
            };
        var value = x < satisfied ? SatisfactionEvaluation.Satisfied : x < satisfied + fairly ? SatisfactionEvaluation.FairlySatisfied : SatisfactionEvaluation.Dissatisfied;
        if (bureau) row.BureauEvaluation = value;
        else row.UnitEvaluation = value;
    }
}

/// <summary>Spring Festival (春节) dates, for the dip in petitions around it in years whose holiday notice is not loaded too.</summary>
internal static class SpringFestival
{
    private static readonly DateOnly[] Days =
    [
        new(2010, 2, 14), new(2011, 2, 3), new(2012, 1, 23), new(2013, 2, 10), new(2014, 1, 31), new(2015, 2, 19),
        new(2016, 2, 8), new(2017, 1, 28), new(2018, 2, 16), new(2019, 2, 5), new(2020, 1, 25), new(2021, 2, 12),
        new(2022, 2, 1), new(2023, 1, 22), new(2024, 2, 10), new(2025, 1, 29), new(2026, 2, 17), new(2027, 2, 6),
        new(2028, 1, 26), new(2029, 2, 13), new(2030, 2, 3), new(2031, 1, 23), new(2032, 2, 11), new(2033, 1, 31),
        new(2034, 2, 19), new(2035, 2, 8),
    ];

    /// <summary>From two days before New Year's Day of the lunar calendar to the sixth day after it.</summary>
    public static bool IsNear(DateOnly date)
    {
        foreach (var d in Days)
        {
            var delta = date.DayNumber - d.DayNumber;
            if (delta is >= -2 and <= 6) return true;
        }
        return false;
    }
}

internal sealed class PublicationRow
{
    public string IndexNumber = "";
    public string Title = "";
    public string Column = "";
    public string Outlet = "";
    public int OrganisationId;
    public string? DocumentNumber;
    public DateOnly FormedOn;
    public DateOnly PublishedOn;
    public string Body = "";
    public bool IsValid = true;
    public long? DisclosureItemId;
    public string? OutletCategory;
}

/// <summary>Proactive disclosure (主动公开) by the provincial bureau, with the seed report's columns, outlets and proportions.</summary>
internal sealed class PublicationGenerator(DemoWorld world, DemoClock clock, DemoOptions options, DateOnly from)
{
    public List<PublicationRow> Rows()
    {
        var rows = new List<PublicationRow>();
        if (options.Publications == 0) return rows;
        var rng = Rng.For(options.Seed ^ 0x0B11C, 0);
        var bureau = world.Bureaus[world.ProvinceCode];
        var bureauName = world.ProvinceBureauName;
        var until = options.Until;

        // Annual reports by 31 January (《政府信息公开条例》第四十九条) and the budget and final accounts, once a year each.
        var fixedItems = new List<(DateOnly Published, string Column, string Title)>();
        for (var year = from.Year; year <= until.Year; year++)
        {
            fixedItems.Add((WorkingDayOnOrAfter(new DateOnly(year, 1, rng.Between(10, 24))), DemoText.ColumnAnnualReport, $"{bureauName}{year - 1}年政府信息公开工作年度报告"));
            fixedItems.Add((WorkingDayOnOrAfter(new DateOnly(year, 2, rng.Between(10, 28))), DemoText.ColumnBudget, $"{bureauName}{year}年部门预算"));
            fixedItems.Add((WorkingDayOnOrAfter(new DateOnly(year, 7, rng.Between(15, 31))), DemoText.ColumnBudget, $"{bureauName}{year - 1}年部门决算"));
        }
        var dated = fixedItems.Where(f => f.Published >= from && f.Published <= until).Take(options.Publications).ToList();

        var columns = DemoText.PublicationColumns;
        var cumulative = Rng.Cumulative(columns.Select(c => c.Weight));
        var drafts = new List<(DateOnly Published, string Column, string Outlet, string Title)>();
        drafts.AddRange(dated.Select(d => (d.Published, d.Column, DemoText.OutletWebsite, d.Title)));
        var days = until.DayNumber - from.DayNumber + 1;
        while (drafts.Count < options.Publications)
        {
            var (column, outlet, _) = columns[rng.Weighted(cumulative)];
            var published = from.AddDays(rng.Next(days));
            if (outlet != DemoText.OutletWeChat) published = WorkingDayOnOrBefore(published, from);
            drafts.Add((published, column, outlet, Title(ref rng, column, outlet, published)));
        }
        drafts.Sort((a, b) => a.Published != b.Published ? a.Published.CompareTo(b.Published) : string.CompareOrdinal(a.Title, b.Title));

        var sequence = new Dictionary<int, int>();
        foreach (var (published, column, outlet, title) in drafts)
        {
            // Published within 20 工作日 of being formed (Art. 26), most at once, a few late.
            var x = rng.NextDouble();
            var lag = x < 0.6 ? 0 : x < 0.85 ? rng.Between(1, 5) : x < 0.95 ? rng.Between(6, 20) : rng.Between(21, 40);
            var formed = clock.AddWorkingDays(published, -lag);
            sequence[published.Year] = sequence.GetValueOrDefault(published.Year) + 1;
            var statutory = column is "法定主动公开内容" or "公告";
            rows.Add(new PublicationRow
            {
                IndexNumber = $"XF{world.ProvinceCode[..2]}-{published.Year}-{sequence[published.Year]:D5}",
                Title = title,
                Column = column,
                Outlet = outlet,
                OrganisationId = bureau,
                DocumentNumber = statutory && rng.Chance(0.6) ? $"晋信{(column == "公告" ? "公告" : "发")}〔{published.Year}〕{rng.Between(1, 40)}号" : null,
                FormedOn = formed,
                PublishedOn = published,
                Body = Body(ref rng, column, title, published, bureauName),
                IsValid = !(column == "法定主动公开内容" && published < until.AddYears(-2) && rng.Chance(0.25)),
            });
        }
        return rows;
    }

    private DateOnly WorkingDayOnOrAfter(DateOnly d)
    {
        while (!clock.Calendar.IsWorkingDay(d)) d = d.AddDays(1);
        return d;
    }

    private DateOnly WorkingDayOnOrBefore(DateOnly d, DateOnly floor)
    {
        var start = d;
        while (!clock.Calendar.IsWorkingDay(d) && d > floor) d = d.AddDays(-1);
        return clock.Calendar.IsWorkingDay(d) ? d : WorkingDayOnOrAfter(start);
    }

    private string Title(ref Rng rng, string column, string outlet, DateOnly published)
    {
        var city = world.Cities[rng.Next(world.Cities.Count)];
        var counties = world.Counties.Where(c => c.CityIndex == world.Cities.IndexOf(city)).ToList();
        var county = counties.Count > 0 ? counties[rng.Next(counties.Count)].Name : city.Name;
        var pattern = column switch
        {
            "法定主动公开内容" => rng.Pick(DemoText.StatutoryTitles),
            "公告" => rng.Pick(DemoText.NoticeTitles),
            "政策解读" or "政策宣传" => rng.Pick(DemoText.PolicyTitles),
            "省长信箱留言" => rng.Pick(DemoText.MailboxReplyTitles),
            "经验交流" => rng.Pick(DemoText.ExperienceTitles),
            _ => rng.Pick(DemoText.NewsTitles),
        };
        var title = pattern
            .Replace("{city}", city.Name, StringComparison.Ordinal)
            .Replace("{county}", county, StringComparison.Ordinal)
            .Replace("{topic}", rng.Pick(DemoText.NewsTopics), StringComparison.Ordinal)
            .Replace("{law}", rng.Pick(DemoText.LawTopics), StringComparison.Ordinal)
            .Replace("{article}", rng.Pick(DemoText.PolicyArticles), StringComparison.Ordinal)
            .Replace("{issue}", rng.Pick(DemoText.MailboxIssues), StringComparison.Ordinal)
            .Replace("{year}", published.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return outlet == DemoText.OutletWeChat && column == "工作动态" && rng.Chance(0.3) ? "【工作动态】" + title : title;
    }

    private static string Body(ref Rng rng, string column, string title, DateOnly published, string bureauName)
    {
        switch (column)
        {
            case DemoText.ColumnAnnualReport:
                return $"根据《中华人民共和国政府信息公开条例》规定，由{bureauName}办公室制定完成本报告，现予公布。报告包括总体情况、主动公开政府信息情况、" +
                       "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。";
            case DemoText.ColumnBudget:
                return $"按照预决算公开有关要求，现将{title}予以公开。主要内容包括部门职责及机构设置、收支总体情况、财政拨款收支情况、" +
                       "一般公共预算“三公”经费支出情况、政府采购情况等。";
            case "法定主动公开内容":
                return $"依据《中华人民共和国政府信息公开条例》第二十条，现公开{title}。如对本信息有疑问，请在工作日通过政府信息公开专用电话咨询。";
            case "公告":
                return $"{title}。来访群众请携带本人有效身份证件，按照接待场所的引导依序登记。也可通过网上信访、手机信访和微信信访反映诉求。特此公告。";
            case "政策解读" or "政策宣传":
                return "《信访工作条例》规定，信访人对信访处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关、单位的上一级机关、单位复查；" +
                       "对复查意见不服的，可以自收到书面答复之日起30日内向复查机关、单位的上一级机关、单位请求复核。" +
                       "属于诉讼、仲裁、行政复议等法定途径解决的事项，应当依照有关法律、行政法规规定的程序向有关机关提出。";
            case "省长信箱留言":
                return "网民您好！您反映的问题已收悉。经有关部门调查核实，现已督促责任单位依法依规办理，并将办理结果当面告知当事人。" +
                       "感谢您对我省工作的关注和支持。";
        }
        var date = published.ToString("M月d日", CultureInfo.InvariantCulture);
        var openings = new[]
        {
            $"{date}，{title}。",
            $"近日，{title}。",
            $"为深入贯彻落实《信访工作条例》，{title}。",
        };
        var middles = new[]
        {
            "会议强调，要坚持以人民为中心的发展思想，深入学习贯彻习近平总书记关于加强和改进人民信访工作的重要思想，把群众的每一件诉求办好办实。",
            "要坚持和发展新时代“枫桥经验”，推动信访工作重心下移，做到小事不出村、大事不出镇、矛盾不上交。",
            "要依法分类处理信访诉求，严格落实首办责任，提高按期办结率和群众满意率。",
            "要深化信访积案化解，落实领导包案，确保件件有着落、事事有回音。",
            "要加强网上信访工作，畅通群众诉求表达渠道，让数据多跑路、群众少跑腿。",
        };
        var ending = new[]
        {
            "各市、县（市、区）信访部门负责同志参加会议。",
            "下一步，全省信访系统将持续推进信访工作法治化，为全方位推动高质量发展营造和谐稳定的社会环境。",
            "",
        };
        var a = rng.Next(middles.Length);
        var b = (a + 1 + rng.Next(middles.Length - 1)) % middles.Length;
        return rng.Pick(openings) + middles[a] + middles[b] + rng.Pick(ending);
    }
}

internal sealed class DisclosureRequestRow
{
    public string RequestNumber = "";
    public int OrganisationId;
    public string ApplicantType = "";
    public string ApplicantName = "";
    public string Description = "";
    public DateOnly ReceivedOn;
    public DateOnly DueOn;
    public DateOnly? ConcludedOn;
    public string? Outcome;
    // Demo requests were handed in at the desk: the receipt date is the arrival date (Art. 31(一)), no fee charged.
    public int Channel = (int)Sunshine.Domain.Disclosure.RequestChannel.InPerson;
    public int Status => ConcludedOn is null ? (int)Sunshine.Data.Entities.DisclosureRequestStatus.InProgress : (int)Sunshine.Data.Entities.DisclosureRequestStatus.Concluded;
}

/// <summary>Disclosure requests (依申请公开) to the bureaus: 20 工作日 to reply (《政府信息公开条例》第三十三条).</summary>
internal sealed class DisclosureRequestGenerator(DemoWorld world, DemoClock clock, DemoOptions options, DateOnly from)
{
    public List<DisclosureRequestRow> Rows()
    {
        var rows = new List<DisclosureRequestRow>();
        if (options.DisclosureRequests == 0) return rows;
        var rng = Rng.For(options.Seed ^ 0xD15C, 0);
        var types = DemoText.ApplicantTypes;
        var typeCumulative = Rng.Cumulative(types.Select(t => t.Weight));
        var outcomes = DemoText.DisclosureOutcomes;
        var outcomeCumulative = Rng.Cumulative(outcomes.Select(o => o.Weight));
        var days = options.Until.DayNumber - from.DayNumber + 1;
        var received = new List<DateOnly>();
        for (var i = 0; i < options.DisclosureRequests; i++)
        {
            var d = from.AddDays(rng.Next(days));
            while (!clock.Calendar.IsWorkingDay(d) && d < options.Until) d = d.AddDays(1);
            received.Add(d);
        }
        received.Sort();

        var sequence = new Dictionary<int, int>();
        var slots = new SlotTable();
        var filler = new SlotFiller(slots, world);
        var descriptions = DemoText.DisclosureDescriptions.Select(t => CompiledText.Compile(t, slots)).ToArray();
        var sb = new StringBuilder();
        foreach (var receivedOn in received)
        {
            var x = rng.NextDouble();
            var town = world.Towns[rng.Next(world.Towns.Count)];
            var county = world.Counties[town.CountyIndex];
            var city = world.Cities[county.CityIndex];
            var (organisation, divisionCode) = x < 0.5 ? (world.BureauFor(world.ProvinceCode), world.ProvinceCode)
                : x < 0.8 ? (world.BureauFor(city.Code), city.Code)
                : (world.BureauFor(county.Code, city.Code), county.Code);
            var outcome = outcomes[rng.Weighted(outcomeCumulative)].Outcome;
            var personal = outcome is "不予处理/信访举报投诉类申请" or "不予处理/要求行政机关确认或重新出具已获取信息";
            var type = personal ? "自然人" : types[rng.Weighted(typeCumulative)].Type;
            var name = type switch
            {
                "自然人" => DemoText.Surnames[rng.Front(DemoText.Surnames.Length)] + rng.Pick(rng.Chance(0.4) ? DemoText.FemaleGiven : DemoText.MaleGiven),
                "商业企业" => city.Name + rng.Pick(DemoText.CompanyWords) + rng.Pick(new[] { "建筑工程", "房地产开发", "商贸", "煤业", "物业管理" }) + "有限公司",
                "科研机构" => rng.Pick(DemoText.ResearchNames),
                "社会公益组织" => city.Name + rng.Pick(DemoText.CompanyWords) + rng.Pick(DemoText.NonProfitSuffixes),
                "法律服务机构" => "山西" + rng.Pick(DemoText.CompanyWords) + "律师事务所",
                _ => county.Name + town.Name + (town.IsStreet ? rng.Pick(DemoText.CommunityNames) + "社区居民委员会" : town.Village(rng.Next(12)).TrimEnd('村') + "村民委员会"),
            };

            var description = outcome switch
            {
                "不予处理/信访举报投诉类申请" => 1,
                "不予处理/要求行政机关确认或重新出具已获取信息" => DemoText.DisclosureDescriptions.Length - 1,
                _ => rng.Next(DemoText.DisclosureDescriptions.Length - 1),
            };
            filler.Reset(rng.NextU64(), town, rng.Next(12), receivedOn.Year - 1, name);
            sb.Clear();
            descriptions[description].Render(sb, filler);

            var due = clock.Due(clock.Rule(RuleCodes.DisclosureReply, divisionCode, receivedOn), receivedOn);
            var y = rng.NextDouble();
            var concluded = y < 0.95
                ? clock.AddWorkingDays(receivedOn, Math.Max(1, (int)(20 * Math.Pow(rng.NextDouble(), 0.7))))
                : clock.AddWorkingDays(due, rng.Between(1, 10));
            if (concluded > due && y < 0.95) concluded = due;
            sequence[receivedOn.Year] = sequence.GetValueOrDefault(receivedOn.Year) + 1;
            rows.Add(new DisclosureRequestRow
            {
                RequestNumber = $"YSQ{receivedOn.Year}{sequence[receivedOn.Year]:D5}",
                OrganisationId = organisation,
                ApplicantType = type,
                ApplicantName = name,
                Description = sb.ToString(),
                ReceivedOn = receivedOn,
                DueOn = due,
                ConcludedOn = concluded <= options.Until ? concluded : null,
                Outcome = concluded <= options.Until ? outcome : null,
            });
        }
        return rows;
    }
}

/// <summary>
/// A larger page cache for this connection while the run lasts: the petition indexes take random inserts (person keys,
/// localities) and thrash SQLite's default 2 MB cache. Restored afterwards, since the connection goes back to the pool.
/// </summary>
internal sealed class SqliteTuning : IAsyncDisposable
{
    private readonly DbConnection? _connection;
    private readonly long _previous;

    private SqliteTuning(DbConnection? connection, long previous)
    {
        _connection = connection;
        _previous = previous;
    }

    public static async Task<SqliteTuning> ApplyAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection) return new SqliteTuning(null, 0);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA cache_size";
        var previous = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        cmd.CommandText = "PRAGMA cache_size = -262144"; // KiB: 256 MiB
        await cmd.ExecuteNonQueryAsync(ct);
        return new SqliteTuning(connection, previous);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null || _connection.State != ConnectionState.Open) return;
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA cache_size = " + _previous.ToString(CultureInfo.InvariantCulture);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>A column of a bulk insert: how a provider-neutral parameter gets its value and how COPY writes it.</summary>
internal sealed record BulkColumn<T>(string Name, Func<T, object?> Value, Action<NpgsqlBinaryImporter, T> Copy);

internal static class PetitionColumns
{
    public const string Table = "Petitions";

    public static readonly BulkColumn<PetitionRow>[] All =
    [
        new("Id", r => r.Id, (w, r) => w.Write(r.Id, NpgsqlDbType.Bigint)),
        new("CaseNumber", r => r.CaseNumber, (w, r) => w.Write(r.CaseNumber, NpgsqlDbType.Varchar)),
        new("QueryCodeHash", r => r.QueryCodeHash, (w, r) => w.Write(r.QueryCodeHash, NpgsqlDbType.Bytea)),
        new("Channel", r => (int)r.Channel, (w, r) => w.Write((int)r.Channel, NpgsqlDbType.Integer)),
        new("Purpose", r => (int)r.Purpose, (w, r) => w.Write((int)r.Purpose, NpgsqlDbType.Integer)),
        new("CategoryId", r => r.CategoryId, (w, r) => Copy.Int(w, r.CategoryId)),
        new("IssueLocalityCode", r => r.IssueLocalityCode, (w, r) => w.Write(r.IssueLocalityCode, NpgsqlDbType.Varchar)),
        new("ExternalId", r => r.ExternalId, (w, r) => Copy.Text(w, r.ExternalId)),
        new("PetitionerName", r => r.PetitionerName, (w, r) => w.Write(r.PetitionerName, NpgsqlDbType.Varchar)),
        new("IdNumberProtected", r => r.IdNumberProtected, (w, r) => Copy.Text(w, r.IdNumberProtected)),
        new("PhoneProtected", r => r.PhoneProtected, (w, r) => Copy.Text(w, r.PhoneProtected)),
        new("AddressProtected", r => r.AddressProtected, (w, r) => Copy.Text(w, r.AddressProtected)),
        new("PersonKey", r => r.PersonKey, (w, r) => Copy.Bytes(w, r.PersonKey)),
        new("HeadCount", r => r.HeadCount, (w, r) => w.Write(r.HeadCount, NpgsqlDbType.Integer)),
        new("IsCollective", r => r.IsCollective, (w, r) => w.Write(r.IsCollective, NpgsqlDbType.Boolean)),
        new("IsJointLetter", r => r.IsJointLetter, (w, r) => w.Write(r.IsJointLetter, NpgsqlDbType.Boolean)),
        new("IsFirstNationally", r => r.IsFirstNationally, (w, r) => w.Write(r.IsFirstNationally, NpgsqlDbType.Boolean)),
        new("IsRepeat", r => r.IsRepeat, (w, r) => w.Write(r.IsRepeat, NpgsqlDbType.Boolean)),
        // Every NOT NULL column is written: a table rebuilt by a later SQLite migration keeps no column defaults.
        new("IsLevelSkipping", _ => false, (w, _) => w.Write(false, NpgsqlDbType.Boolean)),
        new("IsProvinceVisit", _ => false, (w, _) => w.Write(false, NpgsqlDbType.Boolean)),
        new("IsBeijingVisit", _ => false, (w, _) => w.Write(false, NpgsqlDbType.Boolean)),
        new("IsThreatening", _ => false, (w, _) => w.Write(false, NpgsqlDbType.Boolean)),
        new("Version", _ => 0, (w, _) => w.Write(0, NpgsqlDbType.Integer)),
        new("OriginalPetitionId", r => r.OriginalPetitionId, (w, r) => Copy.Long(w, r.OriginalPetitionId)),
        new("Summary", r => r.Summary, (w, r) => w.Write(r.Summary, NpgsqlDbType.Varchar)),
        new("Content", r => r.Content, (w, r) => w.Write(r.Content, NpgsqlDbType.Text)),
        new("ReceivedOn", r => r.ReceivedOn, (w, r) => w.Write(r.ReceivedOn, NpgsqlDbType.Date)),
        new("RegisteredAt", r => r.RegisteredAt, (w, r) => w.Write(r.RegisteredAt, NpgsqlDbType.TimestampTz)),
        // Registered on the day it was received (RegisteredAt is that day in China time).
        new("RegisteredOn", r => r.ReceivedOn, (w, r) => w.Write(r.ReceivedOn, NpgsqlDbType.Date)),
        new("RegisteringOrganisationId", r => r.RegisteringOrganisationId, (w, r) => w.Write(r.RegisteringOrganisationId, NpgsqlDbType.Integer)),
        new("ResponsibleOrganisationId", r => r.ResponsibleOrganisationId, (w, r) => Copy.Int(w, r.ResponsibleOrganisationId)),
        new("Status", r => (int)r.Status, (w, r) => w.Write((int)r.Status, NpgsqlDbType.Integer)),
        new("RuleSetCode", r => r.RuleSetCode, (w, r) => w.Write(r.RuleSetCode, NpgsqlDbType.Varchar)),
        new("TransferredOn", r => r.TransferredOn, (w, r) => Copy.Date(w, r.TransferredOn)),
        new("AcceptedOn", r => r.AcceptedOn, (w, r) => Copy.Date(w, r.AcceptedOn)),
        new("DueOn", r => r.DueOn, (w, r) => Copy.Date(w, r.DueOn)),
        new("ConcludedOn", r => r.ConcludedOn, (w, r) => Copy.Date(w, r.ConcludedOn)),
        new("Opinion", r => (int?)r.Opinion, (w, r) => Copy.Int(w, (int?)r.Opinion)),
        new("BureauEvaluation", r => (int?)r.BureauEvaluation, (w, r) => Copy.Int(w, (int?)r.BureauEvaluation)),
        new("UnitEvaluation", r => (int?)r.UnitEvaluation, (w, r) => Copy.Int(w, (int?)r.UnitEvaluation)),
        new("ExtensionDays", r => r.ExtensionDays, (w, r) => Copy.Int(w, r.ExtensionDays)),
        new("ExtendedOn", r => r.ExtendedOn, (w, r) => Copy.Date(w, r.ExtendedOn)),
        new("OpinionIssuedOn", r => r.OpinionIssuedOn, (w, r) => Copy.Date(w, r.OpinionIssuedOn)),
        new("HandlingDueOn", r => r.HandlingDueOn, (w, r) => Copy.Date(w, r.HandlingDueOn)),
    ];
}

internal static class EventColumns
{
    public const string Table = "PetitionEvents";

    public static readonly BulkColumn<EventRow>[] All =
    [
        new("PetitionId", r => r.PetitionId, (w, r) => w.Write(r.PetitionId, NpgsqlDbType.Bigint)),
        new("At", r => r.At, (w, r) => w.Write(r.At, NpgsqlDbType.TimestampTz)),
        new("On", r => r.On, (w, r) => w.Write(r.On, NpgsqlDbType.Date)),
        new("Action", r => r.Action, (w, r) => w.Write(r.Action, NpgsqlDbType.Varchar)),
        new("FromStatus", r => (int?)r.FromStatus, (w, r) => Copy.Int(w, (int?)r.FromStatus)),
        new("ToStatus", r => (int)r.ToStatus, (w, r) => w.Write((int)r.ToStatus, NpgsqlDbType.Integer)),
        new("OrganisationId", r => r.OrganisationId, (w, r) => Copy.Int(w, r.OrganisationId)),
        new("TargetOrganisationId", r => r.TargetOrganisationId, (w, r) => Copy.Int(w, r.TargetOrganisationId)),
        new("Reason", r => r.Reason, (w, r) => Copy.Text(w, r.Reason)),
        new("Detail", r => r.Detail, (w, r) => Copy.Text(w, r.Detail)),
        new("IsPublic", r => r.IsPublic, (w, r) => w.Write(r.IsPublic, NpgsqlDbType.Boolean)),
    ];
}

internal static class HopColumns
{
    public const string Table = "PetitionHops";

    public static readonly BulkColumn<HopRow>[] All =
    [
        new("PetitionId", r => r.PetitionId, (w, r) => w.Write(r.PetitionId, NpgsqlDbType.Bigint)),
        new("FromOrganisationId", r => r.FromOrganisationId, (w, r) => w.Write(r.FromOrganisationId, NpgsqlDbType.Integer)),
        new("ToOrganisationId", r => r.ToOrganisationId, (w, r) => w.Write(r.ToOrganisationId, NpgsqlDbType.Integer)),
        new("IsAssignment", r => r.IsAssignment, (w, r) => w.Write(r.IsAssignment, NpgsqlDbType.Boolean)),
        new("SentOn", r => r.SentOn, (w, r) => w.Write(r.SentOn, NpgsqlDbType.Date)),
        new("DueOn", r => r.DueOn, (w, r) => w.Write(r.DueOn, NpgsqlDbType.Date)),
        new("ReportDueOn", r => r.ReportDueOn, (w, r) => Copy.Date(w, r.ReportDueOn)),
        new("AnsweredOn", r => r.AnsweredOn, (w, r) => Copy.Date(w, r.AnsweredOn)),
        new("Outcome", r => r.Outcome, (w, r) => Copy.Text(w, r.Outcome)),
    ];
}

internal static class PublicationColumns
{
    public const string Table = "Publications";

    public static readonly BulkColumn<PublicationRow>[] All =
    [
        new("IndexNumber", r => r.IndexNumber, (w, r) => w.Write(r.IndexNumber, NpgsqlDbType.Varchar)),
        new("Title", r => r.Title, (w, r) => w.Write(r.Title, NpgsqlDbType.Varchar)),
        new("Column", r => r.Column, (w, r) => w.Write(r.Column, NpgsqlDbType.Varchar)),
        new("Outlet", r => r.Outlet, (w, r) => w.Write(r.Outlet, NpgsqlDbType.Varchar)),
        new("OrganisationId", r => r.OrganisationId, (w, r) => w.Write(r.OrganisationId, NpgsqlDbType.Integer)),
        new("DocumentNumber", r => r.DocumentNumber, (w, r) => Copy.Text(w, r.DocumentNumber)),
        new("FormedOn", r => r.FormedOn, (w, r) => w.Write(r.FormedOn, NpgsqlDbType.Date)),
        new("PublishedOn", r => r.PublishedOn, (w, r) => w.Write(r.PublishedOn, NpgsqlDbType.Date)),
        new("Body", r => r.Body, (w, r) => w.Write(r.Body, NpgsqlDbType.Text)),
        new("IsValid", r => r.IsValid, (w, r) => w.Write(r.IsValid, NpgsqlDbType.Boolean)),
        new("DisclosureItemId", r => r.DisclosureItemId, (w, r) => Copy.Long(w, r.DisclosureItemId)),
        new("OutletCategory", r => r.OutletCategory, (w, r) => Copy.Text(w, r.OutletCategory)),
    ];
}

internal static class DisclosureRequestColumns
{
    public const string Table = "DisclosureRequests";

    public static readonly BulkColumn<DisclosureRequestRow>[] All =
    [
        new("RequestNumber", r => r.RequestNumber, (w, r) => w.Write(r.RequestNumber, NpgsqlDbType.Varchar)),
        new("OrganisationId", r => r.OrganisationId, (w, r) => w.Write(r.OrganisationId, NpgsqlDbType.Integer)),
        new("ApplicantType", r => r.ApplicantType, (w, r) => w.Write(r.ApplicantType, NpgsqlDbType.Varchar)),
        new("ApplicantName", r => r.ApplicantName, (w, r) => w.Write(r.ApplicantName, NpgsqlDbType.Varchar)),
        new("Description", r => r.Description, (w, r) => w.Write(r.Description, NpgsqlDbType.Text)),
        new("ReceivedOn", r => r.ReceivedOn, (w, r) => w.Write(r.ReceivedOn, NpgsqlDbType.Date)),
        new("DueOn", r => r.DueOn, (w, r) => w.Write(r.DueOn, NpgsqlDbType.Date)),
        new("ConcludedOn", r => r.ConcludedOn, (w, r) => Copy.Date(w, r.ConcludedOn)),
        new("Outcome", r => r.Outcome, (w, r) => Copy.Text(w, r.Outcome)),
        new("FeeFen", _ => 0L, (w, _) => w.Write(0L, NpgsqlDbType.Bigint)),
        new("Channel", r => r.Channel, (w, r) => w.Write(r.Channel, NpgsqlDbType.Integer)),
        new("Status", r => r.Status, (w, r) => w.Write(r.Status, NpgsqlDbType.Integer)),
        new("ArrivedOn", r => r.ReceivedOn, (w, r) => w.Write(r.ReceivedOn, NpgsqlDbType.Date)),
        new("AlreadyPublished", _ => false, (w, _) => w.Write(false, NpgsqlDbType.Boolean)),
        new("Version", _ => 0, (w, _) => w.Write(0, NpgsqlDbType.Integer)),
    ];
}

internal static class Copy
{
    public static void Int(NpgsqlBinaryImporter w, int? v) { if (v is { } x) w.Write(x, NpgsqlDbType.Integer); else w.WriteNull(); }
    public static void Long(NpgsqlBinaryImporter w, long? v) { if (v is { } x) w.Write(x, NpgsqlDbType.Bigint); else w.WriteNull(); }
    public static void Date(NpgsqlBinaryImporter w, DateOnly? v) { if (v is { } x) w.Write(x, NpgsqlDbType.Date); else w.WriteNull(); }
    public static void Text(NpgsqlBinaryImporter w, string? v) { if (v is not null) w.Write(v, NpgsqlDbType.Varchar); else w.WriteNull(); }
    public static void Bytes(NpgsqlBinaryImporter w, byte[]? v) { if (v is not null) w.Write(v, NpgsqlDbType.Bytea); else w.WriteNull(); }
}

/// <summary>
/// Collects items and writes them in batches of <see cref="DemoDataGenerator.BatchSize"/> on the DbContext's open
/// connection. A batch runs its steps in order (a petition before its history). Each batch is its own transaction, and a
/// failure rolls the whole batch back and rethrows, so no half batch is left behind; or, with <see cref="Within"/>,
/// every batch goes into the caller's transaction, which a failure leaves to the caller to roll back.
/// </summary>
internal sealed class BatchWriter<T>(DbConnection connection, params Func<DbTransaction, List<T>, CancellationToken, Task>[] steps)
{
    private readonly List<T> _batch = new(DemoDataGenerator.BatchSize);

    /// <summary>A transaction the caller owns (a <see cref="PostgresBulkLoad"/>): every batch is written in it, and a
    /// failure is left to the caller, who rolls it all back.</summary>
    public DbTransaction? Within { get; init; }

    public async ValueTask AddAsync(T item, CancellationToken ct)
    {
        _batch.Add(item);
        if (_batch.Count >= DemoDataGenerator.BatchSize) await FlushAsync(ct);
    }

    public Task CompleteAsync(CancellationToken ct) => _batch.Count > 0 ? FlushAsync(ct) : Task.CompletedTask;

    private async Task FlushAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (Within is { } outer)
        {
            foreach (var step in steps) await step(outer, _batch, ct);
            _batch.Clear();
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            foreach (var step in steps) await step(transaction, _batch, ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            try { await transaction.RollbackAsync(CancellationToken.None); }
            catch (InvalidOperationException) { /* already rolled back by the failure */ }
            catch (DbException) { /* the connection broke: the server drops the transaction */ }
            throw;
        }
        _batch.Clear();
    }
}

/// <summary>How rows get into one table inside a transaction the caller owns.</summary>
internal abstract class TableSink<T> : IAsyncDisposable
{
    public abstract Task WriteAsync(DbTransaction transaction, IEnumerable<T> rows, CancellationToken ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

internal static class TableSink
{
    public static TableSink<T> Create<T>(DbConnection connection, string table, BulkColumn<T>[] columns) =>
        connection is NpgsqlConnection npgsql
            ? new CopySink<T>(npgsql, table, columns)
            : new InsertSink<T>(connection, table, columns);
}

/// <summary>A prepared single-row INSERT reused for every row (SQLite, and any other provider).</summary>
internal sealed class InsertSink<T>(DbConnection connection, string table, BulkColumn<T>[] columns) : TableSink<T>
{
    private DbCommand? _command;
    private DbParameter[] _parameters = [];

    public override Task WriteAsync(DbTransaction transaction, IEnumerable<T> rows, CancellationToken ct)
    {
        if (_command is null)
        {
            _command = connection.CreateCommand();
#pragma warning disable CA2100 // table and column names are constants of this file; values go through parameters
            _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
#pragma warning restore CA2100
            _parameters = new DbParameter[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                var p = _command.CreateParameter();
                p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                _command.Parameters.Add(p);
                _parameters[i] = p;
            }
        }
        _command.Transaction = transaction;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Length; i++) _parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
            // Synchronous on purpose: Microsoft.Data.Sqlite has no real async I/O, and the await per row costs more than the insert.
            _command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_command is not null) await _command.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>PostgreSQL binary COPY, one COPY per batch inside the batch's transaction.</summary>
internal sealed class CopySink<T>(NpgsqlConnection connection, string table, BulkColumn<T>[] columns) : TableSink<T>
{
    private readonly string _copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";

    public override async Task WriteAsync(DbTransaction transaction, IEnumerable<T> rows, CancellationToken ct)
    {
        var importer = await connection.BeginBinaryImportAsync(_copy, ct);
        try
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var c in columns) c.Copy(importer, row);
            }
            await importer.CompleteAsync(ct);
        }
        finally
        {
            // Disposing without Complete cancels the COPY; the caller rolls the transaction back.
            try { await importer.DisposeAsync(); }
            catch (NpgsqlException) { /* the COPY already failed */ }
        }
    }
}
