using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>Admin settings steps through HTTP: read a section with its ETag, change it, send it back.</summary>
public static class AdminSettingsHttp
{
    public static async Task<(JsonObject Body, string ETag)> GetSectionAsync(this HttpClient admin, string section)
    {
        var response = await admin.GetAsync(TicketHttp.Url($"/api/admin/settings/{section}"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return (JsonNode.Parse(text)!.AsObject(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> PutSectionAsync(this HttpClient admin, string section, JsonNode body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, TicketHttp.Url($"/api/admin/settings/{section}")) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await admin.SendAsync(request);
    }

    /// <summary>Reads <paramref name="section"/>, lets <paramref name="change"/> edit it and saves it; returns the new ETag.</summary>
    public static async Task<string> ChangeSectionAsync(this HttpClient admin, string section, Action<JsonObject> change)
    {
        var (body, etag) = await admin.GetSectionAsync(section);
        change(body);
        var response = await admin.PutSectionAsync(section, body, etag);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }

    /// <summary>A customer with the portal on, a contact of it signed in, and the contact's id.</summary>
    public static async Task<(HttpClient Contact, Guid ContactId, Guid CustomerId)> PortalContactAsync(this IdentityApiFactory api, HttpClient technician)
    {
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        return (api.WithToken(await api.TokenAsync(contact.Username, contact.Password)), contact.Id, customerId);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonArray> PortalItemsAsync(this HttpClient contact) =>
        (await (await contact.GetAsync(TicketHttp.Url("/api/portal/tickets"))).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
}
