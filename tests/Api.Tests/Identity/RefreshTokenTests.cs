using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

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

        var refresh = await RefreshAsync(signedIn.RefreshToken);

        refresh.StatusCode.ShouldBe(HttpStatusCode.OK, await refresh.Content.ReadAsStringAsync());
        var renewed = (await refresh.Content.ReadFromJsonAsync<TokenResponse>())!;
        renewed.TokenType.ShouldBe("Bearer");
        renewed.ExpiresIn.ShouldBe((long)Settings.AccessTokenLifetime.TotalSeconds);
        renewed.AccessToken.ShouldNotBe(signedIn.AccessToken);
        renewed.RefreshToken.ShouldNotBe(signedIn.RefreshToken);
        (await MeAsync(renewed.AccessToken)).ShouldBe(HttpStatusCode.OK);
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.OK, "an earlier access token of a live session lasts until it expires");
        (await AuditCountAsync(signedIn, "session.refreshed")).ShouldBe(1);
        (await api.ScalarAsync<long>("select count(*) from audit_log where action = 'session.refreshed' and after::text like '%' || $1 || '%'", signedIn.RefreshToken))
            .ShouldBe(0, "no token in the audit trail");
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_revokes_the_session_so_its_current_tokens_stop_working()
    {
        var signedIn = await SignInAsync();
        var other = await SignInAsync(signedIn.Login);
        var renewed = (await (await RefreshAsync(signedIn.RefreshToken)).Content.ReadFromJsonAsync<TokenResponse>())!;

        var replay = await RefreshAsync(signedIn.RefreshToken);

        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.refresh_token_reused");
        (await MeAsync(renewed.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(renewed.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        (await AuditCountAsync(signedIn, "session.revoked_on_reuse")).ShouldBe(1);
        (await MeAsync(other.AccessToken)).ShouldBe(HttpStatusCode.OK, "the user's other sessions are not touched");
        (await RefreshAsync(other.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_ends_both_the_access_token_and_the_refresh_token()
    {
        var signedIn = await SignInAsync();

        var logout = await api.WithToken(signedIn.AccessToken).PostAsync(Url("/api/auth/logout"), null);

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(signedIn.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task An_access_token_expires_soon_and_a_refresh_renews_the_session_until_the_refresh_token_expires()
    {
        var signedIn = await SignInAsync();

        api.Clock.Advance(Settings.AccessTokenLifetime + TimeSpan.FromSeconds(1));
        var expiredAccess = await MeAsync(signedIn.AccessToken);
        var refresh = await RefreshAsync(signedIn.RefreshToken);
        var renewed = (await refresh.Content.ReadFromJsonAsync<TokenResponse>())!;
        api.Clock.Advance(Settings.RefreshTokenLifetime + TimeSpan.FromSeconds(1));
        var expiredRefresh = await RefreshAsync(renewed.RefreshToken);

        expiredAccess.ShouldBe(HttpStatusCode.Unauthorized);
        refresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        await expiredRefresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task A_garbage_tampered_or_access_token_as_refresh_token_is_a_401_problem_and_writes_nothing()
    {
        var signedIn = await SignInAsync();
        var auditRows = await api.ScalarAsync<long>("select count(*) from audit_log");

        foreach (var token in new[] { "not-a-token", signedIn.RefreshToken[..^4] + "AAAA", signedIn.AccessToken })
        {
            var response = await RefreshAsync(token);

            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
            var problem = (await response.Content.ReadFromJsonAsync<ProblemBody>())!;
            problem.Type.ShouldBe("urn:ticketing:problem:auth.invalid_refresh_token");
            problem.Status.ShouldBe(401);
        }

        (await api.ScalarAsync<long>("select count(*) from audit_log")).ShouldBe(auditRows);
        (await MeAsync(signedIn.AccessToken)).ShouldBe(HttpStatusCode.OK, "a failed refresh does not end the session");
        (await RefreshAsync(signedIn.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_missing_refresh_token_or_a_body_that_is_not_json_is_400()
    {
        var missing = await api.CreateClient().PostAsJsonAsync(Url("/api/auth/refresh"), new { });
        var notJson = await api.CreateClient().PostAsync(Url("/api/auth/refresh"), new StringContent("refreshToken=abc", Encoding.UTF8, "application/json"));

        (await missing.ValidationErrorsAsync()).TryGetProperty("refreshToken", out _).ShouldBeTrue();
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        notJson.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    private async Task<SignedIn> SignInAsync(string? login = null)
    {
        if (login is null)
        {
            var admin = await api.AdminAsync();
            var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
            login = contact.Username;
            _passwords[login] = contact.Password;
        }

        var response = await api.CreateClient().LoginAsync(login, _passwords[login]);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        var me = await api.WithToken(token.AccessToken).GetFromJsonAsync<MeBody>(Url("/api/me"));
        return new SignedIn(login, me!.Id, token.AccessToken, token.RefreshToken);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        api.CreateClient().PostAsJsonAsync(Url("/api/auth/refresh"), new { refreshToken });

    private async Task<HttpStatusCode> MeAsync(string accessToken) => (await api.WithToken(accessToken).GetAsync(Url("/api/me"))).StatusCode;

    private Task<long> AuditCountAsync(SignedIn session, string action) =>
        api.ScalarAsync<long>("select count(*) from audit_log where action = $1 and actor_id = $2 and entity = 'session'", action, session.UserId);

    private sealed record SignedIn(string Login, Guid UserId, string AccessToken, string RefreshToken);

    private sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

    private sealed record ProblemBody(string Type, string Title, int Status, string Code);

    private sealed record MeBody(Guid Id);
}
