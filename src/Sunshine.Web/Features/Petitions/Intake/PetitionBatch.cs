using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
        var outcomes = new RegisterPetition.Outcome[items.Count];
        var today = ChinaTime.Today(time);
        var now = time.GetUtcNow().UtcDateTime;

        // Validation as in RegisterAsync: the rules without the database first, then the references for the whole batch.
        var problems = new Problems[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (request, _, _, imported) = items[i];
            problems[i] = RegisterPetition.Validate(request, today, L);
            if (imported?.FirstRegisteredOn is { } first)
                problems[i].Require(first <= today && first >= (request.ReceivedOn ?? first) && first >= new DateOnly(2000, 1, 1), "registeredOn", "ErrorRegisteredOn");
        }
        var localities = items.Select((p, i) => problems[i].Any ? null : p.Request.IssueLocalityCode?.Trim() ?? "").OfType<string>().Distinct().ToList();
        var knownLocalities = localities.Count == 0 ? new HashSet<string>() : (await db.Divisions.AsNoTracking().Where(d => localities.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct)).ToHashSet();
        var categoryIds = items.Select(p => p.Request.CategoryId).OfType<int>().Distinct().ToList();
        var knownCategories = categoryIds.Count == 0 ? new HashSet<int>() : (await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var organisationIds = items.Select(p => p.Request.AccusedOrganisationId).OfType<int>().Concat(items.Select(p => p.RegisteringOrganisationId)).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).Select(o => new { o.Id, o.Kind }).ToDictionaryAsync(o => o.Id, o => o.Kind, ct);
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
                foreach (var known in await db.Petitions.AsNoTracking().Where(p => p.Channel == channel && externalIds.Contains(p.ExternalId!))
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

        // The work that needs no transaction, on all cores: segmenting, fingerprints, keyed hashes, encryption, deadlines.
        var holidays = calendar ?? await CalendarEndpoints.LoadAsync(db, ct);
        var petitions = new Petition[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = ct }, k =>
        {
            var row = rows[k];
            var (request, organisationId, actor, imported) = row.Pending;
            var registeredOn = imported?.FirstRegisteredOn ?? today;
            var petitioner = request.Petitioner!;
            var summary = request.Summary!.Trim();
            var content = request.Content!.Trim();
            row.Tokens = ChineseSegmenter.Tokens(summary + "\n" + content);
            row.JoinedTokens = string.Join(' ', row.Tokens);
            row.Bands = ContentFingerprint.Bands(row.Tokens);
            row.PersonKey = personalData.KeyedHash(petitioner.IdNumber) ?? personalData.KeyedHash(petitioner.Phone);
            row.Due = StatutoryClock.Compute(RuleBook.Default.Rule(RuleCodes.TransferOrAssign, row.Locality, registeredOn), registeredOn, holidays);
            row.QueryCode = PetitionConventions.NewQueryCode();
            var receivedDirectly = organisations.TryGetValue(organisationId, out var kind) && kind != OrganisationKind.PetitionBureau;
            petitions[k] = row.Petition = new Petition
            {
                CaseNumber = "pending",
                QueryCodeHash = PetitionConventions.HashQueryCode(row.QueryCode),
                Channel = request.Channel,
                Purpose = request.Purpose,
                CategoryId = request.CategoryId,
                IssueLocalityCode = row.Locality,
                ExternalId = row.ExternalId,
                PetitionerName = petitioner.Name!.Trim(),
                IdNumberProtected = personalData.Protect(petitioner.IdNumber?.Trim()),
                PhoneProtected = personalData.Protect(petitioner.Phone?.Trim()),
                AddressProtected = personalData.Protect(petitioner.Address?.Trim()),
                PersonKey = row.PersonKey,
                HeadCount = request.HeadCount,
                IsCollective = request.Channel == Channel.Visit && request.HeadCount >= RegisterPetition.CollectiveHeadCount,
                IsJointLetter = request.IsJointLetter,
                IsLevelSkipping = request.IsLevelSkipping,
                IsProvinceVisit = request.IsProvinceVisit,
                IsBeijingVisit = request.IsBeijingVisit,
                IsThreatening = request.IsThreatening,
                Representatives = request.Representatives is { Count: > 0 } names ? string.Join('、', names.Select(n => n.Trim())) : null,
                AccusedOrganisationId = request.AccusedOrganisationId,
                AccusedParty = string.IsNullOrWhiteSpace(request.AccusedParty) ? null : request.AccusedParty.Trim(),
                Summary = summary,
                Content = content,
                ReceivedOn = request.ReceivedOn ?? registeredOn,
                RegisteredOn = registeredOn,
                RegisteredAt = now,
                RegisteringOrganisationId = organisationId,
                ResponsibleOrganisationId = receivedDirectly ? organisationId : null,
                RegisteredByUserId = actor?.UserId is { Length: > 0 } id && !id.StartsWith("token:", StringComparison.Ordinal) ? id : null,
                Status = PetitionStatus.Registered,
                RuleSetCode = PetitionConventions.RuleSetCode(RuleBook.Default, row.Locality, registeredOn),
                DueOn = row.Due.DueOn,
            };
        });

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var ids = await AllocateIdsAsync(db, rows.Count, ct);
        for (var k = 0; k < rows.Count; k++)
        {
            var petition = rows[k].Petition;
            petition.Id = ids[k];
            petition.CaseNumber = PetitionConventions.CaseNumber(petition.RegisteredOn, petition.Id);
        }
        await FindRepeatsAsync(db, rows, ct);

        await using (var insert = new BulkInsert<Petition>(db, withKey: true)) await insert.InsertAsync(petitions, ct);
        // Hints name only cases the registrar may see (Art. 30), as RepeatHints decides for one petition — asked once
        // per caller for all the batch's candidates, earlier rows of the batch included (they are written now).
        var events = new List<PetitionEvent>(rows.Count);
        var audits = new List<AuditEntry>(rows.Count);
        foreach (var group in rows.GroupBy(r => r.Pending.Actor))
        {
            var all = group.SelectMany(r => r.Found).DistinctBy(f => f.PetitionId).ToList();
            var open = (await RepeatHints.ForAsync(db, group.Key, all, today, ct)).ToDictionary(h => h.PetitionId, h => h.StillInLimit);
            foreach (var row in group)
            {
                var hints = row.Found.Where(f => open.ContainsKey(f.PetitionId))
                    .Select(f => new RepeatHint(f.PetitionId, f.CaseNumber, f.ReceivedOn, f.Reason, f.Similarity, open[f.PetitionId])).ToList();
                outcomes[row.Index] = new RegisterPetition.Outcome(new RegisteredPetition(row.Petition.Id, row.Petition.CaseNumber, row.QueryCode,
                    row.Due.DueOn, row.Due.Explanation, false, hints), null);
            }
        }
        foreach (var row in rows)
        {
            var (request, organisationId, actor, imported) = row.Pending;
            var petition = row.Petition;
            var hints = outcomes[row.Index].Registered!.PossibleRepeats;
            events.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                At = now,
                On = petition.RegisteredOn,
                Action = "register",
                ToStatus = PetitionStatus.Registered,
                ActorUserId = petition.RegisteredByUserId,
                ActorName = actor?.UserName,
                OrganisationId = organisationId,
                Detail = JsonSerializer.Serialize(new { channel = request.Channel.ToString(), due = row.Due.DueOn, explanation = row.Due.Explanation, repeats = hints.Select(r => r.PetitionId) }),
                IsPublic = true,
            });
            // The entry Audit.Record writes for "petition.register".
            audits.Add(new AuditEntry
            {
                At = now,
                UserId = actor?.UserId,
                UserName = actor?.UserName,
                Action = "petition.register",
                EntityType = nameof(Petition),
                EntityId = petition.Id.ToString(CultureInfo.InvariantCulture),
                After = JsonSerializer.Serialize(new { petition.CaseNumber, petition.Channel, petition.Purpose, petition.IssueLocalityCode }),
            });
            if (imported is null) Notifications.PetitionerMessages.QueueRegistered(db, personalData, L, petition, row.QueryCode, now);
        }
        await using (var insert = new BulkInsert<PetitionEvent>(db, withKey: false)) await insert.InsertAsync(events, ct);
        await using (var insert = new BulkInsert<AuditEntry>(db, withKey: false)) await insert.InsertAsync(audits, ct);
        await using (var insert = new BulkInsert<PetitionSearchEntry>(db, withKey: true))
            await insert.InsertAsync(rows.Select(r => new PetitionSearchEntry { PetitionId = r.Petition.Id, Tokens = r.JoinedTokens }).ToList(), ct);
        // The (Band, Hash) index takes the rows in its own order: each of its pages is visited once per batch.
        await using (var insert = new BulkInsert<PetitionFingerprint>(db, withKey: true))
            await insert.InsertAsync(rows.SelectMany(r => r.Bands.Select((hash, band) => new PetitionFingerprint { PetitionId = r.Petition.Id, Band = band, Hash = hash }))
                .OrderBy(f => f.Band).ThenBy(f => f.Hash).ToList(), ct);

        // What an import adds to a row (national import: its takeover event and audit) lands in the same transaction.
        // The petition is attached unchanged first, so what Complete changes on it is saved as an update.
        foreach (var row in rows.Where(r => r.Pending.Imported?.Complete is not null))
        {
            db.Petitions.Attach(row.Petition);
            row.Pending.Imported!.Complete!(row.Petition);
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
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

    private sealed record BucketHit(long Hash, long PetitionId);

    /// <summary>Per band: how many newest petitions of a bucket RepeatFinder reads; how many content candidates it confirms.</summary>
    private const int PerBand = 32;
    private const int ToConfirm = 32;

    /// <summary>
    /// <see cref="RepeatFinder.FindAsync"/> for every row of the batch at once, each row seeing the stored petitions and
    /// the batch's earlier rows (newer than anything stored) as one-by-one registration would: the newest
    /// <see cref="PerBand"/> petitions of each of its fingerprint buckets, the <see cref="ToConfirm"/> sharing the most
    /// bands, the same person's petitions, all within the window, the newest confirmed by similarity.
    /// </summary>
    private static async Task FindRepeatsAsync(SunshineDbContext db, List<Row> rows, CancellationToken ct)
    {
        // 1. The stored newest PerBand of every bucket the batch touches: one query per band.
        var stored = new Dictionary<(int Band, long Hash), List<long>>();
        var bandCount = rows.Max(r => r.Bands.Length);
        for (var band = 0; band < bandCount; band++)
        {
            var hashes = rows.Where(r => r.Bands.Length > band).Select(r => r.Bands[band]).Distinct().ToList();
            if (hashes.Count == 0) continue;
            var b = band.ToString(CultureInfo.InvariantCulture);
            var sql = new StringBuilder("""SELECT "Hash", "PetitionId" FROM (SELECT "Hash", "PetitionId", ROW_NUMBER() OVER (PARTITION BY "Hash" ORDER BY "PetitionId" DESC) AS "Rank" FROM "PetitionFingerprints" WHERE "Band" = """)
                .Append(b).Append(""" AND "Hash" IN (""").AppendJoin(", ", hashes.Select(h => h.ToString(CultureInfo.InvariantCulture)))
                .Append(""")) AS t WHERE "Rank" <= """).Append(PerBand.ToString(CultureInfo.InvariantCulture)).Append(""" ORDER BY "Hash", "PetitionId" DESC""");
            // Whole numbers written by the invariant culture: nothing a caller typed reaches the SQL text.
            foreach (var hit in await db.Database.SqlQueryRaw<BucketHit>(sql.ToString()).ToListAsync(ct))
            {
                if (!stored.TryGetValue((band, hit.Hash), out var list)) stored[(band, hit.Hash)] = list = [];
                list.Add(hit.PetitionId);
            }
        }

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
                    for (var e = earlier.Count - 1; e >= 0 && taken < PerBand; e--, taken++)
                        shared[earlier[e].Petition.Id] = shared.GetValueOrDefault(earlier[e].Petition.Id) + 1;
                }
                if (stored.TryGetValue(key, out var old))
                {
                    for (var s = 0; s < old.Count && taken < PerBand; s++, taken++)
                        shared[old[s]] = shared.GetValueOrDefault(old[s]) + 1;
                }
            }
            contentIds[k] = shared.OrderByDescending(h => h.Value).ThenByDescending(h => h.Key).Take(ToConfirm).Select(h => h.Key).ToList();
            for (var band = 0; band < row.Bands.Length; band++)
            {
                var key = (band, row.Bands[band]);
                if (!batchBuckets.TryGetValue(key, out var list)) batchBuckets[key] = list = [];
                list.Add(row);
            }
        }

        // 3. The stored petitions among them, and the same persons' stored petitions, with their stored tokens.
        var batchIds = rows.Select(r => r.Petition.Id).ToHashSet();
        var wanted = contentIds.SelectMany(c => c).Where(id => !batchIds.Contains(id)).Distinct().ToList();
        var from = rows.Min(r => r.Petition.ReceivedOn).AddDays(-RegisterPetition.RepeatWindowDays);
        var to = rows.Max(r => r.Petition.ReceivedOn);
        var byId = new Dictionary<long, Stored>();
        foreach (var chunk in wanted.Chunk(2_000))
        {
            var chunkIds = chunk.ToList();
            foreach (var p in await db.Petitions.AsNoTracking().Where(p => chunkIds.Contains(p.Id))
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

        // 4. Per row, RepeatFinder's selection and confirmation over stored and earlier batch petitions.
        var batchById = rows.ToDictionary(r => r.Petition.Id);
        var batchByPerson = new Dictionary<string, List<Row>>();
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            var receivedOn = row.Petition.ReceivedOn;
            var windowFrom = receivedOn.AddDays(-RegisterPetition.RepeatWindowDays);
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
            var found = candidates.Values
                .Where(c => c.Petition.ReceivedOn >= windowFrom && c.Petition.ReceivedOn <= receivedOn)
                .OrderByDescending(c => c.Petition.ReceivedOn).ThenByDescending(c => c.Petition.Id)
                .Take(RepeatFinder.MaxResults + ToConfirm)
                .ToList();
            if (row.PersonKey is null && row.Bands.Length == 0) found.Clear();
            var shingles = ContentFingerprint.Shingles(row.Tokens);
            var confirmed = new List<RepeatCandidate>();
            foreach (var (p, person) in found)
            {
                var similarity = p.Tokens is { Length: > 0 } && shingles.Length > 0
                    ? ContentFingerprint.Similarity(shingles, ContentFingerprint.Shingles(p.Tokens.Split(' ')))
                    : 0;
                var sameContent = similarity >= ContentFingerprint.DuplicateThreshold;
                if (!person && !sameContent) continue;
                var reason = person ? (sameContent ? "person+content" : "person") : "content";
                confirmed.Add(new RepeatCandidate(p.Id, p.CaseNumber, p.ReceivedOn, reason, Math.Round(similarity, 3)));
            }
            row.Found = confirmed
                .OrderBy(r => r.Reason == "content" ? 1 : 0).ThenByDescending(r => r.ReceivedOn).ThenByDescending(r => r.PetitionId)
                .Take(RepeatFinder.MaxResults)
                .OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.PetitionId)
                .ToList();
        }

        static Stored AsStored(Row r) => new(r.Petition.Id, r.Petition.CaseNumber, r.Petition.ReceivedOn, r.PersonKey, r.JoinedTokens);
    }
}
