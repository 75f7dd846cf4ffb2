using System.Text;
using System.Text.RegularExpressions;

namespace Sunshine.Domain.Oversight;

/// <summary>
/// Sensitive words and threatening language (扬言, 敏感词) in a petition's text. Exact substring matching on the text
/// with white space removed ("自 焚" is still 自焚): the words are short, specific phrases, so segmentation would add
/// nothing but misses where the segmenter splits a phrase differently. The list is configuration
/// (<c>Oversight:Warnings:SensitiveWords</c>); these defaults are the usual ones of practice.
/// </summary>
public static class SensitiveWords
{
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "自焚", "跳楼", "跳河", "喝农药", "服毒", "自杀", "爆炸", "炸药", "纵火", "放火", "报复", "同归于尽", "杀人", "砍人", "拼命",
        "上京", "进京", "赴京", "去北京", "集体上访", "围堵", "堵路", "静坐", "拉横幅", "媒体曝光", "极端",
    ];

    /// <summary>The words of <paramref name="words"/> found in <paramref name="texts"/>, each once, in list order.</summary>
    public static IReadOnlyList<string> Match(IEnumerable<string> words, params string?[] texts)
    {
        ArgumentNullException.ThrowIfNull(words);
        var sb = new StringBuilder();
        foreach (var t in texts)
        {
            if (t is null) continue;
            foreach (var ch in t)
                if (!char.IsWhiteSpace(ch)) sb.Append(ch);
            sb.Append('\n');
        }
        var text = sb.ToString();
        return words.Select(w => w.Trim()).Where(w => w.Length > 0 && text.Contains(w, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// Names of projects and employers in a petition's text (“阳光花园小区”, “宏达建筑工程有限公司”), so that several
/// petitioners about one project can be found (DOMAIN.md §1.7 信息预警). Deliberately cheap: find a word that names a
/// project or an employer (公司, 项目, 工程, 小区, 楼盘, 工地, 厂, 集团, 学校, 医院, 市场…, several in a row taken together),
/// then walk back over at most <see cref="MaxPrefix"/> letters and digits, stopping at punctuation, at a small function
/// word (的, 在, 被, 向, 对…) or after a word that introduces one (反映, 投诉, 拖欠, 业主, 村民…): “拖欠工资的宏达建筑公司”
/// gives “宏达建筑公司”. The same name written by two petitioners gives the same result, which is all the grouping needs.
/// </summary>
public static partial class ProjectNames
{
    /// <summary>Names shorter than this (in characters, suffix included) are too generic to group by: “该公司”, “工厂”.</summary>
    public const int MinLength = 4;

    /// <summary>Letters before the suffix taken at most.</summary>
    public const int MaxPrefix = 12;

    private const string StopChars = "的在被向对给于从到是了和与及";

    private static readonly string[] StopWords =
        ["关于", "反映", "投诉", "举报", "要求", "请求", "拖欠", "业主", "村民", "居民", "工人", "农民工", "职工", "员工", "我们", "承建", "开发"];

    private static readonly string[] LeadingWords = ["我", "某", "该", "本", "原"];

    [GeneratedRegex("(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|项目|工程|小区|花园|楼盘|工地|厂|学校|医院|市场|村委会)+")]
    private static partial Regex Suffix();

    public static IReadOnlyList<string> Extract(params string?[] texts)
    {
        var names = new List<string>();
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            foreach (Match m in Suffix().Matches(text))
            {
                var name = Before(text, m.Index) + m.Value;
                if (name.Length >= MinLength && name.Length > m.Value.Length && !names.Contains(name, StringComparer.Ordinal)) names.Add(name);
            }
        }
        return names;
    }

    /// <summary>The name part before the suffix at <paramref name="end"/>.</summary>
    private static string Before(string text, int end)
    {
        var start = end;
        while (start > 0 && end - start < MaxPrefix && char.IsLetterOrDigit(text[start - 1]) && !StopChars.Contains(text[start - 1], StringComparison.Ordinal))
            start--;
        var prefix = text[start..end];
        foreach (var w in StopWords)
        {
            var at = prefix.LastIndexOf(w, StringComparison.Ordinal);
            if (at >= 0) prefix = prefix[(at + w.Length)..];
        }
        foreach (var w in LeadingWords)
            if (prefix.StartsWith(w, StringComparison.Ordinal)) prefix = prefix[w.Length..];
        return prefix;
    }
}
