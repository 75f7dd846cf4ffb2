using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sunshine.Data;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>
/// Writes many rows on the context's connection and transaction, without change tracking (one entity, one statement and
/// a key read-back per row), which made the rollup rebuild's writes its slowest part. SQLite: one prepared single-row
/// <c>INSERT</c> run once per row (no round trips; its parameters are found by name one by one, so a statement of
/// thousands of them costs the square). PostgreSQL: multi-row <c>INSERT … VALUES (…), (…)</c> statements, one round trip
/// per few hundred rows. Values must be of types both providers bind (numbers, strings, <see cref="DateOnly"/>).
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per multi-row statement: well below PostgreSQL's 65,535 bound values.</summary>
    private const int MaxParameters = 4_000;

    public static async Task RowsAsync(SunshineDbContext db, string table, string[] columns, IReadOnlyList<object[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var head = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ";
        var perStatement = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? 1 : Math.Max(1, MaxParameters / columns.Length);
        for (var at = 0; at < rows.Count;)
        {
            var count = Math.Min(perStatement, rows.Count - at);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(head);
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                    sql.Append(c == 0 ? name : ", " + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    command.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            // The same statement for every full batch: values set, statement run again.
            while (at + count <= rows.Count && count > 0)
            {
                for (var r = 0; r < count; r++)
                    for (var c = 0; c < columns.Length; c++)
                        command.Parameters[r * columns.Length + c].Value = rows[at + r][c];
                await command.ExecuteNonQueryAsync(ct);
                at += count;
                if (rows.Count - at < count) break;
            }
        }
    }
}
