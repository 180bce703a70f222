using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;

namespace Ticketing.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The MSP's side of a walk, through the HTTP API as a real MSP would: the administrator creates a technician, who
/// creates customers, contacts (whose welcome mail carries their credentials) and tickets, replies and bills.
/// </summary>
public sealed partial class BackOffice(PortalHost host)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpClient? _technician;

    /// <summary>A contact's credentials and the portal's address as the welcome mail told them.</summary>
    public sealed record Credentials(Guid ContactId, string Email, string Username, string Password, string PortalLink);

    public async Task<Guid> CustomerAsync(string name, bool ticketing = true, bool knowledgeBase = true)
    {
        var created = await PostAsync<IdBody>(await TechnicianAsync(), "/api/customers", new
        {
            name = $"{name} {Guid.NewGuid().ToString("N")[..8]}", emailDomains = Array.Empty<string>(), timeZone = "Europe/Paris",
            ticketingPortalEnabled = ticketing, knowledgeBaseEnabled = knowledgeBase,
        });
        return created.Id;
    }

    /// <summary>Creates a contact and reads the username and password from the welcome mail the portal sent.</summary>
    public async Task<Credentials> ContactAsync(Guid customerId, string firstName, string lastName, bool primary = false, string language = "en")
    {
        var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@customer.example";
        var created = await PostAsync<ContactCreated>(await TechnicianAsync(), $"/api/customers/{customerId}/contacts", new
        {
            firstName, lastName, email, language, timeZone = "Europe/Paris", isPrimary = primary,
        });
        var text = await MailAsync(email, PasswordLine());
        return new Credentials(
            created.Contact.Id, email, UsernameLine().Match(text).Groups[1].Value.Trim(), PasswordLine().Match(text).Groups[1].Value.Trim(),
            PortalLine().Match(text).Groups[1].Value.Trim());
    }

    public async Task<Guid> TicketAsync(Guid customerId, Guid? contactId, string title, object? fields = null)
    {
        var body = JsonSerializer.SerializeToNode(fields ?? new { }, Json)!.AsObject();
        body["title"] = title;
        body["customerId"] = customerId;
        body["contactId"] = contactId;
        return (await PostAsync<IdBody>(await TechnicianAsync(), "/api/tickets", body)).Id;
    }

    public async Task PublicReplyAsync(Guid ticketId, string text) =>
        await PostAsync<JsonElement>(await TechnicianAsync(), $"/api/tickets/{ticketId}/replies", new { body = text, visibility = "Public" }, HttpStatusCode.OK);

    public async Task InternalNoteAsync(Guid ticketId, string text) =>
        await PostAsync<JsonElement>(await TechnicianAsync(), $"/api/tickets/{ticketId}/replies", new { body = text, visibility = "Internal" }, HttpStatusCode.OK);

    /// <summary>A Taskfire user (T10) of <paramref name="customerId"/>, created by the administrator, with the generated credentials.</summary>
    public async Task<StaffCredentials> TaskfireUserAsync(Guid customerId, string firstName, string lastName)
    {
        var admin = await SignInAsync(PortalHost.AdminEmail, PortalHost.AdminPassword);
        var created = await PostAsync<StaffCreated>(admin, "/api/admin/users", new
        {
            role = "taskfire", email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@customer.example", firstName, lastName, customerId,
            timeZone = "Europe/Paris",
        });
        return new StaffCredentials(created.User!.Id, created.Username, created.Password);
    }

    /// <summary>A technician's own credentials, for showing that staff other than Taskfire users cannot sign in to the portal.</summary>
    public async Task<StaffCredentials> TechnicianCredentialsAsync()
    {
        var admin = await SignInAsync(PortalHost.AdminEmail, PortalHost.AdminPassword);
        var created = await PostAsync<StaffCreated>(admin, "/api/admin/users", new
        {
            role = "technician", email = $"tech-{Guid.NewGuid():N}@msp.example", firstName = "Toni", lastName = "Tech",
        });
        return new StaffCredentials(created.User!.Id, created.Username, created.Password);
    }

    /// <summary>Hands the MSP's ticket to the customer's IT (T10): the Taskfire copy is made with <paramref name="resourceId"/> as its resource.</summary>
    public async Task HandToTaskfireAsync(Guid ticketId, Guid resourceId, string note) =>
        await PostAsync<JsonElement>(await TechnicianAsync(), $"/api/tickets/{ticketId}/taskfire", new { queue = "Customer IT", resourceId, note }, HttpStatusCode.OK);

    public async Task BillAsync(Guid ticketId) =>
        await PostAsync<JsonElement>(await TechnicianAsync(), $"/api/tickets/{ticketId}/bill", new { }, HttpStatusCode.OK);

    /// <summary>A published article for every customer, in a new category and section.</summary>
    public async Task<Guid> ArticleAsync(string category, string section, string title, string markdown)
    {
        var technician = await TechnicianAsync();
        var categoryId = (await PostAsync<IdBody>(technician, "/api/kb/categories", new
        {
            name = category, description = $"{category} articles", visibleToAll = true, customerIds = Array.Empty<Guid>(),
        })).Id;
        var sectionId = (await PostAsync<IdBody>(technician, "/api/kb/sections", new { categoryId, name = section })).Id;
        return (await PostAsync<IdBody>(technician, "/api/kb/articles", new
        {
            sectionId, title, bodyMarkdown = markdown, keywords = Array.Empty<string>(), language = "en", published = true, visibleToAll = true,
            customerIds = Array.Empty<Guid>(),
        })).Id;
    }

    /// <summary>
    /// Runs <paramref name="during"/> with one member of the admin's portal settings section set to <paramref name="value"/>,
    /// then puts the section back as it was.
    /// </summary>
    public Task WithPortalSettingAsync(string member, JsonNode? value, Func<Task> during) =>
        WithPortalSettingsAsync(new Dictionary<string, JsonNode?> { [member] = value }, during);

    /// <summary>Runs <paramref name="during"/> with several members of the portal settings section set at once, then puts the section back.</summary>
    public async Task WithPortalSettingsAsync(IReadOnlyDictionary<string, JsonNode?> members, Func<Task> during)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(during);
        var admin = await SignInAsync(PortalHost.AdminEmail, PortalHost.AdminPassword);
        var (original, etag) = await PortalSectionAsync(admin);
        var changed = original.DeepClone().AsObject();
        foreach (var (member, value) in members)
        {
            changed[member] = value?.DeepClone();
        }

        etag = await PutPortalSectionAsync(admin, changed, etag);
        try
        {
            await during();
        }
        finally
        {
            await PutPortalSectionAsync(admin, original, etag);
        }
    }

    private static async Task<(JsonObject Section, string ETag)> PortalSectionAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/admin/settings/portal");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), response.Headers.ETag!.ToString());
    }

    private static async Task<string> PutPortalSectionAsync(HttpClient admin, JsonObject section, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/settings/portal") { Content = JsonContent.Create(section) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await admin.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    /// <summary>A device of <paramref name="customerId"/> registered by the technician and assigned to <paramref name="contactId"/> (P13).</summary>
    public async Task<Guid> DeviceAsync(Guid customerId, Guid contactId, string name, string os = "Windows") =>
        (await PostAsync<IdBody>(await TechnicianAsync(), "/api/devices", new { customerId, name, os, contactId })).Id;

    /// <summary>The six-digit code of the newest SMS to <paramref name="phone"/> in the SMS pickup folder (file names are version-7 ids: newest last).</summary>
    public async Task<string> SmsCodeAsync(string phone)
    {
        var folder = Path.Combine(host.DataFolder, "sms-pickup");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var latest = (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.sms") : []).Order(StringComparer.Ordinal)
                .Select(File.ReadAllText).LastOrDefault(text => text.StartsWith($"To: {phone}\n", StringComparison.Ordinal));
            if (latest is not null)
            {
                return SmsCode().Match(latest).Value;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"No SMS reached {phone} within 30 s.");
    }

    /// <summary>The code of the newest password-reset mail to <paramref name="email"/>.</summary>
    public async Task<string> ResetCodeAsync(string email) => ResetCodeLine().Match(await MailAsync(email, ResetCodeLine())).Value;

    private async Task<HttpClient> TechnicianAsync()
    {
        if (_technician is not null)
        {
            return _technician;
        }

        var admin = await SignInAsync(PortalHost.AdminEmail, PortalHost.AdminPassword);
        var technician = await PostAsync<StaffCreated>(admin, "/api/admin/users", new
        {
            role = "technician", email = $"tech-{Guid.NewGuid():N}@msp.example", firstName = "Terry", lastName = "Tech",
        });
        return _technician = await SignInAsync(technician.Username, technician.Password);
    }

    private async Task<HttpClient> SignInAsync(string login, string password)
    {
        var client = host.CreateApiClient();
        var tokens = await PostAsync<Tokens>(client, "/api/auth/login", new { login, password }, HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    private static async Task<T> PostAsync<T>(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync(url, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"POST {url}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    /// <summary>The text of the newest mail to <paramref name="email"/> that <paramref name="marker"/> matches, waiting for it.</summary>
    private async Task<string> MailAsync(string email, Regex marker)
    {
        var folder = Path.Combine(host.DataFolder, "mail-pickup");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : []).OrderByDescending(File.GetLastWriteTimeUtc))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email) && message.TextBody is { } text && marker.IsMatch(text))
                {
                    return text;
                }
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"No mail matching '{marker}' reached {email} within 30 s.");
    }

    [GeneratedRegex(@"\b\d{8}\b")]
    private static partial Regex ResetCodeLine();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SmsCode();

    // The welcome mail's lines in the contact's language (English and French are the ones the walks use).
    [GeneratedRegex(@"(?:Username|Nom d'utilisateur) ?: (.+)")]
    private static partial Regex UsernameLine();

    [GeneratedRegex(@"(?:Password|Mot de passe) ?: (.+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"(?:Portal|Portail) ?: (.*)")]
    private static partial Regex PortalLine();

    private sealed record IdBody(Guid Id);

    private sealed record ContactCreated(IdBody Contact);

    private sealed record StaffCreated(string Username, string Password, IdBody? User = null);

    /// <summary>A staff-created user's id and generated credentials.</summary>
    public sealed record StaffCredentials(Guid UserId, string Username, string Password);

    private sealed record Tokens(string AccessToken);
}
