using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class LogSecrecyTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task No_password_token_or_reset_code_appears_in_the_logs()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var token = await api.TokenAsync(contact.Username, contact.Password);
        await api.CreateClient().LoginAsync(contact.Username, "Wrong-but-logged?1");
        const string changed = "Changed-passw0rd-1";
        (await api.WithToken(token).PutAsJsonAsync(Url("/api/me/password"), new { currentPassword = contact.Password, newPassword = changed }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.CreateClient().PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = contact.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await api.ScalarAsync<string>("select body_text from mail_outbox where recipient = $1 and kind = 'password_reset'", contact.Email);
        var code = System.Text.RegularExpressions.Regex.Match(body, @"\b\d{8}\b").Value;
        const string reset = "Reset-passw0rd-22";
        (await api.CreateClient().PostAsJsonAsync(Url("/api/auth/reset-password"), new { login = contact.Email, code, newPassword = reset }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var regenerated = await (await admin.PostAsync(Url($"/api/contacts/{contact.Id}/password"), null)).Content.ReadFromJsonAsync<JsonElement>();

        var logs = string.Join('\n', api.Logs.Lines);
        logs.ShouldNotBeEmpty();
        string[] secrets =
        [
            contact.Password, "Wrong-but-logged?1", changed, code, reset, regenerated.GetProperty("password").GetString()!,
            IdentityApiFactory.AdminPassword, token,
        ];
        foreach (var secret in secrets)
        {
            logs.ShouldNotContain(secret);
        }
    }
}
