using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Xunit.Abstractions;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// Every log line of the host, at trace level and for every category (ASP.NET Core, authentication, Npgsql, ours),
/// with its state values and exceptions, over each way a secret passes through: generated passwords, sign-in,
/// failed and malformed sign-in, token use, a tampered token, password change, reset request, wrong and right
/// reset codes, a refused weak password, password regeneration and logout, with the welcome and reset mails delivered.
/// None of the secrets may appear, neither in the logs nor in Wolverine's stored envelopes and dead letters.
/// </summary>
public sealed partial class LogSecrecyTests(IdentityApiFactory api, ITestOutputHelper output) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task No_password_token_or_reset_code_appears_in_the_logs()
    {
        var secrets = new List<string> { IdentityApiFactory.AdminPassword };
        var adminTokens = await SignInAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        secrets.AddRange(adminTokens);
        var admin = api.As(adminTokens[0]);
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        secrets.Add(contact.Password);
        var welcome = (await api.SentMailsAsync(contact.Email, "welcome")).Single();
        (await api.PickedUpAsync(welcome)).TextBody!.ShouldContain(contact.Password, Case.Sensitive, "the welcome mail was composed and sent");
        var staff = await admin.PostAsync<StaffUserCreatedBody>("/api/admin/users", new { role = "technician", email = UniqueEmail("tech"), firstName = "T", lastName = "L" });
        secrets.Add(staff.Password);

        var tokens = await SignInAsync(contact.Username, contact.Password);
        secrets.AddRange(tokens);
        var portal = api.As(tokens[0]);
        secrets.Add("Wrong-but-logged?1");
        (await api.LoginStatusAsync(contact.Username, "Wrong-but-logged?1")).ShouldBe(HttpStatusCode.Unauthorized);
        secrets.Add("Malformed-secret-9");
        await api.Scenario(s =>
        {
            s.Post.RawJson($$"""{"login":"{{contact.Username}}","password":"Malformed-secret-9" """).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        (await portal.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.OK);
        await portal.Scenario(s =>
        {
            s.Post.Json(new { title = "Logged?" }).ToUrl("/api/portal/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        (await portal.StatusOfAsync(s => s.Get.Url("/api/customers"))).ShouldBe(HttpStatusCode.Forbidden);
        var tampered = tokens[0][..^6] + "AAAAAA";
        secrets.Add(tampered);
        (await api.As(tampered).StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);

        var spare = await SignInAsync(contact.Username, contact.Password);
        var renewed = await api.Anonymous().PostAsync<TokenResponse>("/api/auth/refresh", new { refreshToken = spare[1] }, HttpStatusCode.OK);
        secrets.AddRange([.. spare, renewed.AccessToken, renewed.RefreshToken, spare[1][..^6] + "AAAAAA"]);
        (await RefreshStatusAsync(spare[1])).ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshStatusAsync(spare[1][..^6] + "AAAAAA")).ShouldBe(HttpStatusCode.Unauthorized);

        secrets.AddRange(["Not-my-current-1", "Changed-passw0rd-1", "aaaaaaaaaaaa"]);
        (await ChangePasswordStatusAsync(portal, "Not-my-current-1", "Changed-passw0rd-1")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ChangePasswordStatusAsync(portal, contact.Password, "aaaaaaaaaaaa")).ShouldBe(HttpStatusCode.BadRequest);
        (await ChangePasswordStatusAsync(portal, contact.Password, "Changed-passw0rd-1")).ShouldBe(HttpStatusCode.NoContent);

        var code = await api.RequestResetCodeAsync(contact.Email, contact.Email);
        var wrongCode = code == "13572468" ? "24681357" : "13572468";
        secrets.AddRange([code, wrongCode, "Reset-passw0rd-22"]);
        await api.RefusedResetAsync(contact.Email, wrongCode, "Reset-passw0rd-22");
        await api.ResetPasswordAsync(contact.Email, code, "Reset-passw0rd-22");
        var regenerated = await admin.ReadAsync<CredentialsBody>(s =>
        {
            s.Post.Url($"/api/contacts/{contact.Id}/password");
            s.StatusCodeShouldBeOk();
        });
        secrets.Add(regenerated.Password);
        await admin.Scenario(s =>
        {
            s.Post.Url("/api/auth/logout");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        var lines = api.Logs.Lines.ToList();
        Print($"log lines captured: {lines.Count}; secrets checked: {secrets.Count}");
        foreach (var group in lines.GroupBy(Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Print($"  {group.Key}: {group.Count()} lines");
        }

        lines.ShouldContain(l => Source(l) == "Npgsql", "Npgsql's logs are part of the host's logs");
        lines.ShouldContain(l => Source(l) == "Microsoft.AspNetCore", "ASP.NET Core's trace-level logs are captured");
        foreach (var secret in secrets)
        {
            lines.Where(l => Contains(l, secret)).ShouldBeEmpty($"a secret ({secret.Length} characters) is in the logs");
        }

        // Wolverine keeps handled envelopes a while and dead letters until replayed: neither may hold a secret.
        var stored = await api.ScalarAsync<string>("""
            select coalesce(string_agg(encode(body, 'escape'), ' '), '') from (
                select body from wolverine_incoming_envelopes union all select body from wolverine_dead_letters) envelopes
            """);
        stored.ShouldContain(welcome.ToString(), Case.Insensitive, "the welcome mail's envelope is still stored");
        foreach (var secret in secrets)
        {
            Contains(stored, secret).ShouldBeFalse($"a secret ({secret.Length} characters) is in a stored envelope");
        }
    }

    // A code is eight digits; inside a longer run of digits (a timestamp's ticks) it is not the code.
    private static bool Contains(string line, string secret) => secret.All(char.IsAsciiDigit)
        ? Regex.IsMatch(line, $"(?<!\\d){secret}(?!\\d)", RegexOptions.None, TimeSpan.FromSeconds(1))
        : line.Contains(secret, StringComparison.Ordinal);

    private async Task<string[]> SignInAsync(string login, string password)
    {
        var tokens = await api.SignInForTokensAsync(login, password);
        return [tokens.AccessToken, tokens.RefreshToken];
    }

    private Task<HttpStatusCode> RefreshStatusAsync(string refreshToken) =>
        api.Anonymous().StatusOfAsync(s => s.Post.Json(new { refreshToken }).ToUrl("/api/auth/refresh"));

    private static Task<HttpStatusCode> ChangePasswordStatusAsync(ApiUser user, string currentPassword, string newPassword) =>
        user.StatusOfAsync(s => s.Put.Json(new { currentPassword, newPassword }).ToUrl("/api/me/password"));

    // "Warning Microsoft.AspNetCore.Routing.EndpointMiddleware: ..." -> "Microsoft.AspNetCore"; "Debug Npgsql.Command: ..." -> "Npgsql".
    private static string Source(string line)
    {
        var category = line.Split(' ', 3)[1].TrimEnd(':');
        return category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ? "Microsoft.AspNetCore"
            : category.StartsWith("Npgsql", StringComparison.Ordinal) ? "Npgsql"
            : category.StartsWith("Ticketing", StringComparison.Ordinal) ? "Ticketing"
            : category;
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
