using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;
using Xunit.Abstractions;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// Company B's contacts (an ordinary and a primary one) guess company A's ids: tickets, ticket numbers, attachments,
/// knowledge-base articles, sections and files, contacts and customers. Every guess answers like a missing id and no
/// answer carries any of A's data.
/// </summary>
public sealed class CrossCompanyTests(TicketApiFactory api, ITestOutputHelper output) : IClassFixture<TicketApiFactory>
{
    private readonly List<string> _bodies = [];

    [Fact]
    public async Task Company_b_s_contacts_cannot_reach_anything_of_company_a_by_guessing_ids()
    {
        var world = await AccessWorld.BuildAsync(api);
        var primaryOfB = await world.AdminUser.CreateContactAsync(world.CustomerB, isPrimary: true);
        var ticketOfB = (await world.AdminUser.CreateTicketAsync(world.CustomerB, "B's own ticket", primaryOfB.Id)).Id;
        var customerC = await world.AdminUser.CreateCustomerAsync($"{AccessWorld.Marker} C");
        var articleOfC = await world.AdminUser.CreateArticleAsync(world.SectionA, $"{AccessWorld.Marker} only C", "c", onlyFor: [customerC]);
        var publicCategory = await world.AdminUser.CreateCategoryAsync("Public category");
        var publicArticle = await world.AdminUser.CreateArticleAsync(await world.AdminUser.CreateSectionAsync(publicCategory, "Public"), "For everyone", "hello");

        foreach (var contact in new[] { world.UserFor(Who.OtherContact), await api.SignInAsync(primaryOfB) })
        {
            var tickets = $"/api/portal/tickets/{world.TicketA}";
            await ShouldBeMissing(contact, s => s.Get.Url(tickets), "ticket.not_found");
            await ShouldBeMissing(contact, s => s.Patch.Json(new { priority = "low" }).ToUrl(tickets), "ticket.not_found");
            await ShouldBeMissing(contact, s => s.Post.Json(new { body = "mine now" }).ToUrl($"{tickets}/replies"), "ticket.not_found");
            await ShouldBeMissing(contact, s => s.Get.Url($"{tickets}/attachments/{world.AttachmentA}"), "portal.attachment_not_found");
            await ShouldBeMissing(contact, s => s.Get.Url($"/api/portal/tickets/{ticketOfB}/attachments/{world.AttachmentA}"), "portal.attachment_not_found");
            await ShouldBeMissing(contact, s => s.Get.Url($"/api/portal/kb/articles/{world.ArticleA}"), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact, s => s.Get.Url($"/api/portal/kb/articles/{articleOfC}"), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact, s => s.Put.Json(new { helpful = false }).ToUrl($"/api/portal/kb/articles/{world.ArticleA}/rating"), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact, s => s.Delete.Url($"/api/portal/kb/articles/{world.ArticleA}/rating"), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact, s => s.Get.Url($"/api/portal/kb/articles/{world.ArticleA}/files/{world.ArticleFileA}"), "knowledge_base.file_not_found");
            await ShouldBeMissing(contact, s => s.Get.Url($"/api/portal/kb/articles/{publicArticle}/files/{world.ArticleFileA}"), "knowledge_base.file_not_found");
            await ShouldBeMissing(contact, s => s.Get.Url($"/api/portal/kb/sections/{world.SectionA}/articles"), "knowledge_base.section_not_found");
            await ShouldBeForbidden(contact, $"/api/contacts/{world[Who.Contact].UserId}");
            await ShouldBeForbidden(contact, $"/api/customers/{world.CustomerA}");
            await ShouldBeForbidden(contact, $"/api/customers/{world.CustomerA}/contacts");
            await ShouldBeForbidden(contact, $"/api/tickets/{world.TicketA}");

            (await ItemsAsync<TicketPage>(contact, $"/api/portal/tickets?text={Uri.EscapeDataString(world.TicketNumberA)}")).Items.Select(i => i.Id).ShouldNotContain(world.TicketA);
            (await ItemsAsync<TicketPage>(contact, $"/api/portal/tickets?text={AccessWorld.Marker}")).Items.ShouldBeEmpty();
            (await ItemsAsync<TicketPage>(contact, "/api/portal/tickets?scope=company&limit=100")).Items.Select(i => i.Id).ShouldNotContain(world.TicketA);
            (await ItemsAsync<PageBody<SearchHitBody>>(contact, "/api/portal/kb/search?q=wombat")).Items.Select(i => i.Id).ShouldNotContain(world.ArticleA);
            await ItemsAsync<IReadOnlyList<PortalCategoryBody>>(contact, "/api/portal/kb/categories");
            await ItemsAsync<ProfileBody>(contact, "/api/me");
        }

        Print($"requests by B's two contacts, every answer checked for A's data: {_bodies.Count}");
        _bodies.ShouldAllBe(body => !body.Contains(AccessWorld.Marker, StringComparison.Ordinal));
        _bodies.ShouldAllBe(body => !body.Contains(world.TicketNumberA, StringComparison.Ordinal));
    }

    private async Task ShouldBeMissing(ApiUser contact, Action<Scenario> request, string code) =>
        Record(await contact.Scenario(s =>
        {
            request(s);
            s.ShouldBeProblem(HttpStatusCode.NotFound, code);
        }));

    private async Task ShouldBeForbidden(ApiUser contact, string path) =>
        Record(await contact.Scenario(s =>
        {
            s.Get.Url(path);
            s.ShouldBeProblem(HttpStatusCode.Forbidden, "http.403");
        }));

    private async Task<T> ItemsAsync<T>(ApiUser contact, string path)
    {
        var result = await contact.Scenario(s =>
        {
            s.Get.Url(path);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        Record(result);
        return result.ReadAs<T>();
    }

    private void Record(IScenarioResult result) => _bodies.Add(result.ReadAsText());

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>The portal's ticket list, by id only: the test checks which tickets come back.</summary>
    private sealed record TicketPage(IReadOnlyList<TicketId> Items);

    private sealed record TicketId(Guid Id);
}
