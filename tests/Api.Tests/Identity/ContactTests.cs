using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Application.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class ContactTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Creating_a_contact_returns_a_readable_username_and_a_strong_password_once()
    {
        var admin = await api.AdminAsync();
        var customer = await admin.CreateCustomerAsync();

        var contact = await admin.CreateContactAsync(customer, firstName: "Jürgen", lastName: "Müller-Lüdenscheid");

        contact.Username.ShouldMatch(@"^jurgen\.muller-ludenscheid\d{2,6}$");
        contact.Password.Length.ShouldBeGreaterThanOrEqualTo(16);
        var read = await admin.GetStringAsync(Url($"/api/contacts/{contact.Id}"));
        var list = await admin.GetStringAsync(Url($"/api/customers/{customer}/contacts"));
        foreach (var body in new[] { read, list })
        {
            body.ShouldNotContain(contact.Password);
            body.ShouldNotContain("password", Case.Insensitive);
            body.ShouldContain(contact.Username);
        }

        (await api.ScalarAsync<string>("select password_hash from users where id = $1", contact.Id)).ShouldNotContain(contact.Password);
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'contact.created' and after::text not ilike '%password%'", contact.Id)).ShouldBe(1);
        (await api.CreateClient().LoginAsync(contact.Username, contact.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_contact_with_the_same_email_in_other_case_is_409()
    {
        var admin = await api.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var email = UniqueEmail("dup");
        await admin.CreateContactAsync(customer, email);

        var response = await admin.PostAsJsonAsync(Url($"/api/customers/{customer}/contacts"), new
        {
            firstName = "Other", lastName = "Person", email = email.ToUpperInvariant(), isPrimary = false,
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.email_taken");
    }

    [Fact]
    public async Task Invalid_language_and_time_zone_are_400_naming_the_fields_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var email = UniqueEmail("invalid");

        var response = await admin.PostAsJsonAsync(Url($"/api/customers/{customer}/contacts"), new
        {
            firstName = "Ivan", lastName = "Invalid", email, language = "xx", timeZone = "W. Europe Standard Time", isPrimary = false,
        });

        var errors = await response.ValidationErrorsAsync();
        errors.TryGetProperty("language", out _).ShouldBeTrue();
        errors.TryGetProperty("timeZone", out _).ShouldBeTrue();
        (await api.ScalarAsync<long>("select count(*) from users where email = $1", email)).ShouldBe(0);
        (await admin.GetFromJsonAsync<JsonElement>(Url($"/api/customers/{customer}/contacts"))).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_contact_under_an_unknown_customer_is_404()
    {
        var admin = await api.AdminAsync();

        var response = await admin.PostAsJsonAsync(Url($"/api/customers/{Guid.NewGuid()}/contacts"), new
        {
            firstName = "No", lastName = "Body", email = UniqueEmail(), isPrimary = false,
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "customer.not_found");
    }

    [Fact]
    public async Task A_regenerated_password_replaces_the_old_one_and_ends_its_sessions()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var oldSession = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));

        var response = await admin.PostAsync(Url($"/api/contacts/{contact.Id}/password"), null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var credentials = await response.Content.ReadFromJsonAsync<JsonElement>();
        credentials.GetProperty("username").GetString().ShouldBe(contact.Username);
        var password = credentials.GetProperty("password").GetString()!;
        password.ShouldNotBe(contact.Password);
        await (await api.CreateClient().LoginAsync(contact.Username, contact.Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        (await api.CreateClient().LoginAsync(contact.Email, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await oldSession.GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_technician_updates_a_contact_and_the_contact_edits_its_own_profile()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var updated = await admin.PutAsJsonAsync(Url($"/api/contacts/{contact.Id}"), new
        {
            firstName = "Anna", lastName = "Keller", email = contact.Email, language = "fr", isPrimary = true,
        });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var self = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));

        var me = await self.GetFromJsonAsync<JsonElement>(Url("/api/me"));
        var edited = await self.PutAsJsonAsync(Url("/api/me"), new
        {
            firstName = "Annette", lastName = "Keller", jobTitle = "CFO", email = contact.Email, phone = "+41 1", language = "it", timeZone = "Europe/Rome",
        });

        me.GetProperty("role").GetString().ShouldBe("contact");
        me.GetProperty("isPrimary").GetBoolean().ShouldBeTrue();
        me.GetProperty("language").GetString().ShouldBe("fr");
        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        var profile = await edited.Content.ReadFromJsonAsync<JsonElement>();
        profile.GetProperty("firstName").GetString().ShouldBe("Annette");
        profile.GetProperty("timeZone").GetString().ShouldBe("Europe/Rome");
        profile.GetProperty("isPrimary").GetBoolean().ShouldBeTrue();
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'contact.updated' and actor_id = $1", contact.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task The_directory_port_resolves_contacts_and_customers_in_one_batch()
    {
        var admin = await api.AdminAsync();
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
