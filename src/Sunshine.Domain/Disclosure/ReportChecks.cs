using System.Globalization;
using System.Text.RegularExpressions;

namespace Sunshine.Domain.Disclosure;

/// <summary>The narrative sections the officer edits: 一 (drafted from the data), 五 and 六.</summary>
public sealed record ReportNarrative(string Overview, string Problems, string Other);

/// <summary>
/// The twelve consistency rules of DOMAIN.md §2.3, run on the printed tables (so a table typed in from a published
/// report is checked the same way). A report that breaks any of them cannot be finalised; each violation names the
/// rule and the cell.
/// </summary>
public static partial class ReportChecks
{
    public static IReadOnlyList<Violation> Run(ReportTables tables, ReportNarrative narrative, IReadOnlyDictionary<string, string?>? lastYear = null)
    {
        var v = new List<Violation>();
        var three = tables.TableThree;
        var four = tables.TableFour;

        // Rule 7: 0 is printed, never a blank or "/" (checked first; the arithmetic rules read such a cell as 0).
        foreach (var grid in tables.All)
            foreach (var row in grid.Rows)
                for (var c = 0; c < grid.Columns.Count; c++)
                    if (!IsNumber(row.Cells[c], grid.Units[c]))
                        v.Add(new Violation(7, grid.CellName(row, c), $"单元格为“{row.Cells[c]}”，应填写数字，没有时填 0。"));

        // Rule 8: exact template labels and order.
        CheckLayout(v, ReportTemplates.TableTwo(tables.Format), tables.TableTwo);
        CheckLayout(v, [ReportTemplates.TableThree(tables.Format)], [three]);
        CheckLayout(v, [ReportTemplates.TableFour()], [four]);

        var rowKeys = three.Rows.Select(r => r.Key).ToList();
        bool Has(string key) => rowKeys.Contains(key);
        if (Has("received") && Has("carried-in") && Has("concluded") && Has("carried-out"))
        {
            var details = three.Rows.SkipWhile(r => r.Key != "carried-in").Skip(1).TakeWhile(r => r.Key != "concluded").ToList();
            for (var c = 0; c < 7; c++)
            {
                long Cell(string key) => Count(three.Row(key).Cells[c]);
                // Rule 1: 一 + 二 = （七） + 四, per column.
                if (Cell("received") + Cell("carried-in") != Cell("concluded") + Cell("carried-out"))
                    v.Add(new Violation(1, three.CellName(three.Row("concluded"), c),
                        $"一（{Cell("received")}）+ 二（{Cell("carried-in")}）应等于（七）（{Cell("concluded")}）+ 四（{Cell("carried-out")}）。"));
                // Rule 2: （七） = the sum of every detail row.
                var sum = details.Sum(r => Count(r.Cells[c]));
                if (sum != Cell("concluded"))
                    v.Add(new Violation(2, three.CellName(three.Row("concluded"), c), $"（七）总计为 {Cell("concluded")}，各办理结果之和为 {sum}。"));
            }
        }
        // Rule 3: 总计 = the sum of the six applicant columns, on every row.
        foreach (var row in three.Rows)
        {
            var sum = Enumerable.Range(0, 6).Sum(c => Count(row.Cells[c]));
            if (row.Cells.Length == 7 && sum != Count(row.Cells[6]))
                v.Add(new Violation(3, three.CellName(row, 6), $"总计为 {Count(row.Cells[6])}，六类申请人之和为 {sum}。"));
        }
        // Rule 4: each group of table four: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
        var cases = four.Rows[0].Cells;
        for (var g = 0; g < 3 && cases.Length == 15; g++)
        {
            var sum = Enumerable.Range(g * 5, 4).Sum(c => Count(cases[c]));
            if (sum != Count(cases[g * 5 + 4]))
                v.Add(new Violation(4, $"表四 {ReportTemplates.AppealKinds[g].Label} × 总计", $"总计为 {Count(cases[g * 5 + 4])}，四种结果之和为 {sum}。"));
        }
        // Rules 5, 11 and part of 12: found in the records while counting them.
        v.AddRange(tables.RecordProblems);

        // Rule 6: this year's 二 = last year's 四, per column.
        if (lastYear is not null && Has("carried-in"))
        {
            var carriedIn = three.Row("carried-in");
            for (var c = 0; c < 7; c++)
            {
                var key = $"t3.carried-out.{three.ColumnKeys[c]}";
                if (lastYear.TryGetValue(key, out var before) && Count(before) != Count(carriedIn.Cells[c]))
                    v.Add(new Violation(6, three.CellName(carriedIn, c), $"上年报告“四、结转下年度继续办理”为 {before}，本年“二”为 {carriedIn.Cells[c]}。"));
            }
        }

        // Rule 9: fees in 万元 printed exactly from the register; （五）（六） count decisions (whole numbers).
        foreach (var grid in tables.TableTwo)
            foreach (var row in grid.Rows)
                for (var c = 0; c < grid.Columns.Count; c++)
                {
                    if (grid.Units[c] == CellUnit.WanYuan)
                    {
                        var expected = Money.Print(tables.RegisterFeeFen, CellUnit.WanYuan);
                        if (!grid.Columns[c].Contains("万元", StringComparison.Ordinal) || row.Cells[c] != expected)
                            v.Add(new Violation(9, grid.CellName(row, c), $"收费金额以万元计，应为 {expected}（元 ÷ 10000，去掉末尾的 0）。"));
                    }
                    else if (grid.ColumnKeys[c] == "decisions" && !long.TryParse(row.Cells[c], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    {
                        v.Add(new Violation(9, grid.CellName(row, c), "处理决定数量是件数，应为整数。"));
                    }
                }

        // Rule 10: numbers the narrative states about requests and appeals come from the tables.
        if (Has("received") && Has("concluded") && Has("carried-out") && cases.Length == 15)
        {
            var stated = new (Regex Pattern, long Value, string Cell)[]
            {
                (ReceivedPattern(), Count(three.Row("received").Cells[6]), "表三 一 × 总计"),
                (CarriedInPattern(), Count(three.Row("carried-in").Cells[6]), "表三 二 × 总计"),
                (ConcludedPattern(), Count(three.Row("concluded").Cells[6]), "表三（七）× 总计"),
                (CarriedOutPattern(), Count(three.Row("carried-out").Cells[6]), "表三 四 × 总计"),
                (ReconsiderationPattern(), Count(cases[4]), "表四 行政复议 × 总计"),
                (LitigationPattern(), Count(cases[9]) + Count(cases[14]), "表四 行政诉讼 × 总计"),
            };
            foreach (var (pattern, value, cell) in stated)
                foreach (Match m in pattern.Matches(narrative.Overview))
                    if (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) != value)
                        v.Add(new Violation(10, "一、总体情况", $"正文“{m.Value}”与{cell}（{value}）不一致。"));
        }

        // Rule 12: section 六 states the fees, consistently with the fee records; section 五 is not empty.
        var fee = Money.Yuan(tables.FeesFen) + "元";
        if (!narrative.Other.Contains("信息处理费", StringComparison.Ordinal))
            v.Add(new Violation(12, "六、其他需要报告的事项", $"应说明收取信息处理费的情况（本年 {fee}）。"));
        else if (!narrative.Other.Contains(fee, StringComparison.Ordinal))
            v.Add(new Violation(12, "六、其他需要报告的事项", $"收费记录为 {fee}（{tables.FeeRequests} 件），正文未写明这一金额。"));
        if (string.IsNullOrWhiteSpace(narrative.Problems) || narrative.Problems.Contains(ReportDrafting.Placeholder, StringComparison.Ordinal))
            v.Add(new Violation(12, "五、存在的主要问题及改进情况", "本节不能为空，须填写本年度的问题和改进情况。"));
        // The drafted overview leaves the parts no record can tell for the officer to write.
        if (narrative.Overview.Contains(ReportDrafting.Placeholder, StringComparison.Ordinal))
            v.Add(new Violation(10, "一、总体情况", "正文仍有“【请填写】”的内容。"));
        return v.OrderBy(x => x.Rule).ToList();
    }

    private static void CheckLayout(List<Violation> v, IReadOnlyList<Grid> template, IReadOnlyList<Grid> actual)
    {
        if (template.Count != actual.Count)
        {
            v.Add(new Violation(8, "表二", $"应有 {template.Count} 个部分，实有 {actual.Count} 个。"));
            return;
        }
        for (var i = 0; i < template.Count; i++)
        {
            var (t, a) = (template[i], actual[i]);
            if (t.Heading != a.Heading || !t.Columns.SequenceEqual(a.Columns))
                v.Add(new Violation(8, a.Heading, $"表头应为“{t.Heading}：{string.Join(" | ", t.Columns)}”。"));
            if (t.Rows.Count != a.Rows.Count)
            {
                v.Add(new Violation(8, a.Heading, $"应有 {t.Rows.Count} 行，实有 {a.Rows.Count} 行。"));
                continue;
            }
            for (var r = 0; r < t.Rows.Count; r++)
                if (t.Rows[r].Key != a.Rows[r].Key || !t.Rows[r].Labels.SequenceEqual(a.Rows[r].Labels))
                    v.Add(new Violation(8, $"{a.Heading} 第 {r + 1} 行", $"应为“{t.Rows[r].Label}”，实为“{a.Rows[r].Label}”。"));
        }
    }

    private static bool IsNumber(string? text, CellUnit unit) =>
        unit == CellUnit.Count
            ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            : decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private static long Count(string? text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;

    [GeneratedRegex(@"新收政府信息公开申请(\d+)件")]
    private static partial Regex ReceivedPattern();
    [GeneratedRegex(@"上年结转(?:政府信息公开申请)?(\d+)件")]
    private static partial Regex CarriedInPattern();
    [GeneratedRegex(@"办结(?:政府信息公开申请)?(\d+)件")]
    private static partial Regex ConcludedPattern();
    [GeneratedRegex(@"结转下年度(?:继续办理)?(\d+)件")]
    private static partial Regex CarriedOutPattern();
    [GeneratedRegex(@"行政复议(\d+)件")]
    private static partial Regex ReconsiderationPattern();
    [GeneratedRegex(@"行政诉讼(\d+)件")]
    private static partial Regex LitigationPattern();
}
