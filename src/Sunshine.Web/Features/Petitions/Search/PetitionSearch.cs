using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Queues;
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
/// <param name="Colour">A deadline colour on the day of the search, as due-date ranges (<see cref="DeadlineColouring.Range"/>).</param>
/// <param name="Condition">A further condition from an oversight number (an assessment set, a red-light subtree), so the
/// list shows exactly the cases the number counts.</param>
public sealed record PetitionQuery(string? Text, Channel? Channel, int? CategoryId, string? LocalityPrefix, Purpose? Purpose, PetitionStatus? Status,
    int? ResponsibleOrganisationId, DateOnly? From, DateOnly? To, long? Before, int Take = 50, ColourRange? Colour = null,
    System.Linq.Expressions.Expression<Func<Petition, bool>>? Condition = null);

/// <summary>
/// Petition search within the caller's scope (<see cref="ScopeQueries.WithinScope(IQueryable{Petition}, UserScope)"/>
/// is always applied): the text condition runs on the database's own full-text index — SQLite FTS5
/// (<c>"PetitionFts" MATCH …</c>) or PostgreSQL GIN (<c>"Vector" @@ plainto_tsquery('simple', …)</c>, the entry's stored words,
/// migration PostgresSearchVector)
/// — and the filters, scope, keyset and newest-first order are LINQ. Every value is a parameter; the user's text reaches
/// the database only as <see cref="ChineseSegmenter.ToMatchQuery"/>'s quoted words.
/// </summary>
/// <remarks>
/// <para>Page: SQLite walks the FTS5 match newest first (rowid = PetitionId) and stops at a page. PostgreSQL has no
/// ordered text index (ARCHITECTURE §4): a rare text is matched first through GIN and its hits ordered; a common text
/// seen province-wide is checked per row while the primary key is walked backwards, which finds a page after a few
/// hundred rows (<see cref="WalkPrimaryKeyAsync"/> decides from the planner's own estimate of the text's hits). A subtree's
/// text with no other filter takes its newest hits off the index first and applies the scope to those few
/// (<see cref="NewestHitsAsync"/>).</para>
/// <para>A narrow scope (a county, at most <see cref="MaxNarrowUnits"/> units) is also given as the list of its unit ids,
/// a condition redundant with the scope, so that both databases can start from the petitions' unit indexes. Both text
/// indexes also hold each petition's scope (SQLite: <see cref="ScopeToken"/>; PostgreSQL: <see cref="ScopeKeyAsync"/>),
/// so a subtree's hits come out of the index already intersected with the subtree.</para>
/// <para>Count: on the first page only. It stops at <see cref="CountCap"/> ("10,000+", <c>CountCapped</c>), and it is
/// given up after <see cref="CountBudget"/> (<c>Count</c> null: "many, not counted") — a county officer searching a word
/// found in a third of a million petitions would otherwise wait while every hit is checked against the county. A
/// bureau's unfiltered count is read off the text index (<see cref="CountFromIndexAsync"/>, <see cref="CountFromGinAsync"/>);
/// on PostgreSQL a single word measured far above the cap is "10,000+" without counting (<see cref="FarAboveCapAsync"/>).</para>
/// </remarks>
public static class PetitionSearch
{
    public const int CountCap = 10_000;
    public const int MaxTake = 200;

    /// <summary>How long the first page may spend counting.</summary>
    public static readonly TimeSpan CountBudget = TimeSpan.FromMilliseconds(250);

    /// <summary>A scope of at most this many units is narrow (a county has a few dozen; a city some hundreds).</summary>
    private const int MaxNarrowUnits = 100;

    /// <summary>PostgreSQL: how far above the cap a measured estimate must be to give "10,000+" uncounted (<see cref="FarAboveCapAsync"/>).</summary>
    internal const int EstimateMargin = 3;

    /// <summary>PostgreSQL: a text estimated to have fewer hits than this is always matched first.</summary>
    private const double RareTextHits = 5_000;

