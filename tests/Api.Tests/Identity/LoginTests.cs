using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class LoginTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_contact_signs_in_with_username_or_email_and_gets_a_bearer_token_with_its_claims()
    {
        var admin = await api.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var contact = await admin.CreateContactAsync(customer);

        var byUsername = await api.CreateClient().LoginAsync(contact.Username.ToUpperInvariant(), contact.Password);
        var byEmail = await api.CreateClient().LoginAsync(contact.Email, contact.Password);

        byUsername.StatusCode.ShouldBe(HttpStatusCode.OK);
        byEmail.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await byEmail.Content.ReadFromJsonAsync<JsonElement>();
        token.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        token.GetProperty("expiresIn").GetInt64().ShouldBeGreaterThan(0);
        var me = await api.WithToken(token.GetProperty("accessToken").GetString()!).GetFromJsonAsync<JsonElement>(Url("/api/me"));
        me.GetProperty("id").GetGuid().ShouldBe(contact.Id);
        me.GetProperty("customerId").GetGuid().ShouldBe(customer);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_401_problem()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        var wrong = await api.CreateClient().LoginAsync(contact.Username, contact.Password + "x");
        var unknown = await api.CreateClient().LoginAsync("nobody.here42", contact.Password);

        await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var wrongBody = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var unknownBody = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        wrongBody.GetProperty("detail").GetString().ShouldBe(unknownBody.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_login_is_400_naming_the_fields()
    {
        var response = await api.CreateClient().PostAsJsonAsync(Url("/api/auth/login"), new { login = "", password = "" });

        var errors = await response.ValidationErrorsAsync();
        errors.TryGetProperty("login", out _).ShouldBeTrue();
        errors.TryGetProperty("password", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Logout_revokes_the_token_but_not_the_other_sessions()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var phone = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));
        var laptop = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));

        var logout = await phone.PostAsync(Url("/api/auth/logout"), null);

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await phone.GetAsync(Url("/api/me"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "http.401");
        (await laptop.GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_ends_the_other_sessions()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var current = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));
        var other = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));
        const string newPassword = "Brand-new-passw0rd";

        var wrong = await current.PutAsJsonAsync(Url("/api/me/password"), new { currentPassword = "not-my-password1", newPassword });
        var weak = await current.PutAsJsonAsync(Url("/api/me/password"), new { currentPassword = contact.Password, newPassword = "aaaaaaaaaaaa" });
        var changed = await current.PutAsJsonAsync(Url("/api/me/password"), new { currentPassword = contact.Password, newPassword });

        await wrong.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.current_password_incorrect");
        (await weak.ValidationErrorsAsync()).TryGetProperty("newPassword", out _).ShouldBeTrue();
        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await current.GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.CreateClient().LoginAsync(contact.Username, contact.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.CreateClient().LoginAsync(contact.Username, newPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var token = await api.TokenAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);

        var response = await api.WithToken(token[..^4] + "AAAA").GetAsync(Url("/api/me"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "http.401");
    }
}
