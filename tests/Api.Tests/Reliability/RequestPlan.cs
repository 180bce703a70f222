using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>The request being assembled: the plausible parts, one of them then broken.</summary>
internal sealed class RequestPlan(FuzzTarget target, string path, string? authorization, JsonObject? body)
{
    public string Path { get; set; } = path;
    public string? Authorization { get; set; } = authorization;
    public string? ApiKey { get; set; } = target.Pattern.Contains("/inbound/", StringComparison.Ordinal) ? FuzzApiFactory.InboundApiKey : null;
    public string? IfMatch { get; set; }
    public string? Json { get; set; }
    public byte[]? Bytes { get; set; }
    public string? ContentType { get; set; }
    public (string Name, string ContentType, byte[] Content, int Count)? Form { get; set; }

    public Func<string>? LazyJson { get; set; }

    public JsonObject? Body => body;

    public HttpRequestMessage Build()
    {
        var request = new HttpRequestMessage(new HttpMethod(target.Method), new Uri(Path, UriKind.Relative)) { Content = Content() };
        if (Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        if (ApiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", ApiKey);
        }

        if (IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }

        return request;
    }

    private HttpContent? Content()
    {
        if (Form is { } form)
        {
            var multipart = new MultipartFormDataContent { { new StringContent("fuzz"), "body" } };
            for (var i = 0; i < form.Count; i++)
            {
                // Set by hand: MultipartFormDataContent.Add refuses an empty file name, which a hostile client can send.
                var file = new ByteArrayContent(form.Content);
                file.Headers.ContentType = MediaTypeHeaderValue.Parse(form.ContentType);
                file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"files\"; filename=\"{form.Name.Replace("\"", "%22", StringComparison.Ordinal)}\"");
                multipart.Add(file);
            }

            return multipart;
        }

        var json = Json ?? LazyJson?.Invoke();
        var bytes = Bytes ?? (json is not null ? Encoding.UTF8.GetBytes(json) : Body is { } b ? Encoding.UTF8.GetBytes(b.ToJsonString()) : null);
        if (bytes is null)
        {
            return null;
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType ?? "application/json");
        return content;
    }
}
