using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MiniExcelLibs;
using Sunshine.Data.Entities;
using Sunshine.Domain.Disclosure;

namespace Sunshine.Web.Features.Disclosure.AnnualReports;

/// <summary>
/// Writes the annual report as a Word document (A4, the fonts of official documents, real Word tables with the
/// template's merged headers) and its tables as a workbook with numbers as numbers. Always in Chinese.
/// </summary>
public static class ReportDocuments
{
    public static string Intro(AnnualReport report, string organisation) =>
        $"依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（{ReportFormats.Document(ParseFormat(report))}）规定，编制本报告。" +
        $"本报告所列数据统计期限从{report.Year}年1月1日至{report.Year}年12月31日止。本报告的统计范围为{(report.Region ? organisation + "及其所属各报告主体（全辖区汇总）" : organisation + "本机关")}。";

    public static ReportFormat ParseFormat(AnnualReport report) => ReportFormats.TryParse(report.Format, out var f) ? f : ReportFormats.DefaultFor(report.Year);

    public static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    public static byte[] ToDocx(AnnualReport report, string organisation, ReportTables tables)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para(report.Title, Font.Title, 44, JustificationValues.Center, indent: false));
            body.Append(Para(Intro(report, organisation), Font.Body, 32, JustificationValues.Both, indent: true));
            var s = ReportTemplates.Sections;
            body.Append(Para(s[0], Font.Heading, 32, JustificationValues.Left, indent: true));
            foreach (var line in Paragraphs(report.Overview)) body.Append(Para(line, Font.Body, 32, JustificationValues.Both, indent: true));

            body.Append(Para(s[1], Font.Heading, 32, JustificationValues.Left, indent: true));
            foreach (var grid in tables.TableTwo)
            {
                body.Append(TableTwoBlock(grid));
                body.Append(Para("", Font.Body, 16, JustificationValues.Left, indent: false));
            }
            body.Append(Para(s[2], Font.Heading, 32, JustificationValues.Left, indent: true));
            body.Append(TableThree(tables.TableThree));
            body.Append(Para(s[3], Font.Heading, 32, JustificationValues.Left, indent: true));
            body.Append(TableFour(tables.TableFour));
            body.Append(Para(s[4], Font.Heading, 32, JustificationValues.Left, indent: true));
            foreach (var line in Paragraphs(report.Problems)) body.Append(Para(line, Font.Body, 32, JustificationValues.Both, indent: true));
            body.Append(Para(s[5], Font.Heading, 32, JustificationValues.Left, indent: true));
            foreach (var line in Paragraphs(report.Other)) body.Append(Para(line, Font.Body, 32, JustificationValues.Both, indent: true));
            body.Append(Para(organisation, Font.Body, 32, JustificationValues.Right, indent: false));
            if (report.PublishedOn is { } on) body.Append(Para($"{on.Year}年{on.Month}月{on.Day}日", Font.Body, 32, JustificationValues.Right, indent: false));
            // A4 (210 × 297 mm) in twentieths of a point, with the margins of official documents (GB/T 9704).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1587U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private enum Font { Title, Heading, Body, Table }

    private static RunProperties RunProps(Font font, int size, bool bold = false)
    {
        var eastAsia = font switch { Font.Title => "方正小标宋简体", Font.Heading => "黑体", Font.Table => "宋体", _ => "仿宋_GB2312" };
        // Schema order (CT_RPr): rFonts, b, sz, lang.
        var props = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia });
        if (bold) props.Append(new Bold());
        props.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }, new Languages { EastAsia = "zh-CN" });
        return props;
    }

    private static Paragraph Para(string text, Font font, int size, JustificationValues justification, bool indent)
    {
        // Schema order (CT_PPr): spacing, ind, jc.
        var properties = new ParagraphProperties(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200 });
        properties.Append(new Justification { Val = justification });
        return new Paragraph(properties, new Run(RunProps(font, size), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    // Text width of an A4 page with the margins above: 11906 − 1587 − 1474 twips.
    private const int TextWidth = 8845;

    /// <summary>A table row built left to right, each cell as wide as the grid columns it spans (fixed layout, as Word lays out the template).</summary>
    private sealed class RowBuilder(int[] widths)
    {
        private readonly List<TableCell> _cells = [];
        private int _column;

        public RowBuilder Add(string? text, int span = 1, MergedCellValues? vMerge = null, bool bold = false)
        {
            var width = widths.Skip(_column).Take(span).Sum();
            _column += span;
            // Child order follows the schema (CT_TcPr: tcW, gridSpan, vMerge, …, vAlign), so Word opens the file without repair.
            var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (span > 1) properties.Append(new GridSpan { Val = span });
            if (vMerge is { } merge) properties.Append(new VerticalMerge { Val = merge });
            properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
            var paragraph = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Line = "280", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Center }),
                new Run(RunProps(Font.Table, 18, bold), new Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve }));
            _cells.Add(new TableCell(properties, paragraph));
            return this;
        }

        public TableRow Build() => new(_cells);
    }

    private static Table NewTable(int[] widths)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) }).ToArray()));
        return table;
    }

    private static int[] Even(int columns, int first = 0)
    {
        var rest = (TextWidth - first) / columns;
        return first > 0 ? [first, .. Enumerable.Repeat(rest, columns)] : Enumerable.Repeat(rest, columns).ToArray();
    }

    private static Table TableTwoBlock(Grid grid)
    {
        var widths = Even(grid.Columns.Count, first: 2600);
        var table = NewTable(widths);
        table.Append(new RowBuilder(widths).Add(grid.Heading, grid.Columns.Count + 1, bold: true).Build());
        var header = new RowBuilder(widths).Add("信息内容", bold: true);
        foreach (var c in grid.Columns) header.Add(c, bold: true);
        table.Append(header.Build());
        foreach (var row in grid.Rows)
        {
            var line = new RowBuilder(widths).Add(row.Label);
            foreach (var c in row.Cells) line.Add(c);
            table.Append(line.Build());
        }
        return table;
    }

    private static Table TableThree(Grid grid)
    {
        // Three label columns (section, group, reason) and seven number columns.
        int[] widths = [1000, 1300, 2305, .. Enumerable.Repeat(620, 7)];
        var table = NewTable(widths);
        table.Append(new RowBuilder(widths).Add(ReportTemplates.TableThreeNote, 3, MergedCellValues.Restart, bold: true).Add("申请人情况", 7, bold: true).Build());
        table.Append(new RowBuilder(widths).Add(null, 3, MergedCellValues.Continue).Add("自然人", 1, MergedCellValues.Restart, bold: true)
            .Add("法人或其他组织", 5, bold: true).Add("总计", 1, MergedCellValues.Restart, bold: true).Build());
        var third = new RowBuilder(widths).Add(null, 3, MergedCellValues.Continue).Add(null, 1, MergedCellValues.Continue);
        foreach (var t in ReportTemplates.ApplicantTypes.Skip(1)) third.Add(t, bold: true);
        table.Append(third.Add(null, 1, MergedCellValues.Continue).Build());
        GridRow? previous = null;
        foreach (var row in grid.Rows)
        {
            var line = new RowBuilder(widths);
            for (var level = 0; level < row.Labels.Count; level++)
            {
                var last = level == row.Labels.Count - 1;
                var span = last ? 3 - level : 1;
                // Repeated group labels (三、本年度办理结果, （三）不予公开 …) are one merged cell, as in the template.
                var same = !last && previous is not null && previous.Labels.Count > level + 1 && previous.Labels[level] == row.Labels[level];
                line.Add(same ? null : row.Labels[level], span, same ? MergedCellValues.Continue : last ? null : MergedCellValues.Restart);
            }
            foreach (var c in row.Cells) line.Add(c);
            table.Append(line.Build());
            previous = row;
        }
        return table;
    }

    private static Table TableFour(Grid grid)
    {
        var widths = Even(15);
        var table = NewTable(widths);
        table.Append(new RowBuilder(widths).Add("行政复议", 5, MergedCellValues.Restart, bold: true).Add("行政诉讼", 10, bold: true).Build());
        table.Append(new RowBuilder(widths).Add(null, 5, MergedCellValues.Continue).Add("未经复议直接起诉", 5, bold: true).Add("复议后起诉", 5, bold: true).Build());
        var labels = new RowBuilder(widths);
        foreach (var c in grid.Columns) labels.Add(c, bold: true);
        table.Append(labels.Build());
        var values = new RowBuilder(widths);
        foreach (var c in grid.Rows[0].Cells) values.Add(c);
        table.Append(values.Build());
        return table;
    }

    /// <summary>The tables as a workbook: one sheet per table, numbers as numbers (万元 as an exact decimal).</summary>
    public static byte[] ToXlsx(ReportTables tables)
    {
        static object Value(string? text, CellUnit unit) =>
            unit == CellUnit.Count && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : (object)(text ?? "");
        static Dictionary<string, object> Line(params object[] cells) =>
            cells.Select((c, i) => (c, i)).ToDictionary(x => ((char)('A' + x.i)).ToString(), x => x.c);

        var two = new List<Dictionary<string, object>>();
        foreach (var grid in tables.TableTwo)
        {
            two.Add(Line(grid.Heading));
            two.Add(Line(["信息内容", .. grid.Columns]));
            foreach (var row in grid.Rows)
                two.Add(Line([row.Label, .. row.Cells.Select((c, i) => Value(c, grid.Units[i]))]));
        }
        var three = new List<Dictionary<string, object>> { Line(["项目", .. tables.TableThree.Columns]) };
        foreach (var row in tables.TableThree.Rows)
            three.Add(Line([string.Join(" ", row.Labels), .. row.Cells.Select(c => Value(c, CellUnit.Count))]));
        var four = new List<Dictionary<string, object>>
        {
            Line([.. tables.TableFour.Columns.Select((c, i) => (object)$"{ReportTemplates.TableFourGroup(i)}·{c}")]),
            Line([.. tables.TableFour.Rows[0].Cells.Select(c => Value(c, CellUnit.Count))]),
        };
        // Every row of a sheet needs the same keys for MiniExcel; pad the short ones.
        static List<Dictionary<string, object>> Pad(List<Dictionary<string, object>> rows)
        {
            var width = rows.Max(r => r.Count);
            foreach (var r in rows)
                for (var i = r.Count; i < width; i++) r[((char)('A' + i)).ToString()] = "";
            return rows;
        }
        var sheets = new Dictionary<string, object> { ["表二"] = Pad(two), ["表三"] = Pad(three), ["表四"] = Pad(four) };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
