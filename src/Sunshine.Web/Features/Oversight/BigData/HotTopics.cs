namespace Sunshine.Web.Features.Oversight.BigData;

/// <summary>Which segmented words count as topics: words of two or more characters with a Chinese character, not stop words.</summary>
public static class HotTopics
{
    /// <summary>
    /// Words every petition uses whatever it is about (asking, reflecting, the parties, the organs): they would top
    /// every list and say nothing.
    /// </summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "问题", "反映", "要求", "请求", "希望", "解决", "处理", "我们", "他们", "你们", "自己", "本人", "情况", "有关", "相关",
        "进行", "没有", "一个", "已经", "但是", "因为", "所以", "可以", "不能", "关于", "对于", "政府", "部门", "单位", "领导",
        "工作", "事情", "事项", "信访", "投诉", "举报", "咨询", "建议", "意见", "申诉", "求决", "目前", "现在", "今年", "去年",
        "至今", "多次", "一直", "长期", "得到", "给予", "予以", "尽快", "依法", "如何", "什么", "怎么", "是否", "由于", "以及",
        "其他", "有人", "村民", "居民", "群众",
    };

    public static bool IsTopical(string word) =>
        word.Length >= 2 && word.Any(c => c is >= '\u4e00' and <= '\u9fff') && !StopWords.Contains(word);
}
