using System.Net;

namespace Ticketing.Api.Tests.Identity;

public sealed class LoginTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_contact_signs_in_with_username_or_email_and_gets_a_bearer_token_with_its_claims()
    {
        var admin = await api.SignInAdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var contact = await admin.CreateContactAsync(customer);

        await api.SignInForTokensAsync(contact.Username.ToUpperInvariant(), contact.Password);
        var token = await api.SignInForTokensAsync(contact.Email, contact.Password);

        token.TokenType.ShouldBe("Bearer");
        token.ExpiresIn.ShouldBeGreaterThan(0);
        var me = await api.As(token.AccessToken).GetAsync<ProfileBody>("/api/me");
        me.Id.ShouldBe(contact.Id);
        me.CustomerId.ShouldBe(customer);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_401_problem()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        var wrong = await LoginProblemAsync(contact.Username, contact.Password + "x");
        var unknown = await LoginProblemAsync("nobody.here42", contact.Password);

        wrong.Detail.ShouldBe(unknown.Detail);
    }

    [Fact]
    public async Task An_empty_login_is_400_naming_the_fields()
    {
        var fields = await api.Anonymous().InvalidFieldsAsync(s => s.Post.Json(new { login = "", password = "" }).ToUrl("/api/auth/login"));

        fields.ShouldContain("login");
        fields.ShouldContain("password");
    }

    [Fact]
    public async Task Logout_revokes_the_token_but_not_the_other_sessions()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var phone = await api.SignInAsync(contact);
        var laptop = await api.SignInAsync(contact);

        await phone.Scenario(s =>
        {
            s.Post.Url("/api/auth/logout");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        await phone.ProblemAsync(s => s.Get.Url("/api/me"), HttpStatusCode.Unauthorized, "http.401");
        (await laptop.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_ends_the_other_sessions()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var current = await api.SignInAsync(contact);
        var other = await api.SignInAsync(contact);
        const string newPassword = "Brand-new-passw0rd";

        await current.ProblemAsync(
            s => s.Put.Json(new { currentPassword = "not-my-password1", newPassword }).ToUrl("/api/me/password"),
            HttpStatusCode.UnprocessableEntity, "auth.current_password_incorrect");
        (await current.InvalidFieldsAsync(s => s.Put.Json(new { currentPassword = contact.Password, newPassword = "aaaaaaaaaaaa" }).ToUrl("/api/me/password")))
            .ShouldContain("newPassword");
        await current.Scenario(s =>
        {
            s.Put.Json(new { currentPassword = contact.Password, newPassword }).ToUrl("/api/me/password");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        (await current.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.OK);
        (await other.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);
        await LoginProblemAsync(contact.Username, contact.Password);
        await api.SignInAsync(contact.Username, newPassword);
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var admin = await api.SignInAdminAsync();

        await api.As(admin.Token![..^4] + "AAAA").ProblemAsync(s => s.Get.Url("/api/me"), HttpStatusCode.Unauthorized, "http.401");
    }

    private Task<ApiProblem> LoginProblemAsync(string login, string password) =>
        api.Anonymous().ProblemAsync(
            s => s.Post.Json(new { login, password }).ToUrl("/api/auth/login"), HttpStatusCode.Unauthorized, "auth.invalid_credentials");
}
