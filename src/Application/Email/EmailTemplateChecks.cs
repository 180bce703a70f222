using System.Text.RegularExpressions;
using FluentValidation.Results;

namespace Ticketing.Application.Email;

/// <summary>An admin's template for one kind and language (A4); a null <paramref name="BodyHtml"/> derives the HTML from the text.</summary>
public sealed record EmailTemplateBody(string? Subject, string? BodyText, string? BodyHtml);

/// <summary>
/// What an admin may save as a template: a one-line subject and a text body, both non-empty and bounded, and only
/// the snippets the kind's sender fills. Every <c>{{...}}</c> is checked, so a typo such as <c>{{contact name}}</c>
/// is a 400 naming it instead of a literal in every mail.
/// </summary>
public static partial class EmailTemplateChecks
{
    public const int SubjectMaxLength = 300;
    public const int BodyTextMaxLength = 20_000;
    public const int BodyHtmlMaxLength = 100_000;

    public static List<ValidationFailure> Check(string kind, EmailTemplateBody? body)
    {
        var failures = new List<ValidationFailure>();
        if (body is null)
        {
            failures.Add(new("request", "Send { \"subject\": ..., \"bodyText\": ..., \"bodyHtml\": null or ... }."));
            return failures;
        }

        Text(failures, "subject", body.Subject, SubjectMaxLength, required: true);
        if (body.Subject?.IndexOfAny(['\r', '\n']) >= 0)
        {
            failures.Add(new("subject", "The subject is one line."));
        }

        Text(failures, "bodyText", body.BodyText, BodyTextMaxLength, required: true);
        Text(failures, "bodyHtml", body.BodyHtml, BodyHtmlMaxLength, required: false);
        var allowed = EmailSnippets.ForKind(kind);
        foreach (var (field, text) in new[] { ("subject", body.Subject), ("bodyText", body.BodyText), ("bodyHtml", body.BodyHtml) })
        {
            foreach (var unknown in Placeholders(text).Where(name => !allowed.Contains(name, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
            {
                failures.Add(new(field, $"Unknown snippet '{{{{{unknown}}}}}'; {kind} templates may use: {string.Join(", ", allowed.Select(s => $"{{{{{s}}}}}"))}."));
            }
        }

        return failures;
    }

    private static void Text(List<ValidationFailure> failures, string field, string? value, int max, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            failures.Add(new(field, $"'{field}' must not be empty."));
        }
        else if (value?.Length > max)
        {
            failures.Add(new(field, $"'{field}' may hold at most {max} characters."));
        }
    }

    private static IEnumerable<string> Placeholders(string? text) =>
        text is null ? [] : AnyPlaceholder().Matches(text).Select(m => m.Groups[1].Value.Trim());

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AnyPlaceholder();
}
