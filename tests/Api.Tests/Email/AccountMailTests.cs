using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Wolverine.Tracking;

namespace Ticketing.Api.Tests.Email;

/// <summary>Welcome and password-reset mails, each waited for by tracking the request that queues it, and an admin's template override.</summary>
public sealed class AccountMailTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task A_new_contact_gets_a_welcome_mail_with_credentials_and_portal_url_and_the_password_is_in_no_message_and_forgotten_once_sent()
    {
        var admin = await api.SignInAdminAsync();

        var (contact, session) = await CreateContactAsync(admin, await admin.CreateCustomerAsync(), "de", "Anna", "Keller");

        var mailId = session.MailsSent(contact.Contact.Email, "welcome").ShouldHaveSingleItem().MailId;
        var mail = await api.PickedUpAsync(mailId);
        mail.Subject.ShouldBe("Ihr Zugang zum Kundenportal");
        mail.TextBody!.ShouldContain("Hallo Anna Keller");
        mail.TextBody!.ShouldContain($"Benutzername: {contact.Credentials.Username}");
        mail.TextBody!.ShouldContain($"Passwort: {contact.Credentials.Password}");
        mail.TextBody!.ShouldContain(EmailApiFactory.PortalUrl);
        // The password never travelled in a message, and its stand-by copy is gone now the mail is out. No endpoint
        // shows mail_secrets or Wolverine's envelopes, so these read the tables.
        (await api.ScalarAsync<long>("select count(*) from mail_secrets where mail_id = $1", mailId)).ShouldBe(0);
        (await api.ScalarAsync<long>(
            "select count(*) from wolverine_incoming_envelopes where position(convert_to($1, 'UTF8') in body) > 0", contact.Credentials.Password)).ShouldBe(0);
        (await api.ScalarAsync<long>(
            "select count(*) from wolverine_dead_letters where position(convert_to($1, 'UTF8') in body) > 0", contact.Credentials.Password)).ShouldBe(0);
        string.Join('\n', api.Logs.Lines).ShouldNotContain(contact.Credentials.Password);
    }

    [Fact]
    public async Task A_reset_code_is_mailed_in_the_account_language()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        var (_, session) = await api.TrackedScenarioAsync(s =>
        {
            s.Post.Json(new { login = contact.Username }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });

        var mail = await api.SentMailAsync(session, contact.Email, "password_reset");
        mail.Subject.ShouldBe("Ihr Code zum Zurücksetzen des Passworts");
        mail.TextBody!.ShouldMatch(@"lautet \d{8}\. Er ist \d+ Minuten gültig");
    }

    [Fact]
    public async Task An_admin_override_of_a_template_replaces_the_default_for_its_language_only()
    {
        var admin = await api.SignInAdminAsync();
        await admin.SaveTemplateAsync("welcome", "fr", new
        {
            subject = "Bienvenue chez MSP, {{contact_name}}", bodyText = "Identifiant : {{username}}", bodyHtml = "<h1>{{contact_name}}</h1>",
        });
        var customerId = await admin.CreateCustomerAsync();

        var (french, frenchSession) = await CreateContactAsync(admin, customerId, "fr", "Zoé <Z>", "Dupont");
        var (spanish, spanishSession) = await CreateContactAsync(admin, customerId, "es", "Ana", "Dupont");

        var frenchMail = await api.SentMailAsync(frenchSession, french.Contact.Email, "welcome");
        var spanishMail = await api.SentMailAsync(spanishSession, spanish.Contact.Email, "welcome");
        frenchMail.Subject.ShouldBe("Bienvenue chez MSP, Zoé <Z> Dupont");
        frenchMail.TextBody!.ShouldBe($"Identifiant : {french.Credentials.Username}");
        frenchMail.HtmlBody!.ShouldBe("<h1>Zoé &lt;Z&gt; Dupont</h1>");
        spanishMail.Subject.ShouldBe("Su acceso al portal de clientes");
    }

    /// <summary>Creates a contact speaking <paramref name="language"/> and waits for the mail that creation queues.</summary>
    private async Task<(ContactCreatedBody Created, ITrackedSession Session)> CreateContactAsync(
        ApiUser admin, Guid customerId, string language, string firstName, string lastName)
    {
        var email = IdentityHttp.UniqueEmail(language);
        var (result, session) = await api.TrackedScenarioAsync(() => admin.Scenario(s =>
        {
            s.Post.Json(new { firstName, lastName, email, language, isPrimary = false }).ToUrl($"/api/customers/{customerId}/contacts");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }));
        return (result.ReadAs<ContactCreatedBody>(), session);
    }
}
