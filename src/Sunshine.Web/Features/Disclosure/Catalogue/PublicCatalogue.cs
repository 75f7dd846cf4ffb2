using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Petitions.Attachments;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure.Catalogue;

public sealed record PublicItemRow(long Id, string? IndexNumber, string Title, DateOnly PublishedOn, string Column, DisclosureValidity Validity);

public sealed record PublicItem(long Id, string? IndexNumber, string Organisation, int ColumnId, string Column, string? DocumentNumber, DateOnly FormedOn, DateOnly PublishedOn,
    string? Subject, string Title, string Body, DisclosureValidity Validity, IReadOnlyList<DisclosureAttachmentDto> Attachments);

/// <summary>
/// The public side of the catalogue (《政府信息公开条例》第二十三条: the government website is the first place of
/// publication): items published on the website only — a draft, an item awaiting approval, one posted only on the
/// accounts or a withdrawn one is not there.
/// </summary>
public static class PublicCatalogue
{
    public const int PageSize = 30;
    public const int FeedSize = 50;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/disclosure/feed.atom", Feed).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/portal/disclosure/attachments/{id:long}", Attachment).AllowAnonymous().ExcludeFromDescription();
    }

    public static string ItemPath(long id, string? indexNumber) =>
        "/portal/disclosure/items/" + (indexNumber is null ? id.ToString(CultureInfo.InvariantCulture)
            : string.Join('/', indexNumber.Split('/').Select(Uri.EscapeDataString)));

    public static string AttachmentPath(long attachmentId) => "/portal/disclosure/attachments/" + attachmentId.ToString(CultureInfo.InvariantCulture);

    private static readonly string Website = Outlets.StoredName(Outlet.Website);

    /// <summary>What the portal shows: published, not withdrawn, and published on the website (the portal is the website).</summary>
    private static IQueryable<Data.Entities.DisclosureItem> Published(SunshineDbContext db) =>
        db.DisclosureItems.AsNoTracking().Where(i => i.Status == DisclosureItemStatus.Published && i.PublishedOn != null
            && db.Publications.Any(p => p.DisclosureItemId == i.Id && p.Outlet == Website));

    /// <summary>Published items per column (of the column itself, not its children), for the catalogue's tree.</summary>
    public static async Task<Dictionary<int, int>> CountsAsync(SunshineDbContext db, CancellationToken ct) =>
        await Published(db).GroupBy(i => i.ColumnId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>A column's items, newest publication first, keyset on (published on, id).</summary>
    public static async Task<IReadOnlyList<PublicItemRow>> ListAsync(SunshineDbContext db, int? column, int page, CancellationToken ct)
    {
        var query = Published(db);
        if (column is { } c) query = query.Where(i => i.ColumnId == c);
        return await query.OrderByDescending(i => i.PublishedOn).ThenByDescending(i => i.Id).Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize + 1)
            .Select(i => new PublicItemRow(i.Id, i.IndexNumber, i.Title, i.PublishedOn!.Value, i.Column!.Name, i.Validity)).ToListAsync(ct);
    }

    /// <summary>An item by its index number, or by its id.</summary>
    public static async Task<PublicItem?> FindAsync(SunshineDbContext db, string key, CancellationToken ct)
    {
        var item = await Published(db).Include(i => i.Organisation).Include(i => i.Column).FirstOrDefaultAsync(i => i.IndexNumber == key, ct);
        if (item is null && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            item = await Published(db).Include(i => i.Organisation).Include(i => i.Column).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return null;
        var attachments = await db.DisclosureAttachments.AsNoTracking().Where(a => a.DisclosureItemId == item.Id).OrderBy(a => a.Id)
            .Select(a => new DisclosureAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size)).ToListAsync(ct);
        return new PublicItem(item.Id, item.IndexNumber, item.Organisation!.Name, item.ColumnId, item.Column!.Name, item.DocumentNumber, item.FormedOn, item.PublishedOn!.Value,
            item.Subject, item.Title, item.Body, item.Validity, attachments);
    }

    /// <summary>An attachment of a published item: public like the item.</summary>
    public static async Task<IResult> Attachment(long id, HttpContext http, SunshineDbContext db, AttachmentStore store, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var itemId = await db.DisclosureAttachments.AsNoTracking().Where(a => a.Id == id).Select(a => (long?)a.DisclosureItemId).SingleOrDefaultAsync(ct);
        if (itemId is null || !await Published(db).AnyAsync(i => i.Id == itemId, ct)) return TypedResults.NotFound();
        return await DisclosureFiles.StreamAsync(http, db, store, itemId.Value, id, L, ct);
    }

    /// <summary>
    /// An Atom feed (RFC 4287) of the newest website publications: one entry per item, dated by its website publication.
    /// Withdrawn items drop out. Entry ids are tag URIs on the item's id, stable even before an index number exists.
    /// </summary>
    public static async Task<IResult> Feed(HttpContext http, SunshineDbContext db, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var rows = await db.Publications.AsNoTracking()
            .Where(p => p.Outlet == Website && p.DisclosureItemId != null)
            .Join(Published(db), p => p.DisclosureItemId, i => i.Id, (p, i) => new { p.Id, ItemId = i.Id, i.IndexNumber, i.Title, i.Body, p.PublishedOn, Organisation = i.Organisation!.Name, Column = i.Column!.Name })
            .OrderByDescending(r => r.PublishedOn).ThenByDescending(r => r.Id).Take(FeedSize).ToListAsync(ct);
        var baseAddress = (configuration["Portal:PublicAddress"] ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/');
        var feedUrl = baseAddress + "/portal/disclosure/feed.atom";
        static string Stamp(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+08:00";

        var output = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), Async = false };
        using (var writer = XmlWriter.Create(output, settings))
        {
            const string Atom = "http://www.w3.org/2005/Atom";
            writer.WriteStartElement("feed", Atom);
            writer.WriteAttributeString("xml", "lang", null, "zh-CN");
            writer.WriteElementString("id", Atom, feedUrl);
            writer.WriteElementString("title", Atom, L["Disclosure.FeedTitle"].Value);
            writer.WriteElementString("updated", Atom, rows.Count > 0 ? Stamp(rows[0].PublishedOn) : "2000-01-01T00:00:00+08:00");
            writer.WriteStartElement("author", Atom);
            writer.WriteElementString("name", Atom, L["AppName"].Value);
            writer.WriteEndElement();
            Link(writer, Atom, "self", feedUrl, "application/atom+xml");
            Link(writer, Atom, "alternate", baseAddress + "/portal/disclosure", "text/html");
            foreach (var r in rows)
            {
                writer.WriteStartElement("entry", Atom);
                writer.WriteElementString("id", Atom, $"tag:{new Uri(baseAddress).Host},2026:disclosure/{r.ItemId}");
                writer.WriteElementString("title", Atom, r.Title);
                writer.WriteElementString("updated", Atom, Stamp(r.PublishedOn));
                writer.WriteElementString("published", Atom, Stamp(r.PublishedOn));
                writer.WriteStartElement("author", Atom);
                writer.WriteElementString("name", Atom, r.Organisation);
                writer.WriteEndElement();
                writer.WriteStartElement("category", Atom);
                writer.WriteAttributeString("term", r.Column);
                writer.WriteEndElement();
                Link(writer, Atom, "alternate", baseAddress + ItemPath(r.ItemId, r.IndexNumber), "text/html");
                writer.WriteStartElement("summary", Atom);
                writer.WriteAttributeString("type", "text");
                writer.WriteString(DisclosureHtml.Text(r.Body, 200));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        return TypedResults.Text(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter writer, string ns, string rel, string href, string type)
    {
        writer.WriteStartElement("link", ns);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("href", href);
        writer.WriteAttributeString("type", type);
        writer.WriteEndElement();
    }
}
