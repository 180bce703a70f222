using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

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
        var admin = await api.SignInAdminAsync();

        await admin.ProblemAsync(s => s.Post.Url($"/api/admin/dead-letters/{Guid.NewGuid()}/replay"), HttpStatusCode.NotFound, "dead_letter.not_found");
        await admin.ProblemAsync(
            s => s.Post.Json(new { ids = new[] { Guid.NewGuid() } }).ToUrl("/api/admin/dead-letters/replay"), HttpStatusCode.NotFound, "dead_letter.not_found");
    }

    [Fact]
    public async Task Nobody_but_an_admin_may_see_or_replay_dead_letters()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var portal = await api.SignInUserAsync(contact);

        await portal.Scenario(s =>
        {
            s.Get.Url("/api/admin/dead-letters");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await portal.Scenario(s =>
        {
            s.Post.Url($"/api/admin/dead-letters/{Guid.NewGuid()}/replay");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await api.Scenario(s =>
        {
            s.Get.Url("/api/admin/dead-letters");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }
}
