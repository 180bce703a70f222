using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;
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
        var admin = await api.AdminAsync();
        var (saved, _) = await (await admin.PutTemplateAsync("welcome", "fr", new
        {
            subject = "Bienvenue {{contact_name}}",
            bodyText = "Identifiant : {{username}}\nPortail : {{portal_url}}",
            bodyHtml = "<p>Bonjour <b>{{ contact_name }}</b>, identifiant {{username}}</p>",
        })).TemplateAsync();
        saved.GetProperty("overridden").GetBoolean().ShouldBeTrue();

        var customerId = await admin.CreateCustomerAsync();
        var email = IdentityHttp.UniqueEmail("fr");
        var created = await admin.PostAsJsonAsync(TicketHttp.Url($"/api/customers/{customerId}/contacts"),
            new { firstName = "Zoé <script>x</script>", lastName = "Dupont & Fils", email, language = "fr" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var username = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credentials").GetProperty("username").GetString();

        var mail = await api.PickedUpAsync((await api.SentMailsAsync(email, "welcome")).Single());
        mail.Subject.ShouldBe("Bienvenue Zoé <script>x</script> Dupont & Fils");
        mail.TextBody!.ShouldBe($"Identifiant : {username}\nPortail : {EmailApiFactory.PortalUrl}");
        mail.HtmlBody!.ShouldBe($"<p>Bonjour <b>Zoé &lt;script&gt;x&lt;/script&gt; Dupont &amp; Fils</b>, identifiant {username}</p>");
    }

    [Fact]
    public async Task The_grid_lists_every_kind_in_every_language_as_default_or_overridden()
    {
        var admin = await api.AdminAsync();
        await (await admin.PutTemplateAsync("status_changed", "it", new { subject = "Stato {{status}}", bodyText = "{{ticket_number}}: {{status}}" })).TemplateAsync();

        var grid = (await admin.GetFromJsonAsync<JsonElement[]>(TicketHttp.Url("/api/admin/email-templates")))!;

        grid.Length.ShouldBe(EmailKinds.All.Count * 5);
        grid.Select(t => t.GetProperty("language").GetString()).Distinct().Order().ShouldBe(["de", "en", "es", "fr", "it"]);
        grid.Single(t => t.GetProperty("kind").GetString() == "status_changed" && t.GetProperty("language").GetString() == "it")
            .GetProperty("overridden").GetBoolean().ShouldBeTrue();
        grid.Single(t => t.GetProperty("kind").GetString() == "status_changed" && t.GetProperty("language").GetString() == "de")
            .GetProperty("overridden").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Reading_a_template_gives_its_text_and_the_snippets_its_kind_may_use()
    {
        var admin = await api.AdminAsync();

        var (template, etag) = await (await admin.GetAsync(TemplateUrl("password_reset", "de"))).TemplateAsync();

        template.GetProperty("overridden").GetBoolean().ShouldBeFalse();
        template.GetProperty("subject").GetString().ShouldBe("Ihr Code zum Zurücksetzen des Passworts");
        template.GetProperty("snippets").EnumerateArray().Select(s => s.GetString()).ShouldContain("reset_code");
        template.GetProperty("snippets").EnumerateArray().Select(s => s.GetString()).ShouldNotContain("password");
        etag.ShouldBe("\"0\"");
    }

    [Fact]
    public async Task Reverting_brings_back_the_default_and_the_history_records_who_changed_what_before_and_after()
    {
        var admin = await api.AdminAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>(TicketHttp.Url("/api/me"))).GetProperty("id").GetGuid();
        var (_, etag) = await (await admin.PutTemplateAsync("reply_posted", "es", new { subject = "Respuesta {{ticket_number}}", bodyText = "{{reply_text}}" })).TemplateAsync();

        var (reverted, _) = await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, TemplateUrl("reply_posted", "es"))
        {
            Headers = { { "If-Match", etag } },
        })).TemplateAsync();

        reverted.GetProperty("overridden").GetBoolean().ShouldBeFalse();
        reverted.GetProperty("subject").GetString().ShouldBe("Nueva respuesta en el ticket {{ticket_number}}: {{ticket_title}}");
        (await api.ScalarAsync<long>("select count(*) from email_templates where kind = 'reply_posted' and language = 'es'")).ShouldBe(0);
        var history = await admin.GetFromJsonAsync<JsonElement>(TicketHttp.Url("/api/admin/settings/history?section=email-template:reply_posted:es"));
        var changes = history.GetProperty("changes").EnumerateArray().ToArray();
        changes.Length.ShouldBe(2);
        changes[0].GetProperty("after").GetProperty("overridden").GetBoolean().ShouldBeFalse();
        changes[0].GetProperty("before").GetProperty("subject").GetString().ShouldBe("Respuesta {{ticket_number}}");
        changes[1].GetProperty("before").GetProperty("overridden").GetBoolean().ShouldBeFalse();
        changes[1].GetProperty("after").GetProperty("bodyText").GetString().ShouldBe("{{reply_text}}");
        changes[1].GetProperty("changedBy").GetGuid().ShouldBe(adminId);
    }

    [Theory]
    [InlineData("unknown snippet", "bodyText", "{{reset_code}}")]
    [InlineData("snippet with a space", "subject", "{{contact name}}")]
    [InlineData("empty subject", "subject", "must not be empty")]
    [InlineData("two-line subject", "subject", "one line")]
    [InlineData("oversized body", "bodyText", "at most 20000")]
    public async Task An_invalid_template_is_400_naming_the_field_and_nothing_is_written(string problem, string field, string message)
    {
        var admin = await api.AdminAsync();
        var body = problem switch
        {
            "unknown snippet" => new { subject = "Hi", bodyText = "Your code {{reset_code}}" },
            "snippet with a space" => new { subject = "Hi {{contact name}}", bodyText = "Hello" },
            "empty subject" => new { subject = " ", bodyText = "Hello" },
            "two-line subject" => new { subject = "Hi\nthere", bodyText = "Hello" },
            _ => new { subject = "Hi", bodyText = new string('x', EmailTemplateChecks.BodyTextMaxLength + 1) },
        };
        var writes = await api.TemplateWritesAsync();

        var errors = await (await admin.PutTemplateAsync("welcome", "de", body)).ValidationErrorsAsync();

        errors.GetProperty(field)[0].GetString()!.ShouldContain(message);
        (await api.TemplateWritesAsync()).ShouldBe(writes);
    }

    [Theory]
    [InlineData("newsletter", "fr", "email_template.unknown_kind")]
    [InlineData("welcome", "pt", "email_template.unknown_language")]
    public async Task An_unknown_kind_or_language_is_404_and_nothing_is_written(string kind, string language, string code)
    {
        var admin = await api.AdminAsync();
        var writes = await api.TemplateWritesAsync();

        await (await admin.GetAsync(TemplateUrl(kind, language))).ShouldBeProblemAsync(HttpStatusCode.NotFound, code);
        await (await admin.PutTemplateAsync(kind, language, new { subject = "Hi", bodyText = "Hello" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, code);

        (await api.TemplateWritesAsync()).ShouldBe(writes);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_keeps_the_newer_text()
    {
        var admin = await api.AdminAsync();
        var (_, first) = await (await admin.PutTemplateAsync("taskfire_question", "en", new { subject = "Q1", bodyText = "{{reply_text}}" })).TemplateAsync();
        await (await admin.PutTemplateAsync("taskfire_question", "en", new { subject = "Q2", bodyText = "{{reply_text}}" }, first)).TemplateAsync();

        await (await admin.PutTemplateAsync("taskfire_question", "en", new { subject = "Q3", bodyText = "{{reply_text}}" }, first))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");

        (await (await admin.GetAsync(TemplateUrl("taskfire_question", "en"))).TemplateAsync()).Template.GetProperty("subject").GetString().ShouldBe("Q2");
    }

    [Fact]
    public async Task Only_administrators_read_or_change_templates()
    {
        var (technician, _) = await api.StaffAsync();
        var writes = await api.TemplateWritesAsync();

        (await technician.GetAsync(TicketHttp.Url("/api/admin/email-templates"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await technician.PutTemplateAsync("welcome", "en", new { subject = "Hi", bodyText = "Hello" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await technician.DeleteAsync(TemplateUrl("welcome", "en"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.CreateClient().GetAsync(TemplateUrl("welcome", "en"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await api.TemplateWritesAsync()).ShouldBe(writes);
    }
}
