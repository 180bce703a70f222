using Alba;

namespace Ticketing.Api.Tests.Security;

/// <summary>Builds the request of one matrix cell.</summary>
public delegate Task<CellRequestSpec> CellRequest(AccessWorld world, Who who);

/// <summary>
/// One cell's request: method, path and body (JSON, or a multipart form). The runner sends it with the caller's token
/// unless <see cref="Token"/> names a session of its own.
/// </summary>
public sealed record CellRequestSpec(string Method, string Path, object? Json = null, MultipartFormDataContent? Form = null, string? Token = null)
{
    /// <summary>Writes the request into an Alba scenario.</summary>
    public void WriteTo(Scenario s)
    {
        switch (Method)
        {
            case "GET":
                s.Get.Url(Path);
                break;
            case "DELETE":
                s.Delete.Url(Path);
                break;
            case "POST" when Form is not null:
                s.Post.MultipartFormData(Form).ToUrl(Path);
                break;
            case "POST":
                s.Post.Json(Json ?? new { }).ToUrl(Path);
                break;
            case "PUT":
                s.Put.Json(Json!).ToUrl(Path);
                break;
            case "PATCH":
                s.Patch.Json(Json!).ToUrl(Path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(Method), Method, "no such cell method");
        }
    }
}

/// <summary>Short request builders, so the matrix rows stay one line each.</summary>
public static class CellRequests
{
    public static CellRequestSpec Get(string path) => new("GET", path);

    public static CellRequestSpec Delete(string path) => new("DELETE", path);

    public static CellRequestSpec Post(string path, object? body = null) => new("POST", path, body);

    public static CellRequestSpec Put(string path, object body) => new("PUT", path, body);

    public static CellRequestSpec Patch(string path, object body) => new("PATCH", path, body);

    public static CellRequestSpec Post(string path, MultipartFormDataContent form) => new("POST", path, Form: form);

    /// <summary>The request on a session of its own, for cells that end the session they run on.</summary>
    public static async Task<CellRequestSpec> OnFreshSession(this CellRequestSpec request, AccessWorld world, Who who) =>
        await world.FreshTokenAsync(who) is { } token ? request with { Token = token } : request;
}
