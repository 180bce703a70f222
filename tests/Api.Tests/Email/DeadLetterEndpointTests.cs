using System.Net;
using System.Net.Http.Json;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Email;

/// <summary><c>/api/admin/dead-letters</c>: admins only; an unknown dead letter is a 404 problem.</summary>
public sealed class DeadLetterEndpointTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task An_admin_lists_dead_letters_in_pages()
    {
        var page = await DeadLetters.ListAsync(api, page: 0, pageSize: 10);

        page.Page.ShouldBe(0);
        page.PageSize.ShouldBe(10);
        page.Items.Count.ShouldBeLessThanOrEqualTo(10);
        page.Total.ShouldBeGreaterThanOrEqualTo(page.Items.Count);
    }

    [Fact]
    public async Task Replaying_an_unknown_dead_letter_is_a_404_problem()
    {
        var admin = await api.AdminAsync();

        await (await admin.PostAsync(Url($"/api/admin/dead-letters/{Guid.NewGuid()}/replay"), null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "dead_letter.not_found");
        await (await admin.PostAsJsonAsync(Url("/api/admin/dead-letters/replay"), new { ids = new[] { Guid.NewGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "dead_letter.not_found");
    }

    [Fact]
    public async Task Nobody_but_an_admin_may_see_or_replay_dead_letters()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        using var portal = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));

        (await portal.GetAsync(Url("/api/admin/dead-letters"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await portal.PostAsync(Url($"/api/admin/dead-letters/{Guid.NewGuid()}/replay"), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.CreateClient().GetAsync(Url("/api/admin/dead-letters"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
