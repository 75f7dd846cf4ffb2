using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Sunshine.Web.Features.Petitions.Notices;

/// <summary>
/// Fills a notice template and writes it as HTML or as a Word document (A4, 宋体, the layout of official letters).
/// Placeholders are {{名称}}; a template that names an unknown placeholder is refused when it is saved.
/// </summary>
public static partial class NoticeDocuments
{
    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Placeholder();

    public static IReadOnlyList<string> PlaceholdersIn(string body) =>
        Placeholder().Matches(body).Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();

    public static string Fill(string body, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(body, m => values.TryGetValue(m.Groups[1].Value.Trim(), out var value) ? value : m.Value);

    public static string ToHtml(string title, string text)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title))
            .Append("</title><style>body{font-family:\"Noto Serif CJK SC\",SimSun,serif;max-width:40rem;margin:2rem auto;line-height:1.8}h1{text-align:center;font-size:1.5rem}p{text-indent:2em;margin:.3rem 0}p.plain{text-indent:0}p.right{text-align:right}</style></head><body>")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var (line, style) in Lines(text))
            html.Append("<p").Append(style switch { LineStyle.Plain => " class=\"plain\"", LineStyle.Right => " class=\"right\"", _ => "" }).Append('>')
                .Append(WebUtility.HtmlEncode(line)).Append("</p>");
        return html.Append("</body></html>").ToString();
    }

    public static byte[] ToDocx(string title, string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(title, bold: true, size: 44, JustificationValues.Center, indent: false));
            foreach (var (line, style) in Lines(text))
                body.Append(Paragraph(line, bold: false, size: 32, style == LineStyle.Right ? JustificationValues.Right : JustificationValues.Both, indent: style == LineStyle.Body));
            // A4 (210 × 297 mm) in twentieths of a point, with the margins of official letters (GB/T 9704: 37 mm top, 28 mm left).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1587U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private enum LineStyle { Body, Plain, Right }

    /// <summary>A line ending in ：is an address line (no indent); lines after a blank line at the end are the signature (right-aligned).</summary>
    private static IEnumerable<(string Line, LineStyle Style)> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var lastBlank = Array.FindLastIndex(lines, string.IsNullOrWhiteSpace);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var style = i > lastBlank && lastBlank > 0 ? LineStyle.Right : line.EndsWith('：') ? LineStyle.Plain : LineStyle.Body;
            yield return (line, style);
        }
    }

    private static Paragraph Paragraph(string text, bool bold, int size, JustificationValues justification, bool indent)
    {
        var runProperties = new RunProperties(
            new RunFonts { Ascii = "SimSun", HighAnsi = "SimSun", EastAsia = "宋体" },
            new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold) runProperties.Append(new Bold());
        var properties = new ParagraphProperties(new Justification { Val = justification }, new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200 });
        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
