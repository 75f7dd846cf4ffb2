using System.Net;
using System.Text;
using Ganss.Xss;

namespace Sunshine.Web.Features.Disclosure.Catalogue;

/// <summary>
/// The body of a catalogue entry is rich text that staff paste from word processors and that the public portal shows:
/// it is cleaned on every save (no script, no event handler, no <c>javascript:</c> link, no frame or form), so what is
/// stored is what may be shown. The export for the WeChat and 政务头条 accounts is cleaner still: no inline style, class
/// or id (their editors apply their own), images and links made absolute so they resolve from the account's page.
/// </summary>
public static class DisclosureHtml
{
    private static readonly string[] Tags =
    [
        "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "ul", "ol", "li",
        "a", "img", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr", "span", "div",
    ];

    private static readonly string[] Attributes = ["href", "src", "alt", "title", "colspan", "rowspan", "scope", "width", "height"];

    // Sanitizers are not documented as thread-safe for concurrent use with their event handlers: one per call is cheap.
    private static HtmlSanitizer Create(bool withStyle)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in Tags) sanitizer.AllowedTags.Add(tag);
        sanitizer.AllowedAttributes.Clear();
        foreach (var attribute in Attributes) sanitizer.AllowedAttributes.Add(attribute);
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowDataAttributes = false;
        sanitizer.AllowedCssProperties.Clear();
        if (withStyle)
        {
            sanitizer.AllowedAttributes.Add("style");
            foreach (var property in new[] { "text-align", "text-indent", "font-weight", "font-style", "text-decoration" })
                sanitizer.AllowedCssProperties.Add(property);
        }
        return sanitizer;
    }

    /// <summary>The body as stored and shown on the portal.</summary>
    public static string Clean(string? html) => Create(withStyle: true).Sanitize(html ?? "").Trim();

    /// <summary>True when the body has no visible text and no image: an empty editor still sends "&lt;p&gt;&lt;/p&gt;".</summary>
    public static bool IsEmpty(string cleaned)
    {
        if (cleaned.Contains("<img", StringComparison.OrdinalIgnoreCase)) return false;
        var text = System.Text.RegularExpressions.Regex.Replace(cleaned, "<[^>]*>", "");
        return string.IsNullOrWhiteSpace(WebUtility.HtmlDecode(text));
    }

    /// <summary>Plain text of the body, for the feed's summary and search snippets.</summary>
    public static string Text(string cleaned, int max)
    {
        var text = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(cleaned, "<[^>]*>", " "));
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length <= max ? text : text[..max] + "…";
    }

    /// <summary>
    /// A standalone HTML document for the accounts' editors: title, the catalogue facts, the body without inline styles,
    /// and the attachments as absolute links. <paramref name="baseAddress"/> is the public site's address.
    /// </summary>
    public static string Export(string title, IReadOnlyList<(string Label, string Value)> facts, string body, IReadOnlyList<(string Name, string Url)> attachments, string baseAddress)
    {
        var sanitizer = Create(withStyle: false);
        var clean = sanitizer.Sanitize(body, baseAddress);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n</head>\n<body>\n<article>\n<h1>")
            .Append(WebUtility.HtmlEncode(title)).Append("</h1>\n<dl>\n");
        foreach (var (label, value) in facts)
            html.Append("<dt>").Append(WebUtility.HtmlEncode(label)).Append("</dt><dd>").Append(WebUtility.HtmlEncode(value)).Append("</dd>\n");
        html.Append("</dl>\n").Append(clean).Append('\n');
        if (attachments.Count > 0)
        {
            html.Append("<h2>附件</h2>\n<ul>\n");
            foreach (var (name, url) in attachments)
                html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\">").Append(WebUtility.HtmlEncode(name)).Append("</a></li>\n");
            html.Append("</ul>\n");
        }
        html.Append("</article>\n</body>\n</html>\n");
        return html.ToString();
    }
}
