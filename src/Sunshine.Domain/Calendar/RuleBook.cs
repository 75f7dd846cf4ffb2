using System.Collections.ObjectModel;

namespace Sunshine.Domain.Calendar;

/// <summary>
/// A versioned set of time limits (DOMAIN.md §1.3: "rules are versioned by effective date").
/// </summary>
/// <param name="Jurisdiction">"" = national default; otherwise a prefix of the 12-digit division code, e.g. "14" (Shanxi), "33" (Zhejiang), "3301" (Hangzhou).</param>
/// <param name="EffectiveFrom">First day the set applies (inclusive).</param>
/// <param name="EffectiveTo">Last day the set applies (inclusive); null = still in force.</param>
/// <param name="Rules">Keyed by <see cref="TimeLimitRule.Code"/>. A set may hold only the rules it overrides.</param>
public sealed record RuleSet(
    string Code,
    string Name,
    string Jurisdiction,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    IReadOnlyDictionary<string, TimeLimitRule> Rules)
{
    public bool Covers(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    public bool AppliesTo(string divisionCode) => divisionCode.StartsWith(Jurisdiction, StringComparison.Ordinal);

    /// <summary>Builds a set from a list of rules, keyed by their codes.</summary>
    public static RuleSet Of(string code, string name, string jurisdiction, DateOnly effectiveFrom, DateOnly? effectiveTo, params TimeLimitRule[] rules) =>
        new(code, name, jurisdiction, effectiveFrom, effectiveTo,
            new ReadOnlyDictionary<string, TimeLimitRule>(rules.ToDictionary(r => r.Code, StringComparer.Ordinal)));
}

/// <summary>
/// All rule sets, and which rule applies to an item: for each rule code, the most specific jurisdiction (longest
/// division-code prefix) among the sets whose period covers the event date and that define the code.
/// </summary>
public sealed class RuleBook
{
    private readonly List<RuleSet> _sets;

    public RuleBook(IEnumerable<RuleSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        _sets = [.. sets];
        foreach (var s in _sets)
        {
            if (s.Jurisdiction.Length > 12 || !s.Jurisdiction.All(char.IsAsciiDigit))
            {
                throw new ArgumentException($"Rule set {s.Code}: jurisdiction \"{s.Jurisdiction}\" must be empty or a division-code prefix of digits.", nameof(sets));
            }

            if (s.EffectiveTo < s.EffectiveFrom)
            {
                throw new ArgumentException($"Rule set {s.Code} ends before it starts.", nameof(sets));
            }

            var misfiled = s.Rules.FirstOrDefault(kv => kv.Key != kv.Value.Code);
            if (misfiled.Value is not null)
            {
                throw new ArgumentException($"Rule set {s.Code}: key {misfiled.Key} holds rule {misfiled.Value.Code}.", nameof(sets));
            }
        }

        // Two sets of the same jurisdiction may overlap in time (petition and disclosure sets do) but not define the same rule then.
        for (var i = 0; i < _sets.Count; i++)
        {
            for (var j = i + 1; j < _sets.Count; j++)
            {
                var (a, b) = (_sets[i], _sets[j]);
                var overlap = a.Jurisdiction == b.Jurisdiction
                              && a.EffectiveFrom <= (b.EffectiveTo ?? DateOnly.MaxValue)
                              && b.EffectiveFrom <= (a.EffectiveTo ?? DateOnly.MaxValue);
                var shared = overlap ? a.Rules.Keys.Intersect(b.Rules.Keys).ToList() : [];
                if (shared.Count > 0)
                {
                    throw new ArgumentException(
                        $"Rule sets {a.Code} and {b.Code} both define {string.Join(", ", shared)} for jurisdiction \"{a.Jurisdiction}\" in overlapping periods.",
                        nameof(sets));
                }
            }
        }
    }

    /// <summary>The shipped national sets (2005 and 2022 petition rules, 2019 disclosure, legal routes) and the Zhejiang sample override.</summary>
    public static RuleBook Default { get; } = new(DefaultRuleSets.All);

    public IReadOnlyList<RuleSet> Sets => _sets.AsReadOnly();

    /// <summary>
    /// The rules in force for an item of <paramref name="divisionCode"/> whose triggering event is on <paramref name="eventDate"/>:
    /// the covering sets merged from the most general to the most specific. The result's Code and Name list the
    /// contributing sets; its period is the intersection of theirs.
    /// </summary>
    public RuleSet For(string divisionCode, DateOnly eventDate)
    {
        var covering = Covering(divisionCode, eventDate).Reverse().ToList(); // general first, so specific rules overwrite
        if (covering.Count == 0)
        {
            throw new KeyNotFoundException($"No rule set covers division {divisionCode} on {StatutoryClock.Iso(eventDate)}.");
        }

        var rules = new Dictionary<string, TimeLimitRule>(StringComparer.Ordinal);
        foreach (var (code, rule) in covering.SelectMany(s => s.Rules))
        {
            rules[code] = rule;
        }

        var to = covering.Where(s => s.EffectiveTo is not null).Select(s => s.EffectiveTo!.Value).DefaultIfEmpty(DateOnly.MaxValue).Min();
        return new RuleSet(
            string.Join("+", covering.Select(s => s.Code)),
            string.Join(" + ", covering.Select(s => s.Name)),
            covering[^1].Jurisdiction,
            covering.Max(s => s.EffectiveFrom),
            to == DateOnly.MaxValue ? null : to,
            new ReadOnlyDictionary<string, TimeLimitRule>(rules));
    }

    /// <summary>The rule <paramref name="code"/> for an item of <paramref name="divisionCode"/> with its event on <paramref name="eventDate"/>.</summary>
    public TimeLimitRule Rule(string code, string divisionCode, DateOnly eventDate)
    {
        foreach (var set in Covering(divisionCode, eventDate))
        {
            if (set.Rules.TryGetValue(code, out var rule))
            {
                return rule;
            }
        }

        throw new KeyNotFoundException($"No rule {code} for division {divisionCode} on {StatutoryClock.Iso(eventDate)}.");
    }

    // Most specific first.
    private IEnumerable<RuleSet> Covering(string divisionCode, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(divisionCode);
        return _sets.Where(s => s.AppliesTo(divisionCode) && s.Covers(date)).OrderByDescending(s => s.Jurisdiction.Length);
    }
}
