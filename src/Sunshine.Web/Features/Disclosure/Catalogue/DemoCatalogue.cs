using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Sunshine.Data;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Demo;

namespace Sunshine.Web.Features.Disclosure.Catalogue;

/// <summary>
/// Demo catalogue: every demo publication record becomes a published item of the catalogue with that one record, so
/// the portal, the console and the annual report's counts (one per record per outlet) all see the same data. Website
/// records keep their column; posts on the WeChat and 政务头条 accounts are filed under 工作要闻. Index numbers follow
/// the default pattern, numbered per organ and year of publication. Written in batches like the rest of the demo.
/// </summary>
internal static class DemoCatalogue
{
    private const string AccountColumn = "工作要闻";

    internal sealed class ItemRow
    {
        public long Id;
        public string IndexNumber = "";
        public int IndexYear;
        public int IndexSequence;
        public int OrganisationId;
        public int ColumnId;
        public string? DocumentNumber;
        public DateOnly FormedOn;
        public DateOnly DueOn;
        public DateOnly PublishedOn;
        public string Title = "";
        public string Body = "";
        public int Validity;
        public DateTime At;
    }

    private static readonly BulkColumn<ItemRow>[] Columns =
    [
        new("Id", r => r.Id, (w, r) => w.Write(r.Id, NpgsqlDbType.Bigint)),
        new("IndexNumber", r => r.IndexNumber, (w, r) => w.Write(r.IndexNumber, NpgsqlDbType.Varchar)),
        new("IndexYear", r => r.IndexYear, (w, r) => w.Write(r.IndexYear, NpgsqlDbType.Integer)),
        new("IndexSequence", r => r.IndexSequence, (w, r) => w.Write(r.IndexSequence, NpgsqlDbType.Integer)),
        new("OrganisationId", r => r.OrganisationId, (w, r) => w.Write(r.OrganisationId, NpgsqlDbType.Integer)),
        new("ColumnId", r => r.ColumnId, (w, r) => w.Write(r.ColumnId, NpgsqlDbType.Integer)),
        new("DocumentNumber", r => r.DocumentNumber, (w, r) => Copy.Text(w, r.DocumentNumber)),
        new("FormedOn", r => r.FormedOn, (w, r) => w.Write(r.FormedOn, NpgsqlDbType.Date)),
        new("DueOn", r => r.DueOn, (w, r) => w.Write(r.DueOn, NpgsqlDbType.Date)),
        new("PublishedOn", r => r.PublishedOn, (w, r) => w.Write(r.PublishedOn, NpgsqlDbType.Date)),
        new("Subject", _ => null, (w, _) => w.WriteNull()),
        new("Title", r => r.Title, (w, r) => w.Write(r.Title, NpgsqlDbType.Varchar)),
        new("Body", r => r.Body, (w, r) => w.Write(r.Body, NpgsqlDbType.Text)),
        new("Validity", r => r.Validity, (w, r) => w.Write(r.Validity, NpgsqlDbType.Integer)),
        new("Status", _ => (int)DisclosureItemStatus.Published, (w, _) => w.Write((int)DisclosureItemStatus.Published, NpgsqlDbType.Integer)),
        new("WithdrawnOn", _ => null, (w, _) => w.WriteNull()),
        new("CreatedAt", r => r.At, (w, r) => w.Write(r.At, NpgsqlDbType.TimestampTz)),
        new("CreatedBy", _ => "demo", (w, _) => w.Write("demo", NpgsqlDbType.Varchar)),
        new("UpdatedAt", r => r.At, (w, r) => w.Write(r.At, NpgsqlDbType.TimestampTz)),
        new("Version", _ => 0, (w, _) => w.Write(0, NpgsqlDbType.Integer)),
    ];

    /// <summary>Writes one item per publication row and links the rows to them (ids, index numbers, HTML bodies).</summary>
    public static async Task WriteItemsAsync(SunshineDbContext db, DbConnection connection, List<PublicationRow> publications, CancellationToken ct)
    {
        if (publications.Count == 0) return;
        var columns = await db.CatalogueColumns.AsNoTracking().ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var fallback = columns.GetValueOrDefault(AccountColumn, columns.Values.Min());
        var organisations = publications.Select(p => p.OrganisationId).Distinct().ToList();
        var divisions = await db.Organisations.AsNoTracking().Where(o => organisations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DivisionCode, ct);
        var firstId = (await db.DisclosureItems.MaxAsync(i => (long?)i.Id, ct) ?? 0) + 1;
        var existing = await db.DisclosureItems.Where(i => i.IndexYear != null).GroupBy(i => new { i.OrganisationId, i.IndexYear })
            .Select(g => new { g.Key.OrganisationId, g.Key.IndexYear, Max = g.Max(i => i.IndexSequence) }).ToListAsync(ct);
        var sequences = existing.ToDictionary(r => (r.OrganisationId, r.IndexYear!.Value), r => r.Max ?? 0);

        var items = new List<ItemRow>(publications.Count);
        foreach (var p in publications)
        {
            var key = (p.OrganisationId, p.PublishedOn.Year);
            var sequence = sequences[key] = sequences.GetValueOrDefault(key) + 1;
            var id = firstId + items.Count;
            var account = p.Outlet != Outlets.StoredName(Outlet.Website);
            p.DisclosureItemId = id;
            p.OutletCategory = account ? p.Column : null;
            p.IndexNumber = IndexNumberPattern.Format(IndexNumberPattern.Default, divisions[p.OrganisationId], p.OrganisationId, p.PublishedOn.Year, sequence);
            p.Body = "<p>" + WebUtility.HtmlEncode(p.Body) + "</p>";
            items.Add(new ItemRow
            {
                Id = id,
                IndexNumber = p.IndexNumber,
                IndexYear = p.PublishedOn.Year,
                IndexSequence = sequence,
                OrganisationId = p.OrganisationId,
                ColumnId = account ? fallback : columns.GetValueOrDefault(p.Column, fallback),
                DocumentNumber = p.DocumentNumber,
                FormedOn = p.FormedOn,
                DueOn = ProactiveTimeliness.DueOn(p.FormedOn, divisions[p.OrganisationId], HolidayCalendar.Shipped).DueOn,
                PublishedOn = p.PublishedOn,
                Title = p.Title,
                Body = p.Body,
                Validity = (int)(p.IsValid ? DisclosureValidity.Valid : DisclosureValidity.Repealed),
                // Approved at 09:00 China time on the day of publication.
                At = p.PublishedOn.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc),
            });
        }

        await using (var table = TableSink.Create(connection, "DisclosureItems", Columns))
        {
            var writer = new BatchWriter<ItemRow>(connection, (tx, batch, c) => table.WriteAsync(tx, batch, c));
            foreach (var item in items) await writer.AddAsync(item, ct);
            await writer.CompleteAsync(ct);
        }
        if (connection is NpgsqlConnection)
        {
            // Ids were given explicitly: move the identity past them.
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT setval(pg_get_serial_sequence('\"DisclosureItems\"', 'Id'), (SELECT MAX(\"Id\") FROM \"DisclosureItems\"))";
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
