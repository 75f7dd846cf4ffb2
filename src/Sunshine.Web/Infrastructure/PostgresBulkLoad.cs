using Npgsql;
using NpgsqlTypes;

namespace Sunshine.Web.Infrastructure;

/// <summary>
/// A PostgreSQL bulk load as one transaction. Kept row by row, every index of a loaded table takes each row out of order
/// and every foreign key runs a query per row; built once at the end, an index is one sorted pass and a foreign key one
/// join (docs/performance.md, sessions 16 and 17). So <see cref="BeginAsync"/> drops the loaded tables' indexes that no
/// constraint stands on and their foreign keys, and <see cref="CompleteAsync"/> creates them again from their own
/// definitions (<c>pg_get_indexdef</c>, <c>pg_get_constraintdef</c>, with each index's statistics targets), so an index
/// or key a later migration adds is kept too, commits, and analyses the loaded tables.
/// </summary>
/// <remarks>
/// A failure anywhere, a duplicate found by a unique index as it is built included, rolls the whole load back: the tables
/// are left as they were, with their indexes and keys. The transaction holds the tables' locks until it ends, so a load
/// runs only where nothing else uses them: demo generation into an empty database and the search index rebuild after it,
/// both before the app serves.
/// </remarks>
internal sealed class PostgresBulkLoad : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly List<string> _restore = [];
    private readonly string[] _tables;

    private PostgresBulkLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] tables)
    {
        _connection = connection;
        Transaction = transaction;
        _tables = tables;
    }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<PostgresBulkLoad> BeginAsync(NpgsqlConnection connection, string[] tables, CancellationToken ct)
    {
        var load = new PostgresBulkLoad(connection, await connection.BeginTransactionAsync(ct), tables);
        try
        {
            // Each row: the statement that drops an index or foreign key, and the statements that make it again.
            await using var cmd = new NpgsqlCommand("""
                SELECT format('DROP INDEX %s', i.indexrelid::regclass),
                       pg_get_indexdef(i.indexrelid) || coalesce('; ' || string_agg(
                           format('ALTER INDEX %s ALTER COLUMN %s SET STATISTICS %s', i.indexrelid::regclass, a.attnum, a.attstattarget), '; ')
                           FILTER (WHERE a.attnum IS NOT NULL), '')
                FROM pg_index AS i
                LEFT JOIN pg_attribute AS a ON a.attrelid = i.indexrelid AND a.attnum > 0 AND a.attstattarget >= 0
                WHERE i.indrelid = ANY (@tables::regclass[])
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
                GROUP BY i.indexrelid
                UNION ALL
                SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
                FROM pg_constraint AS c
                WHERE c.contype = 'f' AND c.conrelid = ANY (@tables::regclass[])
                """, connection, load.Transaction);
            cmd.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tables.Select(t => $"\"{t}\"").ToArray() });
            var drop = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    drop.Add(reader.GetString(0));
                    load._restore.Add(reader.GetString(1));
                }
            }
            if (drop.Count > 0) await load.ExecuteAsync(string.Join("; ", drop), ct);
            return load;
        }
        catch
        {
            await load.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a statement inside the load's transaction.</summary>
    public Task ExecuteAsync(string sql, CancellationToken ct) => RunAsync(sql, Transaction, ct);

    private async Task RunAsync(string sql, NpgsqlTransaction? transaction, CancellationToken ct)
    {
#pragma warning disable CA2100 // statements of this program and of the catalogue's own definitions; values go through parameters
        await using var cmd = new NpgsqlCommand(sql, _connection, transaction) { CommandTimeout = 0 };
#pragma warning restore CA2100
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A statement to run at the end, after the indexes and keys are made again (e.g. enabling a trigger the caller disabled).</summary>
    public void AtEnd(string sql) => _restore.Add(sql);

    /// <summary>Creates the dropped indexes and foreign keys again, runs the statements asked for, commits, and analyses the loaded tables.</summary>
    /// <remarks>
    /// A table loaded in one transaction has no statistics until autovacuum analyses it, and until then the planner
    /// guesses every estimate the app reads: the search's estimate of a text's hits, the lexeme frequencies behind its
    /// "10,000+" count, each plan's row counts. After the 10M load autovacuum was still at it about ten minutes later,
    /// while the app served (docs/performance.md, session 17). Analysed here, the load is ready when it returns; at 1M
    /// the ANALYZE costs about 24 s of the search index's rebuild and 4 s of the petitions' load (session 19). The load
    /// is committed first: a failed ANALYZE loses none of it.
    /// </remarks>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_restore.Count > 0) await ExecuteAsync(string.Join("; ", _restore), ct);
        await Transaction.CommitAsync(ct);
        await RunAsync("ANALYZE " + string.Join(", ", _tables.Select(t => $"\"{t}\"")), null, ct);
    }

    /// <summary>Rolls the load back unless it was completed.</summary>
    public ValueTask DisposeAsync() => Transaction.DisposeAsync();
}
