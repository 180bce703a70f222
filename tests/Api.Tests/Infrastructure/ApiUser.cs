using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Infrastructure;

/// <summary>
/// A caller of the API: the Alba host it talks to and the bearer token of one session, or none for an anonymous
/// caller. Tests run Alba scenarios as this caller (<see cref="Scenario"/>) and read bodies into the test-side contract
/// records (<see cref="ApiUserScenarios.ReadAs{T}"/>).
/// </summary>
public sealed record ApiUser(IAlbaHost Host, string? Token)
{
    private readonly Guid? _id;

    /// <summary>
    /// Who the caller is, as <c>/api/me</c> told when it signed in through <see cref="ApiUserScenarios.SignInUserAsync(ApiFactory, string, string)"/>
    /// or the helpers built on it; a caller made from a bare token or an anonymous one has no id and reading it fails the test.
    /// </summary>
    public Guid Id
    {
        get => _id ?? throw new ShouldAssertException("This caller was not signed in through SignInUserAsync, so its id is unknown.");
        init => _id = value;
    }

    /// <summary>Runs the scenario with this caller's bearer token; like every Alba scenario it expects a 2xx unless told otherwise.</summary>
    public Task<IScenarioResult> Scenario(Action<Scenario> configure) => Host.Scenario(s =>
    {
        if (Token is not null)
        {
            s.WithBearerToken(Token);
        }

        configure(s);
    });
}

/// <summary>Scenario steps that read as the API's contract: signing in, typed bodies, problem documents.</summary>
public static class ApiUserScenarios
{
    /// <summary>
    /// How the tests read the wire contract: web defaults (camelCase), enums as strings, every constructor parameter of a
    /// record (without a default) present and non-nullable ones non-null, so a renamed or dropped field fails the test.
    /// </summary>
    public static readonly JsonSerializerOptions Contract = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static ApiUser Anonymous(this ApiFactory api) => new(api.Host, null);

    /// <summary>A caller holding <paramref name="token"/> (valid or not); its <see cref="ApiUser.Id"/> is unknown.</summary>
    public static ApiUser As(this ApiFactory api, string token) => new(api.Host, token);

    /// <summary>Signs in through <c>POST /api/auth/login</c> and returns the caller with the new session's access token.</summary>
    public static async Task<ApiUser> SignInAsync(this ApiFactory api, string login, string password) =>
        api.As((await api.SignInForTokensAsync(login, password)).AccessToken);

    public static Task<ApiUser> SignInAsync(this ApiFactory api, CreatedContact contact) => api.SignInAsync(contact.Username, contact.Password);

