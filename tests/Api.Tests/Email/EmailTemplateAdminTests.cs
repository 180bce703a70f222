using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Email;
using static Ticketing.Api.Tests.Email.EmailTemplateHttp;

namespace Ticketing.Api.Tests.Email;

/// <summary><c>/api/admin/email-templates</c>: overrides per kind and language, their effect on mail, validation, versions.</summary>
public sealed class EmailTemplateAdminTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task A_french_welcome_override_is_used_for_the_next_french_contact_with_html_in_values_escaped()
    {
        var admin = await api.SignInAdminAsync();
        var (saved, _) = await admin.SaveTemplateAsync("welcome", "fr", new
        {
            subject = "Bienvenue {{contact_name}}",
            bodyText = "Identifiant : {{username}}\nPortail : {{portal_url}}",
            bodyHtml = "<p>Bonjour <b>{{ contact_name }}</b>, identifiant {{username}}</p>",
        });
        saved.Overridden.ShouldBeTrue();
        var customerId = await admin.CreateCustomerAsync();
        var email = IdentityHttp.UniqueEmail("fr");

        var (created, session) = await api.TrackedScenarioAsync(() => admin.Scenario(s =>
        {
            s.Post.Json(new { firstName = "Zoé <script>x</script>", lastName = "Dupont & Fils", email, language = "fr", isPrimary = false }).ToUrl($"/api/customers/{customerId}/contacts");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }));

        var username = created.ReadAs<ContactCreatedBody>().Credentials.Username;
        var mail = await api.SentMailAsync(session, email, "welcome");
        mail.Subject.ShouldBe("Bienvenue Zoé <script>x</script> Dupont & Fils");
        mail.TextBody!.ShouldBe($"Identifiant : {username}\nPortail : {EmailApiFactory.PortalUrl}");
        mail.HtmlBody!.ShouldBe($"<p>Bonjour <b>Zoé &lt;script&gt;x&lt;/script&gt; Dupont &amp; Fils</b>, identifiant {username}</p>");
    }

    [Fact]
    public async Task The_grid_lists_every_kind_in_every_language_as_default_or_overridden()
    {
        var admin = await api.SignInAdminAsync();
        await admin.SaveTemplateAsync("status_changed", "it", new { subject = "Stato {{status}}", bodyText = "{{ticket_number}}: {{status}}" });

        var grid = await admin.GetAsync<List<EmailTemplateCell>>("/api/admin/email-templates");

        grid.Count.ShouldBe(EmailKinds.All.Count * 5);
        grid.Select(t => t.Language).Distinct().Order().ShouldBe(["de", "en", "es", "fr", "it"]);
        grid.Single(t => t is { Kind: "status_changed", Language: "it" }).Overridden.ShouldBeTrue();
        grid.Single(t => t is { Kind: "status_changed", Language: "de" }).Overridden.ShouldBeFalse();
    }

    [Fact]
    public async Task Reading_a_template_gives_its_text_and_the_snippets_its_kind_may_use()
    {
        var admin = await api.SignInAdminAsync();

        var (template, etag) = await admin.TemplateAsync("password_reset", "de");

        template.Overridden.ShouldBeFalse();
        template.Subject.ShouldBe("Ihr Code zum Zurücksetzen des Passworts");
        template.Snippets.ShouldContain("reset_code");
        template.Snippets.ShouldNotContain("password");
        etag.ShouldBe("\"0\"");
    }

    [Fact]
    public async Task Reverting_brings_back_the_default_and_the_history_records_who_changed_what_before_and_after()
    {
        var admin = await api.SignInAdminAsync();
        var (_, etag) = await admin.SaveTemplateAsync("reply_posted", "es", new { subject = "Respuesta {{ticket_number}}", bodyText = "{{reply_text}}" });

        var (reverted, _) = (await admin.Scenario(s =>
        {
            s.Delete.Url(TemplateUrl("reply_posted", "es"));
            s.WithRequestHeader("If-Match", etag);
        })).Template();

        const string defaultSubject = "Nueva respuesta en el ticket {{ticket_number}}: {{ticket_title}}";
        reverted.Overridden.ShouldBeFalse();
        reverted.Subject.ShouldBe(defaultSubject);
        var (readAgain, _) = await admin.TemplateAsync("reply_posted", "es");
        readAgain.Overridden.ShouldBeFalse();
        readAgain.Subject.ShouldBe(defaultSubject);
        var changes = (await admin.GetAsync<EmailTemplateHistory>("/api/admin/settings/history?section=email-template:reply_posted:es")).Changes;
        changes.Count.ShouldBe(2);
        changes[0].After.Overridden.ShouldBeFalse();
        changes[0].Before.Subject.ShouldBe("Respuesta {{ticket_number}}");
        changes[1].Before.Overridden.ShouldBeFalse();
        changes[1].After.BodyText.ShouldBe("{{reply_text}}");
        changes[1].ChangedBy.ShouldBe(admin.Id);
    }

    [Theory]
    [InlineData("unknown snippet", "bodyText", "{{reset_code}}")]
    [InlineData("snippet with a space", "subject", "{{contact name}}")]
    [InlineData("empty subject", "subject", "must not be empty")]
    [InlineData("two-line subject", "subject", "one line")]
    [InlineData("oversized body", "bodyText", "at most 20000")]
    public async Task An_invalid_template_is_400_naming_the_field_and_nothing_is_written(string problem, string field, string message)
    {
        var admin = await api.SignInAdminAsync();
        var body = problem switch
        {
            "unknown snippet" => new { subject = "Hi", bodyText = "Your code {{reset_code}}" },
            "snippet with a space" => new { subject = "Hi {{contact name}}", bodyText = "Hello" },
            "empty subject" => new { subject = " ", bodyText = "Hello" },
            "two-line subject" => new { subject = "Hi\nthere", bodyText = "Hello" },
            _ => new { subject = "Hi", bodyText = new string('x', EmailTemplateChecks.BodyTextMaxLength + 1) },
        };
        var writes = await api.TemplateWritesAsync();

        var errors = (await admin.PutTemplateAsync("welcome", "de", body, status: HttpStatusCode.BadRequest)).ShouldBeProblem("request.invalid").Errors;

        errors.ShouldNotBeNull()[field][0].ShouldContain(message);
        (await api.TemplateWritesAsync()).ShouldBe(writes);
    }

    [Theory]
    [InlineData("newsletter", "fr", "email_template.unknown_kind")]
    [InlineData("welcome", "pt", "email_template.unknown_language")]
    public async Task An_unknown_kind_or_language_is_404_and_nothing_is_written(string kind, string language, string code)
    {
        var admin = await api.SignInAdminAsync();
        var writes = await api.TemplateWritesAsync();

        await admin.ProblemAsync(s => s.Get.Url(TemplateUrl(kind, language)), HttpStatusCode.NotFound, code);
        (await admin.PutTemplateAsync(kind, language, new { subject = "Hi", bodyText = "Hello" }, status: HttpStatusCode.NotFound)).ShouldBeProblem(code);

        (await api.TemplateWritesAsync()).ShouldBe(writes);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_keeps_the_newer_text()
    {
        var admin = await api.SignInAdminAsync();
        var (_, first) = await admin.SaveTemplateAsync("taskfire_question", "en", new { subject = "Q1", bodyText = "{{reply_text}}" });
        await admin.SaveTemplateAsync("taskfire_question", "en", new { subject = "Q2", bodyText = "{{reply_text}}" }, first);

        (await admin.PutTemplateAsync("taskfire_question", "en", new { subject = "Q3", bodyText = "{{reply_text}}" }, first, HttpStatusCode.PreconditionFailed))
            .ShouldBeProblem("concurrency.precondition_failed");

        (await admin.TemplateAsync("taskfire_question", "en")).Template.Subject.ShouldBe("Q2");
    }

    [Fact]
    public async Task Only_administrators_read_or_change_templates()
    {
        var technician = await api.SignInStaffAsync();
        var writes = await api.TemplateWritesAsync();

        await technician.Scenario(s =>
        {
            s.Get.Url("/api/admin/email-templates");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await technician.PutTemplateAsync("welcome", "en", new { subject = "Hi", bodyText = "Hello" }, status: HttpStatusCode.Forbidden);
        await technician.Scenario(s =>
        {
            s.Delete.Url(TemplateUrl("welcome", "en"));
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await api.Scenario(s =>
        {
            s.Get.Url(TemplateUrl("welcome", "en"));
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });

        (await api.TemplateWritesAsync()).ShouldBe(writes);
    }
}
