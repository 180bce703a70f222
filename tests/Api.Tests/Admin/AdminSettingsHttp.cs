using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
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

/// <summary>
/// Admin settings steps as Alba scenarios run by a signed-in <see cref="SignedInUser"/>. A section stays a
/// <see cref="JsonObject"/> document: tests edit it and PUT the whole section back, so every field the server sent must
/// survive the round trip, which a test-side record naming only some fields would not guarantee.
/// </summary>
public static class AdminSettingsScenarios
{
    public static string SectionUrl(string section) => $"/api/admin/settings/{section}";

    public static async Task<(JsonObject Body, string ETag)> GetSectionAsync(this SignedInUser admin, string section)
    {
        var response = await admin.Scenario(s => s.Get.Url(SectionUrl(section)));
        return (JsonNode.Parse(response.ReadAsText())!.AsObject(), response.ETag());
    }

    /// <summary>PUT of a whole section, optionally with <c>If-Match</c>, expecting <paramref name="status"/> (200 unless told).</summary>
    public static Task<IScenarioResult> PutSectionAsync(
        this SignedInUser admin, string section, JsonNode body, string? ifMatch = null, HttpStatusCode status = HttpStatusCode.OK) =>
        admin.Scenario(s =>
        {
            s.Put.Json(body).ToUrl(SectionUrl(section));
            if (ifMatch is not null)
            {
                s.WithRequestHeader("If-Match", ifMatch);
            }

            s.StatusCodeShouldBe(status);
        });

    /// <summary>Reads <paramref name="section"/>, lets <paramref name="change"/> edit it and saves it; returns the new ETag.</summary>
    public static async Task<string> ChangeSectionAsync(this SignedInUser admin, string section, Action<JsonObject> change)
    {
        var (body, etag) = await admin.GetSectionAsync(section);
        change(body);
        return (await admin.PutSectionAsync(section, body, etag)).ETag();
    }

    /// <summary>A customer with the portal on and a contact of it, signed in.</summary>
    public static async Task<(SignedInUser Contact, Guid CustomerId)> PortalContactAsync(this IdentityApiFactory api, SignedInUser technician)
    {
        var customerId = await technician.CreateCustomerAsync();
        return (await api.SignInUserAsync(await technician.CreateContactAsync(customerId)), customerId);
    }

    /// <summary>The settings history of <paramref name="section"/>, with what was in force at <paramref name="at"/> when given.</summary>
    public static Task<SettingsHistory<T>> SettingsHistoryAsync<T>(this SignedInUser caller, string section, DateTimeOffset? at = null, int? limit = null)
        where T : class
    {
        var query = $"section={section}" + (at is null ? "" : $"&at={Uri.EscapeDataString(at.Value.ToString("O"))}") + (limit is null ? "" : $"&limit={limit}");
        return caller.GetAsync<SettingsHistory<T>>($"/api/admin/settings/history?{query}");
    }

    /// <summary>
    /// The version of the newest settings change of any section, or null: when it is the same before and after a
    /// request, that request saved nothing (versions only grow).
    /// </summary>
    public static async Task<long?> NewestSettingsVersionAsync(this SignedInUser caller) =>
        (await caller.GetAsync<SettingsHistory<JsonObject>>("/api/admin/settings/history?limit=1")).Changes.FirstOrDefault()?.Version;
}

/// <summary><c>GET /api/admin/settings/history</c>, the section values read as <typeparamref name="T"/>.</summary>
public sealed record SettingsHistory<T>(DateTimeOffset? At, IReadOnlyList<SettingsInForce<T>>? InForce, IReadOnlyList<SettingsChange<T>> Changes)
    where T : class;

/// <summary>What was in force for a section at an instant; <see cref="Change"/> is null while configuration was.</summary>
public sealed record SettingsInForce<T>(string Section, long Version, T Value, SettingsChange<T>? Change)
    where T : class;

public sealed record SettingsChange<T>(long Version, string Section, Guid ChangedBy, DateTimeOffset ChangedAt, T? Before, T After)
    where T : class;

/// <summary>The <c>fields</c> section as far as the history tests read it: the rule of each built-in field.</summary>
public sealed record FieldsSettings(IReadOnlyDictionary<string, FieldSetting> Fields);

public sealed record FieldSetting(string Rule);
