using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>Knowledge-base steps through HTTP, so tests build their state the way clients do.</summary>
public static class KnowledgeBaseHttp
{
    public static async Task<JsonElement> CreatedAsync(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> request) => await (await request).OkAsync();

    public static async Task<JsonElement> OkAsync(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<Guid> CreateCategoryAsync(this HttpClient staff, string name, params Guid[] onlyFor) =>
        (await staff.PostAsJsonAsync(Url("/api/kb/categories"), new
        {
            name,
            description = $"{name} articles",
            visibleToAll = onlyFor.Length == 0,
            customerIds = onlyFor,
        }).CreatedAsync()).GetProperty("id").GetGuid();

    public static async Task<Guid> CreateSectionAsync(this HttpClient staff, Guid categoryId, string name) =>
        (await staff.PostAsJsonAsync(Url("/api/kb/sections"), new { categoryId, name }).CreatedAsync()).GetProperty("id").GetGuid();

    public static async Task<Guid> CreateArticleAsync(
        this HttpClient staff, Guid sectionId, string title, string body, string language = "en", bool published = true,
        string[]? keywords = null, Guid[]? onlyFor = null) =>
        (await staff.PostAsJsonAsync(Url("/api/kb/articles"), ArticleBody(sectionId, title, body, language, published, keywords, onlyFor))
            .CreatedAsync()).GetProperty("id").GetGuid();

    public static object ArticleBody(
        Guid sectionId, string title, string body, string language = "en", bool published = true, string[]? keywords = null, Guid[]? onlyFor = null) => new
        {
            sectionId,
            title,
            bodyMarkdown = body,
            keywords = keywords ?? [],
            language,
            published,
            visibleToAll = onlyFor is null,
            customerIds = onlyFor ?? [],
        };

    /// <summary>A customer whose knowledge-base section is on or off, and a signed-in contact of it.</summary>
    public static async Task<(Guid Customer, HttpClient Contact, Guid ContactId)> CustomerWithContactAsync(
        this IdentityApiFactory api, HttpClient staff, bool knowledgeBaseEnabled = true)
    {
        var customer = (await staff.PostAsJsonAsync(Url("/api/customers"), new
        {
            name = $"Customer {Guid.NewGuid():N}",
            emailDomains = Array.Empty<string>(),
            timeZone = "Europe/Zurich",
            ticketingPortalEnabled = true,
            knowledgeBaseEnabled,
        }).CreatedAsync()).GetProperty("id").GetGuid();
        var contact = await staff.CreateContactAsync(customer);
        return (customer, api.WithToken(await api.TokenAsync(contact.Username, contact.Password)), contact.Id);
    }

    public static async Task<long> CountAsync(this IdentityApiFactory api, string sql, params object[] parameters) =>
        await api.ScalarAsync<long>(sql, parameters);
}
