using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Features.Petitions.Search;

/// <summary>An earlier petition that the new one may repeat (重件): by the same person, with near-identical content, or both.</summary>
/// <param name="Reason"><c>"person"</c>, <c>"content"</c> or <c>"person+content"</c>.</param>
/// <param name="Similarity">Jaccard similarity of the two texts' shingles (0..1), also for person matches.</param>
public sealed record RepeatCandidate(long PetitionId, string CaseNumber, DateOnly ReceivedOn, string Reason, double Similarity);

/// <summary>
/// Finds earlier petitions at intake: by the petitioner's keyed hash (<c>Petition.PersonKey</c>, never plain text) and
/// by content, through the MinHash bands of <see cref="ContentFingerprint"/> on the (Band, Hash) index, each content
/// candidate confirmed by <see cref="ContentFingerprint.Similarity(IReadOnlyList{string}, IReadOnlyList{string})"/>
/// ≥ <see cref="ContentFingerprint.DuplicateThreshold"/> over the stored tokens. Index lookups only, each bounded:
/// a few milliseconds however many petitions there are.
/// </summary>
/// <remarks>
/// Two round trips: the band lookups (one index range per band, the newest <see cref="PerBand"/> each), then one query
/// for the person's petitions (IX_Petitions_PersonKey) and the best <see cref="ToConfirm"/> content candidates (primary
/// key) in the window, with their stored tokens. The person's petitions always make the list; content matches fill the
/// remaining places. The band ranges are read from the index alone when it covers PetitionId — (Band, Hash, PetitionId);
/// on (Band, Hash) each entry costs a table lookup, which a form letter sent thousands of times makes expensive.
/// </remarks>
public static class RepeatFinder
{
    /// <summary>At most this many candidates are returned, newest first.</summary>
    public const int MaxResults = 20;

    /// <summary>Per band, the newest rows taken: a form letter sent in thousands shares its buckets with all of them,
    /// and the newest are the ones an officer links to. Bounds the work of one lookup.</summary>
    internal const int PerBand = 32;

    /// <summary>Content candidates confirmed by similarity, those sharing the most bands first.</summary>
    internal const int ToConfirm = 32;

    /// <param name="personKey">The new petition's keyed hash of ID number or phone; null when it has neither.</param>
    /// <param name="tokens">The new petition's <see cref="PetitionIndex.Tokens"/> (summary and content).</param>
    /// <param name="receivedOn">Its receipt date; the window is [receivedOn − windowDays, receivedOn].</param>
    /// <param name="excludeId">The petition itself, when it is already stored.</param>
    public static async Task<IReadOnlyList<RepeatCandidate>> FindAsync(SunshineDbContext db, byte[]? personKey, IReadOnlyList<string> tokens,
        DateOnly receivedOn, int windowDays, long? excludeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(windowDays);
        var from = receivedOn.AddDays(-windowDays);
        var to = receivedOn;
        var exclude = excludeId ?? 0;

        var key = personKey is { Length: > 0 } ? personKey : null;
        var bands = ContentFingerprint.Bands(tokens);
        if (key is null && bands.Length == 0) return [];

        // One connection for the two round trips (EF would otherwise take it from the pool for each).
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        List<Candidate> found;
        try
        {
            List<long> ids = [];
            if (bands.Length > 0)
            {
                var hits = await db.Database.SqlQuery<BandHit>(BandQuery(bands)).ToListAsync(ct);
                ids = MostShared(hits.Where(h => h.PetitionId != exclude).Select(h => (h.PetitionId, h.Shared)));
            }
            if (key is null && ids.Count == 0) return [];

            // The same person's petitions (IX_Petitions_PersonKey) and the content candidates (primary key), in the
            // window, with their stored tokens for the similarity.
            found = await db.Petitions.AsNoTracking()
                .Where(p => ((key != null && p.PersonKey == key) || ids.Contains(p.Id)) && p.ReceivedOn >= from && p.ReceivedOn <= to && p.Id != exclude)
                .OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id)
                .Take(MaxResults + ToConfirm)
                .Select(p => new Candidate(p.Id, p.CaseNumber, p.ReceivedOn,
                    db.PetitionSearchEntries.Where(s => s.PetitionId == p.Id).Select(s => s.Tokens).FirstOrDefault(),
                    key != null && p.PersonKey == key))
                .ToListAsync(ct);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }

