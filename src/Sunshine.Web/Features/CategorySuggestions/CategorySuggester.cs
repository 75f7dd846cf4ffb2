using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Search;
using Sunshine.Web.Features.Portal;

namespace Sunshine.Web.Features.CategorySuggestions;

/// <summary>A suggested content category, with the words of the text that pointed to it.</summary>
public sealed record CategorySuggestion(int CategoryId, string Name, string Parent, double Score, IReadOnlyList<string> Words);

/// <summary>
/// Suggests up to three content categories (the 2018 national scheme, second level) for a text a citizen is typing.
/// The model is multinomial naive Bayes over the jieba words of petitions already classified by staff: per category,
/// how often each word occurs (Laplace smoothing), and how many petitions it has (the prior). A text's score for a
/// category is the log prior plus the log likelihood of its words; the words that favour the category most are the
/// explanation shown with it. The words are read from the petitions' search entries — segmented already on write — so
/// training does not segment again. On a database with too few classified petitions it falls back to matching the
/// text's words and characters against the category names.
/// </summary>
/// <remarks>
/// Built on first use and kept for <c>CategorySuggestions:RefreshMinutes</c> (default 360); <see cref="RebuildAsync"/>
/// builds it again on demand (after an import). At most <see cref="MaxTrainingPetitions"/> of the newest petitions are read.
/// </remarks>
public sealed class CategorySuggester(IDbContextFactory<SunshineDbContext> contexts, TimeProvider time, IConfiguration configuration)
{
    public const int MaxSuggestions = 3;
    public const int MaxTrainingPetitions = 50_000;
    /// <summary>Fewer classified petitions than this and the names are matched instead.</summary>
    public const int MinTrainingPetitions = 50;
    public const string Scheme = "2018";
    public const string RateLimit = "category-suggestions";

    private readonly SemaphoreSlim _building = new(1, 1);
    private Model? _model;

    /// <summary>Suggestions for a text, best first; empty when the text says nothing the model knows.</summary>
    public async Task<IReadOnlyList<CategorySuggestion>> SuggestAsync(string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var model = await ModelAsync(ct);
        var tokens = ChineseSegmenter.Tokens(text.Length > 5_000 ? text[..5_000] : text);
        var suggestions = model.Trained ? Classify(model, tokens) : [];
        return suggestions.Count > 0 ? suggestions : MatchNames(model, text, tokens);
    }

