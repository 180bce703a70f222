using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Portal;

/// <summary>
/// Builds portal test state through the public API as Alba scenarios, as a real MSP would: the administrator creates
/// technicians and Taskfire users, technicians create customers, contacts and tickets, contacts sign in with the
/// generated credentials. Every portal body a test reads is kept raw in <see cref="Bodies"/> for the no-leak checks,
/// and read strictly into the records of <c>PortalContracts.cs</c>.
/// </summary>
public sealed class PortalDriver(PortalApiFactory factory)
{
    /// <summary>The contract rules plus: a member the record does not name fails the read, so nothing unlisted leaves the server.</summary>
    private static readonly JsonSerializerOptions Strict = new(ApiUserScenarios.Contract)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static int _sequence;

    public List<string> Bodies { get; } = [];

    public Task<ApiUser> AdminAsync() => factory.SignInUserAsync(PortalApiFactory.AdminEmail, PortalApiFactory.AdminPassword);

    public async Task<ApiUser> StaffAsync(string role, Guid? customerId = null)
    {
        var admin = await AdminAsync();
        var n = Interlocked.Increment(ref _sequence);
        var created = await admin.Scenario(s =>
        {
            s.Post.Json(new { role, email = $"{role}{n}-{Guid.NewGuid():N}@msp.example", firstName = "Terry", lastName = $"Tech{n}", customerId })
                .ToUrl("/api/admin/users");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).ReadAsync<StaffUserCreatedBody>();
        return await factory.SignInUserAsync(created.Username, created.Password);
    }

    public async Task<Guid> CustomerAsync(ApiUser technician, bool ticketingEnabled = true, string timeZone = "Europe/Paris") =>
        (await technician.Scenario(s =>
        {
            s.Post.Json(new
            {
                name = $"Customer {Guid.NewGuid():N}", emailDomains = Array.Empty<string>(), timeZone, ticketingPortalEnabled = ticketingEnabled,
                knowledgeBaseEnabled = true,
            }).ToUrl("/api/customers");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).ReadAsync<CustomerBody>()).Id;

    public async Task<ApiUser> ContactAsync(
        ApiUser technician, Guid customerId, bool primary = false, string language = "en", string timeZone = "Europe/Paris")
    {
        var created = await technician.Scenario(s =>
        {
            s.Post.Json(new
            {
                firstName = "Casey", lastName = primary ? "Primary" : "Contact", email = $"c-{Guid.NewGuid():N}@customer.example",
                language, timeZone, isPrimary = primary,
            }).ToUrl($"/api/customers/{customerId}/contacts");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).ReadAsync<ContactCreatedBody>();
        return await factory.SignInUserAsync(created.Credentials.Username, created.Credentials.Password);
    }

    /// <summary>A technician opens a ticket; <paramref name="fields"/> are extra body properties (status, priority, seriesId...).</summary>
    public async Task<Guid> TicketAsync(ApiUser technician, Guid customerId, Guid? contactId, string title, object? fields = null)
    {
        var body = Body(fields ?? new { });
        body["title"] = title;
        body["customerId"] = customerId;
        body["contactId"] = contactId;
        return (await technician.OpenTicketAsync(body)).Id;
    }

    public Task TechnicianStatusAsync(ApiUser technician, Guid ticketId, string status) =>
        technician.CommandAsync(ticketId, "status", new { status });

    public Task BillAsync(ApiUser technician, Guid ticketId) => technician.CommandAsync(ticketId, "bill");

    public Task InternalNoteAsync(ApiUser technician, Guid ticketId, string body) =>
        technician.CommandAsync(ticketId, "replies", new { body, visibility = "Internal" });

    public Task PublicReplyAsync(ApiUser technician, Guid ticketId, string body) =>
        technician.CommandAsync(ticketId, "replies", new { body, visibility = "Public" });

    public Task DeleteAsync(ApiUser technician, Guid ticketId) => technician.Scenario(s =>
    {
        s.Delete.Url($"/api/tickets/{ticketId}");
        s.StatusCodeShouldBe(HttpStatusCode.NoContent);
    });

    /// <summary>Runs a portal request expecting <paramref name="status"/>, keeps the raw body and reads it strictly as <typeparamref name="T"/>.</summary>
    public async Task<T> ReadAsync<T>(ApiUser caller, Action<Scenario> request, HttpStatusCode status = HttpStatusCode.OK)
    {
        var result = await caller.Scenario(s =>
        {
            request(s);
            s.StatusCodeShouldBe(status);
        });
        var text = result.ReadAsText();
        Bodies.Add(text);
        try
        {
            return JsonSerializer.Deserialize<T>(text, Strict) ?? throw new ShouldAssertException($"The body was null: {text}");
        }
        catch (JsonException e)
        {
            throw new ShouldAssertException($"The body does not match {typeof(T).Name}: {e.Message}\n{text}", e);
        }
    }

    /// <summary>The ticket page; <paramref name="request"/> may add headers (Accept-Language, If-Match...).</summary>
    public Task<PortalPage> PageAsync(ApiUser contact, Guid id, Action<Scenario>? request = null) =>
        ReadAsync<PortalPage>(contact, s =>
        {
            s.Get.Url($"/api/portal/tickets/{id}");
            request?.Invoke(s);
        });

    public Task<PortalList> ListAsync(ApiUser contact, string query = "") =>
        ReadAsync<PortalList>(contact, s => s.Get.Url($"/api/portal/tickets{query}"));

    public async Task<IReadOnlyList<PortalListItem>> ItemsAsync(ApiUser contact, string query = "") => (await ListAsync(contact, query)).Items;

    public Task<PortalCommandResult> CreateAsync(ApiUser contact, object body) =>
        ReadAsync<PortalCommandResult>(contact, s => s.Post.Json(body).ToUrl("/api/portal/tickets"), HttpStatusCode.Created);

    public Task<PortalCommandResult> UpdateAsync(ApiUser contact, Guid id, object body) =>
        ReadAsync<PortalCommandResult>(contact, s => s.Patch.Json(body).ToUrl($"/api/portal/tickets/{id}"));

    public Task<PortalReplyResult> ReplyAsync(ApiUser contact, Guid id, object body) =>
        ReadAsync<PortalReplyResult>(contact, s => s.Post.Json(body).ToUrl($"/api/portal/tickets/{id}/replies"), HttpStatusCode.Created);

    /// <summary>The member names of the last body this driver read (of its first <paramref name="listItem"/> entry when given).</summary>
    public IReadOnlyList<string> LastBodyMembers(string? listItem = null) => MemberNames(Bodies[^1], listItem);

    /// <summary>
    /// The names of the members of a JSON body (of its first <paramref name="listItem"/> entry when given), from the raw
    /// text: only the raw body can show that a hidden field is absent, where a record reads absent and null alike.
    /// </summary>
    public static IReadOnlyList<string> MemberNames(string body, string? listItem = null)
    {
        using var document = JsonDocument.Parse(body);
        var element = listItem is null ? document.RootElement : document.RootElement.GetProperty(listItem)[0];
        return [.. element.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>An anonymous object's properties as a request body a test can add to or take from.</summary>
    public static Dictionary<string, object?> Body(object fields) =>
        fields.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(fields));
}

public static class PortalLists
{
    public static IEnumerable<Guid> Ids(this IEnumerable<PortalListItem> items) => items.Select(i => i.Id);
}
