namespace Sunshine.Domain.Disclosure;

/// <summary>The two ways of charging an information-processing fee; one method per application (国办函〔2020〕109号).</summary>
public enum FeeMethod
{
    /// <summary>按件计收: by the number of applications of the applicant to the organ in the calendar month.</summary>
    PerApplication = 1,

    /// <summary>按量计收: by the pages of the information provided for this application.</summary>
    PerPage = 2,
}

/// <summary>
/// 信息处理费 (《政府信息公开条例》第四十二条; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号). Free by default;
/// charged only beyond the free allowance. Amounts are integer fen (分); every band is charged on "the part" in it.
/// </summary>
public static class DisclosureFees
{
    private const long Yuan = 100;

    /// <summary>
    /// 按件计收: the fee of the applicant's <paramref name="ordinal"/>-th application to this organ in a calendar month
    /// (1-based). The 1st–10th are free; the 11th–30th cost 100 元 each; from the 31st, each further band of 10 costs
    /// 100 元 more per application than the band before (31st–40th 200 元, 41st–50th 300 元 …).
    /// </summary>
    public static long PerApplication(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        if (ordinal <= 10) return 0;
        if (ordinal <= 30) return 100 * Yuan;
        var band = (ordinal - 31) / 10 + 1; // 31–40 → 1, 41–50 → 2
        return (100 + 100L * band) * Yuan;
    }

    /// <summary>
    /// 按量计收: the fee for <paramref name="pages"/> pages (A4, or the equivalent) for one application. Pages 1–30 are free;
    /// the part from the 31st to the 100th page costs 10 元 a page, from the 101st to the 200th 20 元, beyond 200 40 元.
    /// </summary>
    public static long PerPage(int pages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        long yuan = 10L * Band(pages, 30, 100) + 20L * Band(pages, 100, 200) + 40L * Math.Max(0, pages - 200);
        return yuan * Yuan;
    }

    // Pages in (from, to].
    private static int Band(int pages, int from, int to) => Math.Max(0, Math.Min(pages, to) - from);

    /// <summary>"1,234.50 元" style amount for statutory documents: 元 with two decimals.</summary>
    public static string Yuan2(long fen) => (fen / 100).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "." + (fen % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
