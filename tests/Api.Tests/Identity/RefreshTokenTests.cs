using System.Net;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Identity;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// Short-lived access tokens renewed with a rotating refresh token: each refresh token works once, a replayed one ends
/// the session, and logout ends both tokens. The host's clock only moves when a test advances it.
/// </summary>
public sealed class RefreshTokenTests(ClockedIdentityApiFactory api) : IClassFixture<ClockedIdentityApiFactory>
{
    private readonly Dictionary<string, string> _passwords = [];

    private AuthSettings Settings => api.Services.GetRequiredService<IOptions<AuthSettings>>().Value;

    [Fact]
    public async Task A_refresh_returns_a_new_access_token_and_a_new_refresh_token_that_both_work()
    {
        var signedIn = await SignInAsync();

        var renewed = await RefreshAsync(signedIn.RefreshToken);

        renewed.TokenType.ShouldBe("Bearer");
        renewed.ExpiresIn.ShouldBe((long)Settings.AccessTokenLifetime.TotalSeconds);
        renewed.AccessToken.ShouldNotBe(signedIn.AccessToken);
        renewed.RefreshToken.ShouldNotBe(signedIn.RefreshToken);
        (await MeAsync(renewed.AccessToken)).ShouldBe(HttpStatusCode.OK);
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.OK, "an earlier access token of a live session lasts until it expires");
        // Session events are audited, and the audit log is not shown by any endpoint of this area.
        (await AuditCountAsync(signedIn, "session.refreshed")).ShouldBe(1);
        (await api.ScalarAsync<long>("select count(*) from audit_log where action = 'session.refreshed' and after::text like '%' || $1 || '%'", signedIn.RefreshToken))
            .ShouldBe(0, "no token in the audit trail");
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_revokes_the_session_so_its_current_tokens_stop_working()
    {
        var signedIn = await SignInAsync();
        var other = await SignInAsync(signedIn.Login);
        var renewed = await RefreshAsync(signedIn.RefreshToken);

        await RefreshProblemAsync(signedIn.RefreshToken, "auth.refresh_token_reused");

        (await MeAsync(renewed.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        await RefreshProblemAsync(renewed.RefreshToken, "auth.invalid_refresh_token");
        (await AuditCountAsync(signedIn, "session.revoked_on_reuse")).ShouldBe(1);
        (await MeAsync(other.AccessToken)).ShouldBe(HttpStatusCode.OK, "the user's other sessions are not touched");
        await RefreshAsync(other.RefreshToken);
    }

    [Fact]
    public async Task Logout_ends_both_the_access_token_and_the_refresh_token()
    {
        var signedIn = await SignInAsync();

        await api.As(signedIn.AccessToken).Scenario(s =>
        {
            s.Post.Url("/api/auth/logout");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        await RefreshProblemAsync(signedIn.RefreshToken, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task An_access_token_expires_soon_and_a_refresh_renews_the_session_until_the_refresh_token_expires()
    {
        var signedIn = await SignInAsync();

        api.Clock.Advance(Settings.AccessTokenLifetime + TimeSpan.FromSeconds(1));
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        var renewed = await RefreshAsync(signedIn.RefreshToken);
        api.Clock.Advance(Settings.RefreshTokenLifetime + TimeSpan.FromSeconds(1));

        await RefreshProblemAsync(renewed.RefreshToken, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task A_garbage_tampered_or_access_token_as_refresh_token_is_a_401_problem_and_writes_nothing()
    {
        var signedIn = await SignInAsync();
        // "Writes nothing" covers the audit log, which only the database shows.
        var auditRows = await api.ScalarAsync<long>("select count(*) from audit_log");

        foreach (var token in new[] { "not-a-token", signedIn.RefreshToken[..^4] + "AAAA", signedIn.AccessToken })
        {
            var problem = await RefreshProblemAsync(token, "auth.invalid_refresh_token");

            problem.Status.ShouldBe(401);
        }

        (await api.ScalarAsync<long>("select count(*) from audit_log")).ShouldBe(auditRows);
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.OK, "a failed refresh does not end the session");
        await RefreshAsync(signedIn.RefreshToken);
    }

    [Fact]
    public async Task A_missing_refresh_token_or_a_body_that_is_not_json_is_400()
    {
        (await api.Anonymous().InvalidFieldsAsync(s => s.Post.Json(new { }).ToUrl("/api/auth/refresh"))).ShouldContain("refreshToken");
        await api.Anonymous().Scenario(s =>
        {
            s.Post.Text("refreshToken=abc").ToUrl("/api/auth/refresh").ContentType("application/json");
            s.ShouldReturnProblemDetails(400);
        });
    }

    private async Task<SignedIn> SignInAsync(string? login = null)
    {
        if (login is null)
        {
            var admin = await api.SignInAdminAsync();
            var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
            login = contact.Username;
            _passwords[login] = contact.Password;
        }

        var token = await api.SignInForTokensAsync(login, _passwords[login]);
        var me = await api.As(token.AccessToken).GetAsync<ProfileBody>("/api/me");
        return new SignedIn(login, me.Id, token.AccessToken, token.RefreshToken);
    }

    /// <summary>A successful refresh: 200 with a new token pair.</summary>
    private async Task<TokenResponse> RefreshAsync(string refreshToken) =>
        await api.Anonymous().ReadAsync<TokenResponse>(s =>
        {
            s.Post.Json(new { refreshToken }).ToUrl("/api/auth/refresh");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });

    private Task<ApiProblem> RefreshProblemAsync(string refreshToken, string code) =>
        api.Anonymous().ProblemAsync(s => s.Post.Json(new { refreshToken }).ToUrl("/api/auth/refresh"), HttpStatusCode.Unauthorized, code);

    private Task<HttpStatusCode> MeAsync(string accessToken) => api.As(accessToken).StatusOfAsync(s => s.Get.Url("/api/me"));

    private Task<long> AuditCountAsync(SignedIn session, string action) =>
        api.ScalarAsync<long>("select count(*) from audit_log where action = $1 and actor_id = $2 and entity = 'session'", action, session.UserId);

    private sealed record SignedIn(string Login, Guid UserId, string AccessToken, string RefreshToken);
}
