using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Application.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class ContactTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Creating_a_contact_returns_a_readable_username_and_a_strong_password_once()
    {
        var admin = await api.SignInAdminAsync();
        var customer = await admin.CreateCustomerAsync();

        var contact = await admin.CreateContactAsync(customer, firstName: "Jürgen", lastName: "Müller-Lüdenscheid");

        contact.Username.ShouldMatch(@"^jurgen\.muller-ludenscheid\d{2,6}$");
        contact.Password.Length.ShouldBeGreaterThanOrEqualTo(16);
        var read = await admin.Scenario(s => s.Get.Url($"/api/contacts/{contact.Id}"));
        var list = await admin.Scenario(s => s.Get.Url($"/api/customers/{customer}/contacts"));
        read.ReadAs<ContactBody>().Username.ShouldBe(contact.Username);
        list.ReadAs<PageBody<ContactBody>>().Items.ShouldHaveSingleItem().Username.ShouldBe(contact.Username);
        foreach (var body in new[] { read.ReadAsText(), list.ReadAsText() })
        {
            body.ShouldNotContain(contact.Password);
            body.ShouldNotContain("password", Case.Insensitive);
        }

        // The stored hash and the audit row are not part of any answer, so only the database can show them.
        (await api.ScalarAsync<string>("select password_hash from users where id = $1", contact.Id)).ShouldNotContain(contact.Password);
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'contact.created' and after::text not ilike '%password%'", contact.Id)).ShouldBe(1);
        await api.SignInAsync(contact);
    }

    [Fact]
    public async Task A_second_contact_with_the_same_email_in_other_case_is_409()
    {
        var admin = await api.SignInAdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var email = UniqueEmail("dup");
        await admin.CreateContactAsync(customer, email);

        await admin.ProblemAsync(
            s => s.Post.Json(new { firstName = "Other", lastName = "Person", email = email.ToUpperInvariant(), isPrimary = false }).ToUrl($"/api/customers/{customer}/contacts"),
            HttpStatusCode.Conflict, "user.email_taken");
    }

    [Fact]
    public async Task Invalid_language_and_time_zone_are_400_naming_the_fields_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var email = UniqueEmail("invalid");

        var fields = await admin.InvalidFieldsAsync(s => s.Post.Json(new
        {
            firstName = "Ivan", lastName = "Invalid", email, language = "xx", timeZone = "W. Europe Standard Time", isPrimary = false,
        }).ToUrl($"/api/customers/{customer}/contacts"));

        fields.ShouldContain("language");
        fields.ShouldContain("timeZone");
        (await admin.GetAsync<PageBody<ContactBody>>($"/api/customers/{customer}/contacts")).Items.ShouldBeEmpty();
        (await admin.CreateContactAsync(customer, email)).Email.ShouldBe(email, "no account holds the address");
    }

    [Fact]
    public async Task A_contact_under_an_unknown_customer_is_404()
    {
        var admin = await api.SignInAdminAsync();

        await admin.ProblemAsync(
            s => s.Post.Json(new { firstName = "No", lastName = "Body", email = UniqueEmail(), isPrimary = false }).ToUrl($"/api/customers/{Guid.NewGuid()}/contacts"),
            HttpStatusCode.NotFound, "customer.not_found");
    }

    [Fact]
    public async Task A_regenerated_password_replaces_the_old_one_and_ends_its_sessions()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var oldSession = await api.SignInAsync(contact);

        var credentials = await admin.ReadAsync<CredentialsBody>(s =>
        {
            s.Post.Url($"/api/contacts/{contact.Id}/password");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });

        credentials.Username.ShouldBe(contact.Username);
        credentials.Password.ShouldNotBe(contact.Password);
        await api.Anonymous().ProblemAsync(
            s => s.Post.Json(new { login = contact.Username, password = contact.Password }).ToUrl("/api/auth/login"),
            HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await api.SignInAsync(contact.Email, credentials.Password);
        (await oldSession.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_technician_updates_a_contact_and_the_contact_edits_its_own_profile()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        await admin.PutAsync<ContactBody>($"/api/contacts/{contact.Id}", new
        {
            firstName = "Anna", lastName = "Keller", email = contact.Email, language = "fr", isPrimary = true,
        });
        var self = await api.SignInAsync(contact);

        var me = await self.GetAsync<ProfileBody>("/api/me");
        var profile = await self.PutAsync<ProfileBody>("/api/me", new
        {
            firstName = "Annette", lastName = "Keller", jobTitle = "CFO", email = contact.Email, phone = "+41 1", language = "it", timeZone = "Europe/Rome",
        });

        me.Role.ShouldBe("contact");
        me.IsPrimary.ShouldBe(true);
        me.Language.ShouldBe("fr");
        profile.FirstName.ShouldBe("Annette");
        profile.TimeZone.ShouldBe("Europe/Rome");
        profile.IsPrimary.ShouldBe(true);
        // Who changed what is kept in the audit log, which no endpoint of this area shows.
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'contact.updated' and actor_id = $1", contact.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task The_directory_port_resolves_contacts_and_customers_in_one_batch()
    {
        var admin = await api.SignInAdminAsync();
        var domain = $"{Guid.NewGuid():N}.example";
        var customer = await admin.CreateCustomerAsync(null, domain);
        var first = await admin.CreateContactAsync(customer, isPrimary: true);
        var second = await admin.CreateContactAsync(customer);
        using var scope = api.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<ICustomerDirectory>();

        var contacts = await directory.GetContactsAsync([first.Id, second.Id, Guid.NewGuid()]);
        var byDomain = await directory.FindCustomerByEmailDomainAsync(domain.ToUpperInvariant());

        contacts.Count.ShouldBe(2);
        contacts[first.Id].IsPrimary.ShouldBeTrue();
        contacts[second.Id].CustomerId.ShouldBe(customer);
        contacts[second.Id].Language.ShouldBe("de");
        contacts[second.Id].TimeZone.ShouldBe("Europe/Zurich");
        contacts[second.Id].TicketingPortalEnabled.ShouldBeTrue();
        byDomain!.Id.ShouldBe(customer);
    }
}
