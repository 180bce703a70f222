using System.Net;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>
/// Two customers with the knowledge base on and one with it off, over one tree: a category for everyone with an
/// article for everyone, one for customer B only and a draft; a category for customer A only; and a category
/// holding only a draft. Built once for the class.
/// </summary>
public sealed class PortalVisibilityFixture : IdentityApiFactory
{
    public ApiUser ContactA { get; private set; } = null!;
    public ApiUser ContactB { get; private set; } = null!;
    public ApiUser ContactOff { get; private set; } = null!;
    public Guid Shared { get; private set; }
    public Guid OnlyForB { get; private set; }
    public Guid Draft { get; private set; }
    public Guid OnlyForA { get; private set; }
    public Guid SharedSection { get; private set; }
    public Guid FileOfB { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = await this.SignInAdminAsync();
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

        FileOfB = (await admin.AttachFileAsync(OnlyForB, "gateway.txt", "text/plain", "gateway: 10.0.0.1"u8.ToArray())).Id;
    }
}

public sealed class PortalVisibilityTests(PortalVisibilityFixture world) : IClassFixture<PortalVisibilityFixture>
{
    private readonly ApiUser _contactA = world.ContactA, _contactB = world.ContactB, _contactOff = world.ContactOff;
    private readonly Guid _shared = world.Shared, _onlyForB = world.OnlyForB, _draft = world.Draft, _onlyForA = world.OnlyForA;
    private readonly Guid _sharedSection = world.SharedSection, _fileOfB = world.FileOfB;

    [Fact]
    public async Task The_tree_shows_only_categories_and_sections_with_something_the_customer_may_read()
    {
        var treeA = await _contactA.GetAsync<IReadOnlyList<PortalCategoryBody>>("/api/portal/kb/categories");
        var treeB = await _contactB.GetAsync<IReadOnlyList<PortalCategoryBody>>("/api/portal/kb/categories");

        treeA.Select(c => c.Name).ShouldBe(["A only", "Everyone"], ignoreOrder: true);
        treeB.Select(c => c.Name).ShouldBe(["Everyone"]);
    }

    [Fact]
    public async Task A_section_lists_only_published_articles_visible_to_the_customer()
    {
        var listA = await _contactA.GetAsync<PageBody<PortalArticleListItemBody>>($"/api/portal/kb/sections/{_sharedSection}/articles");
        var listB = await _contactB.GetAsync<PageBody<PortalArticleListItemBody>>($"/api/portal/kb/sections/{_sharedSection}/articles");

        listA.Items.Select(i => i.Id).ShouldBe([_shared]);
        listB.Items.Select(i => i.Id).ShouldBe([_onlyForB, _shared], ignoreOrder: true);
    }

    [Fact]
    public async Task An_article_the_customer_may_not_read_is_404_like_a_missing_one()
    {
        await _contactA.ProblemAsync(s => s.Get.Url($"/api/portal/kb/articles/{_onlyForB}"), HttpStatusCode.NotFound, "knowledge_base.article_not_found");
        await _contactA.ProblemAsync(s => s.Get.Url($"/api/portal/kb/articles/{_draft}"), HttpStatusCode.NotFound, "knowledge_base.article_not_found");
        await _contactB.ProblemAsync(s => s.Get.Url($"/api/portal/kb/articles/{_onlyForA}"), HttpStatusCode.NotFound, "knowledge_base.article_not_found");
        (await _contactB.GetAsync<PortalArticleBody>($"/api/portal/kb/articles/{_onlyForB}")).Id.ShouldBe(_onlyForB);
    }

    [Fact]
    public async Task The_article_page_has_html_files_dates_keywords_and_ratings_but_no_source_or_visibility_lists()
    {
        var result = await _contactB.Scenario(s => s.Get.Url($"/api/portal/kb/articles/{_onlyForB}"));

        var page = result.ReadAs<PortalArticleBody>();
        page.BodyHtml.Trim().ShouldBe("<p>Customer B VPN gateway.</p>");
        page.Files.ShouldHaveSingleItem().FileName.ShouldBe("gateway.txt");
        page.CategoryName.ShouldBe("Everyone");
        page.Rating.Helpful.ShouldBe(0);
        var members = JsonNode.Parse(result.ReadAsText())!.AsObject().Select(m => m.Key).ToList();
        members.ShouldContain("createdAt");
        members.ShouldContain("keywords");
        members.ShouldNotContain("bodyMarkdown");
        members.ShouldNotContain("customerIds");
    }

    [Fact]
    public async Task A_file_downloads_only_for_a_customer_who_may_read_its_article()
    {
        var asB = await _contactB.Scenario(s =>
        {
            s.Get.Url($"/api/portal/kb/articles/{_onlyForB}/files/{_fileOfB}");
            s.Header("X-Content-Type-Options").SingleValueShouldEqual("nosniff");
        });

        asB.ReadAsText().ShouldBe("gateway: 10.0.0.1");
        await _contactA.ProblemAsync(s => s.Get.Url($"/api/portal/kb/articles/{_onlyForB}/files/{_fileOfB}"), HttpStatusCode.NotFound, "knowledge_base.file_not_found");
    }

    [Fact]
    public async Task Search_never_returns_what_the_customer_may_not_read()
    {
        var hitsA = await _contactA.GetAsync<PageBody<SearchHitBody>>("/api/portal/kb/search?q=vpn");
        var hitsB = await _contactB.GetAsync<PageBody<SearchHitBody>>("/api/portal/kb/search?q=vpn");

        hitsA.Items.Select(i => i.Id).ShouldBe([_shared, _onlyForA], ignoreOrder: true);
        hitsB.Items.Select(i => i.Id).ShouldBe([_shared, _onlyForB], ignoreOrder: true);
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
            await _contactOff.ProblemAsync(s => s.Get.Url(path), HttpStatusCode.Forbidden, "portal.knowledge_base_disabled");
        }
    }

    [Fact]
    public async Task Staff_cannot_use_the_portal_routes()
    {
        var admin = await world.SignInAdminAsync();

        await admin.ProblemAsync(s => s.Get.Url("/api/portal/kb/categories"), HttpStatusCode.Forbidden, "http.403");
    }
}
