using System.Net;

namespace Ticketing.Api.Tests.Identity;

/// <summary>Two API nodes on one database share the Data Protection key ring and the sessions.</summary>
public sealed class ScaleOutTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_token_from_one_node_works_on_another_and_a_logout_on_either_ends_it_everywhere()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var onFirst = await api.SignInAsync(contact);
        await using var secondNode = new SecondNodeFactory(api);
        var onSecond = secondNode.As(onFirst.Token!);

        await onSecond.GetAsync<ProfileBody>("/api/me");
        await onSecond.Scenario(s =>
        {
            s.Post.Url("/api/auth/logout");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        (await onFirst.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_survives_a_restart_of_the_node_that_issued_it()
    {
        string token;
        await using (var before = new SecondNodeFactory(api))
        {
            token = (await before.SignInAdminAsync()).Token!;
        }

        await using var after = new SecondNodeFactory(api);
        await after.As(token).GetAsync<ProfileBody>("/api/me");
        // The key ring lives only in the database; no endpoint shows it.
        (await api.ScalarAsync<long>("select count(*) from data_protection_keys")).ShouldBe(1);
    }
}
