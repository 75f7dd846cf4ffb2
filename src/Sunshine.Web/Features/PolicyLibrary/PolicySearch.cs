using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;

namespace Sunshine.Web.Features.PolicyLibrary;

/// <summary>A policy library search: words (all of them), an optional category, one page.</summary>
public sealed record PolicyQuery(string? Text, int? CategoryId, int Page = 1, int PageSize = PolicySearch.DefaultPageSize);

/// <summary>One hit: the document's facts, and where the words were found (a snippet of the body, cut into marked and plain runs).</summary>
public sealed record PolicyHit(long Id, string Title, string IssuingBody, string? DocumentNumber, string Category, DateOnly IssuedOn, bool IsValid,
    IReadOnlyList<SnippetRun> Snippet);

/// <summary>A run of snippet text; <paramref name="Match"/> runs are shown highlighted (&lt;mark&gt;).</summary>
public sealed record SnippetRun(string Text, bool Match);

public sealed record PolicyPage(IReadOnlyList<PolicyHit> Items, int Total, int Page, int PageSize);

/// <summary>
/// Keeps the policy library findable and searches it. Title and body are segmented by <see cref="ChineseSegmenter"/>
/// (the same words on write and on query, ARCHITECTURE §4) into <see cref="PolicySearchEntry"/>, indexed by SQLite FTS5
/// (<c>"PolicyFts"</c>, two columns) or a PostgreSQL GIN index over the weighted tsvector. A hit in the title counts
/// more than one in the body: FTS5's bm25 with column weights 4 : 1, PostgreSQL's ts_rank with weights A (title) and
/// D (body). Equal ranks go newest first (date issued, then id). The library holds thousands of documents, not
/// millions: pages are numbered (offset), and every hit is counted.
/// </summary>
public static class PolicySearch
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 50;

    /// <summary>Characters of body text shown around the first hit.</summary>
    private const int SnippetLength = 120;

    /// <summary>The search entry of a document being saved; replaces the old one when the document is edited.</summary>
    public static async Task IndexAsync(SunshineDbContext db, PolicyDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        var title = ChineseSegmenter.ToIndexText(document.Title);
        var body = ChineseSegmenter.ToIndexText(document.Body);
        var existing = db.Entry(document).State == EntityState.Added ? null : await db.PolicySearchEntries.FindAsync([document.Id], ct);
        if (existing is not null)
        {
            existing.TitleTokens = title;
            existing.BodyTokens = body;
            return;
        }
        // A new document has no id yet: point at EF's temporary key; the same SaveChanges inserts both with the generated id.
        var key = db.Entry(document).Property(d => d.Id);
        var temporary = key.IsTemporary;
        var entry = db.PolicySearchEntries.Add(new PolicySearchEntry { PolicyDocumentId = temporary ? key.CurrentValue : document.Id, TitleTokens = title, BodyTokens = body });
        if (temporary) entry.Property(e => e.PolicyDocumentId).IsTemporary = true;
    }

    public static async Task<PolicyPage> SearchAsync(SunshineDbContext db, PolicyQuery q, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(q);
        var pageSize = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var page = Math.Max(q.Page, 1);
        var match = string.IsNullOrWhiteSpace(q.Text) ? "" : ChineseSegmenter.ToMatchQuery(q.Text);
        var documents = db.PolicyDocuments.AsNoTracking();
        if (q.CategoryId is { } category) documents = documents.Where(d => d.CategoryId == category);

        IQueryable<Ranked> ranked;
        if (match.Length == 0)
        {
            ranked = documents.Select(d => new Ranked { Id = d.Id, Rank = 0.0, IssuedOn = d.IssuedOn });
        }
        else
        {
            // Lower is better on both: bm25 is negative for a match, and PostgreSQL's rank is negated to agree.
            var hits = db.Database.IsSqlite()
                ? db.Database.SqlQuery<Hit>($"""SELECT rowid AS "Id", bm25("PolicyFts", 4.0, 1.0) AS "Rank" FROM "PolicyFts" WHERE "PolicyFts" MATCH {match}""")
                : db.Database.SqlQuery<Hit>(FormattableStringFactory.Create(
                    // ts_rank's weights are {D, C, B, A}: a title word (A) counts ten times a body word (D).
                    "SELECT s.\"PolicyDocumentId\" AS \"Id\", -ts_rank('{{0.1, 0.2, 0.4, 1.0}}', " + PostgresVector + ", plainto_tsquery('simple', {0}))::double precision AS \"Rank\" "
                    + "FROM \"PolicySearchEntries\" AS s WHERE " + PostgresVector + " @@ plainto_tsquery('simple', {0})", match));
            ranked = from hit in hits join d in documents on hit.Id equals d.Id select new Ranked { Id = d.Id, Rank = hit.Rank, IssuedOn = d.IssuedOn };
        }

        var total = await ranked.CountAsync(ct);
        var ids = await ranked.OrderBy(r => r.Rank).ThenByDescending(r => r.IssuedOn).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).Select(r => r.Id).ToListAsync(ct);
        var rows = await db.PolicyDocuments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Title, d.IssuingBody, d.DocumentNumber, Category = d.Category!.Name, d.IssuedOn, d.IsValid, d.Body })
            .ToDictionaryAsync(d => d.Id, ct);
        var words = string.IsNullOrWhiteSpace(q.Text) ? [] : QueryWords(q.Text);
        var items = ids.Select(id => rows[id])
            .Select(d => new PolicyHit(d.Id, d.Title, d.IssuingBody, d.DocumentNumber, d.Category, d.IssuedOn, d.IsValid, Snippet(d.Body, words)))
            .ToList();
        return new PolicyPage(items, total, page, pageSize);
    }

    /// <summary>PostgreSQL: the expression the GIN index of the migration is built on (it must match word for word).</summary>
    internal const string PostgresVector = """(setweight(to_tsvector('simple', s."TitleTokens"), 'A') || setweight(to_tsvector('simple', s."BodyTokens"), 'D'))""";

    /// <summary>The words of a query to highlight: its segmented tokens, longest first so that 行政复议 is marked whole before 复议.</summary>
    public static IReadOnlyList<string> QueryWords(string text) =>
        ChineseSegmenter.Tokens(text).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).ToList();

    /// <summary>
    /// About <see cref="SnippetLength"/> characters of the body around the first occurrence of a query word (the
    /// beginning when there is none), cut into runs with every occurrence of a word marked. Plain text in, plain text
    /// out: the page encodes it, so a document can never inject markup.
    /// </summary>
    public static IReadOnlyList<SnippetRun> Snippet(string body, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(words);
        var text = string.Join(' ', body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var first = words.Select(w => text.IndexOf(w, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - SnippetLength / 4);
        var length = Math.Min(SnippetLength, text.Length - start);
        var window = text.Substring(start, length);
        var runs = new List<SnippetRun>();
        if (start > 0) runs.Add(new SnippetRun("…", false));
        var plain = 0;
        for (var i = 0; i < window.Length;)
        {
            var word = words.FirstOrDefault(w => w.Length > 0 && string.Compare(window, i, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) == 0 && i + w.Length <= window.Length);
            if (word is null)
            {
                i++;
                continue;
            }
            if (i > plain) runs.Add(new SnippetRun(window[plain..i], false));
            runs.Add(new SnippetRun(window.Substring(i, word.Length), true));
            i += word.Length;
            plain = i;
        }
        if (plain < window.Length) runs.Add(new SnippetRun(window[plain..], false));
        if (start + length < text.Length) runs.Add(new SnippetRun("…", false));
        return runs;
    }

    private sealed record Hit(long Id, double Rank);

    private sealed class Ranked
    {
        public long Id { get; init; }
        public double Rank { get; init; }
        public DateOnly IssuedOn { get; init; }
    }
}
