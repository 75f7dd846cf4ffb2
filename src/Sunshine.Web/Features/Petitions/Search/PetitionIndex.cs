using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Search;

/// <summary>
/// Keeps a petition findable: its search entry (the segmented summary and content, indexed by SQLite FTS5 or a
/// PostgreSQL GIN index through the migrations) and its content fingerprint (MinHash bands for <see cref="RepeatFinder"/>).
/// Both are written in the same transaction as the case, so the index never drifts from the data.
/// </summary>
/// <remarks>
/// The indexed text is <see cref="Tokens"/>: summary and content, segmented by <see cref="ChineseSegmenter"/>. The stored
/// <c>PetitionSearchEntry.Tokens</c> is those tokens joined by spaces, so <see cref="RepeatFinder"/> reads a candidate's
/// tokens back without segmenting it again, and compares them with the new petition's <see cref="Tokens"/>.
/// </remarks>
public static class PetitionIndex
{
    private const int BatchSize = 10_000;

    /// <summary>The tokens a petition is indexed and fingerprinted by: its summary, then its content.</summary>
    public static IReadOnlyList<string> Tokens(string summary, string content) => ChineseSegmenter.Tokens(summary + "\n" + content);

    /// <summary>Adds the search entry and fingerprint rows of a petition being saved (segments it here).</summary>
    public static void Add(SunshineDbContext db, Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        Add(db, petition, Tokens(petition.Summary, petition.Content));
    }

    /// <summary>
    /// Adds the search entry and fingerprint rows of a petition being saved, from its <see cref="Tokens"/> computed earlier
    /// (intake segments outside its transaction). Works before or after the petition's first SaveChanges:
    /// </summary>
    /// <remarks>
    /// <para>With an id (after SaveChanges, or an existing petition not indexed yet) the rows carry it directly.</para>
    /// <para>Without one (the petition is new, or not yet tracked — then it is added to the context here), the rows point
    /// at EF's temporary key value of the petition; EF replaces it with the generated id when the same SaveChanges
    /// inserts the petition, so case and index commit together. Either way the rows are only saved by the caller's
    /// SaveChanges. The petition must not have been indexed before (one entry per petition).</para>
    /// </remarks>
    public static void Add(SunshineDbContext db, Petition petition, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(tokens);

        var entry = db.Entry(petition);
        if (entry.State == EntityState.Detached && petition.Id == 0)
        {
            db.Petitions.Add(petition);
            entry = db.Entry(petition);
        }
        var key = entry.Property(p => p.Id);
        var temporary = key.IsTemporary;
        var petitionId = temporary ? key.CurrentValue : petition.Id;
        if (petitionId == 0) throw new InvalidOperationException("The petition has neither an id nor a temporary key: add it to the context first.");

        var search = new PetitionSearchEntry { PetitionId = petitionId, Tokens = string.Join(' ', tokens) };
        var searchEntry = db.PetitionSearchEntries.Add(search);
        if (temporary) searchEntry.Property(s => s.PetitionId).IsTemporary = true;

        var bands = ContentFingerprint.Bands(tokens);
        for (var band = 0; band < bands.Length; band++)
        {
            var fingerprint = db.PetitionFingerprints.Add(new PetitionFingerprint { PetitionId = petitionId, Band = band, Hash = bands[band] });
            if (temporary) fingerprint.Property(f => f.PetitionId).IsTemporary = true;
        }
    }

