using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Search;

/// <summary>A petition search: Chinese full text plus filters, newest first, one keyset page.</summary>
/// <param name="Text">Words to find (all of them), segmented like the documents. Null, blank or no words: no text condition.</param>
/// <param name="CategoryId">A content category and everything below it.</param>
/// <param name="LocalityPrefix">An issue locality and everything below it: a 12-digit division code or its significant prefix ("140105").</param>
/// <param name="From">Received on or after (inclusive).</param>
/// <param name="To">Received on or before (inclusive).</param>
/// <param name="Before">Keyset: only ids below this (the last id of the previous page).</param>
/// <param name="Take">Page size, 1..<see cref="PetitionSearch.MaxTake"/>.</param>
public sealed record PetitionQuery(string? Text, Channel? Channel, int? CategoryId, string? LocalityPrefix, Purpose? Purpose, PetitionStatus? Status,
    int? ResponsibleOrganisationId, DateOnly? From, DateOnly? To, long? Before, int Take = 50);

/// <summary>
/// Petition search within the caller's scope (<see cref="ScopeQueries.WithinScope(IQueryable{Petition}, UserScope)"/>
/// is always applied): the text condition runs on the database's own full-text index — SQLite FTS5
/// (<c>"PetitionFts" MATCH …</c>) or PostgreSQL GIN (<c>to_tsvector('simple', "Tokens") @@ plainto_tsquery('simple', …)</c>)
/// — and the filters, scope, keyset and newest-first order are LINQ. Every value is a parameter; the user's text reaches
/// the database only as <see cref="ChineseSegmenter.ToMatchQuery"/>'s quoted words.
/// </summary>
/// <remarks>
/// <para>Page: SQLite walks the FTS5 match newest first (rowid = PetitionId) and stops at a page. PostgreSQL has no
/// ordered text index, so a probe counts the text hits first (ARCHITECTURE §4): a rare text is matched first through
/// GIN and its few hits ordered; a common one is checked per row while the primary key is walked backwards, which
/// finds a page after a few hundred rows.</para>
/// <para>Count: on the first page only, and bounded. It stops at <see cref="CountCap"/> (shown "10,000+"), and with a
/// text it looks at no more than <see cref="CountExamined"/> text hits: a county officer searching a word that occurs in
/// a third of a million petitions gets "at least N" (<c>CountCapped</c> = true with a Count below the cap) instead of
/// a query that visits every hit to find the few in the county.</para>
/// </remarks>
public static class PetitionSearch
{
    public const int CountCap = 10_000;
    public const int MaxTake = 200;

    /// <summary>The count looks at most at this many text hits.</summary>
    public const int CountExamined = 20_000;

    /// <summary>PostgreSQL: below this many text hits the text is matched first.</summary>
    private const int RareTextHits = 5_000;

