using System.Net;
using System.Net.Http.Json;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Email;

/// <summary>Welcome and password-reset mails through the running worker, and an admin's template override.</summary>
public sealed class AccountMailTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task A_new_contact_gets_a_welcome_mail_with_credentials_and_portal_url_and_the_password_is_in_no_message_and_forgotten_once_sent()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync(), firstName: "Anna", lastName: "Keller");

        var rowId = (await api.SentMailsAsync(contact.Email, "welcome")).Single();
        var mail = await api.PickedUpAsync(rowId);

        mail.Subject.ShouldBe("Ihr Zugang zum Kundenportal");
        mail.TextBody!.ShouldContain("Hallo Anna Keller");
        mail.TextBody!.ShouldContain($"Benutzername: {contact.Username}");
        mail.TextBody!.ShouldContain($"Passwort: {contact.Password}");
        mail.TextBody!.ShouldContain(EmailApiFactory.PortalUrl);
        // The password never travelled in a message, and its stand-by copy is gone now the mail is out.
        (await api.ScalarAsync<long>("select count(*) from mail_secrets where mail_id = $1", rowId)).ShouldBe(0);
        (await api.ScalarAsync<long>(
            "select count(*) from wolverine_incoming_envelopes where position(convert_to($1, 'UTF8') in body) > 0", contact.Password)).ShouldBe(0);
        (await api.ScalarAsync<long>(
            "select count(*) from wolverine_dead_letters where position(convert_to($1, 'UTF8') in body) > 0", contact.Password)).ShouldBe(0);
        string.Join('\n', api.Logs.Lines).ShouldNotContain(contact.Password);
    }

    [Fact]
    public async Task A_reset_code_is_mailed_in_the_account_language()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        (await api.CreateClient().PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = contact.Username })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var mail = await api.PickedUpAsync((await api.SentMailsAsync(contact.Email, "password_reset")).Single());
        mail.Subject.ShouldBe("Ihr Code zum Zurücksetzen des Passworts");
        mail.TextBody!.ShouldMatch(@"lautet \d{8}\. Er ist \d+ Minuten gültig");
    }

    [Fact]
    public async Task An_admin_override_of_a_template_replaces_the_default_for_its_language_only()
    {
        await api.ScalarAsync<int>("""
            insert into email_templates (kind, language, subject, body_text, body_html, updated_at)
            values ('welcome', 'fr', 'Bienvenue chez MSP, {{contact_name}}', 'Identifiant : {{username}}', '<h1>{{contact_name}}</h1>', now())
            returning 1
            """);
        var admin = await api.AdminAsync();
        var customerId = await admin.CreateCustomerAsync();
        var french = await CreateContactAsync(admin, customerId, "fr", "Zoé <Z>");
        var spanish = await CreateContactAsync(admin, customerId, "es", "Ana");

        var frenchMail = await api.PickedUpAsync((await api.SentMailsAsync(french.Email, "welcome")).Single());
        var spanishMail = await api.PickedUpAsync((await api.SentMailsAsync(spanish.Email, "welcome")).Single());

        frenchMail.Subject.ShouldBe("Bienvenue chez MSP, Zoé <Z> Dupont");
        frenchMail.TextBody!.ShouldBe($"Identifiant : {french.Username}");
        frenchMail.HtmlBody!.ShouldBe("<h1>Zoé &lt;Z&gt; Dupont</h1>");
        spanishMail.Subject.ShouldBe("Su acceso al portal de clientes");
    }

    private static async Task<(string Email, string Username)> CreateContactAsync(HttpClient admin, Guid customerId, string language, string firstName)
    {
        var email = UniqueEmail(language);
        var response = await admin.PostAsJsonAsync(Url($"/api/customers/{customerId}/contacts"), new { firstName, lastName = "Dupont", email, language });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (email, body.GetProperty("credentials").GetProperty("username").GetString()!);
    }
}
