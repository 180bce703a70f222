using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>Knowledge-base steps through HTTP, so tests build their state the way clients do.</summary>
public static class KnowledgeBaseHttp
{
    public static async Task<Guid> CreateCategoryAsync(this ApiUser staff, string name, params Guid[] onlyFor) =>
        (await staff.PostAsync<CategoryBody>("/api/kb/categories", NewCategory(name, onlyFor))).Id;

    public static async Task<Guid> CreateSectionAsync(this ApiUser staff, Guid categoryId, string name) =>
        (await staff.PostAsync<SectionBody>("/api/kb/sections", new { categoryId, name })).Id;

    public static async Task<Guid> CreateArticleAsync(
        this ApiUser staff, Guid sectionId, string title, string body, string language = "en", bool published = true,
        string[]? keywords = null, Guid[]? onlyFor = null) =>
        (await staff.PostAsync<ArticleBody>("/api/kb/articles", NewArticle(sectionId, title, body, language, published, keywords, onlyFor))).Id;

    /// <summary>Uploads one file to the article (201) and returns what the API recorded of it.</summary>
    public static async Task<ArticleFileBody> AttachFileAsync(this ApiUser staff, Guid articleId, string fileName, string contentType, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new(contentType);
        form.Add(file, "files", fileName);
        var files = await staff.ReadAsync<IReadOnlyList<ArticleFileBody>>(s =>
        {
            s.Post.MultipartFormData(form).ToUrl($"/api/kb/articles/{articleId}/files");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        return files.ShouldHaveSingleItem();
    }

    public static object NewCategory(string name, params Guid[] onlyFor) => new
    {
        name,
        description = $"{name} articles",
        visibleToAll = onlyFor.Length == 0,
        customerIds = onlyFor,
    };

    public static object NewArticle(
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
    public static async Task<(Guid Customer, ApiUser Contact, Guid ContactId)> CustomerWithContactAsync(
        this ApiFactory api, ApiUser staff, bool knowledgeBaseEnabled = true)
    {
        var customer = (await staff.PostAsync<CustomerBody>("/api/customers", NewCustomer(knowledgeBaseEnabled: knowledgeBaseEnabled))).Id;
        var contact = await staff.CreateContactAsync(customer);
        return (customer, await api.SignInAsync(contact), contact.Id);
    }
}
