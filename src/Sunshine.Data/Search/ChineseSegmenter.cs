using System.Text;
using JiebaNet.Segmenter;

namespace Sunshine.Data.Search;

/// <summary>
/// Chinese word segmentation for search and for content fingerprints: jieba's search mode (<c>CutForSearch</c>: the
/// precise cut plus the dictionary words inside long words, so "拖欠农民工工资" yields 农民, 民工, 农民工, 工资), with
/// punctuation and whitespace dropped, full-width ASCII folded to half-width and ASCII lower-cased. Documents are
/// segmented once on write and queries with the same function, so both sides agree on what a word is (ARCHITECTURE §4).
/// </summary>
/// <remarks>
/// Thread-safe: jieba's dictionary and HMM model are loaded once and only read afterwards. jieba finds its files under
/// <c>&lt;app&gt;/jieba</c> (copied there by Sunshine.Data.csproj from the package); the path is resolved from
/// <see cref="AppContext.BaseDirectory"/> because <c>dotnet run</c> works in the repository root. The first call loads
/// the dictionary (about a second); call <see cref="Initialize"/> at startup to take that cost off the first request.
/// </remarks>
public static class ChineseSegmenter
{
    /// <summary>Longer runs (an account number, a pasted hash) are cut to this many characters, on both sides alike.</summary>
    public const int MaxTokenLength = 64;

    /// <summary>A query of more words than this is cut short: enough for any real query, bounded work for the database.</summary>
    public const int MaxQueryTokens = 32;

    private static readonly Lazy<JiebaSegmenter> Jieba = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the dictionaries now (idempotent). Fails with a clear message when they were not deployed.</summary>
    public static void Initialize() => _ = Jieba.Value;

    /// <summary>The words of a text in reading order (search mode: sub-words come before the long word holding them).</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var words = Jieba.Value.CutForSearch(Normalize(text), hmm: true);
        var tokens = new List<string>(text.Length);
        foreach (var word in words)
        {
            if (!HasLetterOrDigit(word)) continue; // punctuation, symbols, whitespace
            var token = LowerAscii(word);
            tokens.Add(token.Length > MaxTokenLength ? token[..MaxTokenLength] : token);
        }
        return tokens;
    }

    /// <summary>The text to store in <c>PetitionSearchEntry.Tokens</c>: the tokens joined by single spaces.</summary>
    public static string ToIndexText(string text) => string.Join(' ', Tokens(text));

    /// <summary>
    /// A user's query as a full-text match expression that is safe on both databases: every distinct token as a quoted
    /// string (<c>"工资" "农民工"</c>), so FTS5 reads it as an AND of literal phrases and treats <c>OR</c>, <c>NEAR(</c>,
    /// <c>*</c>, <c>^</c> and column filters as plain words; PostgreSQL's <c>plainto_tsquery</c> reads the same string as
    /// an AND of its words. Empty when the query has no words (the caller then applies no text condition).
    /// </summary>
    public static string ToMatchQuery(string userQuery)
    {
        if (string.IsNullOrWhiteSpace(userQuery)) return "";
        var sb = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Tokens(userQuery))
        {
            if (!seen.Add(token)) continue;
            if (seen.Count > MaxQueryTokens) break;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append('"').Append(token.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return sb.ToString();
    }

    private static JiebaSegmenter Create()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "jieba");
        foreach (var file in new[] { "dict.txt", "prob_trans.json", "prob_emit.json" })
        {
            // jieba swallows a missing dictionary and then cuts every text into single characters: fail loudly instead.
            if (!File.Exists(Path.Combine(folder, file)))
                throw new InvalidOperationException($"The jieba dictionary file {file} is missing from {folder}; it is copied there from the jieba.NET package by Sunshine.Data.csproj.");
        }
        ConfigManager.ConfigFileBaseDir = folder;

        // jieba reports its loading on standard output, which would break JSON logs and CLI output: silence it while
        // the dictionary and the HMM model load (once per process).
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            var segmenter = new JiebaSegmenter();
            _ = segmenter.CutForSearch("信访事项办理", hmm: true).Count();
            return segmenter;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    /// <summary>Full-width ASCII (ＡＢＣ１２３) and the ideographic space become their ASCII forms; jieba would cut
    /// full-width letters one by one.</summary>
    private static string Normalize(string text)
    {
        var i = 0;
        while (i < text.Length && !IsFullWidth(text[i])) i++;
        if (i == text.Length) return text;
        var chars = text.ToCharArray();
        for (; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '\uFF01' and <= '\uFF5E') chars[i] = (char)(c - 0xFEE0);
            else if (c == '\u3000') chars[i] = ' ';
        }
        return new string(chars);
    }

    private static bool IsFullWidth(char c) => c is >= '\uFF01' and <= '\uFF5E' or '\u3000';

    private static bool HasLetterOrDigit(string word)
    {
        foreach (var c in word)
            if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    private static string LowerAscii(string word)
    {
        foreach (var c in word)
            if (c is >= 'A' and <= 'Z') return string.Create(word.Length, word, static (span, w) =>
            {
                for (var i = 0; i < w.Length; i++) span[i] = w[i] is >= 'A' and <= 'Z' ? (char)(w[i] + 32) : w[i];
            });
        return word;
    }
}
