using System.Net;
using System.Net.Http.Json;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.KnowledgeBase;

public sealed class RatingTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task A_contact_rates_once_and_can_change_or_withdraw_the_rating()
    {
        var admin = await api.AdminAsync();
        var (customer, anna, annaId) = await api.CustomerWithContactAsync(admin);
        var colleague = await admin.CreateContactAsync(customer);
        var bert = api.WithToken(await api.TokenAsync(colleague.Username, colleague.Password));
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Ratings"), "Ratings");
        var article = await admin.CreateArticleAsync(section, "Map a drive", "Use net use.");

        var first = await anna.PutAsJsonAsync(Url($"/api/portal/kb/articles/{article}/rating"), new { helpful = true }).OkAsync();
        var again = await anna.PutAsJsonAsync(Url($"/api/portal/kb/articles/{article}/rating"), new { helpful = false }).OkAsync();
        await bert.PutAsJsonAsync(Url($"/api/portal/kb/articles/{article}/rating"), new { helpful = true }).OkAsync();
        var page = await anna.GetAsync(Url($"/api/portal/kb/articles/{article}")).OkAsync();

        first.ShouldSatisfyAllConditions(
            () => first.GetProperty("helpful").GetInt32().ShouldBe(1),
            () => first.GetProperty("mine").GetBoolean().ShouldBeTrue());
        again.GetProperty("helpful").GetInt32().ShouldBe(0);
        again.GetProperty("notHelpful").GetInt32().ShouldBe(1);
        page.GetProperty("rating").GetProperty("helpful").GetInt32().ShouldBe(1);
        page.GetProperty("rating").GetProperty("notHelpful").GetInt32().ShouldBe(1);
        page.GetProperty("rating").GetProperty("mine").GetBoolean().ShouldBeFalse();
        (await api.CountAsync("select count(*) from kb_article_ratings where article_id = $1 and contact_id = $2", article, annaId)).ShouldBe(1);

        (await anna.DeleteAsync(Url($"/api/portal/kb/articles/{article}/rating"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await anna.GetAsync(Url($"/api/portal/kb/articles/{article}")).OkAsync();
        after.GetProperty("rating").GetProperty("notHelpful").GetInt32().ShouldBe(0);
        after.GetProperty("rating").GetProperty("mine").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_rating_without_a_verdict_is_400_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Bad rating"), "Bad rating");
        var article = await admin.CreateArticleAsync(section, "Anything", "x");

        var response = await contact.PutAsJsonAsync(Url($"/api/portal/kb/articles/{article}/rating"), new { helpful = (bool?)null });

        (await response.ValidationErrorsAsync()).TryGetProperty("helpful", out _).ShouldBeTrue();
        (await api.CountAsync("select count(*) from kb_article_ratings where article_id = $1", article)).ShouldBe(0);
    }

    [Fact]
    public async Task Rating_an_article_the_customer_may_not_read_is_404_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var (_, contact, _) = await api.CustomerWithContactAsync(admin);
        var (other, _, _) = await api.CustomerWithContactAsync(admin);
        var section = await admin.CreateSectionAsync(await admin.CreateCategoryAsync("Private ratings"), "Private");
        var hidden = await admin.CreateArticleAsync(section, "Other's", "x", onlyFor: [other]);
        var draft = await admin.CreateArticleAsync(section, "Draft", "x", published: false);

        foreach (var article in new[] { hidden, draft })
        {
            await (await contact.PutAsJsonAsync(Url($"/api/portal/kb/articles/{article}/rating"), new { helpful = true }))
                .ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge_base.article_not_found");
        }

        (await api.CountAsync("select count(*) from kb_article_ratings where article_id in ($1, $2)", hidden, draft)).ShouldBe(0);
    }
}
