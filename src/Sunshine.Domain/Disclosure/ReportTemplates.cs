using System.Globalization;

namespace Sunshine.Domain.Disclosure;

/// <summary>The two official formats of the annual report (政府信息公开工作年度报告格式).</summary>
public enum ReportFormat
{
    /// <summary>国办公开办函〔2019〕60号, the trial format.</summary>
    Trial2019 = 2019,
    /// <summary>国办公开办函〔2021〕30号.</summary>
    Format2021 = 2021,
}

public static class ReportFormats
{
    /// <summary>Reports for 2020 and earlier use the 2019 format, from 2021 on the 2021 format; a report may choose otherwise (DOMAIN.md §2.3).</summary>
    public static ReportFormat DefaultFor(int year) => year <= 2020 ? ReportFormat.Trial2019 : ReportFormat.Format2021;

    public static string Code(ReportFormat format) => ((int)format).ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? code, out ReportFormat format)
    {
        format = default;
        switch (code)
        {
            case "2019": format = ReportFormat.Trial2019; return true;
            case "2021": format = ReportFormat.Format2021; return true;
            default: return false;
        }
    }

    public static string Document(ReportFormat format) => format == ReportFormat.Trial2019 ? "国办公开办函〔2019〕60号" : "国办公开办函〔2021〕30号";
}

/// <summary>How a cell is printed: a count, or money held in fen and printed in 元 or 万元.</summary>
public enum CellUnit { Count, Yuan, WanYuan }

/// <summary>One row of a printed table: its stable key, its label (one to three levels) and its cells as printed.</summary>
public sealed class GridRow(string key, IReadOnlyList<string> labels, int columns)
{
    public string Key { get; } = key;
    public IReadOnlyList<string> Labels { get; } = labels;
    public string?[] Cells { get; set; } = Enumerable.Repeat<string?>(null, columns).ToArray();
    public string Label => string.Concat(Labels);
}

/// <summary>
/// A printed table (or one block of table two): the cells hold the text the report shows, so the same checks run on a
/// table we computed and on a table someone typed in from a published report.
/// </summary>
public sealed class Grid(string key, string heading, IReadOnlyList<string> columns, IReadOnlyList<string> columnKeys, IReadOnlyList<CellUnit> units, IReadOnlyList<GridRow> rows)
{
    public string Key { get; } = key;
    public string Heading { get; } = heading;
    /// <summary>Header of the value columns (the label column is not included).</summary>
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<string> ColumnKeys { get; } = columnKeys;
    public IReadOnlyList<CellUnit> Units { get; } = units;
    public IReadOnlyList<GridRow> Rows { get; } = rows;

    public GridRow Row(string key) => Rows.Single(r => r.Key == key);

    public int Column(string key) => ColumnKeys.ToList().IndexOf(key);

    public string CellName(GridRow row, int column) => $"{Heading} {row.Label} × {Columns[column]}";
}

/// <summary>
/// The exact labels and order of tables two, three and four in each format (DOMAIN.md §2.3). Row and column keys are
/// stable names for the JSON output and for checks; labels are the template's, in Chinese whatever the UI language.
/// </summary>
public static class ReportTemplates
{
    public static readonly string[] ApplicantTypes = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
    public static readonly string[] ApplicantKeys = ["natural", "business", "research", "nonprofit", "legal", "other"];
    public const string TableThreeNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    public static readonly string[] Sections =
        ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"];

    public static readonly string[] OverviewItems2021 = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"];

    /// <summary>Outcome groups of table three and the labels of their sub-rows, as stored on a request ("group" or "group/sub-row").</summary>
    public static readonly (string Key, string Group, string Label, string[] Details)[] OutcomeGroups =
    [
        ("disclosed", "予以公开", "（一）予以公开", []),
        ("partly", "部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
        ("withheld", "不予公开", "（三）不予公开", ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]),
        ("unavailable", "无法提供", "（四）无法提供", ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]),
        ("not-processed", "不予处理", "（五）不予处理", ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"]),
        ("other", "其他处理", "（六）其他处理", ["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"]),
    ];

    /// <summary>The sub-row of （六）其他处理 that counts requests abandoned because the fee was not paid.</summary>
    public const string UnpaidFeeRow = "other.2";

