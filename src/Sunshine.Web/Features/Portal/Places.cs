using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Features.Portal;

public sealed record Place(string Code, string Name, DivisionLevel Level);

/// <summary>A found place with the names above it, so two streets of the same name can be told apart.</summary>
public sealed record PlaceMatch(Place Place, string Within);

/// <summary>
/// The division picker of the online form, without JavaScript: the citizen walks down from the province by links
/// (each a plain GET) or searches by name, down to the township. Divisions come from the Divisions table.
/// </summary>
public static class Places
{
    public const int SearchLimit = 20;

    public static async Task<Place?> FindAsync(SunshineDbContext db, string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) ? null
            : await db.Divisions.AsNoTracking().Where(d => d.Code == code.Trim()).Select(d => new Place(d.Code, d.Name, d.Level)).SingleOrDefaultAsync(ct);

    /// <summary>The places from the top down to <paramref name="code"/> itself.</summary>
    public static async Task<IReadOnlyList<Place>> PathAsync(SunshineDbContext db, string code, CancellationToken ct)
    {
        if (!DivisionCode.TryParse(code, out var parsed)) return [];
        var chain = new List<string>();
        for (DivisionCode? c = parsed; c is { } current; c = current.Parent) chain.Add(current.Value);
        var rows = await db.Divisions.AsNoTracking().Where(d => chain.Contains(d.Code)).Select(d => new Place(d.Code, d.Name, d.Level)).ToListAsync(ct);
        return rows.OrderBy(p => p.Level).ToList();
    }

    /// <summary>The places one level below <paramref name="code"/>; without a code, the top level.</summary>
    public static async Task<IReadOnlyList<Place>> ChildrenAsync(SunshineDbContext db, string? code, CancellationToken ct) =>
        await db.Divisions.AsNoTracking()
            .Where(d => code == null ? d.ParentCode == null : d.ParentCode == code)
            .OrderBy(d => d.Code)
            .Select(d => new Place(d.Code, d.Name, d.Level))
            .ToListAsync(ct);

    /// <summary>Places whose name contains <paramref name="text"/>, higher levels first, down to townships (no villages).</summary>
    public static async Task<IReadOnlyList<PlaceMatch>> SearchAsync(SunshineDbContext db, string text, CancellationToken ct)
    {
        var q = text.Trim();
        if (q.Length == 0) return [];
        var found = await db.Divisions.AsNoTracking()
            .Where(d => d.Name.Contains(q) && d.Level <= DivisionLevel.Township)
            .OrderBy(d => d.Level).ThenBy(d => d.Code).Take(SearchLimit)
            .Select(d => new Place(d.Code, d.Name, d.Level)).ToListAsync(ct);
        var above = found.SelectMany(p => Ancestors(p.Code)).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => above.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return found.Select(p => new PlaceMatch(p, string.Concat(Ancestors(p.Code).Reverse().Select(c => names.GetValueOrDefault(c, ""))))).ToList();
    }

    private static IEnumerable<string> Ancestors(string code)
    {
        for (var c = DivisionCode.Parse(code).Parent; c is { } current; c = current.Parent) yield return current.Value;
    }
}
