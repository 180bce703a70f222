using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>The few API calls the load needs, through HTTP like any client (one pooled <see cref="HttpClient"/>).</summary>
public sealed class ApiClient(Uri baseAddress) : IDisposable
{
    private const string ReplyBody =
        "Thanks for the report. I have restarted the print spooler on the terminal server and cleared the stuck jobs; please try again.";

    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Signs in as the configured admin, creates a technician and signs in as that technician.</summary>
    public async Task SignInAsTechnicianAsync()
    {
        await SignInAsync(ApiProcess.AdminEmail, ApiProcess.AdminPassword);
        var created = await PostAsync("/api/admin/users", new
        {
            role = "technician", email = $"tech-{Guid.NewGuid():N}@msp.example", firstName = "Bench", lastName = "Technician",
        });
        await SignInAsync(created.GetProperty("username").GetString()!, created.GetProperty("password").GetString()!);
    }

    public async Task<Guid> CreateCustomerAsync(int i, bool knowledgeBase = false)
    {
        var customer = await PostAsync("/api/customers", new
        {
            name = $"Bench customer {i} {Guid.NewGuid():N}", emailDomains = Array.Empty<string>(), timeZone = "Europe/Berlin",
            ticketingPortalEnabled = true, knowledgeBaseEnabled = knowledgeBase,
        });
        return customer.GetProperty("id").GetGuid();
    }

    /// <summary><paramref name="count"/> customers, one after another.</summary>
    public async Task<Guid[]> CreateCustomersAsync(int count)
    {
        var customers = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            customers[i] = await CreateCustomerAsync(i);
        }

        return customers;
    }

    /// <summary>
    /// <paramref name="count"/> tickets from <paramref name="clients"/> concurrent clients, spread over
    /// <paramref name="customers"/>: the load's figures and the ids of the tickets created (failed requests leave none).
    /// </summary>
    public async Task<(LoadFigures Figures, Guid[] Tickets)> CreateTicketsAsync(IReadOnlyList<Guid> customers, int clients, int count)
    {
        var created = new Guid[count];
        long next = 0;
        var figures = await LoadRunner.RunCountAsync(clients, count, async (_, n) =>
            created[Interlocked.Increment(ref next) - 1] = await CreateTicketAsync(customers[(int)(n % customers.Count)], n));
        return (figures, created.Where(t => t != Guid.Empty).ToArray());
    }

    /// <summary>A contact of <paramref name="customerId"/> (English, with an address), who gets the ticket mails.</summary>
    public async Task<Guid> CreateContactAsync(Guid customerId)
    {
        var created = await PostAsync($"/api/customers/{customerId}/contacts", new
        {
            firstName = "Bench", lastName = "Contact", email = $"contact-{Guid.NewGuid():N}@customer.example", language = "en", isPrimary = true,
        });
        return created.GetProperty("contact").GetProperty("id").GetGuid();
    }

    /// <summary>A contact of <paramref name="customerId"/> with its generated credentials (as the welcome mail gives them).</summary>
    public async Task<(Guid Id, string Username, string Password)> CreatePortalContactAsync(Guid customerId, int i, bool primary)
    {
        var created = await PostAsync($"/api/customers/{customerId}/contacts", new
        {
            firstName = "Bench", lastName = $"Contact {i}", email = $"contact-{i}-{Guid.NewGuid():N}@customer.example", language = "en",
            isPrimary = primary,
        });
        var credentials = created.GetProperty("credentials");
        return (created.GetProperty("contact").GetProperty("id").GetGuid(),
            credentials.GetProperty("username").GetString()!, credentials.GetProperty("password").GetString()!);
    }

    public async Task<Guid> CreateTicketAsync(Guid customerId, long n, Guid? contactId = null)
    {
        var ticket = await PostAsync("/api/tickets", new
        {
            title = $"Printer {n} prints blank pages", description = "Since this morning the printer on floor 2 prints blank pages.",
            customerId, contactId, priority = "P3", queue = "Support",
        });
        return ticket.GetProperty("id").GetGuid();
    }

    /// <summary>A public reply by the signed-in technician (<paramref name="body"/> defaults to a typical one).</summary>
    public async Task PostReplyAsync(Guid ticketId, string? body = null, string route = "replies")
    {
        using var response = await http.PostAsJsonAsync(new Uri($"/api/tickets/{ticketId}/{route}", UriKind.Relative), new { body = body ?? ReplyBody, visibility = "Public" });
        await EnsureAsync(response);
    }

    private async Task SignInAsync(string login, string password)
    {
        var token = await PostAsync("/api/auth/login", new { login, password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => http.Dispose();
}
