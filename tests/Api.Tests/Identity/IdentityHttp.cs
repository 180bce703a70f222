using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Infrastructure;
using Npgsql;

namespace Ticketing.Api.Tests.Identity;

/// <summary>Identity steps through HTTP, so tests build their state the way clients do.</summary>
public static class IdentityHttp
{
    public static Uri Url(string path) => new(path, UriKind.Relative);

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string login, string password) =>
        await client.PostAsJsonAsync(Url("/api/auth/login"), new { login, password });

    public static async Task<string> TokenAsync(this ApiFactory api, string login, string password)
    {
        var response = await api.CreateClient().LoginAsync(login, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public static HttpClient WithToken(this ApiFactory api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpClient> AdminAsync(this IdentityApiFactory api) =>
        api.WithToken(await api.TokenAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword));

    public static string UniqueEmail(string name = "person") => $"{name}.{Guid.NewGuid():N}@example.test";

    public static async Task<Guid> CreateCustomerAsync(this HttpClient staff, string? name = null, params string[] domains)
    {
        var response = await staff.PostAsJsonAsync(Url("/api/customers"), new
        {
            name = name ?? $"Customer {Guid.NewGuid():N}",
            emailDomains = domains,
            timeZone = "Europe/Zurich",
            ticketingPortalEnabled = true,
            knowledgeBaseEnabled = false,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CustomerBody>(ApiUserScenarios.Contract))!.Id;
    }

    /// <summary>A customer with the ticketing portal on and the knowledge base off, created by <paramref name="staff"/>.</summary>
    public static async Task<Guid> CreateCustomerAsync(this ApiUser staff, string? name = null, params string[] domains) =>
        (await staff.PostAsync<CustomerBody>("/api/customers", NewCustomer(name, domains))).Id;

    public static object NewCustomer(string? name = null, string[]? domains = null, bool knowledgeBaseEnabled = false) => new
    {
        name = name ?? $"Customer {Guid.NewGuid():N}",
        emailDomains = domains ?? [],
        timeZone = "Europe/Zurich",
        ticketingPortalEnabled = true,
        knowledgeBaseEnabled,
    };

    public static async Task<CreatedContact> CreateContactAsync(
        this HttpClient staff, Guid customerId, string? email = null, string firstName = "Anna", string lastName = "Keller", bool isPrimary = false)
    {
        var response = await staff.PostAsJsonAsync(Url($"/api/customers/{customerId}/contacts"), new
        {
            firstName,
            lastName,
            jobTitle = "Office manager",
            email = email ?? UniqueEmail(),
            phone = "+41 44 000 00 00",
            language = "de",
            isPrimary,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return CreatedContact.Of((await response.Content.ReadFromJsonAsync<ContactCreatedBody>(ApiUserScenarios.Contract))!);
    }

    /// <summary>A contact of the customer with generated credentials, created by <paramref name="staff"/>.</summary>
    public static async Task<CreatedContact> CreateContactAsync(
        this ApiUser staff, Guid customerId, string? email = null, string firstName = "Anna", string lastName = "Keller", bool isPrimary = false) =>
        CreatedContact.Of(await staff.PostAsync<ContactCreatedBody>($"/api/customers/{customerId}/contacts", new
        {
            firstName,
            lastName,
            jobTitle = "Office manager",
            email = email ?? UniqueEmail(),
            phone = "+41 44 000 00 00",
            language = "de",
            isPrimary,
        }));

    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonSerializer.Deserialize<ApiProblem>(text, JsonSerializerOptions.Web)!;
        problem.Code.ShouldBe(code);
        problem.Type.ShouldBe($"urn:ticketing:problem:{code}");
    }

    /// <summary>Direct SQL on the host's database, for what HTTP cannot show (outbox, audit rows, counts).</summary>
    public static async Task<T> ScalarAsync<T>(this Infrastructure.ApiFactory api, string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}

public sealed record CreatedContact(Guid Id, string Email, string Username, string Password)
{
    public static CreatedContact Of(ContactCreatedBody body) =>
        new(body.Contact.Id, body.Contact.Email, body.Credentials.Username, body.Credentials.Password);
}