    public static async Task<(IReadOnlyList<long> Ids, int? Count, bool CountCapped)> SearchAsync(SunshineDbContext db, UserScope scope, PetitionQuery q, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(q);
        var take = Math.Clamp(q.Take, 1, MaxTake);
        var match = string.IsNullOrWhiteSpace(q.Text) ? "" : ChineseSegmenter.ToMatchQuery(q.Text);
        var categories = q.CategoryId is { } categoryId ? await CategorySubtreeAsync(db, categoryId, ct) : null;
        IQueryable<Petition> Visible(IQueryable<Petition> source) => Filter(source.WithinScope(scope), q, categories);

        var sqlite = db.Database.IsSqlite();
        if (!sqlite && !db.Database.IsNpgsql()) throw new NotSupportedException("Petition search is implemented for SQLite and PostgreSQL.");
        var filtered = Visible(db.Petitions.AsNoTracking());

        // The ids of the visible petitions that match, as a query whose natural order is the id.
        IQueryable<long> matching;
        var textHits = 0;
        if (match.Length == 0)
        {
            matching = filtered.Select(p => p.Id);
        }
        else if (sqlite)
        {
            // The join keeps the FTS5 rowid (= PetitionId) as the sort key, so SQLite walks the match newest first and
            // stops at a page instead of collecting and sorting every hit.
            var hits = db.Database.SqlQuery<Hit>($"""SELECT rowid AS "Id" FROM "PetitionFts" WHERE "PetitionFts" MATCH {match}""");
            matching = from hit in hits join p in filtered on hit.Id equals p.Id select hit.Id;
        }
        else
        {
            textHits = await db.Database.SqlQuery<int>($"""
                SELECT 1 AS "Value" FROM "PetitionSearchEntries"
                WHERE to_tsvector('simple', "Tokens") @@ plainto_tsquery('simple', {match}) LIMIT {CountExamined + 1}
                """).CountAsync(ct);
            var texts = textHits < RareTextHits
                // Rare: matched first; OFFSET 0 keeps the planner from folding the match into a walk of the primary key.
                ? db.Petitions.FromSql($"""
                    SELECT p.* FROM "Petitions" AS p
                    WHERE p."Id" IN (SELECT s."PetitionId" FROM "PetitionSearchEntries" AS s
                                     WHERE to_tsvector('simple', s."Tokens") @@ plainto_tsquery('simple', {match}) OFFSET 0)
                    """).AsNoTracking()
                // Common: a hit every few rows, so walking the primary key backwards and checking each row is fastest.
                : db.Petitions.AsNoTracking().Where(p => db.PetitionSearchEntries.Any(s => s.PetitionId == p.Id
                    && EF.Functions.ToTsVector("simple", s.Tokens).Matches(EF.Functions.PlainToTsQuery("simple", match))));
            matching = Visible(texts).Select(p => p.Id);
        }

        var page = q.Before is { } before ? matching.Where(id => id < before) : matching;
        var ids = await page.OrderByDescending(id => id).Take(take).ToListAsync(ct);
        if (q.Before is not null) return (ids, null, false);
        if (ids.Count < take) return (ids, ids.Count, false);

        if (match.Length == 0)
        {
            // The units in scope as an id list as well (a redundant condition: the scope above still applies), so the
            // count can run on the petitions' unit indexes instead of visiting every row (a county: 400 ms → 10 ms at 200k).
            var units = db.Organisations.AsNoTracking().WithinScope(scope).Select(o => o.Id);
            var all = await filtered
                .Where(p => units.Contains(p.RegisteringOrganisationId) || (p.ResponsibleOrganisationId != null && units.Contains(p.ResponsibleOrganisationId.Value)))
                .Take(CountCap + 1).CountAsync(ct);
            return (ids, Math.Min(all, CountCap), all > CountCap);
        }

        // With a text: the visible petitions among the first CountExamined text hits (in whatever order the index gives).
        var examined = sqlite
            ? db.Database.SqlQuery<Hit>($"""SELECT rowid AS "Id" FROM "PetitionFts" WHERE "PetitionFts" MATCH {match} LIMIT {CountExamined}""")
            : db.Database.SqlQuery<Hit>($"""
                SELECT "PetitionId" AS "Id" FROM "PetitionSearchEntries"
                WHERE to_tsvector('simple', "Tokens") @@ plainto_tsquery('simple', {match}) LIMIT {CountExamined}
                """);
        var count = await (from hit in examined join p in filtered on hit.Id equals p.Id select hit.Id).CountAsync(ct);
        if (count > CountCap) return (ids, CountCap, true);
        if (sqlite)
        {
            textHits = await db.Database.SqlQuery<Hit>($"""SELECT rowid AS "Id" FROM "PetitionFts" WHERE "PetitionFts" MATCH {match} LIMIT {CountExamined + 1}""")
                .CountAsync(ct);
        }
        // More text hits than examined: the count is a lower bound ("at least").
        return (ids, count, textHits > CountExamined);
    }

    private sealed record Hit(long Id);

    private static IQueryable<Petition> Filter(IQueryable<Petition> petitions, PetitionQuery q, List<int>? categories)
    {
        if (q.Channel is { } channel) petitions = petitions.Where(p => p.Channel == channel);
        if (q.Purpose is { } purpose) petitions = petitions.Where(p => p.Purpose == purpose);
        if (q.Status is { } status) petitions = petitions.Where(p => p.Status == status);
        if (q.ResponsibleOrganisationId is { } unit) petitions = petitions.Where(p => p.ResponsibleOrganisationId == unit);
        if (q.From is { } from) petitions = petitions.Where(p => p.ReceivedOn >= from);
        if (q.To is { } to) petitions = petitions.Where(p => p.ReceivedOn <= to);
        if (!string.IsNullOrWhiteSpace(q.LocalityPrefix))
        {
            var prefix = LocalityPrefix(q.LocalityPrefix);
            petitions = petitions.Where(p => p.IssueLocalityCode.StartsWith(prefix));
        }
        if (categories is not null) petitions = petitions.Where(p => p.CategoryId != null && categories.Contains(p.CategoryId.Value));
        return petitions;
    }

    /// <summary>A category and its descendants: the tree has three levels and a few hundred rows.</summary>
    private static async Task<List<int>> CategorySubtreeAsync(SunshineDbContext db, int categoryId, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var subtree = new HashSet<int> { categoryId };
        for (var added = true; added;)
        {
            added = false;
            foreach (var c in categories)
                if (c.ParentId is { } parent && subtree.Contains(parent) && subtree.Add(c.Id)) added = true;
        }
        return [.. subtree];
    }

    /// <summary>A division code becomes its significant prefix ("140105000000" → "140105"); a prefix of digits stays.</summary>
    internal static string LocalityPrefix(string value)
    {
        var trimmed = value.Trim();
        if (DivisionCode.TryParse(trimmed, out var code)) return code.Prefix;
        if (trimmed.Length is 0 or > DivisionCode.Length || !trimmed.All(char.IsAsciiDigit))
            throw new ArgumentException($"'{value}' is neither a division code nor a prefix of one.", nameof(value));
        return trimmed;
    }
}
