using System.Text;
using JiebaNet.Segmenter;
using Sunshine.Domain.Petitions;
using Xunit.Abstractions;

namespace Sunshine.Domain.Tests.Petitions;

/// <summary>
/// The content fingerprint behind repeat detection (重件): deterministic, and on a generated labelled set of
/// near-duplicates and different matters on the same topic it reaches the product targets (recall ≥ 0.95,
/// precision ≥ 0.98), counting a pair as found only when banding makes it a candidate and the similarity confirms it.
/// </summary>
public class ContentFingerprintTests(ITestOutputHelper output)
{
    private const string Letter =
        "我们12名工人于2024年3月起在山西宏达建筑工程有限公司承建的阳光花园项目工地务工，工程早已完工验收，但工资共计18.5万元至今没有结清。" +
        "我们多次找包工头讨要，他说开发商没有拨付工程款。请求劳动保障部门督促尽快支付拖欠的工资。";

    [Fact]
    public void Bands_are_the_same_in_every_process_and_on_every_machine()
    {
        // Stored fingerprints must stay valid across restarts and upgrades: pinned values (no string.GetHashCode).
        string[] tokens = ["公司", "拖欠", "农民", "民工", "农民工", "工资", "18.5", "万元", "至今", "没有", "结清"];
        var bands = ContentFingerprint.Bands(tokens);
        Assert.Equal(ContentFingerprint.BandCount, bands.Length);
        Assert.Equal(bands, ContentFingerprint.Bands([.. tokens]));
        Assert.Equal(PinnedBands, bands.Take(3).ToArray());
    }

    // A change here means every stored fingerprint must be rebuilt (PetitionIndex.RebuildAsync).
    private static readonly long[] PinnedBands = [-6709456487946160497, 3413693619756564543, 5995659791557286969];

    [Fact]
    public void Similarity_is_one_for_the_same_text_symmetric_and_zero_for_unrelated_texts()
    {
        var a = Jieba.Tokens(Letter);
        var b = Jieba.Tokens("小区楼下新开了一家KTV，每晚噪音不断，震得窗户都在响，根本无法入睡。恳请公安、城管联合执法，彻底解决噪音扰民问题。");
        Assert.Equal(1.0, ContentFingerprint.Similarity(a, a));
        Assert.Equal(ContentFingerprint.Similarity(a, b), ContentFingerprint.Similarity(b, a));
        Assert.True(ContentFingerprint.Similarity(a, b) < 0.05);
        Assert.Equal(0.0, ContentFingerprint.Similarity(a, []));
    }

    [Fact]
    public void A_resubmission_with_small_edits_shares_a_band_and_is_confirmed()
    {
        var again = "本人曾于2024年8月反映此问题，至今未得到解决，现再次反映。" + Letter.Replace("多次", "好几次", StringComparison.Ordinal).Replace("，但", "，可", StringComparison.Ordinal);
        var a = Jieba.Tokens(Letter);
        var b = Jieba.Tokens(again);
        Assert.True(ContentFingerprint.Similarity(a, b) >= ContentFingerprint.DuplicateThreshold, $"similarity {ContentFingerprint.Similarity(a, b):F2}");
        Assert.Contains(Enumerable.Range(0, ContentFingerprint.BandCount), i => ContentFingerprint.Bands(a)[i] == ContentFingerprint.Bands(b)[i]);
    }

    [Fact]
    public void Texts_too_short_to_judge_get_no_fingerprint()
    {
        Assert.Empty(ContentFingerprint.Bands(Jieba.Tokens("请求解决")));
        Assert.Empty(ContentFingerprint.Bands([]));
    }

    [Theory]
    [InlineData(20260101)]
    [InlineData(7)]
    public void Near_duplicates_are_found_and_different_matters_on_the_same_topic_are_not(int seed)
    {
        // 12 topics × 40 matters, each with two near-duplicates: 1,440 texts, 1,440 duplicate pairs and about
        // 100,000 pairs of different matters on the same topic.
        var texts = NearDuplicateCorpus.Generate(seed, mattersPerTopic: 40, duplicatesPerMatter: 2);
        var (recall, precision, candidates) = Evaluate(texts);
        output.WriteLine($"seed {seed}: {texts.Count} texts, recall {recall:F3}, precision {precision:F3}, {candidates:F1} candidates per text");
        Assert.True(recall >= 0.95, $"recall {recall:F3}");
        Assert.True(precision >= 0.98, $"precision {precision:F3}");
    }

    [Fact]
    public void Form_letters_filled_in_with_other_particulars_are_measured()
    {
        // The hardest case, reported rather than asserted: the same wording throughout, only the company, place,
        // amounts and dates differ. By text alone these are near-identical; the officer sees them as content matches.
        var texts = NearDuplicateCorpus.Generate(11, mattersPerTopic: 20, duplicatesPerMatter: 2, samePhrasing: true);
        var (recall, precision, candidates) = Evaluate(texts);
        output.WriteLine($"form letters: {texts.Count} texts, recall {recall:F3}, precision {precision:F3}, {candidates:F1} candidates per text");
        Assert.True(recall >= 0.95, $"recall {recall:F3}");
    }

    /// <summary>Every text looked up against all others as intake does: shared band, then similarity ≥ threshold.</summary>
    private static (double Recall, double Precision, double CandidatesPerText) Evaluate(List<NearDuplicateCorpus.Text> texts)
    {
        var tokens = texts.Select(t => Jieba.Tokens(t.Body)).ToArray();
        var shingles = tokens.Select(ContentFingerprint.Shingles).ToArray();
        var buckets = new Dictionary<(int Band, long Hash), List<int>>();
        for (var i = 0; i < texts.Count; i++)
        {
            var bands = ContentFingerprint.Bands(tokens[i]);
            for (var b = 0; b < bands.Length; b++)
            {
                if (!buckets.TryGetValue((b, bands[b]), out var list)) buckets[(b, bands[b])] = list = [];
                list.Add(i);
            }
        }
        var candidates = new HashSet<(int, int)>();
        foreach (var list in buckets.Values)
            for (var x = 0; x < list.Count; x++)
                for (var y = x + 1; y < list.Count; y++) candidates.Add((list[x], list[y]));

        int truePositives = 0, falsePositives = 0;
        foreach (var (i, j) in candidates)
        {
            if (ContentFingerprint.Similarity(shingles[i], shingles[j]) < ContentFingerprint.DuplicateThreshold) continue;
            if (texts[i].Matter == texts[j].Matter) truePositives++;
            else falsePositives++;
        }
        var duplicates = texts.GroupBy(t => t.Matter).Sum(g => g.Count() * (g.Count() - 1) / 2);
        return (truePositives / (double)duplicates, truePositives / (double)Math.Max(1, truePositives + falsePositives), 2.0 * candidates.Count / texts.Count);
    }

    /// <summary>The production segmentation (Sunshine.Data.Search.ChineseSegmenter) on the same jieba package: search
    /// mode, full-width ASCII folded, punctuation and whitespace dropped, ASCII lower-cased.</summary>
    private static class Jieba
    {
        private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
        {
            ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");
            var stdout = Console.Out;
            Console.SetOut(TextWriter.Null);
            try { return new JiebaSegmenter(); }
            finally { Console.SetOut(stdout); }
        });

        public static IReadOnlyList<string> Tokens(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var c in text) sb.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c);
            return Segmenter.Value.CutForSearch(sb.ToString(), hmm: true)
                .Where(w => w.Any(char.IsLetterOrDigit))
                .Select(w => new string(w.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c).ToArray()))
                .ToList();
        }
    }
}
