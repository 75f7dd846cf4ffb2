using System.Globalization;
using System.Text;

namespace Sunshine.Domain.Disclosure;

/// <summary>Publications of the year per outlet and column: one count per publication record per outlet (DOMAIN.md §2.1).</summary>
public sealed record PublicationCount(string Outlet, string Column, int Count);

/// <summary>
/// Drafts sections 一, 五 and 六 from the same data as the tables (rule 10), naming the caliber of every number.
/// The officer edits the text before finalising; the statutory text is always Chinese.
/// </summary>
public static class ReportDrafting
{
    /// <summary>Marks what the officer must still write; a report containing it cannot be finalised.</summary>
    public const string Placeholder = "【请填写";

    public static ReportNarrative Draft(string organisation, bool region, ReportTables t, IReadOnlyList<PublicationCount> publications)
    {
        var who = region ? "全" + ShortName(organisation) : "本机关";
        var overview = new StringBuilder();
        overview.Append(CultureInfo.InvariantCulture, $"{t.Year}年，{who}认真贯彻落实《中华人民共和国政府信息公开条例》，现将政府信息公开工作情况报告如下。\n");

        overview.Append("（一）主动公开。");
        var outlets = publications.Where(p => p.Count > 0).GroupBy(p => p.Outlet).OrderByDescending(g => g.Sum(p => p.Count)).ToList();
        if (outlets.Count == 0) overview.Append("本年未主动公开政府信息。");
        foreach (var outlet in outlets)
        {
            var columns = outlet.OrderByDescending(p => p.Count).ThenBy(p => p.Column, StringComparer.Ordinal)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Column}{p.Count}条"));
            overview.Append(CultureInfo.InvariantCulture, $"通过{outlet.Key}主动公开政府信息{outlet.Sum(p => p.Count)}条，其中{string.Join("、", columns)}。");
        }
        if (outlets.Count > 0)
            overview.Append("（统计口径：按发布渠道分别计数，同一信息在一个渠道每发布一次计一条，各渠道之间不合并。）");
        overview.Append('\n');

        var three = t.TableThree;
        string Total(string row) => three.Row(row).Cells[6] ?? "0";
        var cases = t.TableFour.Rows[0].Cells;
        long Case(int i) => long.Parse(cases[i] ?? "0", CultureInfo.InvariantCulture);
        overview.Append(CultureInfo.InvariantCulture,
            $"（二）依申请公开。本年新收政府信息公开申请{Total("received")}件，上年结转政府信息公开申请{Total("carried-in")}件，" +
            $"办结{Total("concluded")}件，结转下年度继续办理{Total("carried-out")}件（统计口径：与表三相同，每件申请在办结当年计入一个办理结果）。" +
            $"涉及政府信息公开的行政复议{Case(4)}件、行政诉讼{Case(9) + Case(14)}件（统计口径：本年提起的案件，与表四相同）。\n");
        overview.Append("（三）政府信息管理。【请填写】\n（四）政府信息公开平台建设。【请填写】\n（五）监督保障。【请填写】");

        var problems = "【请填写本年度政府信息公开工作存在的主要问题及改进情况】";
        var other = t.FeesFen == 0
            ? $"{t.Year}年度{who}办理政府信息公开申请未收取信息处理费，收取信息处理费共计0元。"
            : $"{t.Year}年度{who}在办理政府信息公开申请中收取信息处理费共计{Money.Yuan(t.FeesFen)}元，涉及申请{t.FeeRequests}件。";
        return new ReportNarrative(overview.ToString(), problems, other);
    }

    private static string ShortName(string organisation) =>
        organisation.EndsWith("人民政府", StringComparison.Ordinal) ? organisation[..^4][^1..] : "辖区";

    /// <summary>
    /// Art. 49: departments publish the previous year's report by 31 January, a people's government its own by 31 March.
    /// </summary>
    public static DateOnly Deadline(int year, bool government) => government ? new DateOnly(year + 1, 3, 31) : new DateOnly(year + 1, 1, 31);
}
