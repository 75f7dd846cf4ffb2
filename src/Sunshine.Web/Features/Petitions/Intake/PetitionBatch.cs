using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Intake;

/// <summary>One registration waiting in a batch: what <see cref="RegisterPetition.RegisterAsync(RegisterPetitionRequest, int, UserScope?, SunshineDbContext, PersonalData, Audit, TimeProvider, IStringLocalizer{SharedResource}, RegisterPetition.ImportedRegistration?, CancellationToken)"/> takes for one row.</summary>
public sealed record PendingRegistration(RegisterPetitionRequest Request, int RegisteringOrganisationId, UserScope? Actor, RegisterPetition.ImportedRegistration? Imported = null);

/// <summary>
/// Registers many petitions in one transaction — the file import and the HTTP write queue — with every rule of
/// <see cref="RegisterPetition"/> applied row by row and the same result per row as registering them one after the
/// other: the same validation, the case number from the database id (ids allocated for the batch), the statutory
/// transfer deadline (Art. 22), the first history event, the audit entry, personal data encrypted and keyed-hashed,
/// the search entry and content fingerprint, and the repeat hints — earlier rows of the same batch count as earlier
/// petitions, as they would one by one.
/// </summary>
/// <remarks>
/// What costs per row in the one-by-one path is done once per batch: reference data (divisions, categories,
/// organisations) and the holiday calendar are read once; the repeat lookups are three queries for the whole batch
/// (the fingerprint buckets, the same persons' petitions, the content candidates) and the rest is matched in memory;
/// segmentation, fingerprints and encryption run on all cores before the transaction's writes; petitions, events,
/// audit entries and index rows are written with multi-row INSERTs (<see cref="BulkInsert{T}"/>). If the batch fails in
/// the database, nothing of it stays: the caller rolls back and registers its rows one by one
/// (<see cref="RegisterEachAsync"/>), so one bad row cannot lose the others.
/// </remarks>
public static class PetitionBatch
{
    /// <summary>The meter of intake: where a batch's time goes, per phase (for the benchmark and for operations).</summary>
    public const string MeterName = "Sunshine.Intake";

    private static readonly Meter IntakeMeter = new(MeterName);

    /// <summary>Milliseconds a batch spent in each phase, tagged <c>phase</c>.</summary>
    private static readonly Histogram<double> Phases = IntakeMeter.CreateHistogram<double>("sunshine.intake.batch.phase", "ms", "Time of one batch registration phase");

    internal static void Lap(Stopwatch watch, string phase)
    {
        Phases.Record(watch.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("phase", phase));
        watch.Restart();
    }

    private sealed class Row(PendingRegistration pending, int index)
    {
        public PendingRegistration Pending { get; } = pending;
        public int Index { get; } = index;
        public string Locality { get; set; } = "";
        public string? ExternalId { get; set; }
        public IReadOnlyList<string> Tokens { get; set; } = [];
        public string JoinedTokens { get; set; } = "";
        public long[] Bands { get; set; } = [];
        public byte[]? PersonKey { get; set; }
        public string QueryCode { get; set; } = "";
        public Deadline Due { get; set; } = null!;
        public Petition Petition { get; set; } = null!;
        public IReadOnlyList<RepeatCandidate> Found { get; set; } = [];
    }