    public static IReadOnlyList<Grid> TableTwo(ReportFormat format)
    {
        GridRow R(string key, string label, int columns) => new(key, [label], columns);
        if (format == ReportFormat.Trial2019)
        {
            string[] items = ["上一年项目数量", "本年增/减", "处理决定数量"];
            string[] itemKeys = ["items-last-year", "change", "decisions"];
            CellUnit[] counts3 = [CellUnit.Count, CellUnit.Count, CellUnit.Count];
            return
            [
                new Grid("t2.1", "第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["made", "published", "public-total"], counts3,
                    [R("rule", "规章", 3), R("normative", "规范性文件", 3)]),
                new Grid("t2.5", "第二十条第（五）项", items, itemKeys, counts3, [R("licensing", "行政许可", 3), R("other-service", "其他对外管理服务事项", 3)]),
                new Grid("t2.6", "第二十条第（六）项", items, itemKeys, counts3, [R("penalty", "行政处罚", 3), R("coercion", "行政强制", 3)]),
                new Grid("t2.8", "第二十条第（八）项", ["上一年项目数量", "本年增/减"], ["items-last-year", "change"], [CellUnit.Count, CellUnit.Count], [R("fee", "行政事业性收费", 2)]),
                // The seed prints 采购总金额 512679 in 元 (DOMAIN.md §2.3).
                new Grid("t2.9", "第二十条第（九）项", ["采购项目数量", "采购总金额"], ["projects", "amount"], [CellUnit.Count, CellUnit.Yuan], [R("procurement", "政府集中采购", 2)]),
            ];
        }
        return
        [
            new Grid("t2.1", "第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["made", "repealed", "in-force"], [CellUnit.Count, CellUnit.Count, CellUnit.Count],
                [R("rule", "规章", 3), R("normative", "行政规范性文件", 3)]),
            new Grid("t2.5", "第二十条第（五）项", ["本年处理决定数量"], ["decisions"], [CellUnit.Count], [R("licensing", "行政许可", 1)]),
            new Grid("t2.6", "第二十条第（六）项", ["本年处理决定数量"], ["decisions"], [CellUnit.Count], [R("penalty", "行政处罚", 1), R("coercion", "行政强制", 1)]),
            new Grid("t2.8", "第二十条第（八）项", ["本年收费金额（单位：万元）"], ["amount"], [CellUnit.WanYuan], [R("fee", "行政事业性收费", 1)]),
        ];
    }

    public static Grid TableThree(ReportFormat format)
    {
        var columns = ApplicantTypes.Append("总计").ToArray();
        var keys = ApplicantKeys.Append("total").ToArray();
        var rows = new List<GridRow>
        {
            new("received", ["一、本年新收政府信息公开申请数量"], 7),
            new("carried-in", ["二、上年结转政府信息公开申请数量"], 7),
        };
        const string results = "三、本年度办理结果";
        foreach (var (key, _, label, details) in OutcomeGroups)
        {
            // The 2019 format prints （六）其他处理 as one row without sub-rows.
            if (details.Length == 0 || (key == "other" && format == ReportFormat.Trial2019))
            {
                rows.Add(new GridRow(key, [results, label], 7));
                continue;
            }
            for (var i = 0; i < details.Length; i++)
                rows.Add(new GridRow($"{key}.{i + 1}", [results, label, $"{i + 1}.{details[i]}"], 7));
        }
        rows.Add(new GridRow("concluded", [results, "（七）总计"], 7));
        rows.Add(new GridRow("carried-out", ["四、结转下年度继续办理"], 7));
        return new Grid("t3", "表三", columns, keys, Enumerable.Repeat(CellUnit.Count, 7).ToArray(), rows);
    }

    public static readonly (string Key, string Label)[] AppealKinds =
        [("reconsideration", "行政复议"), ("direct-suit", "未经复议直接起诉"), ("suit-after-reconsideration", "复议后起诉")];

    public static readonly (string Key, string Label)[] AppealResults =
        [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计")];

    /// <summary>Table four as one row of 15 cells: 行政复议 (5) | 行政诉讼 — 未经复议直接起诉 (5) | 复议后起诉 (5).</summary>
    public static Grid TableFour()
    {
        var columns = AppealKinds.SelectMany(k => AppealResults.Select(r => r.Label)).ToArray();
        var keys = AppealKinds.SelectMany(k => AppealResults.Select(r => $"{k.Key}.{r.Key}")).ToArray();
        return new Grid("t4", "表四", columns, keys, Enumerable.Repeat(CellUnit.Count, 15).ToArray(), [new GridRow("cases", ["行政复议、行政诉讼"], 15)]);
    }

    /// <summary>The group label over each column of table four (for the two-level header).</summary>
    public static string TableFourGroup(int column) => AppealKinds[column / 5].Label;

    /// <summary>Every cell under a stable key ("t3.received.natural" → "705"), for the JSON output and the snapshot.</summary>
    public static Dictionary<string, string?> Flatten(IEnumerable<Grid> grids)
    {
        var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var grid in grids)
            foreach (var row in grid.Rows)
                for (var c = 0; c < grid.ColumnKeys.Count; c++)
                    cells[$"{grid.Key}.{row.Key}.{grid.ColumnKeys[c]}"] = row.Cells[c];
        return cells;
    }
}

/// <summary>Money is held as integer fen; 元 and 万元 are printed exactly, trailing zeros trimmed (4068.208).</summary>
public static class Money
{
    public static string Print(long value, CellUnit unit) => unit switch
    {
        CellUnit.Count => value.ToString(CultureInfo.InvariantCulture),
        CellUnit.Yuan => Trim(value / 100m),
        _ => Trim(value / 1_000_000m),
    };

    public static string Yuan(long fen) => Print(fen, CellUnit.Yuan);

    private static string Trim(decimal amount) => amount.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>Reads an amount typed in 元 ("512679", "380.5") as fen; more than two decimals is not an amount of money.</summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        if (!decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)) return false;
        var scaled = yuan * 100m;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue) return false;
        fen = (long)scaled;
        return true;
    }
}
