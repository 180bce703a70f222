using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>A contact of the customer, signed in to the portal.</summary>
public sealed record PortalContact(Guid Id, string Email, string Token);

/// <summary>
/// The state the fault tests work on, built through HTTP like a real MSP: the configured administrator creates a
/// technician, who creates a customer with portal access and its contacts; everyone signs in. Tokens are
/// database-backed, so they stay valid on every node and across restarts.
/// </summary>
public sealed record Msp(string TechnicianToken, Guid TechnicianId, string TechnicianEmail, Guid CustomerId, IReadOnlyList<PortalContact> Contacts)
{
    public static async Task<Msp> SeedAsync(ApiNode node, int contacts)
    {
        using var anonymous = node.Client();
        using var admin = node.Client(await TokenAsync(anonymous, ApiNode.AdminEmail, ApiNode.AdminPassword));
        var technicianEmail = $"tech-{Guid.NewGuid():N}@msp.example";
        var technician = await PostAsync(admin, "/api/admin/users", new { role = "technician", email = technicianEmail, firstName = "Terry", lastName = "Tech" });
        var technicianToken = await TokenAsync(anonymous, technician.GetProperty("username").GetString()!, technician.GetProperty("password").GetString()!);
        using var staff = node.Client(technicianToken);
        var technicianId = (await GetAsync(staff, "/api/me")).GetProperty("id").GetGuid();
        var customer = await PostAsync(staff, "/api/customers", new
        {
            name = $"Customer {Guid.NewGuid():N}", emailDomains = Array.Empty<string>(), timeZone = "Europe/Zurich",
            ticketingPortalEnabled = true, knowledgeBaseEnabled = false,
        });
        var customerId = customer.GetProperty("id").GetGuid();
        var portalContacts = new List<PortalContact>();
        for (var i = 0; i < contacts; i++)
        {
            var email = $"contact{i}-{Guid.NewGuid():N}@customer.example";
            var created = await PostAsync(staff, $"/api/customers/{customerId}/contacts", new
            {
                firstName = "Casey", lastName = $"Contact{i}", email, language = "en", timeZone = "Europe/Zurich", isPrimary = false,
            });
            var credentials = created.GetProperty("credentials");
            portalContacts.Add(new PortalContact(
                created.GetProperty("contact").GetProperty("id").GetGuid(), email,
                await TokenAsync(anonymous, credentials.GetProperty("username").GetString()!, credentials.GetProperty("password").GetString()!)));
        }

        return new Msp(technicianToken, technicianId, technicianEmail, customerId, portalContacts);
    }

    private static async Task<string> TokenAsync(HttpClient client, string login, string password) =>
        (await PostAsync(client, "/api/auth/login", new { login, password }, HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"POST {path}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