    /// <summary>Builds the model now from the current petitions.</summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        await _building.WaitAsync(ct);
        try
        {
            _model = await BuildAsync(ct);
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<Model> ModelAsync(CancellationToken ct)
    {
        var refresh = TimeSpan.FromMinutes(configuration.GetValue("CategorySuggestions:RefreshMinutes", 360));
        var model = _model;
        if (model is not null && time.GetUtcNow() - model.BuiltAt < refresh) return model;
        await _building.WaitAsync(ct);
        try
        {
            if (_model is null || time.GetUtcNow() - _model.BuiltAt >= refresh) _model = await BuildAsync(ct);
            return _model;
        }
        finally
        {
            _building.Release();
        }
    }

    private sealed record CategoryInfo(int Id, string Name, string Parent, IReadOnlySet<string> NameTokens);

    private sealed class Model
    {
        public required DateTimeOffset BuiltAt { get; init; }
        public required Dictionary<int, CategoryInfo> Categories { get; init; }
        /// <summary>Category id → word → count.</summary>
        public Dictionary<int, Dictionary<string, int>> Counts { get; } = [];
        public Dictionary<int, long> Totals { get; } = [];
        public Dictionary<int, int> Documents { get; } = [];
        public Dictionary<string, int> Vocabulary { get; } = new(StringComparer.Ordinal);
        public int TrainingPetitions { get; set; }
        public bool Trained => TrainingPetitions >= MinTrainingPetitions;
    }

    private async Task<Model> BuildAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = await db.Categories.AsNoTracking().Where(c => c.Scheme == Scheme).Select(c => new { c.Id, c.Name, c.Level, c.ParentId }).ToListAsync(ct);
        var byId = all.ToDictionary(c => c.Id);
        // Every category maps to its second-level ancestor (a third-level one counts for its parent).
        int? Second(int id)
        {
            for (var c = byId.GetValueOrDefault(id); c is not null; c = c.ParentId is { } p ? byId.GetValueOrDefault(p) : null)
                if (c.Level == 2) return c.Id;
            return null;
        }
        var categories = all.Where(c => c.Level == 2).ToDictionary(c => c.Id, c =>
        {
            var parent = c.ParentId is { } p && byId.TryGetValue(p, out var top) ? top.Name : "";
            return new CategoryInfo(c.Id, c.Name, parent, ChineseSegmenter.Tokens(c.Name).ToHashSet(StringComparer.Ordinal));
        });
        var model = new Model { BuiltAt = time.GetUtcNow(), Categories = categories };
        var rows = await db.Petitions.AsNoTracking().Where(p => p.CategoryId != null)
            .OrderByDescending(p => p.Id).Take(MaxTrainingPetitions)
            .Join(db.PetitionSearchEntries, p => p.Id, s => s.PetitionId, (p, s) => new { CategoryId = p.CategoryId!.Value, s.Tokens })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            if (Second(row.CategoryId) is not { } category) continue;
            model.TrainingPetitions++;
            model.Documents[category] = model.Documents.GetValueOrDefault(category) + 1;
            var counts = model.Counts.TryGetValue(category, out var c) ? c : model.Counts[category] = new Dictionary<string, int>(StringComparer.Ordinal);
            var total = 0L;
            foreach (var token in row.Tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Length < 2 && !char.IsAsciiLetterOrDigit(token[0])) continue; // single characters (的, 了) say little
                counts[token] = counts.GetValueOrDefault(token) + 1;
                model.Vocabulary[token] = model.Vocabulary.GetValueOrDefault(token) + 1;
                total++;
            }
            model.Totals[category] = model.Totals.GetValueOrDefault(category) + total;
        }
        return model;
    }

    /// <summary>Naive Bayes: log P(c) + Σ log P(w|c) over the text's known words, each word once; posteriors by softmax.</summary>
    private static List<CategorySuggestion> Classify(Model model, IReadOnlyList<string> tokens)
    {
        var words = tokens.Where(model.Vocabulary.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0) return [];
        const double alpha = 1.0;
        var vocabulary = model.Vocabulary.Count;
        var totalWords = model.Vocabulary.Values.Sum(v => (double)v);
        var scored = new List<(int Id, double LogScore, IReadOnlyList<string> Why)>();
        foreach (var (id, documents) in model.Documents)
        {
            var counts = model.Counts[id];
            var denominator = model.Totals[id] + alpha * vocabulary;
            var score = Math.Log(documents / (double)model.TrainingPetitions);
            var why = new List<(string Word, double Lift)>();
            foreach (var w in words)
            {
                var p = (counts.GetValueOrDefault(w) + alpha) / denominator;
                score += Math.Log(p);
                // How much more likely the word is in this category than overall: the explanation.
                var lift = Math.Log(p / (model.Vocabulary[w] / totalWords));
                if (counts.ContainsKey(w) && lift > 0) why.Add((w, lift));
            }
            scored.Add((id, score, why.OrderByDescending(x => x.Lift).Take(3).Select(x => x.Word).ToList()));
        }
        var best = scored.Max(s => s.LogScore);
        var sum = scored.Sum(s => Math.Exp(s.LogScore - best));
        return scored.OrderByDescending(s => s.LogScore).Take(MaxSuggestions)
            .Where(s => s.Why.Count > 0)
            .Select(s => new CategorySuggestion(s.Id, model.Categories.TryGetValue(s.Id, out var c) ? c.Name : "", c?.Parent ?? "",
                Math.Round(Math.Exp(s.LogScore - best) / sum, 3), s.Why))
            .Where(s => s.Name.Length > 0)
            .ToList();
    }

    /// <summary>
    /// The fallback: a category whose name shares words with the text (工资 → 工资福利) scores 2 per word, and 1 per
    /// shared Chinese character beyond those (征地 → 土地征收), over the name's length; "其他" never suggests itself.
    /// </summary>
    private static List<CategorySuggestion> MatchNames(Model model, string text, IReadOnlyList<string> tokens)
    {
        var words = tokens.ToHashSet(StringComparer.Ordinal);
        var characters = text.Where(c => c >= '\u4e00' && c <= '\u9fff').ToHashSet();
        return model.Categories.Values.Where(c => c.Name != "其他")
            .Select(c =>
            {
                var shared = c.NameTokens.Where(words.Contains).ToList();
                var chars = c.Name.Distinct().Count(characters.Contains);
                var score = (2.0 * shared.Count + chars) / c.Name.Length;
                var why = shared.Count > 0 ? shared : [.. c.Name.Distinct().Where(characters.Contains).Select(ch => ch.ToString())];
                return (Category: c, Score: score, Why: why, Chars: chars);
            })
            .Where(x => x.Why.Count > 0 && (x.Score >= 1.0 || x.Chars >= 2))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Category.Id)
            .Take(MaxSuggestions)
            .Select(x => new CategorySuggestion(x.Category.Id, x.Category.Name, x.Category.Parent, Math.Round(x.Score, 3), x.Why))
            .ToList();
    }
}

/// <summary>The suggestion service and its public endpoint, rate-limited per client like the other public lookups.</summary>
public static class CategorySuggestionSetup
{
    public static IServiceCollection AddCategorySuggestions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CategorySuggester>();
        var permits = configuration.GetValue("Portal:Suggestions:PermitLimit", 60);
        // Reading counts here (unlike the page limits): each call segments a text and scores every category.
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(CategorySuggester.RateLimit, http =>
            RateLimitPartition.GetFixedWindowLimiter(PortalSetup.ClientAddress(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
        return services;
    }

    public static void MapCategorySuggestionEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/category-suggestions", async (string? text, CategorySuggester suggester, CancellationToken ct) =>
                TypedResults.Ok(await suggester.SuggestAsync(text, ct)))
            .WithTags("Public").AllowAnonymous().RequireRateLimiting(CategorySuggester.RateLimit);
}
