using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.KnowledgeBase;

public sealed class AuthoringTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Creating_the_tree_returns_it_and_records_who_changed_what_in_the_audit_log()
    {
        var admin = await api.AdminAsync();
        var category = await admin.CreateCategoryAsync("Printing");
        var section = await admin.CreateSectionAsync(category, "Office printers");

        var article = await admin.PostAsJsonAsync(Url("/api/kb/articles"), KnowledgeBaseHttp.ArticleBody(
            section, "Reset the printer", "Hold **Stop** for 5 seconds.", "en", keywords: ["printer", " toner ", "PRINTER"])).CreatedAsync();

        article.GetProperty("categoryId").GetGuid().ShouldBe(category);
        article.GetProperty("bodyHtml").GetString()!.ShouldContain("<strong>Stop</strong>");
        article.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()).ShouldBe(["printer", "toner"]);
        article.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(article.GetProperty("updatedAt").GetDateTimeOffset());
        var tree = await admin.GetAsync(Url("/api/kb/categories")).OkAsync();
        var node = tree.EnumerateArray().Single(c => c.GetProperty("category").GetProperty("id").GetGuid() == category);
        node.GetProperty("sections")[0].GetProperty("articles").GetInt32().ShouldBe(1);
        var adminId = await api.ScalarAsync<Guid>("select id from users where role = 'admin'");
        (await api.CountAsync(
            "select count(*) from audit_log where actor_id = $1 and entity_id in ($2, $3, $4) and action like 'kb\\_%.created'",
            adminId, category, section, article.GetProperty("id").GetGuid())).ShouldBe(3);
    }

    [Fact]
    public async Task An_update_makes_a_new_version_with_a_new_modified_instant_and_a_stale_if_match_is_412()
    {
        var admin = await api.AdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Email"), "Outlook");
        var id = await admin.CreateArticleAsync(section, "Outlook profile", "Old text");

        var put = await admin.PutAsJsonAsync(Url($"/api/kb/articles/{id}"), KnowledgeBaseHttp.ArticleBody(section, "Outlook profile", "New text"));
        var updated = await put.OkAsync();
        var stale = new HttpRequestMessage(HttpMethod.Put, Url($"/api/kb/articles/{id}"))
        {
            Content = JsonContent.Create(KnowledgeBaseHttp.ArticleBody(section, "Lost update", "x")),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var conflict = await admin.SendAsync(stale);

        updated.GetProperty("version").GetInt32().ShouldBe(2);
        put.Headers.ETag!.Tag.ShouldBe("\"2\"");
        updated.GetProperty("updatedAt").GetDateTimeOffset().ShouldBeGreaterThan(updated.GetProperty("createdAt").GetDateTimeOffset());
        await conflict.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        (await api.CountAsync("select count(*) from audit_log where entity_id = $1 and action = 'kb_article.updated'", id)).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_article_input_is_400_naming_the_fields_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Bad input"), "Bad input");
        var before = await api.CountAsync("select count(*) from kb_articles");
        var auditBefore = await api.CountAsync("select count(*) from audit_log");

        var response = await admin.PostAsJsonAsync(Url("/api/kb/articles"), new
        {
            sectionId = section,
            title = "  ",
            bodyMarkdown = "x",
            keywords = Enumerable.Range(0, 31).Select(i => $"k{i}").ToArray(),
            language = "klingon",
            published = true,
            visibleToAll = true,
            customerIds = new[] { Guid.NewGuid() },
        });

        var errors = await response.ValidationErrorsAsync();
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["title", "keywords", "language", "customerIds"], ignoreOrder: true);
        (await api.CountAsync("select count(*) from kb_articles")).ShouldBe(before);
        (await api.CountAsync("select count(*) from audit_log")).ShouldBe(auditBefore);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var admin = await api.AdminAsync();

        var response = await admin.PostAsync(Url("/api/kb/categories"), new StringContent("{\"name\": 5,", null, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_customer_or_section_is_422_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Refs"), "Refs");
        var before = await api.CountAsync("select count(*) from kb_articles");

        var unknownCustomer = await admin.PostAsJsonAsync(Url("/api/kb/articles"),
            KnowledgeBaseHttp.ArticleBody(section, "Private", "x", onlyFor: [Guid.NewGuid()]));
        var unknownSection = await admin.PostAsJsonAsync(Url("/api/kb/articles"), KnowledgeBaseHttp.ArticleBody(Guid.NewGuid(), "Lost", "x"));

        await unknownCustomer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "knowledge_base.unknown_customer");
        await unknownSection.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "knowledge_base.unknown_section");
        (await api.CountAsync("select count(*) from kb_articles")).ShouldBe(before);
    }

    [Fact]
    public async Task A_category_with_sections_cannot_be_deleted_and_an_empty_one_can()
    {
        var admin = await api.AdminAsync();
        var full = await admin.CreateCategoryAsync("Full");
        await admin.CreateSectionAsync(full, "Something");
        var empty = await admin.CreateCategoryAsync("Empty");

        await (await admin.DeleteAsync(Url($"/api/kb/categories/{full}"))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "knowledge_base.category_not_empty");
        (await admin.DeleteAsync(Url($"/api/kb/categories/{empty}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.GetAsync(Url($"/api/kb/categories/{empty}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base.category_not_found");
    }

    [Fact]
    public async Task Contacts_and_anonymous_callers_cannot_author()
    {
        var admin = await api.AdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);

        await (await contact.GetAsync(Url("/api/kb/categories"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        await (await contact.PostAsJsonAsync(Url("/api/kb/categories"), new { name = "x", visibleToAll = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        await (await api.CreateClient().GetAsync(Url("/api/kb/search?q=x"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "http.401");
    }

    [Fact]
    public async Task Files_are_attached_listed_downloaded_and_removed()
    {
        var admin = await api.AdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Files"), "Files");
        var id = await admin.CreateArticleAsync(section, "Driver", "See the attached file.");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("driver notes"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", "../notes.txt");

        var added = await admin.PostAsync(Url($"/api/kb/articles/{id}/files"), form).CreatedAsync();
        var fileId = added[0].GetProperty("id").GetGuid();
        var article = await admin.GetAsync(Url($"/api/kb/articles/{id}")).OkAsync();
        var download = await admin.GetAsync(Url($"/api/kb/articles/{id}/files/{fileId}"));

        added[0].GetProperty("fileName").GetString().ShouldBe("notes.txt");
        article.GetProperty("files").GetArrayLength().ShouldBe(1);
        article.GetProperty("version").GetInt32().ShouldBe(2);
        (await download.Content.ReadAsStringAsync()).ShouldBe("driver notes");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("notes.txt");
        (await admin.DeleteAsync(Url($"/api/kb/articles/{id}/files/{fileId}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.GetAsync(Url($"/api/kb/articles/{id}/files/{fileId}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base.file_not_found");
    }

    [Fact]
    public async Task A_file_whose_content_does_not_match_its_type_is_400_and_not_recorded()
    {
        var admin = await api.AdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Sniff"), "Sniff");
        var id = await admin.CreateArticleAsync(section, "Image", "x");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("<script>alert(1)</script>"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "files", "fake.png");

        var response = await admin.PostAsync(Url($"/api/kb/articles/{id}/files"), form);

        (await response.ValidationErrorsAsync()).TryGetProperty("files[0]", out _).ShouldBeTrue();
        (await api.CountAsync("select count(*) from kb_article_files where article_id = $1", id)).ShouldBe(0);
    }
}