        return Rank(tokens, found, receivedOn, windowDays);
    }

    /// <summary>A petition considered as a repeat: its stored tokens for the similarity; <paramref name="Person"/>: same keyed hash.</summary>
    internal sealed record Candidate(long Id, string CaseNumber, DateOnly ReceivedOn, string? Tokens, bool Person);

    /// <summary>The content candidates to confirm: those sharing the most bands first, the newest among equals.</summary>
    internal static List<long> MostShared(IEnumerable<(long PetitionId, long Shared)> hits) =>
        hits.OrderByDescending(h => h.Shared).ThenByDescending(h => h.PetitionId).Take(ToConfirm).Select(h => h.PetitionId).ToList();

    /// <summary>
    /// The ranking rules, for one petition (<see cref="FindAsync"/>) and for a batch (<c>PetitionBatch</c>): of the
    /// candidates in the window, the newest <see cref="MaxResults"/> + <see cref="ToConfirm"/>; a content candidate stays
    /// only if the similarity confirms it; the same person's petitions always make the list and content matches (a form
    /// letter may have hundreds) fill the remaining places; newest first.
    /// </summary>
    internal static List<RepeatCandidate> Rank(IReadOnlyList<string> tokens, IEnumerable<Candidate> candidates, DateOnly receivedOn, int windowDays)
    {
        var from = receivedOn.AddDays(-windowDays);
        var shingles = ContentFingerprint.Shingles(tokens);
        var confirmed = new List<RepeatCandidate>();
        foreach (var c in candidates.Where(c => c.ReceivedOn >= from && c.ReceivedOn <= receivedOn)
            .OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id).Take(MaxResults + ToConfirm))
        {
            var similarity = c.Tokens is { Length: > 0 } && shingles.Length > 0
                ? ContentFingerprint.Similarity(shingles, ContentFingerprint.Shingles(c.Tokens.Split(' ')))
                : 0;
            var sameContent = similarity >= ContentFingerprint.DuplicateThreshold;
            if (!c.Person && !sameContent) continue;
            var reason = c.Person ? (sameContent ? "person+content" : "person") : "content";
            confirmed.Add(new RepeatCandidate(c.Id, c.CaseNumber, c.ReceivedOn, reason, Math.Round(similarity, 3)));
        }
        return confirmed
            .OrderBy(r => r.Reason == "content" ? 1 : 0).ThenByDescending(r => r.ReceivedOn).ThenByDescending(r => r.PetitionId)
            .Take(MaxResults)
            .OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.PetitionId)
            .ToList();
    }

    /// <summary>
    /// One index range per band, each limited to its newest <see cref="PerBand"/> petitions, and the number of bands each
    /// petition shares. Same SQL on both databases; the hashes are parameters. With an index on (Band, Hash, PetitionId)
    /// every range is read from the index alone, newest first, and stops after <see cref="PerBand"/> entries.
    /// </summary>
    private static FormattableString BandQuery(long[] bands)
    {
        var sql = new StringBuilder("""SELECT c."PetitionId" AS "PetitionId", COUNT(*) AS "Shared" FROM (""");
        for (var band = 0; band < bands.Length; band++)
        {
            if (band > 0) sql.Append(" UNION ALL ");
            var b = band.ToString(CultureInfo.InvariantCulture);
            sql.Append("""SELECT "PetitionId" FROM (SELECT "PetitionId" FROM "PetitionFingerprints" WHERE "Band" = """).Append(b)
                .Append(""" AND "Hash" = {""").Append(b).Append("""} ORDER BY "PetitionId" DESC LIMIT """)
                .Append(PerBand.ToString(CultureInfo.InvariantCulture)).Append(") AS b").Append(b);
        }
        sql.Append(""") AS c GROUP BY c."PetitionId" """);
        return FormattableStringFactory.Create(sql.ToString(), [.. bands.Cast<object>()]);
    }

    private sealed record BandHit(long PetitionId, long Shared);
}
