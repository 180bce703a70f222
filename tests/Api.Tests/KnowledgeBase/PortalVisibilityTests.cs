using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>
/// Two customers with the knowledge base on and one with it off, over one tree: a category for everyone with an
/// article for everyone, one for customer B only and a draft; a category for customer A only; and a category
/// holding only a draft. Built once for the class.
/// </summary>
public sealed class PortalVisibilityFixture : IdentityApiFactory
{
    public HttpClient ContactA { get; private set; } = null!;
    public HttpClient ContactB { get; private set; } = null!;
    public HttpClient ContactOff { get; private set; } = null!;
    public Guid Shared { get; private set; }
    public Guid OnlyForB { get; private set; }
    public Guid Draft { get; private set; }
    public Guid OnlyForA { get; private set; }
    public Guid SharedSection { get; private set; }
    public Guid FileOfB { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = await this.AdminAsync();
        (var customerA, ContactA, _) = await this.CustomerWithContactAsync(admin);
        (var customerB, ContactB, _) = await this.CustomerWithContactAsync(admin);
        (_, ContactOff, _) = await this.CustomerWithContactAsync(admin, knowledgeBaseEnabled: false);

        SharedSection = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Everyone"), "Network");
        Shared = await admin.CreateArticleAsync(SharedSection, "VPN set-up", "Install the VPN client.");
        OnlyForB = await admin.CreateArticleAsync(SharedSection, "VPN for B", "Customer B VPN gateway.", onlyFor: [customerB]);
        Draft = await admin.CreateArticleAsync(SharedSection, "VPN draft", "Not finished VPN notes.", published: false);
        var sectionOfA = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("A only", customerA), "A servers");
        OnlyForA = await admin.CreateArticleAsync(sectionOfA, "A file server", "The A VPN file server.");
        var draftsOnly = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Nobody yet"), "Empty for now");
        await admin.CreateArticleAsync(draftsOnly, "Draft only", "x", published: false);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("gateway: 10.0.0.1"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", "gateway.txt");
        FileOfB = (await admin.PostAsync(Url($"/api/kb/articles/{OnlyForB}/files"), form).CreatedAsync())[0].GetProperty("id").GetGuid();
    }
}

public sealed class PortalVisibilityTests(PortalVisibilityFixture world) : IClassFixture<PortalVisibilityFixture>
{
    private readonly HttpClient _contactA = world.ContactA, _contactB = world.ContactB, _contactOff = world.ContactOff;
    private readonly Guid _shared = world.Shared, _onlyForB = world.OnlyForB, _draft = world.Draft, _onlyForA = world.OnlyForA;
    private readonly Guid _sharedSection = world.SharedSection, _fileOfB = world.FileOfB;

    [Fact]
    public async Task The_tree_shows_only_categories_and_sections_with_something_the_customer_may_read()
    {
        var treeA = await _contactA.GetAsync(Url("/api/portal/kb/categories")).OkAsync();
        var treeB = await _contactB.GetAsync(Url("/api/portal/kb/categories")).OkAsync();

        Names(treeA).ShouldBe(["A only", "Everyone"], ignoreOrder: true);
        Names(treeB).ShouldBe(["Everyone"]);
    }

    [Fact]
    public async Task A_section_lists_only_published_articles_visible_to_the_customer()
    {
        var listA = await _contactA.GetAsync(Url($"/api/portal/kb/sections/{_sharedSection}/articles")).OkAsync();
        var listB = await _contactB.GetAsync(Url($"/api/portal/kb/sections/{_sharedSection}/articles")).OkAsync();

        Ids(listA.GetProperty("items")).ShouldBe([_shared]);
        Ids(listB.GetProperty("items")).ShouldBe([_onlyForB, _shared], ignoreOrder: true);
    }

    [Fact]
    public async Task An_article_the_customer_may_not_read_is_404_like_a_missing_one()
    {
        await (await _contactA.GetAsync(Url($"/api/portal/kb/articles/{_onlyForB}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base.article_not_found");
        await (await _contactA.GetAsync(Url($"/api/portal/kb/articles/{_draft}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base.article_not_found");
        await (await _contactB.GetAsync(Url($"/api/portal/kb/articles/{_onlyForA}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base.article_not_found");
        (await _contactB.GetAsync(Url($"/api/portal/kb/articles/{_onlyForB}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_article_page_has_html_files_dates_keywords_and_ratings_but_no_source_or_visibility_lists()
    {
        var page = await _contactB.GetAsync(Url($"/api/portal/kb/articles/{_onlyForB}")).OkAsync();

        page.GetProperty("bodyHtml").GetString()!.Trim().ShouldBe("<p>Customer B VPN gateway.</p>");
        page.GetProperty("files")[0].GetProperty("fileName").GetString().ShouldBe("gateway.txt");
        page.GetProperty("categoryName").GetString().ShouldBe("Everyone");
        page.TryGetProperty("createdAt", out _).ShouldBeTrue();
        page.TryGetProperty("keywords", out _).ShouldBeTrue();
        page.GetProperty("rating").GetProperty("helpful").GetInt32().ShouldBe(0);
        page.TryGetProperty("bodyMarkdown", out _).ShouldBeFalse();
        page.TryGetProperty("customerIds", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_file_downloads_only_for_a_customer_who_may_read_its_article()
    {
        var asB = await _contactB.GetAsync(Url($"/api/portal/kb/articles/{_onlyForB}/files/{_fileOfB}"));
        var asA = await _contactA.GetAsync(Url($"/api/portal/kb/articles/{_onlyForB}/files/{_fileOfB}"));

        (await asB.Content.ReadAsStringAsync()).ShouldBe("gateway: 10.0.0.1");
        asB.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        await asA.ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base.file_not_found");
    }

    [Fact]
    public async Task Search_never_returns_what_the_customer_may_not_read()
    {
        var hitsA = await _contactA.GetAsync(Url("/api/portal/kb/search?q=vpn")).OkAsync();
        var hitsB = await _contactB.GetAsync(Url("/api/portal/kb/search?q=vpn")).OkAsync();

        Ids(hitsA.GetProperty("items")).ShouldBe([_shared, _onlyForA], ignoreOrder: true);
        Ids(hitsB.GetProperty("items")).ShouldBe([_shared, _onlyForB], ignoreOrder: true);
    }

    [Fact]
    public async Task With_the_knowledge_base_off_for_the_customer_every_portal_route_is_403()
    {
        foreach (var path in new[]
        {
            "/api/portal/kb/categories", $"/api/portal/kb/sections/{_sharedSection}/articles", $"/api/portal/kb/articles/{_shared}",
            "/api/portal/kb/search?q=vpn", $"/api/portal/kb/articles/{_onlyForB}/files/{_fileOfB}",
        })
        {
            await (await _contactOff.GetAsync(Url(path))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
        }
    }

    [Fact]
    public async Task Staff_cannot_use_the_portal_routes()
    {
        var admin = await world.AdminAsync();

        await (await admin.GetAsync(Url("/api/portal/kb/categories"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
    }

    private static string[] Names(JsonElement tree) => [.. tree.EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static Guid[] Ids(JsonElement items) => [.. items.EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
