using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alba;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// A caller of the API: the bearer token of one session on one host, or none for an anonymous caller. Tests run
/// Alba scenarios as this caller (<see cref="Scenario"/>) and read bodies into the test-side contract records.
/// </summary>
public sealed record ApiUser(IAlbaHost Host, string? Token)
{
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

/// <summary>Scenario steps that read as the API's contract: typed bodies, problem documents, signing in.</summary>
public static class ApiUserScenarios
{
    /// <summary>
    /// How the tests read a body: the wire names in camelCase, every constructor parameter of the record present and
    /// no null where the record says non-null, so a record mirrors the contract rather than tolerating drift.
    /// </summary>
    public static readonly JsonSerializerOptions Contract = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static ApiUser Anonymous(this ApiFactory api) => new(api.Host, null);

    public static ApiUser As(this ApiFactory api, string token) => new(api.Host, token);

    /// <summary>Signs in through <c>POST /api/auth/login</c> and returns the caller with the new session's access token.</summary>
    public static async Task<ApiUser> SignInAsync(this ApiFactory api, string login, string password) =>
        api.As((await api.SignInForTokensAsync(login, password)).AccessToken);

    /// <summary>Signs in and returns the whole token response (access and refresh token).</summary>
    public static async Task<TokenResponse> SignInForTokensAsync(this ApiFactory api, string login, string password)
    {
        var result = await api.Anonymous().Scenario(s =>
        {
            s.Post.Json(new { login, password }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return result.Read<TokenResponse>();
    }

    public static Task<ApiUser> SignInAsAdminAsync(this IdentityApiFactory api) =>
        api.SignInAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);

    public static Task<ApiUser> SignInAsync(this ApiFactory api, CreatedContact contact) => api.SignInAsync(contact.Username, contact.Password);

    /// <summary>Reads the body into <typeparamref name="T"/> with the <see cref="Contract"/> rules.</summary>
    public static T Read<T>(this IScenarioResult result)
    {
        var text = result.ReadAsText();
        return JsonSerializer.Deserialize<T>(text, Contract) ?? throw new ShouldAssertException($"the body is JSON null: {text}");
    }

    /// <summary>The body as a problem document.</summary>
    public static ApiProblem Problem(this IScenarioResult result) => result.Read<ApiProblem>();

    /// <summary>Expects a problem document (<c>application/problem+json</c>) with this status, stable code and its type URI.</summary>
    public static void ShouldBeProblem(this Scenario scenario, HttpStatusCode status, string code) =>
        scenario.ShouldReturnProblemDetails((int)status)
            .WithType($"urn:ticketing:problem:{code}")
            .WithExtension("code", code);

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

    public static async Task<T> ReadAsync<T>(this ApiUser user, Action<Scenario> request) => (await user.Scenario(request)).Read<T>();

    /// <summary>Runs the request expecting a problem of this status and code, and returns the problem document.</summary>
    public static async Task<ApiProblem> ProblemAsync(this ApiUser user, Action<Scenario> request, HttpStatusCode status, string code)
    {
        var result = await user.Scenario(s =>
        {
            request(s);
            s.ShouldBeProblem(status, code);
        });
        return result.Problem();
    }

    /// <summary>Runs the request expecting a 400 <c>request.invalid</c> problem and returns the names of the fields it lists.</summary>
    public static async Task<IReadOnlyCollection<string>> InvalidFieldsAsync(this ApiUser user, Action<Scenario> request)
    {
        var problem = await user.ProblemAsync(request, HttpStatusCode.BadRequest, "request.invalid");
        problem.Errors.ShouldNotBeNull("a validation problem lists its fields");
        return [.. problem.Errors.Keys];
    }

    /// <summary>Runs the request and returns only its status code, for checks that a session still works or has ended.</summary>
    public static async Task<HttpStatusCode> StatusOfAsync(this ApiUser user, Action<Scenario> request)
    {
        var result = await user.Scenario(s =>
        {
            request(s);
            s.IgnoreStatusCode();
        });
        return (HttpStatusCode)result.Context.Response.StatusCode;
    }
}
