using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Petitions;

namespace Sunshine.Bench;

/// <summary>
/// The raw pipeline the import is measured against (issue #8): the same rows segmented and fingerprinted on all cores,
/// then written with a plain prepared INSERT per row (SQLite) or binary COPY (PostgreSQL) into the real petition,
/// search-entry and fingerprint tables — so the database maintains the same indexes, FTS5 triggers and GIN index — one
/// transaction per batch of the import's size. No validation, no deadlines, no repeat check, no events, no audit, no
/// encryption: what a loader that only moves the rows would cost. The rows are deleted afterwards (not timed).
/// </summary>
public static class ImportScenario
{
    public sealed record RawRow(string Summary, string Content, string Locality, Purpose Purpose);

    public static async Task<double> RawPipelineAsync(IServiceProvider services, IReadOnlyList<RawRow> rows, int batchSize, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var template = await db.Petitions.AsNoTracking().OrderBy(p => p.Id).FirstAsync(ct);
        var first = await db.Petitions.MaxAsync(p => p.Id, ct) + 10_000_000;
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var petitionColumns = Columns(db, typeof(Petition));
        var watch = Stopwatch.StartNew();
        try
        {
            foreach (var batch in rows.Select((r, i) => (Row: r, Id: first + i)).Chunk(batchSize))
            {
                var prepared = new (Petition Petition, string Tokens, long[] Bands)[batch.Length];
                var copies = batch.Select(_ => (Petition)db.Entry(template).CurrentValues.Clone().ToObject()).ToArray();
                Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    var (row, id) = batch[i];
                    var tokens = ChineseSegmenter.Tokens(row.Summary + "\n" + row.Content);
                    var petition = copies[i];
                    petition.Id = id;
                    petition.CaseNumber = "RAW" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    petition.ExternalId = null;
                    petition.Summary = row.Summary;
                    petition.Content = row.Content;
                    petition.IssueLocalityCode = row.Locality;
                    petition.Purpose = row.Purpose;
                    prepared[i] = (petition, string.Join(' ', tokens), ContentFingerprint.Bands(tokens));
                });
                if (connection is NpgsqlConnection npgsql) await CopyAsync(npgsql, petitionColumns, prepared, ct);
                else await InsertAsync(connection, petitionColumns, prepared, ct);
            }
            return rows.Count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await using var cleanup = connection.CreateCommand();
#pragma warning disable CA2100 // whole numbers and names from the EF model only
            cleanup.CommandText = $"""
                DELETE FROM "PetitionFingerprints" WHERE "PetitionId" >= {first};
                DELETE FROM "PetitionSearchEntries" WHERE "PetitionId" >= {first};
                DELETE FROM "Petitions" WHERE "Id" >= {first};
                """;
#pragma warning restore CA2100
            await cleanup.ExecuteNonQueryAsync(CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping);