    /// <summary>Registers the batch in the caller's transaction or in one of its own; one outcome per item, in order.</summary>
    public static async Task<RegisterPetition.Outcome[]> RegisterAsync(IReadOnlyList<PendingRegistration> items, SunshineDbContext db, PersonalData personalData,
        TimeProvider time, IStringLocalizer<SharedResource> L, HolidayCalendar? calendar, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var outcomes = new RegisterPetition.Outcome[items.Count];
        var today = ChinaTime.Today(time);
        var now = time.GetUtcNow().UtcDateTime;

        // Validation as in RegisterAsync: the rules without the database first, then the references for the whole batch.
        // Each list goes as one collection parameter (EF.Parameter), so EF keeps each query's SQL from group to group
        // instead of generating it again for every count of values.
        var problems = new Problems[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (request, _, _, imported) = items[i];
            problems[i] = RegisterPetition.Validate(request, today, L);
            if (imported?.FirstRegisteredOn is { } first)
                problems[i].Require(first <= today && first >= (request.ReceivedOn ?? first) && first >= new DateOnly(2000, 1, 1), "registeredOn", "ErrorRegisteredOn");
        }
        var localities = items.Select((p, i) => problems[i].Any ? null : p.Request.IssueLocalityCode?.Trim() ?? "").OfType<string>().Distinct().ToList();
        var knownLocalities = localities.Count == 0 ? new HashSet<string>() : (await db.Divisions.AsNoTracking().Where(d => EF.Parameter(localities).Contains(d.Code)).Select(d => d.Code).ToListAsync(ct)).ToHashSet();
        var categoryIds = items.Select(p => p.Request.CategoryId).OfType<int>().Distinct().ToList();
        var knownCategories = categoryIds.Count == 0 ? new HashSet<int>() : (await db.Categories.AsNoTracking().Where(c => EF.Parameter(categoryIds).Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var organisationIds = items.Select(p => p.Request.AccusedOrganisationId).OfType<int>().Concat(items.Select(p => p.RegisteringOrganisationId)).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => EF.Parameter(organisationIds).Contains(o.Id)).Select(o => new { o.Id, o.Kind }).ToDictionaryAsync(o => o.Id, o => o.Kind, ct);
        var rows = new List<Row>();
        for (var i = 0; i < items.Count; i++)
        {
            var request = items[i].Request;
            var locality = request.IssueLocalityCode?.Trim() ?? "";
            if (!problems[i].Any && !knownLocalities.Contains(locality)) problems[i].Add("issueLocalityCode", "ErrorUnknownDivision", locality);
            if (request.CategoryId is { } categoryId && !knownCategories.Contains(categoryId)) problems[i].Add("categoryId", "ErrorUnknownCategory");
            if (request.AccusedOrganisationId is { } accused && !organisations.ContainsKey(accused)) problems[i].Add("accusedOrganisationId", "ErrorUnknownOrganisation");
            if (problems[i].Any) outcomes[i] = new RegisterPetition.Outcome(null, problems[i]);
            else rows.Add(new Row(items[i], i) { Locality = locality, ExternalId = string.IsNullOrWhiteSpace(request.ExternalId) ? null : request.ExternalId.Trim() });
        }

        // A message already registered (channel + external id) answers with its case; a second copy in the same batch
        // with the case the first copy creates.
        var keyed = rows.Where(r => r.ExternalId is not null).ToList();
        var firstOfKey = new Dictionary<(Channel, string), Row>();
        if (keyed.Count > 0)
        {
            var existing = new Dictionary<(Channel, string), RegisteredPetition>();
            foreach (var channel in keyed.Select(r => r.Pending.Request.Channel).Distinct())
            {
                var externalIds = keyed.Where(r => r.Pending.Request.Channel == channel).Select(r => r.ExternalId!).Distinct().ToList();
                foreach (var known in await db.Petitions.AsNoTracking().Where(p => p.Channel == channel && EF.Parameter(externalIds).Contains(p.ExternalId!))
                    .Select(p => new { p.Id, p.CaseNumber, p.RegisteredOn, p.DueOn, p.ExternalId }).ToListAsync(ct))
                    existing[(channel, known.ExternalId!)] = new RegisteredPetition(known.Id, known.CaseNumber, null, known.DueOn ?? known.RegisteredOn, [], true, []);
            }
            foreach (var row in keyed)
            {
                var key = (row.Pending.Request.Channel, row.ExternalId!);
                if (existing.TryGetValue(key, out var known)) outcomes[row.Index] = new RegisterPetition.Outcome(known, null);
                else if (!firstOfKey.TryAdd(key, row)) outcomes[row.Index] = new RegisterPetition.Outcome(null, null); // filled in after the insert
            }
            rows.RemoveAll(r => outcomes[r.Index] is not null);
        }
        if (rows.Count == 0) return Finish(items, outcomes, firstOfKey);

        Lap(watch, "validate");

        // The work that needs no transaction, on all cores: segmenting, fingerprints, keyed hashes, encryption, deadlines.
        var holidays = calendar ?? await CalendarEndpoints.LoadAsync(db, ct);
        var petitions = new Petition[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = ct }, k =>
        {
            var row = rows[k];
            var (request, organisationId, actor, imported) = row.Pending;
            var registeredOn = imported?.FirstRegisteredOn ?? today;
            var petitioner = request.Petitioner!;
            row.Tokens = ChineseSegmenter.Tokens(request.Summary!.Trim() + "\n" + request.Content!.Trim());
            row.JoinedTokens = string.Join(' ', row.Tokens);
            row.Bands = ContentFingerprint.Bands(row.Tokens);
            row.PersonKey = personalData.KeyedHash(petitioner.IdNumber) ?? personalData.KeyedHash(petitioner.Phone);
            row.Due = StatutoryClock.Compute(RuleBook.Default.Rule(RuleCodes.TransferOrAssign, row.Locality, registeredOn), registeredOn, holidays);
            row.QueryCode = PetitionConventions.NewQueryCode();
            var receivedDirectly = organisations.TryGetValue(organisationId, out var kind) && kind != OrganisationKind.PetitionBureau;
            petitions[k] = row.Petition = RegisterPetition.NewPetition(request, row.Locality, row.ExternalId, row.PersonKey, row.QueryCode, registeredOn, row.Due, now,
                organisationId, receivedDirectly, actor, personalData);
        });

        Lap(watch, "prepare");

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var ids = await AllocateIdsAsync(db, rows.Count, ct);
        for (var k = 0; k < rows.Count; k++)
        {
            var petition = rows[k].Petition;
            petition.Id = ids[k];
            petition.CaseNumber = PetitionConventions.CaseNumber(petition.RegisteredOn, petition.Id);
        }
        Lap(watch, "ids");
        await FindRepeatsAsync(db, rows, watch, ct);

        await using (var insert = new BulkInsert<Petition>(db, withKey: true)) await insert.InsertAsync(petitions, ct);
        Lap(watch, "insert-petitions");
        // Hints name only cases the registrar may see (Art. 30), as RepeatHints decides for one petition — asked once
        // per scope for all the batch's candidates, earlier rows of the batch included (they are written now). The rows
        // are grouped by what the scope rule reads (WithinScope): each HTTP call brings its own UserScope, whose roles
        // set compares by reference, so grouping by the scope itself asked the database once per row of an intake group.
        var events = new List<PetitionEvent>(rows.Count);
        var audits = new List<AuditEntry>(rows.Count);
        var messages = new List<Notification>(rows.Count);
        foreach (var group in rows.GroupBy(r => r.Pending.Actor is { } a ? (a.OrganisationId, a.IncludeSubordinates, a.ScopePath, a.AtBureau) : ((int, bool, string, bool)?)null))
        {
            var all = group.SelectMany(r => r.Found).DistinctBy(f => f.PetitionId).ToList();
            var open = (await RepeatHints.ForAsync(db, group.First().Pending.Actor, all, today, ct)).ToDictionary(h => h.PetitionId, h => h.StillInLimit);
            foreach (var row in group)
            {
                var hints = row.Found.Where(f => open.ContainsKey(f.PetitionId))
                    .Select(f => new RepeatHint(f.PetitionId, f.CaseNumber, f.ReceivedOn, f.Reason, f.Similarity, open[f.PetitionId])).ToList();
                outcomes[row.Index] = new RegisterPetition.Outcome(new RegisteredPetition(row.Petition.Id, row.Petition.CaseNumber, row.QueryCode,
                    row.Due.DueOn, row.Due.Explanation, false, hints), null);
            }
        }
        Lap(watch, "hints");
        foreach (var row in rows)
        {
            var (_, _, actor, imported) = row.Pending;
            var petition = row.Petition;
            var hints = outcomes[row.Index].Registered!.PossibleRepeats;
            events.Add(RegisterPetition.RegistrationEvent(petition, actor, row.Due, hints, now));
            audits.Add(RegisterPetition.RegistrationAudit(petition, actor, now));
            if (imported is null && Notifications.PetitionerMessages.Registered(personalData, L, petition, row.QueryCode, now) is { } message) messages.Add(message);
        }
        Lap(watch, "events-messages");
        await using (var insert = new BulkInsert<PetitionEvent>(db, withKey: false)) await insert.InsertAsync(events, ct);
        await using (var insert = new BulkInsert<AuditEntry>(db, withKey: false)) await insert.InsertAsync(audits, ct);
        await using (var insert = new BulkInsert<Notification>(db, withKey: false)) await insert.InsertAsync(messages, ct);
        Lap(watch, "insert-events-audit-messages");
        await using (var insert = new BulkInsert<PetitionSearchEntry>(db, withKey: true))
            await insert.InsertAsync(rows.Select(r => new PetitionSearchEntry { PetitionId = r.Petition.Id, Tokens = r.JoinedTokens }).ToList(), ct);
        // The (Band, Hash) index takes the rows in its own order: each of its pages is visited once per batch.
        await using (var insert = new BulkInsert<PetitionFingerprint>(db, withKey: true))
            await insert.InsertAsync(rows.SelectMany(r => r.Bands.Select((hash, band) => new PetitionFingerprint { PetitionId = r.Petition.Id, Band = band, Hash = hash }))
                .OrderBy(f => f.Band).ThenBy(f => f.Hash).ToList(), ct);
        Lap(watch, "insert-index");

        // What an import adds to a row (national import: its takeover event and audit) lands in the same transaction.
        // The petition is attached unchanged first, so what Complete changes on it is saved as an update.
        foreach (var row in rows.Where(r => r.Pending.Imported?.Complete is not null))
        {
            db.Petitions.Attach(row.Petition);
            row.Pending.Imported!.Complete!(row.Petition);
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        Lap(watch, "imported-extras");
        if (tx is not null) await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        Lap(watch, "commit");
        return Finish(items, outcomes, firstOfKey);
    }

    /// <summary>The fallback after a failed batch: each item alone through the one-by-one path, each in its own transaction.</summary>
    public static async Task<RegisterPetition.Outcome?[]> RegisterEachAsync(IReadOnlyList<PendingRegistration> items, SunshineDbContext db, PersonalData personalData,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, Action<int, Exception> failed, CancellationToken ct)
    {
        var outcomes = new RegisterPetition.Outcome?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            db.ChangeTracker.Clear();
            try
            {
                outcomes[i] = await RegisterPetition.RegisterAsync(items[i].Request, items[i].RegisteringOrganisationId, items[i].Actor, db, personalData, audit, time, L, items[i].Imported, ct);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
            {
                failed(i, ex);
            }
        }
        db.ChangeTracker.Clear();
        return outcomes;
    }

    private static RegisterPetition.Outcome[] Finish(IReadOnlyList<PendingRegistration> items, RegisterPetition.Outcome[] outcomes, Dictionary<(Channel, string), Row> firstOfKey)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (outcomes[i] is not { Registered: null, Problems: null }) continue;
            var request = items[i].Request;
            var first = outcomes[firstOfKey[(request.Channel, request.ExternalId!.Trim())].Index].Registered!;
            outcomes[i] = new RegisterPetition.Outcome(new RegisteredPetition(first.Id, first.CaseNumber, null, first.TransferDueOn, [], true, []), null);
        }
        return outcomes;
    }

    /// <summary>
    /// Petition ids for the batch, so each case number (XF + date + id) is known before the insert. SQLite: the batch
    /// holds the database's write lock (its transaction began IMMEDIATE), so the ids after the largest are free.
    /// PostgreSQL: taken from the identity sequence, as inserts by other nodes take theirs.
    /// </summary>
    private static async Task<long[]> AllocateIdsAsync(SunshineDbContext db, int count, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var ids = new long[count];
        if (connection is Npgsql.NpgsqlConnection)
        {
            command.CommandText = """SELECT nextval(pg_get_serial_sequence('"Petitions"', 'Id')) FROM generate_series(1, @n)""";
            var n = command.CreateParameter();
            n.ParameterName = "@n";
            n.Value = count;
            command.Parameters.Add(n);
            await using var reader = await command.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++) ids[i] = reader.GetInt64(0);
            Array.Sort(ids);
            return ids;
        }
        command.CommandText = """SELECT COALESCE(MAX("Id"), 0) FROM "Petitions" """;
        var max = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++) ids[i] = max + 1 + i;
        return ids;
    }

    private sealed record Stored(long Id, string CaseNumber, DateOnly ReceivedOn, byte[]? PersonKey, string? Tokens);

    /// <summary>
    /// The newest <see cref="RepeatFinder.PerBand"/> petition ids of each (band, hash) bucket, newest first, read from the
    /// (Band, Hash, PetitionId) index in the batch's transaction. SQLite runs in the process: one prepared statement
    /// executed per bucket costs microseconds and reads at most PerBand entries. PostgreSQL: one round trip, the buckets
    /// as two arrays and a LATERAL index range per bucket.
    /// </summary>
    private static async Task<Dictionary<(int Band, long Hash), List<long>>> NewestOfBucketsAsync(SunshineDbContext db, List<(int Band, long Hash)> buckets, CancellationToken ct)
    {
        var stored = new Dictionary<(int Band, long Hash), List<long>>();
        if (buckets.Count == 0) return stored;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var perBand = RepeatFinder.PerBand.ToString(CultureInfo.InvariantCulture);
        if (connection is Npgsql.NpgsqlConnection)
        {
#pragma warning disable CA2100 // a whole number constant; the buckets are parameters
            command.CommandText = $"""
                SELECT h.band, h.hash, f."PetitionId" FROM unnest(@bands, @hashes) AS h(band, hash)
                CROSS JOIN LATERAL (SELECT "PetitionId" FROM "PetitionFingerprints" WHERE "Band" = h.band AND "Hash" = h.hash ORDER BY "PetitionId" DESC LIMIT {perBand}) AS f
                """;
#pragma warning restore CA2100
            command.Parameters.Add(new Npgsql.NpgsqlParameter<int[]>("bands", buckets.Select(b => b.Band).ToArray()));
            command.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("hashes", buckets.Select(b => b.Hash).ToArray()));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) Add((reader.GetInt32(0), reader.GetInt64(1)), reader.GetInt64(2));
            // Newest first within each bucket, as the ranges were read (the join keeps no order across them).
            foreach (var list in stored.Values) list.Sort((x, y) => y.CompareTo(x));
            return stored;
        }