    public static Task<(IReadOnlyList<long> Ids, int? Count, bool CountCapped)> SearchAsync(SunshineDbContext db, UserScope scope, PetitionQuery q, CancellationToken ct) =>
        SearchAsync(db, scope, q, CountBudget, ct);

    /// <param name="countBudget">How long the first page's count may take (<see cref="CountBudget"/> for the list).</param>
    public static async Task<(IReadOnlyList<long> Ids, int? Count, bool CountCapped)> SearchAsync(SunshineDbContext db, UserScope scope, PetitionQuery q, TimeSpan countBudget, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(q);
        var take = Math.Clamp(q.Take, 1, MaxTake);
        var match = string.IsNullOrWhiteSpace(q.Text) ? "" : ChineseSegmenter.ToMatchQuery(q.Text);
        var categories = q.CategoryId is { } categoryId ? await CategorySubtreeAsync(db, categoryId, ct) : null;
        var sqlite = db.Database.IsSqlite();
        if (!sqlite && !db.Database.IsNpgsql()) throw new NotSupportedException("Petition search is implemented for SQLite and PostgreSQL.");

        // A narrow scope (a county): its units as an id list as well — redundant, the scope itself still applies — so
        // that the database can start from the petitions' unit indexes instead of walking past everyone else's petitions
        // (a county's first page at 200k petitions on PostgreSQL: 400 ms → 10 ms). A wide scope walks the primary key.
        // On SQLite the subtree is read as a range of IX_Organisations_Path: GLOB is case-sensitive, so SQLite answers a
        // fixed prefix from the index, where the LIKE of WithinScope reads every unit (a county: 0.19 → 0.01 ms at 3,081
        // units). A path holds only digits and slashes, nothing GLOB would read as a wildcard.
        var organisations = db.Organisations.AsNoTracking();
        var inScope = sqlite && scope.IncludeSubordinates
            ? organisations.Where(o => o.Id == scope.OrganisationId || EF.Functions.Glob(o.Path, scope.ScopePath + "*"))
            : organisations.WithinScope(scope);
        // PostgreSQL reads the subtree's unit counts anyway (its scope key, the visible share); a subtree they show to be
        // wide needs no unit list, one round trip fewer.
        var unitCounts = !sqlite && scope.IncludeSubordinates ? await UnitCountsAsync(db, scope, ct) : null;
        var units = unitCounts is { UnderScope: > MaxNarrowUnits } ? [] : await inScope.Select(o => o.Id).Take(MaxNarrowUnits + 1).ToListAsync(ct);
        var narrow = unitCounts is not { UnderScope: > MaxNarrowUnits } && units.Count <= MaxNarrowUnits;
        // SQLite, a text search: a wide subtree that holds every unit (a province's bureau) asks the text index without its
        // subtree token. The token is then on every entry, and walking its million-entry list beside a rare word's, newest
        // first, cost the province's page 2–3 ms at 1M and its count 0.1–1 ms. A unit outside is found by two probes of
        // IX_Organisations_Path: in binary order the subtree is the range from its path to the path with the last '/' as '0'.
        var everyUnit = sqlite && match.Length > 0 && scope.IncludeSubordinates && !narrow && scope.ScopePath.EndsWith('/') && !await organisations.AnyAsync(o =>
            string.Compare(o.Path, scope.ScopePath) < 0 || string.Compare(o.Path, scope.ScopePath.Substring(0, scope.ScopePath.Length - 1) + "0") >= 0, ct);
        IQueryable<Petition> Visible(IQueryable<Petition> source)
        {
            var visible = Filter(source.WithinScope(scope), q, categories);
            return narrow
                ? visible.Where(p => units.Contains(p.RegisteringOrganisationId) || (p.ResponsibleOrganisationId != null && units.Contains(p.ResponsibleOrganisationId.Value)))
                : visible;
        }
        var filtered = Visible(db.Petitions.AsNoTracking());

        // The ids of the visible petitions that match, as a query whose natural order is the id.
        IQueryable<long> matching;
        int? scopeKey = null;
        double? estimatedHits = null;
        var byScopeKey = false;
        if (match.Length == 0)
        {
            matching = filtered.Select(p => p.Id);
        }
        else if (sqlite)
        {
            // The join keeps the FTS5 rowid (= PetitionId) as the sort key, so SQLite walks the match newest first and
            // stops at a page instead of collecting and sorting every hit. Each hit is checked against the scope on the
            // covering index IX_Petitions_Scope, not the petition's wide row (profiled at 100k: a common word's count of
            // 10,001 visible hits took 40 ms CPU through the rows, 3 ms through the index).
            // The text index also holds each petition's scope tokens (its registering and responsible units and all
            // their ancestors, see ScopeToken): a scope with subordinates asks FTS5 for the words AND its subtree's
            // token, so the index intersects the two lists and a county's common word yields the county's few hundred
            // hits, not a hundred thousand to check one by one. The join below still applies the whole scope.
            var scoped = ScopedMatch(match, scope, everyUnit);
            var hits = db.PetitionFtsHits(scoped);
            if (narrow)
            {
                // A county: no index hint, so SQLite may start from the units' petition indexes. Forcing the covering
                // index here (and pre-filtering the hits by the units' petitions) made SQLite scan that index and probe
                // the text index per row: at 1M petitions a county's rare word took 10.7 s and a common one 1.05 s.
                matching = from hit in hits join p in filtered on hit.Id equals p.Id select hit.Id;
            }
            else
            {
                // INDEXED BY, because without statistics for it SQLite prefers the primary key (the wide row) for the
                // lookup; the hint names the index only, the conditions are the scope's and the filters' own.
                var byScopeIndex = Visible(db.Petitions.FromSql($"""SELECT * FROM "Petitions" INDEXED BY "IX_Petitions_Scope" """).AsNoTracking());
                matching = from hit in hits join p in byScopeIndex on hit.Id equals p.Id select hit.Id;
            }
        }
        else
        {
            var upper = q.Before ?? long.MaxValue;
            // The subtree's key in the text index's "Scope" column (migration PostgresSearchScope), unless the scope
            // covers every unit anyway (a province bureau: the key would be on every entry and only slow the scan).
            scopeKey = ScopeKey(scope, unitCounts);
            estimatedHits = narrow ? null : await EstimatedRowsAsync(db, $"""SELECT 1 FROM "PetitionSearchEntries" WHERE "Vector" @@ plainto_tsquery('simple', {match})""", ct);
            IQueryable<Petition> texts;
            if (narrow && scopeKey is null || estimatedHits is { } hits && unitCounts is not null && await WalkPrimaryKeyAsync(db, hits, unitCounts.Share, take, ct))
            {
                // Row by row: a unit's own cases start from its few petitions (the unit indexes) and check each one's text;
                // a common text seen province-wide has a hit every few rows, so walking the primary key backwards finds a
                // page soonest. Each row's check reads the stored words ("Vector"), no parse. (The keyset bound is repeated
                // inside, or PostgreSQL merges with the entries from the newest down.)
                texts = db.Petitions.FromSql($"""
                    SELECT p.* FROM "Petitions" AS p
                    WHERE EXISTS (SELECT 1 FROM "PetitionSearchEntries" AS s
                                  WHERE s."PetitionId" = p."Id" AND s."PetitionId" < {upper} AND s."Vector" @@ plainto_tsquery('simple', {match}))
                    """).AsNoTracking();
            }
            else if (scopeKey is { } key)
            {
                byScopeKey = true;
                // Matched first through GIN, the words AND the subtree's key in one index scan: a county's common word
                // yields the county's few hundred hits, not a hundred thousand to check against the scope one by one.
                texts = db.Petitions.FromSql($"""
                    SELECT p.* FROM "Petitions" AS p
                    WHERE p."Id" IN (SELECT s."PetitionId" FROM "PetitionSearchEntries" AS s
                                     WHERE s."Vector" @@ plainto_tsquery('simple', {match}) AND s."Scope" @> ARRAY[{key}] OFFSET 0)
                    """).AsNoTracking();
            }
            else
            {
                // Matched first through GIN; OFFSET 0 keeps the planner from folding the match into a walk of the primary
                // key, which would check every row on the way.
                texts = db.Petitions.FromSql($"""
                    SELECT p.* FROM "Petitions" AS p
                    WHERE p."Id" IN (SELECT s."PetitionId" FROM "PetitionSearchEntries" AS s
                                     WHERE s."Vector" @@ plainto_tsquery('simple', {match}) OFFSET 0)
                    """).AsNoTracking();
            }
            matching = Visible(texts).Select(p => p.Id);
        }

        // A subtree's text with no other filter (PostgreSQL): its newest hits first, then the scope on those few alone. The
        // subtree's key already keeps the hits to the subtree, so the scope turns few of them away (the accusations it may
        // not see, Art. 30), and the rest need not be joined to their petitions at all: a county's common word at 10M
        // checked 8,302 petitions and their units for a page of 50, about 90 ms of the statement's 163 (docs/performance.md).
        List<long>? ids = null;
        int? hitsInSubtree = null;
        if (byScopeKey && Unfiltered(q))
        {
            var candidates = take * 2;
            var newest = await NewestHitsAsync(db, match, scopeKey!.Value, q.Before ?? long.MaxValue, candidates, ct);
            var newestIds = newest.Select(h => h.PetitionId).ToList();
            var visible = await filtered.Where(p => newestIds.Contains(p.Id)).Select(p => p.Id).OrderByDescending(id => id).Take(take).ToListAsync(ct);
            // A full page, or every hit looked at: the page is the newest visible hits. Otherwise the scope turned away
            // more than the margin, and the page is found the long way below.
            if (visible.Count == take || newest.Count < candidates)
            {
                ids = visible;
                hitsInSubtree = newest.Count == 0 ? 0 : newest[0].Hits;
            }
        }
        var page = q.Before is { } before ? matching.Where(id => id < before) : matching;
        ids ??= await page.OrderByDescending(id => id).Take(take).ToListAsync(ct);
        if (q.Before is not null) return (ids, null, false);
        if (ids.Count < take) return (ids, ids.Count, false);

        // A bureau's scope with subordinates and no filter but the text: counted off the text index, without the rows.
        var fromIndex = match.Length > 0 && Unfiltered(q) && scope.IncludeSubordinates && scope.AtBureau;
        if (fromIndex && !sqlite && scopeKey is null && estimatedHits is { } estimate && await FarAboveCapAsync(db, scope, match, estimate, ct))
            return (ids, CountCap, true);
        var count = !fromIndex ? await CountWithinBudgetAsync(db, matching, countBudget, ct)
            : sqlite ? await CountFromIndexAsync(db, scope, ScopedMatch(match, scope, everyUnit), ct)
            : await CountFromGinAsync(db, scope, match, scopeKey, hitsInSubtree, ct);
        return (ids, count is { } n ? Math.Min(n, CountCap) : null, count > CountCap);
    }

