using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Ticketing.Api.Tests.Security;

/// <summary>Builds the request of one matrix cell; the runner adds the caller's token unless the request carries its own.</summary>
public delegate Task<HttpRequestMessage> CellRequest(AccessWorld world, Who who);

/// <summary>Short request builders, so the matrix rows stay one line each.</summary>
public static class CellRequests
{
    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage Delete(string path) => new(HttpMethod.Delete, path);

    public static HttpRequestMessage Post(string path, object? body = null) => Json(HttpMethod.Post, path, body ?? new { });

    public static HttpRequestMessage Put(string path, object body) => Json(HttpMethod.Put, path, body);

    public static HttpRequestMessage Patch(string path, object body) => Json(HttpMethod.Patch, path, body);

    public static HttpRequestMessage Post(string path, HttpContent content) => new(HttpMethod.Post, path) { Content = content };

    /// <summary>The request on a session of its own, for cells that end the session they run on.</summary>
    public static async Task<HttpRequestMessage> OnFreshSession(this HttpRequestMessage request, AccessWorld world, Who who)
    {
        if (await world.FreshTokenAsync(who) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };
}
