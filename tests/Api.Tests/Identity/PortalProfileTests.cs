using System.Net;

namespace Ticketing.Api.Tests.Identity;

public sealed class PortalProfileTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_contact_reads_and_updates_the_profile_under_the_portal_address()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var self = await api.SignInAsync(contact);

        var profile = await self.GetAsync<ProfileBody>("/api/portal/me");
        await self.PutAsync<ProfileBody>("/api/portal/me", new
        {
            firstName = "Anna", lastName = "Keller-Huber", jobTitle = "Office manager", email = contact.Email,
            phone = "+41 44 111 22 33", language = "fr", timeZone = "Europe/Paris",
        });

        profile.Id.ShouldBe(contact.Id);
        (await self.GetAsync<ProfileBody>("/api/portal/me")).Language.ShouldBe("fr");
    }

    [Fact]
    public async Task Staff_are_kept_off_the_portal_profile()
    {
        var admin = await api.SignInAdminAsync();

        (await admin.StatusOfAsync(s => s.Get.Url("/api/portal/me"))).ShouldBe(HttpStatusCode.Forbidden);
        (await api.Anonymous().StatusOfAsync(s => s.Get.Url("/api/portal/me"))).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