    /// <summary>One of a text's newest hits in a subtree, with the number of all its hits there.</summary>
    private sealed record NewestHit(long PetitionId, int Hits);

    /// <summary>
    /// PostgreSQL: the newest <paramref name="limit"/> entries below <paramref name="before"/> that match the words and
    /// carry the subtree's key, each with the number of all such entries. GIN gives the hits unordered, so they are all
    /// read and ordered anyway, and counting them on the way costs nothing more.
    /// </summary>
    private static Task<List<NewestHit>> NewestHitsAsync(SunshineDbContext db, string match, int scopeKey, long before, int limit, CancellationToken ct) =>
        db.Database.SqlQuery<NewestHit>($"""
            SELECT s."PetitionId", COUNT(*) OVER ()::int AS "Hits" FROM "PetitionSearchEntries" AS s
            WHERE s."Vector" @@ plainto_tsquery('simple', {match}) AND s."Scope" @> ARRAY[{scopeKey}] AND s."PetitionId" < {before}
            ORDER BY s."PetitionId" DESC LIMIT {limit}
            """).ToListAsync(ct);

    /// <summary>SQLite: the token a scope with subordinates finds in the <c>"Scope"</c> column of <c>"PetitionFts"</c>.</summary>
    /// <remarks>
    /// Each indexed petition carries <c>s{id}</c> for its registering unit, its responsible unit and every ancestor of
    /// either (read off <c>Organisation.Path</c>, which never changes once a unit exists). A petition is within a scope
    /// with subordinates when one of its two units lies under <c>ScopePath</c> (<see cref="ScopeQueries"/>), i.e. when
    /// it carries the token of the organisation whose path <c>ScopePath</c> is. Null for the root ("/"): every petition.
    /// The triggers of migration <c>SearchScopeTokens</c> keep the tokens in step when a case is transferred.
    /// </remarks>
    internal static string? ScopeToken(UserScope scope)
    {
        var last = scope.ScopePath.TrimEnd('/');
        var slash = last.LastIndexOf('/');
        var id = slash < 0 ? last : last[(slash + 1)..];
        return id.Length == 0 ? null : "s" + id;
    }

