using System.Net;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

/// <summary>Two API nodes on one database share the Data Protection key ring and the sessions.</summary>
public sealed class ScaleOutTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_token_from_one_node_works_on_another_and_a_logout_on_either_ends_it_everywhere()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var token = await api.TokenAsync(contact.Username, contact.Password);
        await using var secondNode = new SecondNodeFactory(api);

        var onSecond = await secondNode.WithToken(token).GetAsync(Url("/api/me"));
        var logout = await secondNode.WithToken(token).PostAsync(Url("/api/auth/logout"), null);
        var onFirstAfterLogout = await api.WithToken(token).GetAsync(Url("/api/me"));

        onSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        onFirstAfterLogout.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_survives_a_restart_of_the_node_that_issued_it()
    {
        string token;
        await using (var before = new SecondNodeFactory(api))
        {
            token = await before.TokenAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        }

        await using var after = new SecondNodeFactory(api);
        (await after.WithToken(token).GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.ScalarAsync<long>("select count(*) from data_protection_keys")).ShouldBe(1);
    }
}
