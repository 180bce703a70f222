using System.Net;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// A session seen live is trusted for <c>Ticketing:Auth:SessionCheckCache</c> without a lookup (issue 20). A revocation
/// made by this node takes effect at once; one made by another node (here: the sessions row revoked behind this
/// node's back) takes effect within that lifetime, never later.
/// </summary>
public sealed class SessionCheckCacheTests(SessionCheckCacheTests.ShortCacheFactory api) : IClassFixture<SessionCheckCacheTests.ShortCacheFactory>
{
    [Fact]
    public async Task A_revocation_on_another_node_ends_the_session_here_within_the_cache_lifetime()
    {
        var user = await api.SignInStaffAsync();
        (await user.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.OK);

        await RevokeElsewhereAsync(user.Id);
        (await user.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.OK, "seen live under a second ago: trusted without a lookup");
        await Task.Delay(ShortCacheFactory.Lifetime + TimeSpan.FromSeconds(0.5));

        (await user.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_logout_on_this_node_ends_the_session_at_once_although_it_was_just_seen_live()
    {
        var user = await api.SignInStaffAsync();
        (await user.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.OK);

        (await user.StatusOfAsync(s => s.Post.Url("/api/auth/logout"))).ShouldBe(HttpStatusCode.NoContent);

        (await user.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task RevokeElsewhereAsync(Guid userId)
    {
        await using var otherNode = new NpgsqlConnection(api.ConnectionString);
        await otherNode.OpenAsync();
        await using var revoke = new NpgsqlCommand("update sessions set revoked_at = now() where user_id = $1 and revoked_at is null", otherNode)
        {
            Parameters = { new NpgsqlParameter { Value = userId } },
        };
        (await revoke.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    /// <summary>A lifetime long enough that the request right after the revocation falls inside it on a slow machine.</summary>
    public sealed class ShortCacheFactory : IdentityApiFactory
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ticketing:Auth:SessionCheckCache", "00:00:03");
        }
    }
}