    /// <summary>
    /// SQLite: the user's words, kept to the <c>"Tokens"</c> column (a word typed as "s12" finds no scope token), and
    /// for a scope with subordinates its subtree's token too, unless the subtree holds every unit. Both are strings the
    /// app built, the words quoted by <see cref="ChineseSegmenter.ToMatchQuery"/>.
    /// </summary>
    private static string ScopedMatch(string match, UserScope scope, bool everyUnit) =>
        $"\"Tokens\" : ({match})" + (scope.IncludeSubordinates && !everyUnit && ScopeToken(scope) is { } token ? $" AND \"Scope\" : \"{token}\"" : "");

    /// <summary>Whether the query has no condition beyond its text (the scope still applies).</summary>
    private static bool Unfiltered(PetitionQuery q) =>
        q is { Channel: null, CategoryId: null, LocalityPrefix: null or "", Purpose: null, Status: null, ResponsibleOrganisationId: null, From: null, To: null, Colour: null, Condition: null };

    /// <summary>
    /// SQLite, a bureau's scope with subordinates and no filter: the count read off the text index, exactly. The index
    /// counts the words' hits within the subtree (<see cref="ScopedMatch"/>); of those, the scope hides from a bureau
    /// only the accusations against the bureau itself (<see cref="ScopeQueries"/>, Art. 30), which are few and found
    /// through IX_Petitions_AccusedOrganisationId, each checked against the same match — and subtracted.
    /// Counts up to <see cref="CountCap"/> + 1 visible hits, as the joined count does.
    /// </summary>
    private static async Task<int> CountFromIndexAsync(SunshineDbContext db, UserScope scope, string scopedMatch, CancellationToken ct)
    {
        // One statement: the hidden accusations (few) are counted first, so that the hits are counted up to the cap plus
        // them, then subtracted (two statements before, each with EF's whole pipeline and its SQL built anew for raw SQL).
        // {0} the match, {1} the bureau, {2} the cap + 1; each is one parameter however often it appears.
        const string hidden = """
            (SELECT COUNT(*) FROM "Petitions" AS p WHERE p."AccusedOrganisationId" = {1}
               AND EXISTS (SELECT 1 FROM "PetitionFts" WHERE "PetitionFts".rowid = p."Id" AND "PetitionFts" MATCH {0}))
            """;
        return await db.Database.SqlQuery<int>(FormattableStringFactory.Create($$"""
            SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM "PetitionFts" WHERE "PetitionFts" MATCH {0} LIMIT {2} + {{hidden}})) - {{hidden}} AS "Value"
            """, scopedMatch, scope.OrganisationId, CountCap + 1)).SingleAsync(ct);
    }

