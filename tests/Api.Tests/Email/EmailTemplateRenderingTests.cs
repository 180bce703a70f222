using Ticketing.Application.Email;

namespace Ticketing.Api.Tests.Email;

/// <summary>Every built-in template in every language, rendered with hostile values.</summary>
public sealed class EmailTemplateRenderingTests
{
    private const string Title = "<script>alert('x')</script> Drucker & Scanner";
    private const string Reply = "Line one <b>bold?</b>\nLine two";

    private static readonly Dictionary<string, string?> Values = new(StringComparer.Ordinal)
    {
        [EmailSnippets.PortalUrl] = "https://portal.msp.example/?a=1&b=2",
        [EmailSnippets.Username] = "anna.keller",
        [EmailSnippets.Password] = "S3cret<&>pw",
        [EmailSnippets.ContactName] = "Anna <Keller>",
        [EmailSnippets.RecipientName] = "Anna <Keller>",
        [EmailSnippets.TicketNumber] = "T20260101.0042",
        [EmailSnippets.TicketTitle] = Title,
        [EmailSnippets.Status] = "Resolved",
        [EmailSnippets.ReplyText] = Reply,
        [EmailSnippets.ResetCode] = "12345678",
        [EmailSnippets.ValidMinutes] = "30",
        [EmailSnippets.RuleName] = "VIP <escalation>",
    };

    // What each kind must carry (raw in the text body, encoded in the HTML body).
    private static readonly Dictionary<string, string[]> Carries = new(StringComparer.Ordinal)
    {
        [EmailKinds.Welcome] = [EmailSnippets.ContactName, EmailSnippets.PortalUrl, EmailSnippets.Username, EmailSnippets.Password],
        [EmailKinds.PasswordReset] = [EmailSnippets.RecipientName, EmailSnippets.ResetCode, EmailSnippets.ValidMinutes],
        [EmailKinds.ReplyPosted] = [EmailSnippets.RecipientName, EmailSnippets.TicketNumber, EmailSnippets.TicketTitle, EmailSnippets.ReplyText, EmailSnippets.PortalUrl],
        [EmailKinds.StatusChanged] = [EmailSnippets.RecipientName, EmailSnippets.TicketNumber, EmailSnippets.TicketTitle, EmailSnippets.Status, EmailSnippets.PortalUrl],
        [EmailKinds.TaskfireQuestion] = [EmailSnippets.RecipientName, EmailSnippets.TicketNumber, EmailSnippets.TicketTitle, EmailSnippets.ReplyText],
        [EmailKinds.TaskfireWorkCompleted] = [EmailSnippets.RecipientName, EmailSnippets.TicketNumber, EmailSnippets.TicketTitle, EmailSnippets.ReplyText, EmailSnippets.PortalUrl],
        [EmailKinds.TaskfireResourceChanged] = [EmailSnippets.RecipientName, EmailSnippets.TicketNumber, EmailSnippets.TicketTitle, EmailSnippets.PortalUrl],
        [EmailKinds.SharedTicketDeleted] = [EmailSnippets.RecipientName, EmailSnippets.TicketNumber, EmailSnippets.TicketTitle],
        [EmailKinds.WorkflowNotification] =
            [EmailSnippets.RuleName, EmailSnippets.RecipientName, EmailSnippets.TicketNumber, EmailSnippets.TicketTitle, EmailSnippets.Status, EmailSnippets.PortalUrl],
    };

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
    public void Each_kind_renders_in_each_language_with_values_escaped_in_html(string kind, string language)
    {
        var template = EmailTemplateDefaults.Find(kind, language)!;
        var rendered = EmailTemplateRenderer.Render(template, Values);

        template.Language.ShouldBe(language);
        foreach (var part in new[] { rendered.Subject, rendered.BodyText, rendered.BodyHtml })
        {
            part.ShouldNotContain("{{");
        }

        foreach (var snippet in Carries[kind])
        {
            rendered.BodyText.ShouldContain(Values[snippet]!);
        }

        rendered.BodyHtml.ShouldNotContain("<script>");
        rendered.BodyHtml.ShouldNotContain("<b>");
        rendered.BodyHtml.ShouldNotContain("<Keller>");
        rendered.BodyHtml.ShouldContain("Anna &lt;Keller&gt;");
        if (Carries[kind].Contains(EmailSnippets.TicketTitle))
        {
            rendered.BodyHtml.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Drucker &amp; Scanner");
            rendered.Subject!.ShouldContain("T20260101.0042");
        }

        if (Carries[kind].Contains(EmailSnippets.ReplyText))
        {
            rendered.BodyHtml.ShouldContain("Line one &lt;b&gt;bold?&lt;/b&gt;<br>Line two");
        }

        if (Carries[kind].Contains(EmailSnippets.PortalUrl))
        {
            rendered.BodyHtml.ShouldContain("<a href=\"https://portal.msp.example/?a=1&amp;b=2\">");
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void Each_language_has_its_own_text(string kind, string language)
    {
        var english = EmailTemplateDefaults.Find(kind, "en")!;
        var translated = EmailTemplateDefaults.Find(kind, language)!;

        if (language != "en")
        {
            translated.Subject.ShouldNotBe(english.Subject);
            translated.BodyText.ShouldNotBe(english.BodyText);
        }
    }

    [Fact]
    public void A_language_without_templates_gets_english()
    {
        EmailTemplateDefaults.Find(EmailKinds.ReplyPosted, "da")!.Language.ShouldBe("en");
        EmailTemplateDefaults.BuiltInStatusName("resolved", "th").ShouldBe("Resolved");
        EmailTemplateDefaults.BuiltInStatusName("resolved", "de").ShouldBe("Gelöst");
        EmailTemplateDefaults.BuiltInStatusName("waiting-customer", "de").ShouldBeNull();
    }

    [Fact]
    public void Subject_values_are_flattened_to_one_line_and_unknown_placeholders_stay_visible()
    {
        var template = new EmailTemplate("custom", "en", "Re: {{ticket_title}}", "Hi {{nickname}}, {{ticket_title}}", "<p>{{ticket_title}} {{nickname}}</p>");

        var rendered = EmailTemplateRenderer.Render(template, new Dictionary<string, string?> { [EmailSnippets.TicketTitle] = "a\r\nBcc: x@evil.example" });

        rendered.Subject.ShouldBe("Re: a Bcc: x@evil.example");
        rendered.BodyText.ShouldBe("Hi {{nickname}}, a\r\nBcc: x@evil.example");
        rendered.BodyHtml.ShouldBe("<p>a<br>Bcc: x@evil.example {{nickname}}</p>");
    }
}
