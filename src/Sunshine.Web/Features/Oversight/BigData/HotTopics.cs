using System.Runtime.CompilerServices;

namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>
/// Which segmented words count as hot topics: words of two or more characters with a Chinese character, not stop words.
/// The stop words are jieba's own list (function words: 的, 我们, 因为 …, shipped with the segmenter as
/// <c>jieba/stopwords.txt</c>), the petition boilerplate list shipped with this feature (<c>hot-topic-stopwords.txt</c>:
/// 反映, 请求, 本人, 只有, 认为 … — words every petition uses whatever it is about, found by counting the words of the demo
/// petitions), and the words configured under <c>Oversight:HotTopics:StopWords</c> (a list). A deployment may replace the
/// shipped boilerplate list with its own file (<c>Oversight:HotTopics:StopWordsFile</c>, one word a line, <c>#</c> comments).
/// </summary>
/// <remarks>
/// The rollup pass filters with the list when it counts (so stop words take none of a month's kept places), and the
/// dashboard filters again when it reads: a word added to the list disappears at once, a word removed from it comes back
/// after the next rebuild (<c>rollups rebuild</c>).
/// </remarks>
public sealed class HotTopicWords
{
    private readonly HashSet<string> _stopWords;

    public HotTopicWords(IEnumerable<string> stopWords) => _stopWords = new HashSet<string>(stopWords, StringComparer.Ordinal);

    public int Count => _stopWords.Count;

    public bool IsStopWord(string word) => _stopWords.Contains(word);

    public bool IsTopical(string word) =>
        word.Length >= 2 && word.Any(c => c is >= '\u4e00' and <= '\u9fff') && !_stopWords.Contains(word);

    /// <summary>The shipped lists alone (no configuration): used where no configuration is at hand.</summary>
    public static HotTopicWords Default => DefaultWords.Value;

    private static readonly Lazy<HotTopicWords> DefaultWords = new(() => new HotTopicWords(Shipped(null)));
    private static readonly ConditionalWeakTable<IConfiguration, HotTopicWords> ByConfiguration = [];

    /// <summary>The lists as configured (read once per configuration).</summary>
    public static HotTopicWords From(IConfiguration configuration) => ByConfiguration.GetValue(configuration, c =>
        new HotTopicWords(Shipped(c["Oversight:HotTopics:StopWordsFile"])
            .Concat(c.GetSection("Oversight:HotTopics:StopWords").Get<string[]>() ?? [])));

    private static IEnumerable<string> Shipped(string? replacement)
    {
        var jieba = Path.Combine(AppContext.BaseDirectory, "jieba", "stopwords.txt");
        var words = File.Exists(jieba) ? Lines(File.ReadAllText(jieba)) : [];
        if (!string.IsNullOrWhiteSpace(replacement)) return words.Concat(Lines(File.ReadAllText(replacement)));
        using var stream = typeof(HotTopicWords).Assembly.GetManifestResourceStream("Sunshine.Web.HotTopicStopWords.txt")
            ?? throw new InvalidOperationException("The hot-topic stop words were not embedded.");
        using var reader = new StreamReader(stream);
        return words.Concat(Lines(reader.ReadToEnd())).ToList();
    }

    /// <summary>One word a line; blank lines and <c>#</c> comments skipped; a byte-order mark ignored.</summary>
    public static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim().TrimStart('\uFEFF').Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
}