    /// <summary>
    /// Re-indexes every petition: clears the search entries and fingerprints, then segments and fingerprints all
    /// petitions in id order, in batches of <see cref="BatchSize"/>. Segmenting runs on all cores while the previous
    /// batch is written (SQLite: a prepared multi-row INSERT, one transaction per batch; PostgreSQL: binary COPY, the
    /// whole rebuild one transaction, with the secondary indexes built once at the end — see <see cref="CopyIndexWriter"/>).
    /// Returns the number of petitions indexed. For the demo data and imports, and after a change of the segmenter's
    /// dictionary or the fingerprint parameters.
    /// </summary>
    public static async Task<int> RebuildAsync(SunshineDbContext db, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        var connection = db.Database.GetDbConnection();
        var opened = false;
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
            opened = true;
        }
        try
        {
            var total = await db.Petitions.CountAsync(ct);
            await using var tuning = await SqliteCache.EnlargeAsync(connection, ct);
            await using var writer = IndexWriter.Create(connection);
            await writer.PrepareAsync(ct);

            var indexed = 0;
            var lastId = 0L;
            Task<IndexRow[]>? pending = null;
            while (true)
            {
                var batch = await db.Petitions.AsNoTracking()
                    .Where(p => p.Id > lastId).OrderBy(p => p.Id).Take(BatchSize)
                    .Select(p => new { p.Id, p.Summary, p.Content, p.RegisteringOrganisationId, p.ResponsibleOrganisationId })
                    .ToListAsync(ct);
                Task<IndexRow[]>? next = null;
                if (batch.Count > 0)
                {
                    lastId = batch[^1].Id;
                    next = Task.Run(() =>
                    {
                        var rows = new IndexRow[batch.Count];
                        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
                        {
                            var b = batch[i];
                            var tokens = Tokens(b.Summary, b.Content);
                            rows[i] = new IndexRow(b.Id, string.Join(' ', tokens), ContentFingerprint.Bands(tokens), b.RegisteringOrganisationId, b.ResponsibleOrganisationId);
                        });
                        return rows;
                    }, ct);
                }
                if (pending is not null)
                {
                    var rows = await pending;
                    await writer.WriteAsync(rows, ct);
                    indexed += rows.Length;
                    if (indexed % 100_000 < BatchSize)
                        log.LogInformation("Search index: {Count:N0} of {Total:N0} petitions ({Rate:N0}/s)", indexed, total, indexed / watch.Elapsed.TotalSeconds);
                }
                if (next is null) break;
                pending = next;
            }
            await writer.CompleteAsync(ct);
            await OptimizeAsync(connection, ct);
            log.LogInformation("Search index: {Count:N0} petitions indexed in {Seconds:F1} s", indexed, watch.Elapsed.TotalSeconds);
            return indexed;
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// SQLite: merges the FTS5 index into one segment after a bulk load. Batches leave it in dozens of segments, and
    /// every lookup visits each one: a rare word's query at 1M took 40–90 ms, a county search's check of one petition's
    /// text (rowid = ? and MATCH) ~40 µs instead of ~10 µs at 100k. PostgreSQL's GIN index needs no such step.
    /// </summary>
    private static async Task OptimizeAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is NpgsqlConnection) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """INSERT INTO "PetitionFts"("PetitionFts") VALUES ('optimize'); PRAGMA optimize;""";
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>SQLite: a 256 MiB page cache while the index is built (the fingerprint index takes random inserts).</summary>
    private sealed class SqliteCache(DbConnection? connection, long previous) : IAsyncDisposable
    {
        public static async Task<SqliteCache> EnlargeAsync(DbConnection connection, CancellationToken ct)
        {
            if (connection is not Microsoft.Data.Sqlite.SqliteConnection) return new SqliteCache(null, 0);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA cache_size";
            var previous = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            cmd.CommandText = "PRAGMA cache_size = -262144";
            await cmd.ExecuteNonQueryAsync(ct);
            return new SqliteCache(connection, previous);
        }

        public async ValueTask DisposeAsync()
        {
            if (connection is null || connection.State != ConnectionState.Open) return;
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA cache_size = " + previous.ToString(CultureInfo.InvariantCulture);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A petition's search entry and fingerprint, with the two units its PostgreSQL search scope is read from.</summary>
    private sealed record IndexRow(long PetitionId, string Tokens, long[] Bands, int Registering, int? Responsible);

    /// <summary>
    /// Writes batches of index rows on the context's open connection: <see cref="PrepareAsync"/> clears both tables,
    /// <see cref="WriteAsync"/> takes each batch, <see cref="CompleteAsync"/> finishes.
    /// </summary>
    private abstract class IndexWriter : IAsyncDisposable
    {
        public static IndexWriter Create(DbConnection connection) =>
            connection is NpgsqlConnection npgsql ? new CopyIndexWriter(npgsql) : new InsertIndexWriter(connection);

        public abstract Task PrepareAsync(CancellationToken ct);

        public abstract Task WriteAsync(IndexRow[] rows, CancellationToken ct);

        public virtual Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

        public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>
    /// PostgreSQL: the whole rebuild is one <see cref="PostgresBulkLoad"/>, so a failure leaves the index as it was. Row
    /// by row, each entry cost a run of the scope trigger (a query and <c>"PetitionScope"</c>), each fingerprint a
    /// foreign-key check, and both a place in an index taken out of order; a 200,000-petition sample spent 88 of its 106 s
    /// there (docs/performance.md, session 16). So, for the transaction's length only, the load drops the GIN index of
    /// words and scopes, the (Band, Hash) index and the two foreign keys and makes them again at the end, and the scope
    /// trigger is disabled: the COPY writes each entry's <c>Scope</c> itself, the same <c>"PetitionScope"</c> of the
    /// petition's registering and responsible units, asked once per pair of units.
    /// </summary>
    private sealed class CopyIndexWriter(NpgsqlConnection connection) : IndexWriter
    {
        private const string ScopeTrigger = "\"PetitionSearchEntries_scope\""; // migration PostgresSearchScope
        private PostgresBulkLoad? _load;
        private readonly Dictionary<(int Registering, int? Responsible), int[]> _scopes = [];

        public override async Task PrepareAsync(CancellationToken ct)
        {
            _load = await PostgresBulkLoad.BeginAsync(connection, ["PetitionFingerprints", "PetitionSearchEntries"], ct);
            await _load.ExecuteAsync($"""TRUNCATE "PetitionFingerprints", "PetitionSearchEntries"; ALTER TABLE "PetitionSearchEntries" DISABLE TRIGGER {ScopeTrigger}""", ct);
            _load.AtEnd($"""ALTER TABLE "PetitionSearchEntries" ENABLE TRIGGER {ScopeTrigger}""");
        }

        public override Task CompleteAsync(CancellationToken ct) => _load!.CompleteAsync(ct);

        public override async ValueTask DisposeAsync()
        {
            if (_load is not null) await _load.DisposeAsync(); // rolls back unless completed
            await base.DisposeAsync();
        }

        /// <summary>Asks <c>"PetitionScope"</c> for the pairs of units this batch holds and the earlier ones did not.</summary>
        private async Task ReadScopesAsync(IndexRow[] rows, CancellationToken ct)
        {
            var missing = rows.Select(r => (r.Registering, r.Responsible)).Distinct().Where(p => !_scopes.ContainsKey(p)).ToArray();
            if (missing.Length == 0) return;
            await using var cmd = new NpgsqlCommand("""
                SELECT "PetitionScope"(u.registering, u.responsible) FROM unnest(@registering, @responsible) WITH ORDINALITY AS u(registering, responsible, n) ORDER BY u.n
                """, connection, _load!.Transaction);
            cmd.Parameters.Add(new NpgsqlParameter("registering", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = missing.Select(p => p.Registering).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("responsible", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = missing.Select(p => p.Responsible).ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++) _scopes[missing[i]] = reader.GetFieldValue<int[]>(0);
        }

        public override async Task WriteAsync(IndexRow[] rows, CancellationToken ct)
        {
            await ReadScopesAsync(rows, ct);
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY "PetitionSearchEntries" ("PetitionId", "Tokens", "Scope") FROM STDIN (FORMAT BINARY)""", ct))
            {
                foreach (var row in rows)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(row.PetitionId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(row.Tokens, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(_scopes[(row.Registering, row.Responsible)], NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY "PetitionFingerprints" ("PetitionId", "Band", "Hash") FROM STDIN (FORMAT BINARY)""", ct))
            {
                foreach (var row in rows)
                {
                    for (var band = 0; band < row.Bands.Length; band++)
                    {
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(row.PetitionId, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(band, NpgsqlDbType.Integer, ct);
                        await copy.WriteAsync(row.Bands[band], NpgsqlDbType.Bigint, ct);
                    }
                }
                await copy.CompleteAsync(ct);
            }
        }
    }

    /// <summary>SQLite (and any other provider): prepared statements reused for every row, sixteen fingerprint rows per INSERT.</summary>
    private sealed class InsertIndexWriter(DbConnection connection) : IndexWriter
    {
        private DbCommand? _entry;
        private DbCommand? _fingerprints;
        private DbCommand? _fingerprint;

        public override async Task PrepareAsync(CancellationToken ct)
        {
            // No TRUNCATE in SQLite: the delete trigger removes each row from FTS5 (nothing to do on an empty index, as
            // after demo generation).
            await using (var clear = connection.CreateCommand())
            {
                clear.CommandText = """DELETE FROM "PetitionFingerprints"; DELETE FROM "PetitionSearchEntries";""";
                await clear.ExecuteNonQueryAsync(ct);
            }
            _entry = connection.CreateCommand();
            _entry.CommandText = """INSERT INTO "PetitionSearchEntries" ("PetitionId", "Tokens") VALUES (@id, @tokens)""";
            AddParameter(_entry, "@id");
            AddParameter(_entry, "@tokens");

            _fingerprints = connection.CreateCommand();
            var values = string.Join(", ", Enumerable.Range(0, ContentFingerprint.BandCount).Select(k => FormattableString.Invariant($"(@i{k}, @b{k}, @h{k})")));
#pragma warning disable CA2100 // parameter names only; the values are parameters
            _fingerprints.CommandText = $"""INSERT INTO "PetitionFingerprints" ("PetitionId", "Band", "Hash") VALUES {values}""";
#pragma warning restore CA2100
            for (var k = 0; k < ContentFingerprint.BandCount; k++)
            {
                var n = k.ToString(CultureInfo.InvariantCulture);
                AddParameter(_fingerprints, "@i" + n);
                AddParameter(_fingerprints, "@b" + n);
                AddParameter(_fingerprints, "@h" + n);
            }

            _fingerprint = connection.CreateCommand();
            _fingerprint.CommandText = """INSERT INTO "PetitionFingerprints" ("PetitionId", "Band", "Hash") VALUES (@i, @b, @h)""";
            AddParameter(_fingerprint, "@i");
            AddParameter(_fingerprint, "@b");
            AddParameter(_fingerprint, "@h");
        }

        public override async Task WriteAsync(IndexRow[] rows, CancellationToken ct)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            _entry!.Transaction = tx;
            _fingerprints!.Transaction = tx;
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                _entry.Parameters[0].Value = row.PetitionId;
                _entry.Parameters[1].Value = row.Tokens;
                // Synchronous on purpose: Microsoft.Data.Sqlite has no real async I/O, and an await per row costs more than the insert.
                _entry.ExecuteNonQuery();
            }
            // The (Band, Hash) index takes the rows in its own order: each of its pages is visited once per batch.
            var fingerprints = rows.SelectMany(r => r.Bands.Select((hash, band) => (r.PetitionId, Band: band, Hash: hash)))
                .OrderBy(f => f.Band).ThenBy(f => f.Hash).ToArray();
            var perStatement = ContentFingerprint.BandCount;
            var i = 0;
            for (; i + perStatement <= fingerprints.Length; i += perStatement)
            {
                for (var k = 0; k < perStatement; k++)
                {
                    var f = fingerprints[i + k];
                    _fingerprints.Parameters[3 * k].Value = f.PetitionId;
                    _fingerprints.Parameters[3 * k + 1].Value = f.Band;
                    _fingerprints.Parameters[3 * k + 2].Value = f.Hash;
                }
                _fingerprints.ExecuteNonQuery();
            }
            for (; i < fingerprints.Length; i++)
            {
                var f = fingerprints[i];
                _fingerprint!.Transaction = tx;
                _fingerprint.Parameters[0].Value = f.PetitionId;
                _fingerprint.Parameters[1].Value = f.Band;
                _fingerprint.Parameters[2].Value = f.Hash;
                _fingerprint.ExecuteNonQuery();
            }
            await tx.CommitAsync(ct);
        }

        private static void AddParameter(DbCommand command, string name)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_entry is not null) await _entry.DisposeAsync();
            if (_fingerprints is not null) await _fingerprints.DisposeAsync();
            if (_fingerprint is not null) await _fingerprint.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