#pragma warning disable CA2100 // a whole number constant; band and hash are parameters
        command.CommandText = $"""SELECT "PetitionId" FROM "PetitionFingerprints" WHERE "Band" = @band AND "Hash" = @hash ORDER BY "PetitionId" DESC LIMIT {perBand}""";
#pragma warning restore CA2100
        var band = command.CreateParameter();
        band.ParameterName = "@band";
        band.DbType = System.Data.DbType.Int32;
        var hash = command.CreateParameter();
        hash.ParameterName = "@hash";
        hash.DbType = System.Data.DbType.Int64;
        command.Parameters.Add(band);
        command.Parameters.Add(hash);
        command.Prepare();
        foreach (var bucket in buckets)
        {
            band.Value = bucket.Band;
            hash.Value = bucket.Hash;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) Add(bucket, reader.GetInt64(0));
        }
        return stored;

        void Add((int Band, long Hash) key, long id)
        {
            if (!stored.TryGetValue(key, out var list)) stored[key] = list = [];
            list.Add(id);
        }
    }

    /// <summary>
    /// <see cref="RepeatFinder.FindAsync"/> for every row of the batch at once, each row seeing the stored petitions and
    /// the batch's earlier rows (newer than anything stored) as one-by-one registration would: the newest
    /// <see cref="RepeatFinder.PerBand"/> petitions of each of its fingerprint buckets, the <see cref="RepeatFinder.ToConfirm"/> sharing the most
    /// bands, the same person's petitions, all within the window, the newest confirmed by similarity.
    /// </summary>
    private static async Task FindRepeatsAsync(SunshineDbContext db, List<Row> rows, Stopwatch watch, CancellationToken ct)
    {
        // 1. The stored newest PerBand of every bucket the batch touches, each bucket an index range that stops after
        // PerBand entries, as RepeatFinder reads it. (A ROW_NUMBER over the buckets read every bucket whole — a form
        // letter's buckets hold thousands — and cost twice as much at 100,000 petitions.)
        var buckets = rows.SelectMany(r => r.Bands.Select((hash, band) => (Band: band, Hash: hash))).Distinct().ToList();
        var stored = await NewestOfBucketsAsync(db, buckets, ct);

        Lap(watch, "repeats-buckets");

        // 2. Per row, the content candidates as RepeatFinder picks them; the batch's earlier rows are the newest in a bucket.
        var batchBuckets = new Dictionary<(int Band, long Hash), List<Row>>();
        var contentIds = new List<long>[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            var shared = new Dictionary<long, int>();
            for (var band = 0; band < row.Bands.Length; band++)
            {
                var key = (band, row.Bands[band]);
                var taken = 0;
                if (batchBuckets.TryGetValue(key, out var earlier))
                {
                    for (var e = earlier.Count - 1; e >= 0 && taken < RepeatFinder.PerBand; e--, taken++)
                        shared[earlier[e].Petition.Id] = shared.GetValueOrDefault(earlier[e].Petition.Id) + 1;
                }
                if (stored.TryGetValue(key, out var old))
                {
                    for (var s = 0; s < old.Count && taken < RepeatFinder.PerBand; s++, taken++)
                        shared[old[s]] = shared.GetValueOrDefault(old[s]) + 1;
                }
            }
            contentIds[k] = RepeatFinder.MostShared(shared.Select(h => (h.Key, (long)h.Value)));
            for (var band = 0; band < row.Bands.Length; band++)
            {
                var key = (band, row.Bands[band]);
                if (!batchBuckets.TryGetValue(key, out var list)) batchBuckets[key] = list = [];
                list.Add(row);
            }
        }

        // 3. The stored petitions among them within the batch's window, and the same persons' stored petitions, with
        // their stored tokens. A candidate outside every row's window is never ranked (RepeatFinder.Rank keeps the window),
        // so its tokens — a random read in the search table each — are not fetched: most of a bucket's newest entries are
        // older than a year once a bureau holds years of petitions. The ids go as one collection parameter, so EF keeps the
        // SQL instead of generating it again for every count of ids.
        var batchIds = rows.Select(r => r.Petition.Id).ToHashSet();
        var wanted = contentIds.SelectMany(c => c).Where(id => !batchIds.Contains(id)).Distinct().ToList();
        var from = rows.Min(r => r.Petition.ReceivedOn).AddDays(-RegisterPetition.RepeatWindowDays);
        var to = rows.Max(r => r.Petition.ReceivedOn);
        var byId = new Dictionary<long, Stored>();
        foreach (var chunk in wanted.Chunk(2_000))
        {
            var chunkIds = chunk.ToList();
            foreach (var p in await db.Petitions.AsNoTracking().Where(p => EF.Parameter(chunkIds).Contains(p.Id) && p.ReceivedOn >= from && p.ReceivedOn <= to)
                .Select(p => new Stored(p.Id, p.CaseNumber, p.ReceivedOn, p.PersonKey, db.PetitionSearchEntries.Where(s => s.PetitionId == p.Id).Select(s => s.Tokens).FirstOrDefault()))
                .ToListAsync(ct))
                byId[p.Id] = p;
        }
        var byPerson = new Dictionary<string, List<Stored>>();
        var keys = rows.Where(r => r.PersonKey is { Length: > 0 }).Select(r => r.PersonKey!).DistinctBy(k => Convert.ToHexString(k)).ToList();
        foreach (var chunk in keys.Chunk(1_000))
        {
            var sql = new StringBuilder("""SELECT p."Id", p."CaseNumber", p."ReceivedOn", p."PersonKey", (SELECT s."Tokens" FROM "PetitionSearchEntries" AS s WHERE s."PetitionId" = p."Id") AS "Tokens" FROM "Petitions" AS p WHERE p."PersonKey" IN (""");
            for (var i = 0; i < chunk.Length; i++) sql.Append(i > 0 ? ", " : "").Append('{').Append(i.ToString(CultureInfo.InvariantCulture)).Append('}');
            sql.Append(""") AND p."ReceivedOn" >= {""").Append(chunk.Length.ToString(CultureInfo.InvariantCulture)).Append("""} AND p."ReceivedOn" <= {""")
                .Append((chunk.Length + 1).ToString(CultureInfo.InvariantCulture)).Append('}');
            // Placeholders only: the keys and dates are parameters.
            var found = await db.Database.SqlQueryRaw<Stored>(sql.ToString(), [.. chunk.Cast<object>(), from, to]).ToListAsync(ct);
            foreach (var p in found)
            {
                var hex = Convert.ToHexString(p.PersonKey!);
                if (!byPerson.TryGetValue(hex, out var list)) byPerson[hex] = list = [];
                list.Add(p);
            }
        }

        Lap(watch, "repeats-candidates");

        // 4. Per row, RepeatFinder's selection and confirmation over stored and earlier batch petitions.
        var batchById = rows.ToDictionary(r => r.Petition.Id);
        var batchByPerson = new Dictionary<string, List<Row>>();
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            var receivedOn = row.Petition.ReceivedOn;
            var hex = row.PersonKey is { Length: > 0 } ? Convert.ToHexString(row.PersonKey) : null;
            var candidates = new Dictionary<long, (Stored Petition, bool Person)>();
            if (hex is not null)
            {
                foreach (var p in byPerson.GetValueOrDefault(hex) ?? []) candidates[p.Id] = (p, true);
                foreach (var earlier in batchByPerson.GetValueOrDefault(hex) ?? []) candidates[earlier.Petition.Id] = (AsStored(earlier), true);
                if (!batchByPerson.TryGetValue(hex, out var mine)) batchByPerson[hex] = mine = [];
                mine.Add(row);
            }
            foreach (var id in contentIds[k])
            {
                if (candidates.ContainsKey(id)) continue;
                if (batchById.TryGetValue(id, out var earlier)) candidates[id] = (AsStored(earlier), false);
                else if (byId.TryGetValue(id, out var p)) candidates[id] = (p, hex is not null && p.PersonKey is not null && Convert.ToHexString(p.PersonKey) == hex);
            }
            row.Found = RepeatFinder.Rank(row.Tokens, candidates.Values.Select(c => new RepeatFinder.Candidate(c.Petition.Id, c.Petition.CaseNumber,
                c.Petition.ReceivedOn, c.Petition.Tokens, c.Person)), receivedOn, RegisterPetition.RepeatWindowDays);
        }

        Lap(watch, "repeats-rank");

        static Stored AsStored(Row r) => new(r.Petition.Id, r.Petition.CaseNumber, r.Petition.ReceivedOn, r.PersonKey, r.JoinedTokens);
    }
}
