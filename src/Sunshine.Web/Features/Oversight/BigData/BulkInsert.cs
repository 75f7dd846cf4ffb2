using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sunshine.Data;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>
/// Writes many rows with multi-row <c>INSERT … VALUES (…), (…)</c> statements on the context's connection and transaction:
/// the rollups write hundreds of thousands of rows in a rebuild, which change tracking (one entity, one statement and a
/// key read-back per row) made the slowest part of it. The same SQL runs on SQLite and PostgreSQL (quoted names, named
/// parameters); values must be of types both providers bind (numbers, strings, <see cref="DateOnly"/>).
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535 bound values.</summary>
    private const int MaxParameters = 5_000;

    public static async Task RowsAsync(SunshineDbContext db, string table, string[] columns, IReadOnlyList<object[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var head = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ";
        var perStatement = Math.Max(1, MaxParameters / columns.Length);
        for (var at = 0; at < rows.Count; at += perStatement)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(head);
            var end = Math.Min(rows.Count, at + perStatement);
            for (var r = at; r < end; r++)
            {
                sql.Append(r == at ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r - at}_{c}");
                    sql.Append(c == 0 ? name : ", " + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = rows[r][c];
                    command.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
