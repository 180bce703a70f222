using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Xunit.Abstractions;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// Every log line of the host, at trace level and for every category (ASP.NET Core, authentication, Npgsql, ours),
/// with its state values and exceptions, over each way a secret passes through: generated passwords, sign-in,
/// failed and malformed sign-in, token use, a tampered token, password change, reset request, wrong and right
/// reset codes, a refused weak password, password regeneration and logout. None of the secrets may appear.
/// </summary>
public sealed partial class LogSecrecyTests(IdentityApiFactory api, ITestOutputHelper output) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task No_password_token_or_reset_code_appears_in_the_logs()
    {
        var secrets = new List<string> { IdentityApiFactory.AdminPassword };
        var adminTokens = await SignInAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        secrets.AddRange(adminTokens);
        var admin = api.WithToken(adminTokens[0]);
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        secrets.Add(contact.Password);
        var staff = await admin.PostAsJsonAsync(Url("/api/admin/users"), new { role = "technician", email = UniqueEmail("tech"), firstName = "T", lastName = "L" });
        secrets.Add((await staff.Content.ReadFromJsonAsync<StaffUserCreatedBody>(ApiUserScenarios.Contract))!.Password);

        var tokens = await SignInAsync(contact.Username, contact.Password);
        secrets.AddRange(tokens);
        var portal = api.WithToken(tokens[0]);
        secrets.Add("Wrong-but-logged?1");
        (await api.CreateClient().LoginAsync(contact.Username, "Wrong-but-logged?1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        secrets.Add("Malformed-secret-9");
        var malformed = await api.CreateClient().PostAsync(Url("/api/auth/login"),
            new StringContent($$"""{"login":"{{contact.Username}}","password":"Malformed-secret-9" """, Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await portal.GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await portal.PostAsJsonAsync(Url("/api/portal/tickets"), new { title = "Logged?" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await portal.GetAsync(Url("/api/customers"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var tampered = tokens[0][..^6] + "AAAAAA";
        secrets.Add(tampered);
        (await api.WithToken(tampered).GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var spare = await SignInAsync(contact.Username, contact.Password);
        var refreshed = await api.CreateClient().PostAsJsonAsync(Url("/api/auth/refresh"), new { refreshToken = spare[1] });
        var renewed = (await refreshed.Content.ReadFromJsonAsync<TokenResponse>(ApiUserScenarios.Contract))!;
        secrets.AddRange([.. spare, renewed.AccessToken, renewed.RefreshToken, spare[1][..^6] + "AAAAAA"]);
        (await api.CreateClient().PostAsJsonAsync(Url("/api/auth/refresh"), new { refreshToken = spare[1] })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.CreateClient().PostAsJsonAsync(Url("/api/auth/refresh"), new { refreshToken = spare[1][..^6] + "AAAAAA" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        secrets.AddRange(["Not-my-current-1", "Changed-passw0rd-1", "aaaaaaaaaaaa"]);
        (await portal.PutAsJsonAsync(Url("/api/me/password"), new { currentPassword = "Not-my-current-1", newPassword = "Changed-passw0rd-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await portal.PutAsJsonAsync(Url("/api/me/password"), new { currentPassword = contact.Password, newPassword = "aaaaaaaaaaaa" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await portal.PutAsJsonAsync(Url("/api/me/password"), new { currentPassword = contact.Password, newPassword = "Changed-passw0rd-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var code = await api.RequestResetCodeAsync(contact.Email, contact.Email);
        var wrongCode = code == "13572468" ? "24681357" : "13572468";
        secrets.AddRange([code, wrongCode, "Reset-passw0rd-22"]);
        (await Reset(contact.Email, wrongCode, "Reset-passw0rd-22")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Reset(contact.Email, code, "Reset-passw0rd-22")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var regenerated = await (await admin.PostAsync(Url($"/api/contacts/{contact.Id}/password"), null)).Content.ReadFromJsonAsync<CredentialsBody>(ApiUserScenarios.Contract);
        secrets.Add(regenerated!.Password);
        (await admin.PostAsync(Url("/api/auth/logout"), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

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

    private Task<HttpResponseMessage> Reset(string login, string code, string newPassword) =>
        api.CreateClient().PostAsJsonAsync(Url("/api/auth/reset-password"), new { login, code, newPassword });

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
