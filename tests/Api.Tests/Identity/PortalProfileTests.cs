using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class PortalProfileTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_contact_reads_and_updates_the_profile_under_the_portal_address()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var self = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));

        var profile = await self.GetFromJsonAsync<JsonElement>(Url("/api/portal/me"));
        var update = await self.PutAsJsonAsync(Url("/api/portal/me"), new
        {
            firstName = "Anna", lastName = "Keller-Huber", jobTitle = "Office manager", email = contact.Email,
            phone = "+41 44 111 22 33", language = "fr", timeZone = "Europe/Paris",
        });

        profile.GetProperty("id").GetGuid().ShouldBe(contact.Id);
        update.StatusCode.ShouldBe(HttpStatusCode.OK, await update.Content.ReadAsStringAsync());
        (await self.GetFromJsonAsync<JsonElement>(Url("/api/portal/me"))).GetProperty("language").GetString().ShouldBe("fr");
    }

    [Fact]
    public async Task Staff_are_kept_off_the_portal_profile()
    {
        var admin = await api.AdminAsync();

        (await admin.GetAsync(Url("/api/portal/me"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.CreateClient().GetAsync(Url("/api/portal/me"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
