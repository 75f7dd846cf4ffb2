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
        var props = new RunProperties(
            new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia },
            new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) },
            new Languages { EastAsia = "zh-CN" });
        if (bold) props.Append(new Bold());
        return props;
    }

    private static Paragraph Para(string text, Font font, int size, JustificationValues justification, bool indent)
    {
        var properties = new ParagraphProperties(new Justification { Val = justification }, new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200 });
        return new Paragraph(properties, new Run(RunProps(font, size), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static TableCell Cell(string? text, int span = 1, MergedCellValues? vMerge = null, bool bold = false)
    {
        var properties = new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        if (vMerge is { } merge) properties.Append(new VerticalMerge { Val = merge });
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }, new SpacingBetweenLines { Line = "300", LineRule = LineSpacingRuleValues.Auto }),
            new Run(RunProps(Font.Table, 21, bold), new Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve }));
        return new TableCell(properties, paragraph);
    }

    private static Table NewTable(int columns)
    {
        var border = new Func<OpenXmlElement>[]
        {
            () => new TopBorder { Val = BorderValues.Single, Size = 4 }, () => new BottomBorder { Val = BorderValues.Single, Size = 4 },
            () => new LeftBorder { Val = BorderValues.Single, Size = 4 }, () => new RightBorder { Val = BorderValues.Single, Size = 4 },
            () => new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, () => new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 },
        };
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(border.Select(b => b()).ToArray()),
            new TableLayout { Type = TableLayoutValues.Autofit }));
        table.Append(new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn()).ToArray()));
        return table;
    }

    private static Table TableTwoBlock(Grid grid)
    {
        var table = NewTable(grid.Columns.Count + 1);
        table.Append(new TableRow(Cell(grid.Heading, grid.Columns.Count + 1, bold: true)));
        table.Append(new TableRow(new[] { Cell("信息内容", bold: true) }.Concat(grid.Columns.Select(c => Cell(c, bold: true)))));
        foreach (var row in grid.Rows)
            table.Append(new TableRow(new[] { Cell(row.Label) }.Concat(row.Cells.Select(c => Cell(c)))));
        return table;
    }

    private static Table TableThree(Grid grid)
    {
        var table = NewTable(10);
        table.Append(new TableRow(Cell(ReportTemplates.TableThreeNote, 3, MergedCellValues.Restart, bold: true), Cell("申请人情况", 7, bold: true)));
        table.Append(new TableRow(Cell(null, 3, MergedCellValues.Continue), Cell("自然人", 1, MergedCellValues.Restart, bold: true), Cell("法人或其他组织", 5, bold: true),
            Cell("总计", 1, MergedCellValues.Restart, bold: true)));
        table.Append(new TableRow(new[] { Cell(null, 3, MergedCellValues.Continue), Cell(null, 1, MergedCellValues.Continue) }
            .Concat(ReportTemplates.ApplicantTypes.Skip(1).Select(t => Cell(t, bold: true))).Append(Cell(null, 1, MergedCellValues.Continue))));
        GridRow? previous = null;
        foreach (var row in grid.Rows)
        {
            var cells = new List<TableCell>();
            for (var level = 0; level < row.Labels.Count; level++)
            {
                var span = level == row.Labels.Count - 1 ? 3 - level : 1;
                // Repeated group labels (三、本年度办理结果, （三）不予公开 …) are one merged cell, as in the template.
                var same = previous is not null && previous.Labels.Count > level && previous.Labels[level] == row.Labels[level] && level < row.Labels.Count - 1;
                var opens = !same && level < row.Labels.Count - 1;
                cells.Add(Cell(same ? null : row.Labels[level], span, same ? MergedCellValues.Continue : opens ? MergedCellValues.Restart : null));
            }
            cells.AddRange(row.Cells.Select(c => Cell(c)));
            table.Append(new TableRow(cells));
            previous = row;
        }
        return table;
    }

    private static Table TableFour(Grid grid)
    {
        var table = NewTable(15);
        table.Append(new TableRow(Cell("行政复议", 5, MergedCellValues.Restart, bold: true), Cell("行政诉讼", 10, bold: true)));
        table.Append(new TableRow(Cell(null, 5, MergedCellValues.Continue), Cell("未经复议直接起诉", 5, bold: true), Cell("复议后起诉", 5, bold: true)));
        table.Append(new TableRow(grid.Columns.Select(c => Cell(c, bold: true))));
        table.Append(new TableRow(grid.Rows[0].Cells.Select(c => Cell(c))));
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
