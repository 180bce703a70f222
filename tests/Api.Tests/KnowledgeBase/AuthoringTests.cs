using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.KnowledgeBase;

public sealed class AuthoringTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Creating_the_tree_returns_it_and_records_who_changed_what_in_the_audit_log()
    {
        var admin = await api.SignInAdminAsync();
        var category = await admin.CreateCategoryAsync("Printing");
        var section = await admin.CreateSectionAsync(category, "Office printers");

        var article = await admin.PostAsync<ArticleBody>("/api/kb/articles", KnowledgeBaseHttp.NewArticle(
            section, "Reset the printer", "Hold **Stop** for 5 seconds.", "en", keywords: ["printer", " toner ", "PRINTER"]));

        article.CategoryId.ShouldBe(category);
        article.BodyHtml.ShouldContain("<strong>Stop</strong>");
        article.Keywords.ShouldBe(["printer", "toner"]);
        article.CreatedAt.ShouldBe(article.UpdatedAt);
        var tree = await admin.GetAsync<IReadOnlyList<CategoryNodeBody>>("/api/kb/categories");
        tree.Single(c => c.Category.Id == category).Sections[0].Articles.ShouldBe(1);
        var adminId = (await admin.GetAsync<ProfileBody>("/api/me")).Id;
        // Who changed what is recorded in the audit log, which no knowledge-base endpoint shows.
        (await api.ScalarAsync<long>(
            "select count(*) from audit_log where actor_id = $1 and entity_id in ($2, $3, $4) and action like 'kb\\_%.created'",
            adminId, category, section, article.Id)).ShouldBe(3);
    }

    [Fact]
    public async Task An_update_makes_a_new_version_with_a_new_modified_instant_and_a_stale_if_match_is_412()
    {
        var admin = await api.SignInAdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Email"), "Outlook");
        var id = await admin.CreateArticleAsync(section, "Outlook profile", "Old text");

        var updated = await admin.ReadAsync<ArticleBody>(s =>
        {
            s.Put.Json(KnowledgeBaseHttp.NewArticle(section, "Outlook profile", "New text")).ToUrl($"/api/kb/articles/{id}");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        await admin.ProblemAsync(
            s =>
            {
                s.Put.Json(KnowledgeBaseHttp.NewArticle(section, "Lost update", "x")).ToUrl($"/api/kb/articles/{id}");
                s.WithRequestHeader("If-Match", "\"1\"");
            },
            HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");

        updated.Version.ShouldBe(2);
        updated.UpdatedAt.ShouldBeGreaterThan(updated.CreatedAt);
        (await admin.GetAsync<ArticleBody>($"/api/kb/articles/{id}")).Title.ShouldBe("Outlook profile", "the stale update changed nothing");
        // The audit log is only visible in the database.
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'kb_article.updated'", id)).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_article_input_is_400_naming_the_fields_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Bad input"), "Bad input");
        var auditBefore = await api.ScalarAsync<long>("select count(*) from audit_log");

        var fields = await admin.InvalidFieldsAsync(s => s.Post.Json(new
        {
            sectionId = section,
            title = "  ",
            bodyMarkdown = "x",
            keywords = Enumerable.Range(0, 31).Select(i => $"k{i}").ToArray(),
            language = "klingon",
            published = true,
            visibleToAll = true,
            customerIds = new[] { Guid.NewGuid() },
        }).ToUrl("/api/kb/articles"));

        fields.ShouldBe(["title", "keywords", "language", "customerIds"], ignoreOrder: true);
        (await ArticlesInAsync(admin, section)).ShouldBeEmpty();
        (await api.ScalarAsync<long>("select count(*) from audit_log")).ShouldBe(auditBefore, "no audit row either (only the database shows the log)");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var admin = await api.SignInAdminAsync();

        await admin.Scenario(s =>
        {
            s.Post.Text("{\"name\": 5,").ToUrl("/api/kb/categories").ContentType("application/json");
            s.ShouldReturnProblemDetails(400);
        });
    }

    [Fact]
    public async Task An_unknown_customer_or_section_is_422_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Refs"), "Refs");
        var lost = $"Lost {Guid.NewGuid():N}";

        await admin.ProblemAsync(
            s => s.Post.Json(KnowledgeBaseHttp.NewArticle(section, "Private", "x", onlyFor: [Guid.NewGuid()])).ToUrl("/api/kb/articles"),
            HttpStatusCode.UnprocessableEntity, "knowledge_base.unknown_customer");
        await admin.ProblemAsync(
            s => s.Post.Json(KnowledgeBaseHttp.NewArticle(Guid.NewGuid(), lost, "x")).ToUrl("/api/kb/articles"),
            HttpStatusCode.UnprocessableEntity, "knowledge_base.unknown_section");

        (await ArticlesInAsync(admin, section)).ShouldBeEmpty();
        (await admin.GetAsync<PageBody<SearchHitBody>>($"/api/kb/search?q={lost}")).Items.ShouldBeEmpty("staff search finds every article, drafts too");
    }

    [Fact]
    public async Task A_category_with_sections_cannot_be_deleted_and_an_empty_one_can()
    {
        var admin = await api.SignInAdminAsync();
        var full = await admin.CreateCategoryAsync("Full");
        await admin.CreateSectionAsync(full, "Something");
        var empty = await admin.CreateCategoryAsync("Empty");

        await admin.ProblemAsync(s => s.Delete.Url($"/api/kb/categories/{full}"), HttpStatusCode.Conflict, "knowledge_base.category_not_empty");
        await admin.Scenario(s =>
        {
            s.Delete.Url($"/api/kb/categories/{empty}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        await admin.ProblemAsync(s => s.Get.Url($"/api/kb/categories/{empty}"), HttpStatusCode.NotFound, "knowledge_base.category_not_found");
    }

    [Fact]
    public async Task Contacts_and_anonymous_callers_cannot_author()
    {
        var admin = await api.SignInAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);

        await contact.ProblemAsync(s => s.Get.Url("/api/kb/categories"), HttpStatusCode.Forbidden, "http.403");
        await contact.ProblemAsync(s => s.Post.Json(new { name = "x", visibleToAll = true }).ToUrl("/api/kb/categories"), HttpStatusCode.Forbidden, "http.403");
        await api.Anonymous().ProblemAsync(s => s.Get.Url("/api/kb/search?q=x"), HttpStatusCode.Unauthorized, "http.401");
    }

    [Fact]
    public async Task Files_are_attached_listed_downloaded_and_removed()
    {
        var admin = await api.SignInAdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Files"), "Files");
        var id = await admin.CreateArticleAsync(section, "Driver", "See the attached file.");

        var added = await admin.AttachFileAsync(id, "../notes.txt", "text/plain", "driver notes"u8.ToArray());
        var article = await admin.GetAsync<ArticleBody>($"/api/kb/articles/{id}");
        var download = await admin.Scenario(s => s.Get.Url($"/api/kb/articles/{id}/files/{added.Id}"));

        added.FileName.ShouldBe("notes.txt");
        article.Files.ShouldHaveSingleItem().Id.ShouldBe(added.Id);
        article.Version.ShouldBe(2);
        download.ReadAsText().ShouldBe("driver notes");
        ContentDispositionHeaderValue.Parse(download.Context.Response.Headers.ContentDisposition.ToString()).FileNameStar.ShouldBe("notes.txt");
        await admin.Scenario(s =>
        {
            s.Delete.Url($"/api/kb/articles/{id}/files/{added.Id}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        await admin.ProblemAsync(s => s.Get.Url($"/api/kb/articles/{id}/files/{added.Id}"), HttpStatusCode.NotFound, "knowledge_base.file_not_found");
    }

    [Fact]
    public async Task A_file_whose_content_does_not_match_its_type_is_400_and_not_recorded()
    {
        var admin = await api.SignInAdminAsync();
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Sniff"), "Sniff");
        var id = await admin.CreateArticleAsync(section, "Image", "x");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("<script>alert(1)</script>"));
        file.Headers.ContentType = new("image/png");
        form.Add(file, "files", "fake.png");

        var fields = await admin.InvalidFieldsAsync(s => s.Post.MultipartFormData(form).ToUrl($"/api/kb/articles/{id}/files"));

        fields.ShouldContain("files[0]");
        var article = await admin.GetAsync<ArticleBody>($"/api/kb/articles/{id}");
        article.Files.ShouldBeEmpty();
        article.Version.ShouldBe(1);
    }

    private static async Task<IReadOnlyList<ArticleListItemBody>> ArticlesInAsync(ApiUser staff, Guid section) =>
        (await staff.GetAsync<PageBody<ArticleListItemBody>>($"/api/kb/sections/{section}/articles?limit=50")).Items;
}
