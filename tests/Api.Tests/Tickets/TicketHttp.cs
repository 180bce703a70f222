using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>Ticket steps through HTTP, as a technician's client takes them.</summary>
public static class TicketHttp
{
    public static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>A new staff user of <paramref name="role"/>, signed in.</summary>
    public static async Task<(HttpClient Client, Guid UserId)> StaffAsync(this IdentityApiFactory api, string role = "technician", Guid? customerId = null)
    {
        var admin = await api.AdminAsync();
        var response = await admin.PostAsJsonAsync(Url("/api/admin/users"), new
        {
            role, email = IdentityHttp.UniqueEmail(role), firstName = "Toni", lastName = "Tech", customerId,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = await api.TokenAsync(body.GetProperty("username").GetString()!, body.GetProperty("password").GetString()!);
        return (api.WithToken(token), body.GetProperty("user").GetProperty("id").GetGuid());
    }

    public static async Task<HttpResponseMessage> PostTicketAsync(this HttpClient client, object body) =>
        await client.PostAsJsonAsync(Url("/api/tickets"), body);

    /// <summary>Opens a ticket for <paramref name="customerId"/> and returns its id and number.</summary>
    public static async Task<(Guid Id, string Number)> CreateTicketAsync(this HttpClient client, Guid customerId, string title = "Printer offline", Guid? contactId = null)
    {
        var response = await client.PostTicketAsync(new { title, customerId, contactId, priority = "high", queue = "Service Desk" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("number").GetString()!);
    }

    public static async Task<JsonElement> GetTicketAsync(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync(Url($"/api/tickets/{id}"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> CommandAsync(this HttpClient client, Guid id, string action, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"/api/tickets/{id}/{action}"))
        {
            Content = JsonContent.Create(body ?? new { }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<long> EventCountAsync(this Infrastructure.ApiFactory api) =>
        await api.ScalarAsync<long>("select count(*) from mt_events");
}