    /// <summary>
    /// Counts up to <see cref="CountCap"/> + 1, or gives up after <see cref="CountBudget"/> (null). The EF query runs as a
    /// plain command so that the database really stops: Npgsql cancels on the server, and SQLite, which ignores
    /// cancellation once a statement runs, is interrupted (sqlite3_interrupt); an abandoned count is no error to log.
    /// </summary>
    private static async Task<int?> CountWithinBudgetAsync(SunshineDbContext db, IQueryable<long> matching, TimeSpan countBudget, CancellationToken ct)
    {
        await using var command = matching.Take(CountCap + 1).CreateDbCommand();
#pragma warning disable CA2100 // EF's own SQL for the query, wrapped; its parameters stay parameters
        command.CommandText = "SELECT COUNT(*) FROM (" + command.CommandText + ") AS c";
#pragma warning restore CA2100
        var connection = command.Connection!;
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(countBudget);
            using var interrupt = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
                ? budget.Token.Register(() => SQLitePCL.raw.sqlite3_interrupt(sqlite.Handle))
                : default;
            try
            {
                return Convert.ToInt32(await command.ExecuteScalarAsync(budget.Token), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (budget.IsCancellationRequested && !ct.IsCancellationRequested && e is OperationCanceledException or System.Data.Common.DbException)
            {
                return null;
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// PostgreSQL: whether to walk the primary key (checking each row's text) rather than match first through GIN
    /// (~4 µs per hit, then ordered). Walking reads about take ÷ (hit rate × visible share) rows. The hit rate comes from
    /// the planner's estimate (statistics of the entries' words), the visible share from the units in scope — both
    /// cheap, no scan. A walked row is weighed at 35 µs, its cost when each row's tokens were parsed again; with the
    /// stored words it costs ~1 µs, but the weight is kept: the planner's figure for several words can overstate their
    /// common hits many times over, and a walk that finds fewer hits than estimated reads that many times more rows.
    /// </summary>
    private static async Task<bool> WalkPrimaryKeyAsync(SunshineDbContext db, double hits, double visibleShare, int take, CancellationToken ct)
    {
        if (hits < RareTextHits) return false;
        var petitions = await EstimatedRowsAsync(db, $"""SELECT 1 FROM "Petitions" """, ct);
        var rowsWalked = take / Math.Max(hits / Math.Max(petitions, 1) * visibleShare, 1e-9);
        return rowsWalked * 35 < hits * 4;
    }

    /// <summary>PostgreSQL: all units, and those under a scope's path (read in one query).</summary>
    private sealed record UnitCounts(int All, int UnderScope)
    {
        /// <summary>The share of all units under the scope, as a cheap stand-in for the share of petitions it sees.</summary>
        public double Share => Math.Max(UnderScope, 1) / (double)Math.Max(All, 1);
    }

    private static Task<UnitCounts> UnitCountsAsync(SunshineDbContext db, UserScope scope, CancellationToken ct)
    {
        var path = scope.ScopePath;
        return db.Organisations.GroupBy(o => 1).Select(g => new UnitCounts(g.Count(), g.Count(o => o.Path.StartsWith(path)))).SingleAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: the organisation id a scope with subordinates finds in <c>PetitionSearchEntries."Scope"</c> (the
    /// registering unit, the responsible unit and every ancestor of either; kept by the triggers of migration
    /// <c>PostgresSearchScope</c>), as <see cref="ScopeToken"/> for SQLite. Null when the scope has no subordinates, is
    /// the root, or covers every unit (then every petition is in it and the key would only slow the index scan).
    /// </summary>
    private static int? ScopeKey(UserScope scope, UnitCounts? units) =>
        units is not null && units.UnderScope < units.All && ScopeToken(scope) is { } token
            ? int.Parse(token.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// PostgreSQL, a bureau whose scope covers every unit: whether the text's hits are so far above the cap that the
    /// count can be given as "10,000+" without counting them. Only a text of one lexeme whose document frequency was
    /// measured qualifies: the lexeme must be among those the statistics of the entries' words (<c>"Vector"</c>) track
    /// (the most common 10,000, migration PostgresSearchVector), and its hits are taken as its tracked frequency × the
    /// rows analysed. ANALYZE reads every entry up to 3,000,000 rows and its counting of lexemes (lossy counting) can
    /// only under-count, and petitions are never deleted, so that figure is not above the true hits. Not taken, counted
    /// instead: several lexemes (the planner multiplies their frequencies as if independent, which may overstate their
    /// common hits), a lexeme outside the statistics or a table never analysed (the planner's figure is then a guess).
    /// The petitions the bureau may not see (accusations against itself, Art. 30) are all subtracted, matching or not,
    /// and what remains must be <see cref="EstimateMargin"/> times the cap. The planner's <paramref name="estimate"/> is
    /// checked first, so that most texts cost no catalogue read; a text's measured hits are kept until the table is
    /// analysed again (<see cref="MeasuredHits"/>).
    /// </summary>
    /// <param name="cap">The cap (<see cref="CountCap"/>; smaller in tests).</param>
    internal static async Task<bool> FarAboveCapAsync(SunshineDbContext db, UserScope scope, string match, double estimate, CancellationToken ct, int cap = CountCap)
    {
        var needed = EstimateMargin * (cap + 1.0);
        if (estimate < needed) return false;
        var own = scope.OrganisationId;
        var now = await db.Database.SqlQuery<StatisticsNow>($"""
            SELECT current_database() AS "Database", c.oid::bigint AS "Table",
                   greatest(pg_stat_get_last_analyze_time(c.oid), pg_stat_get_last_autoanalyze_time(c.oid)) AS "AnalysedAt",
                   (SELECT COUNT(*)::int FROM "Petitions" WHERE "AccusedOrganisationId" = {own}) AS "Hidden"
            FROM pg_class AS c WHERE c.oid = to_regclass('"PetitionSearchEntries"')
            """).SingleAsync(ct);
        var analysis = (now.Database, now.Table, now.AnalysedAt);
        var kept = _measured;
        if (kept?.Analysis != analysis) kept = now.AnalysedAt is null ? null : _measured = new MeasuredHits(analysis, new());
        double? hits;
        if (kept is null || !kept.Hits.TryGetValue(match, out hits))
        {
            hits = await db.Database.SqlQuery<double?>($"""
                SELECT CASE WHEN numnode(plainto_tsquery('simple', {match})) = 1 THEN
                    (SELECT s.most_common_elem_freqs[array_position(s.most_common_elems::text::text[], (SELECT lexeme FROM unnest(to_tsvector('simple', {match})) LIMIT 1))] * c.reltuples
                     FROM pg_stats AS s JOIN pg_class AS c ON c.oid = {now.Table}
                     WHERE s.schemaname = current_schema() AND s.tablename = 'PetitionSearchEntries' AND s.attname = 'Vector')
                END AS "Value"
                """).SingleAsync(ct);
            if (kept is not null && kept.Hits.Count < MaxMeasuredTexts) kept.Hits[match] = hits;
        }
        return hits is { } measured && measured - now.Hidden >= needed;
    }

    /// <summary>The search entries' table, when its statistics were last made, and the bureau's hidden accusations.</summary>
    private sealed record StatisticsNow(string Database, long Table, DateTime? AnalysedAt, int Hidden);

    /// <summary>
    /// PostgreSQL: the measured hits of texts (<see cref="FarAboveCapAsync"/>; null: not measured) as of one ANALYZE of
    /// the search entries. Reading them costs milliseconds per request (the 10,000-lexeme array of <c>pg_stats</c>), and
    /// they change only when the table is analysed again: then the analysis time differs and they are read anew. Kept
    /// figures stay valid while the table grows, since hits only grow (also those read a moment before an ANALYZE commits).
    /// </summary>
    private sealed record MeasuredHits((string Database, long Table, DateTime? AnalysedAt) Analysis, System.Collections.Concurrent.ConcurrentDictionary<string, double?> Hits);

    private static MeasuredHits? _measured;

    /// <summary>Only very common texts reach the statistics; the bound keeps odd input from growing the set without end.</summary>
    private const int MaxMeasuredTexts = 1_000;

    /// <summary>
    /// PostgreSQL, a bureau's scope with subordinates and no filter: the count read off the text index, exactly, as
    /// <see cref="CountFromIndexAsync"/> does for SQLite — the entries matching the words and (below the top of the tree)
    /// the subtree's key, without reading the petitions or their units, less the matching accusations against the
    /// bureau itself, the only petitions of its subtree it may not see (Art. 30). Counts up to <see cref="CountCap"/> + 1.
    /// </summary>
    /// <param name="hitsInSubtree">The entries matching the words within the subtree, when already counted (<see cref="NewestHitsAsync"/>):
    /// then only the hidden accusations are counted.</param>
    private static async Task<int> CountFromGinAsync(SunshineDbContext db, UserScope scope, string match, int? scopeKey, int? hitsInSubtree, CancellationToken ct)
    {
        // One statement, as CountFromIndexAsync. {0} the match, {1} the bureau, {2} the cap + 1 or the hits, {3} the subtree's key.
        // The hidden accusations are a CTE read twice, so PostgreSQL plans and runs that count once: with the count written
        // out twice, the server's median planning (bind) of a county's rare word at 1M was 1.62 ms, against 0.92 ms.
        var scoped = scopeKey is null ? "" : """ AND s."Scope" @> ARRAY[{3}]""";
        var hits = hitsInSubtree is null
            ? $$"""(SELECT COUNT(*)::int FROM (SELECT FROM "PetitionSearchEntries" AS s WHERE s."Vector" @@ plainto_tsquery('simple', {0}){{scoped}} LIMIT {2} + (SELECT n FROM hidden)) AS c)"""
            : "{2}";
        object[] arguments = [match, scope.OrganisationId, hitsInSubtree ?? CountCap + 1, .. scopeKey is { } key ? new object[] { key } : []];
        return await db.Database.SqlQuery<int>(FormattableStringFactory.Create($$"""
            WITH hidden AS (SELECT COUNT(*)::int AS n FROM "Petitions" AS p WHERE p."AccusedOrganisationId" = {1}
                AND EXISTS (SELECT 1 FROM "PetitionSearchEntries" AS s WHERE s."PetitionId" = p."Id" AND s."Vector" @@ plainto_tsquery('simple', {0}){{scoped}}))
            SELECT {{hits}} - (SELECT n FROM hidden) AS "Value"
            """, arguments)).SingleAsync(ct);
    }

    /// <summary>PostgreSQL: the planner's row estimate for a query (EXPLAIN, no execution).</summary>
    private static async Task<double> EstimatedRowsAsync(SunshineDbContext db, FormattableString query, CancellationToken ct)
    {
        var explain = FormattableStringFactory.Create("EXPLAIN (FORMAT JSON) " + query.Format, query.GetArguments());
        var plan = string.Concat(await db.Database.SqlQuery<string>(explain).ToListAsync(ct));
        using var json = System.Text.Json.JsonDocument.Parse(plan);
        return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    internal static IQueryable<Petition> Filter(IQueryable<Petition> petitions, PetitionQuery q, List<int>? categories)
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
        if (q.Colour is { } colour) petitions = petitions.Where(colour.Predicate());
        if (q.Condition is { } condition) petitions = petitions.Where(condition);
        return petitions;
    }

    /// <summary>A category and its descendants: the tree has three levels and a few hundred rows.</summary>
    internal static async Task<List<int>> CategorySubtreeAsync(SunshineDbContext db, int categoryId, CancellationToken ct)
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
