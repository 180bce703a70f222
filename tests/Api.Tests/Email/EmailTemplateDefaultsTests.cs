using Ticketing.Application.Email;

namespace Ticketing.Api.Tests.Email;

/// <summary>The built-in templates pass the checks an admin's override must pass: every kind, every language.</summary>
public sealed class EmailTemplateDefaultsTests
{
    public static TheoryData<string, string> KindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in EmailKinds.All)
        {
            foreach (var language in new[] { "en", "fr", "de", "es", "it" })
            {
                data.Add(kind, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void Every_default_exists_in_its_own_language_and_uses_only_its_kinds_snippets(string kind, string language)
    {
        var template = EmailTemplateDefaults.Find(kind, language).ShouldNotBeNull();

        template.Language.ShouldBe(language);
        EmailTemplateChecks.Check(kind, new EmailTemplateBody(template.Subject, template.BodyText, template.BodyHtml)).ShouldBeEmpty();
    }
}
