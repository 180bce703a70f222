using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Email;

/// <summary>The email template admin API through HTTP.</summary>
public static class EmailTemplateHttp
{
    public static Uri TemplateUrl(string kind, string language) => IdentityHttp.Url($"/api/admin/email-templates/{kind}/{language}");

    public static async Task<HttpResponseMessage> PutTemplateAsync(this HttpClient admin, string kind, string language, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, TemplateUrl(kind, language)) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await admin.SendAsync(request);
    }

    public static async Task<(JsonElement Template, string ETag)> TemplateAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return (JsonSerializer.Deserialize<JsonElement>(text), response.Headers.ETag!.Tag);
    }

    public static async Task<long> TemplateWritesAsync(this EmailApiFactory api) =>
        await api.ScalarAsync<long>("select (select count(*) from email_templates) + (select count(*) from settings_versions)");
}
