using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alba;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>
/// A signed-in caller of the API: the Alba host it talks to, its bearer token and its user id. Tests run Alba
/// scenarios as this user (<see cref="ApiScenarios.Scenario(SignedInUser, Action{Alba.Scenario})"/>).
/// </summary>
public sealed record SignedInUser(IAlbaHost Host, string Token, Guid Id);

/// <summary>Alba scenarios as a signed-in user, and response bodies read into the tests' own contract records.</summary>
public static class ApiScenarios
{
    /// <summary>
    /// How the tests read the wire contract: web defaults, and every constructor parameter of a record (without a
    /// default) must be present and non-nullable ones non-null, so a renamed or dropped field fails the test.
    /// </summary>
    public static readonly JsonSerializerOptions Contract = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Runs <paramref name="configure"/> as <paramref name="user"/> (bearer token); Alba expects 200 unless told otherwise.</summary>
    public static Task<IScenarioResult> Scenario(this SignedInUser user, Action<Scenario> configure) =>
        user.Host.Scenario(s =>
        {
            s.WithBearerToken(user.Token);
            configure(s);
        });

    /// <summary>Signs in with the login endpoint and asks <c>/api/me</c> who that is.</summary>
    public static async Task<SignedInUser> SignInUserAsync(this ApiFactory api, string login, string password)
    {
        var token = await api.Scenario(s => s.Post.Json(new { login, password }).ToUrl("/api/auth/login")).ReadAsync<SignedIn>();
        var me = await api.Host.Scenario(s =>
        {
            s.Get.Url("/api/me");
            s.WithBearerToken(token.AccessToken);
        }).ReadAsync<Me>();
        return new SignedInUser(api.Host, token.AccessToken, me.Id);
    }

    /// <summary>GET <paramref name="url"/> as the user, expecting 200, read as <typeparamref name="T"/>.</summary>
    public static Task<T> GetAsync<T>(this SignedInUser user, string url) => user.Scenario(s => s.Get.Url(url)).ReadAsync<T>();

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

    /// <summary>
    /// The response is a problem (RFC 9457 as the API writes it): content type <c>application/problem+json</c>, the stable
    /// <paramref name="code"/> and its <c>type</c> URI. The status is the scenario's own expectation.
    /// </summary>
    public static Problem ShouldBeProblem(this IScenarioResult result, string code)
    {
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var problem = result.ReadAs<Problem>();
        problem.Code.ShouldBe(code);
        problem.Type.ShouldBe($"urn:ticketing:problem:{code}");
        problem.Status.ShouldBe(result.Context.Response.StatusCode);
        return problem;
    }

    public static async Task<Problem> ShouldBeProblemAsync(this Task<IScenarioResult> scenario, string code) => (await scenario).ShouldBeProblem(code);

    /// <summary>Runs a request that must fail with <paramref name="status"/> and the problem <paramref name="code"/>.</summary>
    public static Task<Problem> ProblemAsync(this SignedInUser user, Action<Scenario> request, HttpStatusCode status, string code) =>
        user.Scenario(s =>
        {
            request(s);
            s.StatusCodeShouldBe(status);
        }).ShouldBeProblemAsync(code);

    /// <summary>Runs a request that must be refused with 400 <c>request.invalid</c>; returns the errors by field.</summary>
    public static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(this SignedInUser user, Action<Scenario> request)
    {
        var problem = await user.ProblemAsync(request, HttpStatusCode.BadRequest, "request.invalid");
        problem.Errors.ShouldNotBeNull();
        return problem.Errors;
    }

    /// <summary>The response's ETag header (a quoted stream version).</summary>
    public static string ETag(this IScenarioResult result) => result.Context.Response.Headers.ETag.ToString();

    private sealed record SignedIn(string AccessToken);

    private sealed record Me(Guid Id);
}

/// <summary>A problem as the API writes it: <c>type</c> URI, stable <c>code</c>, and for validation the errors by field.</summary>
public sealed record Problem(string Type, string Title, int Status, string Code, string? Detail = null, Dictionary<string, string[]>? Errors = null);
