using System.Net;
using Alba;
using Npgsql;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Identity;

/// <summary>Identity steps through HTTP, so tests build their state the way clients do.</summary>
public static class IdentityHttp
{
    /// <summary><c>POST /api/auth/login</c> as an anonymous caller; the answer's status (its body is not read).</summary>
    public static Task<HttpStatusCode> LoginStatusAsync(this ApiFactory api, string login, string password) =>
        api.Anonymous().StatusOfAsync(s => s.Post.Json(new { login, password }).ToUrl("/api/auth/login"));

    /// <summary>A sign-in that must be refused with <paramref name="status"/> and <paramref name="code"/> (401 <c>auth.invalid_credentials</c> unless told).</summary>
    public static Task<ApiProblem> RefusedLoginAsync(
        this ApiFactory api, string login, string password, HttpStatusCode status = HttpStatusCode.Unauthorized, string code = "auth.invalid_credentials") =>
        api.Anonymous().ProblemAsync(s => s.Post.Json(new { login, password }).ToUrl("/api/auth/login"), status, code);

    /// <summary><c>POST /api/auth/reset-password</c> as an anonymous caller, expecting 204: the code set the new password.</summary>
    public static Task<IScenarioResult> ResetPasswordAsync(this ApiFactory api, string login, string code, string newPassword) =>
        api.Anonymous().Scenario(s =>
        {
            s.Post.Json(new { login, code, newPassword }).ToUrl("/api/auth/reset-password");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

    /// <summary>A reset that must be refused with 422 <c>auth.reset_code_invalid</c> (wrong, used, expired or voided code, unknown account).</summary>
    public static Task<ApiProblem> RefusedResetAsync(this ApiFactory api, string login, string code, string newPassword) =>
        api.Anonymous().ProblemAsync(
            s => s.Post.Json(new { login, code, newPassword }).ToUrl("/api/auth/reset-password"), HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");

    public static string UniqueEmail(string name = "person") => $"{name}.{Guid.NewGuid():N}@example.test";

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

    /// <summary>A contact of the customer with generated credentials, created by <paramref name="staff"/>.</summary>
    public static async Task<CreatedContact> CreateContactAsync(
        this ApiUser staff, Guid customerId, string? email = null, string firstName = "Anna", string lastName = "Keller", bool isPrimary = false,
        string language = "de") =>
        CreatedContact.Of(await staff.PostAsync<ContactCreatedBody>($"/api/customers/{customerId}/contacts", new
        {
            firstName,
            lastName,
            jobTitle = "Office manager",
            email = email ?? UniqueEmail(),
            phone = "+41 44 000 00 00",
            language,
            isPrimary,
        }));

    /// <summary>Direct SQL on the host's database, for what HTTP cannot show (outbox, audit rows, counts).</summary>
    public static async Task<T> ScalarAsync<T>(this ApiFactory api, string sql, params object[] parameters)
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
