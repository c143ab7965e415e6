using System.Text;
using System.Text.Encodings.Web;
using LowDim.Reporting.Plots;

namespace LowDim.Reporting;

/// <summary>
/// A self-contained HTML page: inline CSS, images as base64 data URIs, no external link of any kind. Every text
/// that comes from a file is HTML-encoded.
/// </summary>
internal sealed class HtmlPage
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 2em auto; max-width: 1000px; padding: 0 1em; color: #222; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        p.summary { color: #555; margin-top: 0; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.number { text-align: right; font-family: "DejaVu Sans Mono", monospace; }
        td.code, th.code { font-family: "DejaVu Sans Mono", monospace; }
        figure { margin: 1.5em 0; }
        figure img { max-width: 100%; border: 1px solid #eee; }
        figcaption { color: #444; font-size: 0.9em; margin-top: 0.3em; }
        """;

    private readonly StringBuilder _body = new();
    private readonly string _title;

    /// <summary>Starts a page whose title and first heading are <paramref name="title"/>.</summary>
    public HtmlPage(string title)
    {
        _title = title;
        _body.Append("<h1>").Append(Encode(title)).AppendLine("</h1>");
    }

    /// <summary>Adds a section heading.</summary>
    public void Heading(string text) => _body.Append("<h2>").Append(Encode(text)).AppendLine("</h2>");

    /// <summary>Adds a paragraph; <paramref name="cssClass"/> is one of the page's own classes.</summary>
    public void Paragraph(string text, string? cssClass = null) =>
        _body.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(Encode(text)).AppendLine("</p>");

    /// <summary>
    /// Adds a table; a cell that parses as a number is right-aligned, and the first column is set as code
    /// when <paramref name="codeFirstColumn"/> (metric names, spec keys).
    /// </summary>
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, bool codeFirstColumn = false)
    {
        _body.AppendLine("<table>").Append("<tr>");
        foreach (string cell in header) _body.Append("<th>").Append(Encode(cell)).Append("</th>");
        _body.AppendLine("</tr>");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                string css = i == 0 && codeFirstColumn ? " class=\"code\""
                    : double.TryParse(row[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? " class=\"number\""
                    : "";
                _body.Append("<td").Append(css).Append('>').Append(Encode(row[i])).Append("</td>");
            }
            _body.AppendLine("</tr>");
        }
        _body.AppendLine("</table>");
    }

    /// <summary>Adds a plot, embedded as a PNG data URI, with its caption.</summary>
    public void Figure(Figure figure)
    {
        _body.AppendLine("<figure>")
            .Append("<img alt=\"").Append(Encode(figure.FileName)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(figure.Png)).AppendLine("\">")
            .Append("<figcaption>").Append(Encode(figure.Caption)).AppendLine("</figcaption>")
            .AppendLine("</figure>");
    }

    /// <summary>The whole document.</summary>
    public override string ToString() =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{Encode(_title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>
        {_body}</body>
        </html>

        """;

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
