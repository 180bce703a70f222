using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Ticketing.Api.Tests.Portal;

/// <summary>A signed-in caller: an HTTP client carrying its bearer token, and who it is.</summary>
public sealed record Caller(HttpClient Client, Guid Id, string Role);

/// <summary>
/// Builds portal test state through the public API, as a real MSP would: the administrator creates technicians
/// and Taskfire users, technicians create customers, contacts and tickets, contacts sign in with the generated
/// credentials. Every response body a test reads is kept in <see cref="Bodies"/> for the no-leak checks.
/// </summary>
public sealed class PortalDriver(PortalApiFactory factory)
{
    private static int _sequence;

    public List<string> Bodies { get; } = [];

    public async Task<Caller> AdminAsync() => await LoginAsync(PortalApiFactory.AdminEmail, PortalApiFactory.AdminPassword, "admin");

    public async Task<Caller> StaffAsync(string role, Guid? customerId = null)
    {
        var admin = await AdminAsync();
        var n = Interlocked.Increment(ref _sequence);
        var created = await Json(await admin.Client.PostAsJsonAsync("/api/admin/users", new
        {
            role, email = $"{role}{n}-{Guid.NewGuid():N}@msp.example", firstName = "Terry", lastName = $"Tech{n}", customerId,
        }), HttpStatusCode.Created);
        return await LoginAsync((string)created["username"]!, (string)created["password"]!, role);
    }

    public async Task<Guid> CustomerAsync(Caller technician, bool ticketingEnabled = true, string timeZone = "Europe/Paris")
    {
        var created = await Json(await technician.Client.PostAsJsonAsync("/api/customers", new
        {
            name = $"Customer {Guid.NewGuid():N}", emailDomains = Array.Empty<string>(), timeZone, ticketingPortalEnabled = ticketingEnabled,
            knowledgeBaseEnabled = true,
        }), HttpStatusCode.Created);
        return (Guid)created["id"]!;
    }

    public async Task<Caller> ContactAsync(Caller technician, Guid customerId, bool primary = false, string language = "en", string timeZone = "Europe/Paris")
    {
        var created = await Json(await technician.Client.PostAsJsonAsync($"/api/customers/{customerId}/contacts", new
        {
            firstName = "Casey", lastName = primary ? "Primary" : "Contact", email = $"c-{Guid.NewGuid():N}@customer.example",
            language, timeZone, isPrimary = primary,
        }), HttpStatusCode.Created);
        return await LoginAsync((string)created["credentials"]!["username"]!, (string)created["credentials"]!["password"]!, "contact");
    }

    public async Task<Caller> LoginAsync(string login, string password, string role)
    {
        var client = factory.CreateClient();
        var token = await Json(await client.PostAsJsonAsync("/api/auth/login", new { login, password }), HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["accessToken"]!);
        var me = await client.GetFromJsonAsync<JsonObject>("/api/me");
        return new Caller(client, (Guid)me!["id"]!, role);
    }

    /// <summary>A technician opens a ticket; <paramref name="fields"/> are extra body properties (status, priority, seriesId...).</summary>
    public async Task<Guid> TicketAsync(Caller technician, Guid customerId, Guid? contactId, string title, object? fields = null)
    {
        var body = JsonSerializer.SerializeToNode(fields ?? new { })!.AsObject();
        body["title"] = title;
        body["customerId"] = customerId;
        body["contactId"] = contactId;
        var created = await Json(await technician.Client.PostAsJsonAsync("/api/tickets", body), HttpStatusCode.Created);
        return (Guid)created["id"]!;
    }

    public Task TechnicianStatusAsync(Caller technician, Guid ticketId, string status) =>
        Expect(technician.Client.PostAsJsonAsync($"/api/tickets/{ticketId}/status", new { status }), HttpStatusCode.OK);

    public Task BillAsync(Caller technician, Guid ticketId) =>
        Expect(technician.Client.PostAsync($"/api/tickets/{ticketId}/bill", null), HttpStatusCode.OK);

    public Task InternalNoteAsync(Caller technician, Guid ticketId, string body) =>
        Expect(technician.Client.PostAsJsonAsync($"/api/tickets/{ticketId}/replies", new { body, visibility = "Internal" }), HttpStatusCode.OK);

    public Task PublicReplyAsync(Caller technician, Guid ticketId, string body) =>
        Expect(technician.Client.PostAsJsonAsync($"/api/tickets/{ticketId}/replies", new { body, visibility = "Public" }), HttpStatusCode.OK);

    public Task DeleteAsync(Caller technician, Guid ticketId) =>
        Expect(technician.Client.DeleteAsync($"/api/tickets/{ticketId}"), HttpStatusCode.NoContent);

    /// <summary>Reads a response body as JSON after checking its status; the raw text is kept for leak checks.</summary>
    public async Task<JsonObject> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Bodies.Add(text);
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> Get(Caller caller, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Json(await caller.Client.GetAsync(path), expected);

    public async Task<JsonArray> Items(Caller caller, string query = "") =>
        (await Get(caller, $"/api/portal/tickets{query}"))["items"]!.AsArray();

    /// <summary>A problem's status, <c>type</c> and <c>code</c>, as every failure path must carry them.</summary>
    public async Task<JsonObject> Problem(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var problem = await Json(response, expected);
        ((string?)problem["code"]).ShouldBe(code);
        ((string?)problem["type"]).ShouldBe($"urn:ticketing:problem:{code}");
        return problem;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    private async Task Expect(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
    }
}

public static class PortalJson
{
    public static IEnumerable<Guid> Ids(this JsonArray items) => items.Select(i => (Guid)i!["id"]!);
}
