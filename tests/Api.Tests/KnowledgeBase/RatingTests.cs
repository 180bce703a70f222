using System.Net;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.KnowledgeBase;

public sealed class RatingTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_contact_rates_once_and_can_change_or_withdraw_the_rating()
    {
        var admin = await api.SignInAdminAsync();
        var (customer, anna, _) = await api.CustomerWithContactAsync(admin);
        var bert = await api.SignInAsync(await admin.CreateContactAsync(customer));
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Ratings"), "Ratings");
        var article = await admin.CreateArticleAsync(section, "Map a drive", "Use net use.");

        var first = await anna.PutAsync<RatingBody>($"/api/portal/kb/articles/{article}/rating", new { helpful = true });
        var again = await anna.PutAsync<RatingBody>($"/api/portal/kb/articles/{article}/rating", new { helpful = false });
        await bert.PutAsync<RatingBody>($"/api/portal/kb/articles/{article}/rating", new { helpful = true });
        var page = await anna.GetAsync<PortalArticleBody>($"/api/portal/kb/articles/{article}");

        first.ShouldBe(new RatingBody(Helpful: 1, NotHelpful: 0, Mine: true));
        again.ShouldBe(new RatingBody(Helpful: 0, NotHelpful: 1, Mine: false));
        page.Rating.ShouldBe(new RatingBody(Helpful: 1, NotHelpful: 1, Mine: false), "Anna's second verdict replaced her first: one rating each");

        await anna.Scenario(s =>
        {
            s.Delete.Url($"/api/portal/kb/articles/{article}/rating");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        (await anna.GetAsync<PortalArticleBody>($"/api/portal/kb/articles/{article}")).Rating.ShouldBe(new RatingBody(Helpful: 1, NotHelpful: 0, Mine: null));
    }

    [Fact]
    public async Task A_rating_without_a_verdict_is_400_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Bad rating"), "Bad rating");
        var article = await admin.CreateArticleAsync(section, "Anything", "x");

        var fields = await contact.InvalidFieldsAsync(s => s.Put.Json(new { helpful = (bool?)null }).ToUrl($"/api/portal/kb/articles/{article}/rating"));

        fields.ShouldContain("helpful");
        (await admin.GetAsync<ArticleBody>($"/api/kb/articles/{article}")).Rating.ShouldBe(new RatingBody(0, 0, null));
    }

    [Fact]
    public async Task Rating_an_article_the_customer_may_not_read_is_404_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);
        var (other, _, _) = await api.CustomerWithContactAsync(admin);
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Private ratings"), "Private");
        var hidden = await admin.CreateArticleAsync(section, "Other's", "x", onlyFor: [other]);
        var draft = await admin.CreateArticleAsync(section, "Draft", "x", published: false);

        foreach (var article in new[] { hidden, draft })
        {
            await contact.ProblemAsync(
                s => s.Put.Json(new { helpful = true }).ToUrl($"/api/portal/kb/articles/{article}/rating"),
                HttpStatusCode.NotFound, "knowledge_base.article_not_found");
            (await admin.GetAsync<ArticleBody>($"/api/kb/articles/{article}")).Rating.ShouldBe(new RatingBody(0, 0, null));
        }
    }
}
