using System.Text;
using System.Text.RegularExpressions;

namespace Ticketing.Application.Email;

/// <summary>
/// Fills <c>{{snippet}}</c> placeholders. Values are HTML-encoded in the HTML body (a ticket title is user input),
/// kept verbatim in the text body and flattened to one line in the subject. An unknown placeholder stays as
/// written so an admin sees the typo in a test mail; a known one without a value becomes empty.
/// </summary>
public static partial class EmailTemplateRenderer
{
    public static RenderedEmail Render(EmailTemplate template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var subject = Fill(template.Subject, values, literal => literal, OneLine);
        var text = Fill(template.BodyText, values, literal => literal, value => value);
        var html = template.BodyHtml is { } bodyHtml
            ? Fill(bodyHtml, values, literal => literal, HtmlValue)
            : Layout(Paragraphs(Fill(Normalise(template.BodyText), values, Encode, HtmlValue)));
        return new RenderedEmail(subject, text, html);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string?> values, Func<string, string> literal, Func<string, string, string> value)
    {
        var result = new StringBuilder(template.Length + 256);
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            result.Append(literal(template[at..match.Index]));
            var name = match.Groups[1].Value;
            result.Append(EmailSnippets.All.Contains(name, StringComparer.Ordinal)
                ? value(name, values.TryGetValue(name, out var v) ? v ?? "" : "")
                : literal(match.Value));
            at = match.Index + match.Length;
        }

        return result.Append(literal(template[at..])).ToString();
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string?> values, Func<string, string> literal, Func<string, string> value) =>
        Fill(template, values, literal, (_, v) => value(v));

    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string HtmlValue(string name, string value)
    {
        // Line breaks inside a value (a reply) become <br> here, so the template's own paragraphs stay its own.
        var encoded = Encode(Normalise(value)).Replace("\n", "<br>", StringComparison.Ordinal);
        var isLink = name == EmailSnippets.PortalUrl && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        return isLink ? $"<a href=\"{encoded}\">{encoded}</a>" : encoded;
    }

    // Only the five markup characters: mail is UTF-8, so é or Thai text stay readable in the HTML source.
    private static string Encode(string text) => new StringBuilder(text)
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;")
        .ToString();

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Paragraphs(string encoded) =>
        string.Join('\n', encoded.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(paragraph => "<p>" + paragraph.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>"));

    private static string Layout(string body) =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n"
        + "<body style=\"font-family: sans-serif; line-height: 1.4\">\n" + body + "\n</body></html>";

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
