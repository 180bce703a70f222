using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>Each test searches for words of its own, so tests sharing the class database do not see each other's articles.</summary>
public sealed class SearchTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_match_in_the_title_ranks_above_one_in_the_keywords_above_one_in_the_body()
    {
        var (admin, contact, section) = await SetUpAsync();
        var inBody = await admin.CreateArticleAsync(section, "Office devices", "When the quokka label printer jams, open the lid and remove the roll.");
        var inTitle = await admin.CreateArticleAsync(section, "Quokka printer offline", "Check the cable.");
        var inKeywords = await admin.CreateArticleAsync(section, "Label devices", "Check the cable.", keywords: ["quokka"]);

        var hits = await SearchAsync(contact, "/api/portal/kb/search?q=quokka");

        Ids(hits).ShouldBe([inTitle, inKeywords, inBody]);
    }

    [Fact]
    public async Task Each_article_is_matched_with_the_stemming_and_stop_words_of_its_own_language()
    {
        var (admin, contact, section) = await SetUpAsync();
        var english = await admin.CreateArticleAsync(section, "Connecting to the wombat VPN", "Start the client.", "en");
        var french = await admin.CreateArticleAsync(section, "Configurer le pilote des imprimantes wombat", "Ouvrez les paramètres.", "fr");
        var german = await admin.CreateArticleAsync(section, "Wombat Drucker einrichten", "Die Warteschlange leeren.", "de");

        Ids(await SearchAsync(contact, "/api/portal/kb/search?q=wombat%20connections")).ShouldBe([english]);
        Ids(await SearchAsync(contact, "/api/portal/kb/search?q=wombat%20imprimante")).ShouldBe([french]);
        Ids(await SearchAsync(contact, "/api/portal/kb/search?q=wombat%20Druckers")).ShouldBe([german]);
        Ids(await SearchAsync(contact, "/api/portal/kb/search?q=wombat&language=fr")).ShouldBe([french]);
        Ids(await SearchAsync(contact, "/api/portal/kb/search?q=le")).ShouldNotContain(french);
    }

    [Fact]
    public async Task Snippets_highlight_matches_and_escape_the_article_text()
    {
        var (admin, contact, section) = await SetUpAsync();
        await admin.CreateArticleAsync(section, "Escaping", "Restart the numbat if 3 &lt; 5 &amp; the *numbat* says &lt;img src=x onerror=alert(1)&gt; numbat.");

        var hit = (await SearchAsync(contact, "/api/portal/kb/search?q=numbat")).Items[0];

        var snippet = hit.Snippet;
        snippet.ShouldContain("<mark>numbat</mark> if 3 &lt; 5 &amp; the <mark>numbat</mark>");
        snippet.ShouldNotContain("<img");
    }

    [Fact]
    public async Task Results_page_by_rank_with_a_cursor_without_gaps_or_repeats()
    {
        var (admin, contact, section) = await SetUpAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await admin.CreateArticleAsync(section, $"Dingo note {i}", string.Join(' ', Enumerable.Repeat("dingo", i + 1))));
        }

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await SearchAsync(contact, $"/api/portal/kb/search?q=dingo&limit=2{(after is null ? "" : $"&after={after}")}");
            seen.AddRange(Ids(page));
            after = page.Next;
        }
        while (after is not null);

        seen.ShouldBe(created, ignoreOrder: true);
        seen.Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task Pages_run_through_the_title_and_keyword_matches_before_the_body_matches()
    {
        var (admin, contact, section) = await SetUpAsync();
        var inBody = new List<Guid>();
        var inTitleOrKeywords = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            inBody.Add(await admin.CreateArticleAsync(section, $"Cable guide {i}", string.Join(' ', Enumerable.Repeat("bilby", 5 + i))));
            inTitleOrKeywords.Add(await admin.CreateArticleAsync(section, $"Bilby guide {i}", "Check the cable."));
        }

        inTitleOrKeywords.Add(await admin.CreateArticleAsync(section, "Label guide", "Check the cable.", keywords: ["bilby"]));

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await SearchAsync(contact, $"/api/portal/kb/search?q=bilby&limit=3{(after is null ? "" : $"&after={after}")}");
            seen.AddRange(Ids(page));
            after = page.Next;
        }
        while (after is not null);

        seen.Count.ShouldBe(7);
        seen.Take(4).ShouldBe(inTitleOrKeywords, ignoreOrder: true);
        seen[3].ShouldBe(inTitleOrKeywords[3]);
        seen.Skip(4).ShouldBe(inBody, ignoreOrder: true);
    }

    [Fact]
    public async Task A_negated_word_in_the_body_excludes_an_article_whose_title_matches()
    {
        var (admin, contact, section) = await SetUpAsync();
        await admin.CreateArticleAsync(section, "Wallaby printer jams", "Replace the toner cartridge.");
        var scanner = await admin.CreateArticleAsync(section, "Wallaby scanner jams", "Clean the glass.");

        Ids(await SearchAsync(contact, "/api/portal/kb/search?q=wallaby%20-toner")).ShouldBe([scanner]);
        Ids(await SearchAsync(contact, "/api/portal/kb/search?q=%22wallaby%20scanner%22")).ShouldBe([scanner]);
    }

    [Fact]
    public async Task Staff_search_finds_drafts_and_marks_them_unpublished()
    {
        var (admin, _, section) = await SetUpAsync();
        var draft = await admin.CreateArticleAsync(section, "Platypus draft", "x", published: false);

        var hit = (await SearchAsync(admin, "/api/kb/search?q=platypus")).Items[0];

        hit.Id.ShouldBe(draft);
        hit.Published.ShouldBeFalse();
    }

    [Theory]
    [InlineData("/api/portal/kb/search", "q")]
    [InlineData("/api/portal/kb/search?q=%20%20", "q")]
    [InlineData("/api/portal/kb/search?q=x&limit=51", "limit")]
    [InlineData("/api/portal/kb/search?q=x&language=xx", "language")]
    [InlineData("/api/portal/kb/search?q=x&after=not-a-cursor", "after")]
    public async Task Bad_search_parameters_are_400_naming_the_parameter(string url, string field)
    {
        var (_, contact, _) = await SetUpAsync();

        var fields = await contact.InvalidFieldsAsync(s => s.Get.Url(url));

        fields.ShouldContain(field);
    }

    private async Task<(ApiUser Admin, ApiUser Contact, Guid Section)> SetUpAsync()
    {
        var admin = await api.SignInAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync($"Search {Guid.NewGuid():N}"), "Search");
        return (admin, contact, section);
    }

    private static Task<PageBody<SearchHitBody>> SearchAsync(ApiUser caller, string url) => caller.GetAsync<PageBody<SearchHitBody>>(url);

    private static Guid[] Ids(PageBody<SearchHitBody> page) => [.. page.Items.Select(i => i.Id)];
}