    private static Column[] Columns(SunshineDbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type)!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.GetProperties().Where(p => !p.IsShadowProperty())
            .Select(p => new Column(p.GetColumnName(store)!, p, (RelationalTypeMapping)p.GetTypeMapping())).ToArray();
    }

    private static object? Value(Column column, object entity)
    {
        var value = column.Property.GetGetter().GetClrValue(entity);
        return value is null ? null : column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static async Task InsertAsync(DbConnection connection, Column[] columns, (Petition Petition, string Tokens, long[] Bands)[] rows, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var petition = connection.CreateCommand();
        petition.Transaction = tx;
#pragma warning disable CA2100 // names from the EF model; every value is a parameter
        petition.CommandText = $"""INSERT INTO "Petitions" ({string.Join(", ", columns.Select(c => "\"" + c.Name + "\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})""";
#pragma warning restore CA2100
        for (var i = 0; i < columns.Length; i++) petition.Parameters.Add(columns[i].Mapping.CreateParameter(petition, "@p" + i, null, columns[i].Property.IsNullable));
        await using var entry = connection.CreateCommand();
        entry.Transaction = tx;
        entry.CommandText = """INSERT INTO "PetitionSearchEntries" ("PetitionId", "Tokens") VALUES (@i, @t)""";
        entry.Parameters.Add(Parameter(entry, "@i"));
        entry.Parameters.Add(Parameter(entry, "@t"));
        await using var fingerprint = connection.CreateCommand();
        fingerprint.Transaction = tx;
        fingerprint.CommandText = """INSERT INTO "PetitionFingerprints" ("PetitionId", "Band", "Hash") VALUES (@i, @b, @h)""";
        fingerprint.Parameters.Add(Parameter(fingerprint, "@i"));
        fingerprint.Parameters.Add(Parameter(fingerprint, "@b"));
        fingerprint.Parameters.Add(Parameter(fingerprint, "@h"));
        petition.Prepare();
        entry.Prepare();
        fingerprint.Prepare();
        foreach (var (p, tokens, bands) in rows)
        {
            for (var i = 0; i < columns.Length; i++) petition.Parameters[i].Value = Value(columns[i], p) ?? DBNull.Value;
            petition.ExecuteNonQuery();
            entry.Parameters[0].Value = p.Id;
            entry.Parameters[1].Value = tokens;
            entry.ExecuteNonQuery();
            for (var band = 0; band < bands.Length; band++)
            {
                fingerprint.Parameters[0].Value = p.Id;
                fingerprint.Parameters[1].Value = band;
                fingerprint.Parameters[2].Value = bands[band];
                fingerprint.ExecuteNonQuery();
            }
        }
        await tx.CommitAsync(ct);
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        return p;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Column[] columns, (Petition Petition, string Tokens, long[] Bands)[] rows, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync($"""COPY "Petitions" ({string.Join(", ", columns.Select(c => "\"" + c.Name + "\""))}) FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var (p, _, _) in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var column in columns)
                {
                    var value = Value(column, p);
                    if (value is null) await copy.WriteNullAsync(ct);
                    else await copy.WriteAsync(value, TypeOf(value), ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "PetitionSearchEntries" ("PetitionId", "Tokens") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var (p, tokens, _) in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(tokens, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "PetitionFingerprints" ("PetitionId", "Band", "Hash") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var (p, _, bands) in rows)
            {
                for (var band = 0; band < bands.Length; band++)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(band, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(bands[band], NpgsqlDbType.Bigint, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static NpgsqlDbType TypeOf(object value) => value switch
    {
        long => NpgsqlDbType.Bigint,
        int => NpgsqlDbType.Integer,
        short => NpgsqlDbType.Smallint,
        bool => NpgsqlDbType.Boolean,
        string => NpgsqlDbType.Text,
        byte[] => NpgsqlDbType.Bytea,
        DateOnly => NpgsqlDbType.Date,
        DateTime => NpgsqlDbType.TimestampTz,
        decimal => NpgsqlDbType.Numeric,
        double => NpgsqlDbType.Double,
        TimeOnly => NpgsqlDbType.Time,
        _ => throw new NotSupportedException(value.GetType().Name),
    };
}

/// <summary>
/// Where the import's and the intake's time goes: listens to the intake meter (<see cref="Sunshine.Web.Features.Petitions.Intake.PetitionBatch.MeterName"/>)
/// while it lives and prints, per phase, the total milliseconds and the share of all phases.
/// </summary>
public sealed class PhaseTimes : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (double Ms, int Count)> _phases = new();

    public PhaseTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Sunshine.Web.Features.Petitions.Intake.PetitionBatch.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var phase = "?";
            foreach (var tag in tags) if (tag.Key == "phase") phase = tag.Value as string ?? "?";
            _phases.AddOrUpdate(phase, (value, 1), (_, old) => (old.Ms + value, old.Count + 1));
        });
        _listener.Start();
    }

    public void Print(string title)
    {
        var total = _phases.Values.Sum(p => p.Ms);
        Console.WriteLine($"-- {title}: phases, total {total:N0} ms");
        foreach (var (phase, (ms, count)) in _phases.OrderByDescending(p => p.Value.Ms))
            Console.WriteLine(System.FormattableString.Invariant($"   {phase,-30} {ms,10:N0} ms {ms / Math.Max(total, 1):P1}  ({count} laps)"));
    }

    public void Dispose() => _listener.Dispose();
}