    /// <summary>Signs in and returns the whole token response (access and refresh token).</summary>
    public static async Task<TokenResponse> SignInForTokensAsync(this ApiFactory api, string login, string password)
    {
        var result = await api.Anonymous().Scenario(s =>
        {
            s.Post.Json(new { login, password }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return result.ReadAs<TokenResponse>();
    }

    /// <summary>Signs in and asks <c>/api/me</c> who that is, so the caller knows its <see cref="ApiUser.Id"/>.</summary>
    public static async Task<ApiUser> SignInUserAsync(this ApiFactory api, string login, string password)
    {
        var caller = await api.SignInAsync(login, password);
        return caller with { Id = (await caller.GetAsync<Me>("/api/me")).Id };
    }

    /// <summary>A contact of <paramref name="contact"/>'s credentials, signed in, with its id.</summary>
    public static Task<ApiUser> SignInUserAsync(this ApiFactory api, CreatedContact contact) => api.SignInUserAsync(contact.Username, contact.Password);

    /// <summary>Signs in the configured first administrator.</summary>
    public static Task<ApiUser> SignInAdminAsync(this IdentityApiFactory api) =>
        api.SignInUserAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);

    /// <summary>A new staff user of <paramref name="role"/> (created by the administrator), signed in.</summary>
    public static async Task<ApiUser> SignInStaffAsync(this IdentityApiFactory api, string role = "technician", Guid? customerId = null)
    {
        var admin = await api.SignInAdminAsync();
        var created = await admin.PostAsync<StaffUserCreatedBody>(
            "/api/admin/users", new { role, email = IdentityHttp.UniqueEmail(role), firstName = "Toni", lastName = "Tech", customerId });
        var user = await api.SignInUserAsync(created.Username, created.Password);
        user.Id.ShouldBe(created.User.Id);
        return user;
    }

    /// <summary>The response body read into a test-side contract record (see <see cref="Contract"/>).</summary>
    public static T ReadAs<T>(this IScenarioResult result)
    {
        var text = result.ReadAsText();
        try
        {
            return JsonSerializer.Deserialize<T>(text, Contract) ?? throw new ShouldAssertException($"The body was null: {text}");
        }
        catch (JsonException e)
        {
            throw new ShouldAssertException($"The body does not match {typeof(T).Name}: {e.Message}\n{text}", e);
        }
    }

    public static async Task<T> ReadAsync<T>(this Task<IScenarioResult> scenario) => (await scenario).ReadAs<T>();

    public static async Task<T> ReadAsync<T>(this ApiUser user, Action<Scenario> request) => (await user.Scenario(request)).ReadAs<T>();

    /// <summary>GET <paramref name="url"/> as the caller, expecting 200, read as <typeparamref name="T"/>.</summary>
    public static Task<T> GetAsync<T>(this ApiUser user, string url) => user.ReadAsync<T>(s =>
    {
        s.Get.Url(url);
        s.StatusCodeShouldBe(HttpStatusCode.OK);
    });

    /// <summary>Posts <paramref name="body"/> as JSON and reads the answer, which must carry <paramref name="status"/> (201 unless told).</summary>
    public static Task<T> PostAsync<T>(this ApiUser user, string url, object body, HttpStatusCode status = HttpStatusCode.Created) =>
        user.ReadAsync<T>(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });

    public static Task<T> PutAsync<T>(this ApiUser user, string url, object body) => user.ReadAsync<T>(s =>
    {
        s.Put.Json(body).ToUrl(url);
        s.StatusCodeShouldBe(HttpStatusCode.OK);
    });

    /// <summary>The body as a problem document.</summary>
    public static ApiProblem Problem(this IScenarioResult result) => result.ReadAs<ApiProblem>();

    /// <summary>Expects a problem document (<c>application/problem+json</c>) with this status, stable code and its type URI.</summary>
    public static void ShouldBeProblem(this Scenario scenario, HttpStatusCode status, string code) =>
        scenario.ShouldReturnProblemDetails((int)status)
            .WithType($"urn:ticketing:problem:{code}")
            .WithExtension("code", code);

    /// <summary>
    /// The response is a problem (RFC 9457 as the API writes it): content type <c>application/problem+json</c>, the stable
    /// <paramref name="code"/> and its <c>type</c> URI. The status is the scenario's own expectation.
    /// </summary>
    public static ApiProblem ShouldBeProblem(this IScenarioResult result, string code)
    {
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var problem = result.Problem();
        problem.Code.ShouldBe(code);
        problem.Type.ShouldBe($"urn:ticketing:problem:{code}");
        problem.Status.ShouldBe(result.Context.Response.StatusCode);
        return problem;
    }

    public static async Task<ApiProblem> ShouldBeProblemAsync(this Task<IScenarioResult> scenario, string code) => (await scenario).ShouldBeProblem(code);

    /// <summary>Runs a request that must fail with <paramref name="status"/> and the problem <paramref name="code"/>; returns the problem.</summary>
    public static Task<ApiProblem> ProblemAsync(this ApiUser user, Action<Scenario> request, HttpStatusCode status, string code) =>
        user.Scenario(s =>
        {
            request(s);
            s.StatusCodeShouldBe(status);
        }).ShouldBeProblemAsync(code);

    /// <summary>Runs a request that must be refused with 400 <c>request.invalid</c>; returns the errors by field.</summary>
    public static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(this ApiUser user, Action<Scenario> request)
    {
        var problem = await user.ProblemAsync(request, HttpStatusCode.BadRequest, "request.invalid");
        return problem.Errors.ShouldNotBeNull("a validation problem lists its fields");
    }

    /// <summary>Runs a request that must be refused with 400 <c>request.invalid</c>; returns the names of the fields it lists.</summary>
    public static async Task<IReadOnlyCollection<string>> InvalidFieldsAsync(this ApiUser user, Action<Scenario> request) =>
        [.. (await user.ValidationErrorsAsync(request)).Keys];

    /// <summary>Runs the request and returns only its status code, for checks that a session still works or has ended.</summary>
    public static async Task<HttpStatusCode> StatusOfAsync(this ApiUser user, Action<Scenario> request)
    {
        var result = await user.Scenario(s =>
        {
            request(s);
            s.IgnoreStatusCode();
        });
        return result.Status();
    }

    /// <summary>The status the response carries, for scenarios run with <c>IgnoreStatusCode()</c> whose status the test reads afterwards.</summary>
    public static HttpStatusCode Status(this IScenarioResult result) => (HttpStatusCode)result.Context.Response.StatusCode;

    /// <summary>The response's ETag header (a quoted stream or section version).</summary>
    public static string ETag(this IScenarioResult result) => result.Context.Response.Headers.ETag.ToString();

    private sealed record Me(Guid Id);
}

/// <summary>
/// A problem document as the API writes it: <c>type</c> is <c>urn:ticketing:problem:{code}</c>; a validation problem lists
/// its fields in <see cref="Errors"/>.
/// </summary>
public sealed record ApiProblem(
    string Type, string Title, int Status, string Code, string? Detail = null, Dictionary<string, string[]>? Errors = null);
