using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.KnowledgeBase;
using Ticketing.Api.Tests.Tickets;
using Xunit.Abstractions;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

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
        var primaryOfB = await SignedInContactAsync(world, world.CustomerB, isPrimary: true);
        var (ticketOfB, _) = await world.Admin.CreateTicketAsync(world.CustomerB, "B's own ticket", primaryOfB.Id);
        var customerC = await world.Admin.CreateCustomerAsync($"{AccessWorld.Marker} C");
        var articleOfC = await world.Admin.CreateArticleAsync(world.SectionA, $"{AccessWorld.Marker} only C", "c", onlyFor: [customerC]);
        var publicCategory = await world.Admin.CreateCategoryAsync("Public category");
        var publicArticle = await world.Admin.CreateArticleAsync(await world.Admin.CreateSectionAsync(publicCategory, "Public"), "For everyone", "hello");

        foreach (var contact in new[] { world.ClientFor(Who.OtherContact), primaryOfB.Client })
        {
            var tickets = $"/api/portal/tickets/{world.TicketA}";
            await ShouldBeMissing(contact.GetAsync(Url(tickets)), "ticket.not_found");
            await ShouldBeMissing(contact.PatchAsJsonAsync(Url(tickets), new { priority = "low" }), "ticket.not_found");
            await ShouldBeMissing(contact.PostAsJsonAsync(Url($"{tickets}/replies"), new { body = "mine now" }), "ticket.not_found");
            await ShouldBeMissing(contact.GetAsync(Url($"{tickets}/attachments/{world.AttachmentA}")), "portal.attachment_not_found");
            await ShouldBeMissing(contact.GetAsync(Url($"/api/portal/tickets/{ticketOfB}/attachments/{world.AttachmentA}")), "portal.attachment_not_found");
            await ShouldBeMissing(contact.GetAsync(Url($"/api/portal/kb/articles/{world.ArticleA}")), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact.GetAsync(Url($"/api/portal/kb/articles/{articleOfC}")), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact.PutAsJsonAsync(Url($"/api/portal/kb/articles/{world.ArticleA}/rating"), new { helpful = false }), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact.DeleteAsync(Url($"/api/portal/kb/articles/{world.ArticleA}/rating")), "knowledge_base.article_not_found");
            await ShouldBeMissing(contact.GetAsync(Url($"/api/portal/kb/articles/{world.ArticleA}/files/{world.ArticleFileA}")), "knowledge_base.file_not_found");
            await ShouldBeMissing(contact.GetAsync(Url($"/api/portal/kb/articles/{publicArticle}/files/{world.ArticleFileA}")), "knowledge_base.file_not_found");
            await ShouldBeMissing(contact.GetAsync(Url($"/api/portal/kb/sections/{world.SectionA}/articles")), "knowledge_base.section_not_found");
            await ShouldBeForbidden(contact.GetAsync(Url($"/api/contacts/{world[Who.Contact].UserId}")));
            await ShouldBeForbidden(contact.GetAsync(Url($"/api/customers/{world.CustomerA}")));
            await ShouldBeForbidden(contact.GetAsync(Url($"/api/customers/{world.CustomerA}/contacts")));
            await ShouldBeForbidden(contact.GetAsync(Url($"/api/tickets/{world.TicketA}")));

            (await ItemsAsync(contact, $"/api/portal/tickets?text={Uri.EscapeDataString(world.TicketNumberA)}")).ShouldNotContain(world.TicketA);
            (await ItemsAsync(contact, $"/api/portal/tickets?text={AccessWorld.Marker}")).ShouldBeEmpty();
            (await ItemsAsync(contact, "/api/portal/tickets?scope=company&limit=100")).ShouldNotContain(world.TicketA);
            (await ItemsAsync(contact, "/api/portal/kb/search?q=wombat")).ShouldNotContain(world.ArticleA);
            await RecordAsync(contact.GetAsync(Url("/api/portal/kb/categories")), HttpStatusCode.OK);
            await RecordAsync(contact.GetAsync(Url("/api/me")), HttpStatusCode.OK);
        }

        Print($"requests by B's two contacts, every answer checked for A's data: {_bodies.Count}");
        _bodies.ShouldAllBe(body => !body.Contains(AccessWorld.Marker, StringComparison.Ordinal));
        _bodies.ShouldAllBe(body => !body.Contains(world.TicketNumberA, StringComparison.Ordinal));
    }

    private async Task<(HttpClient Client, Guid Id)> SignedInContactAsync(AccessWorld world, Guid customer, bool isPrimary)
    {
        var contact = await world.Admin.CreateContactAsync(customer, isPrimary: isPrimary);
        return (api.WithToken(await api.TokenAsync(contact.Username, contact.Password)), contact.Id);
    }

    private async Task ShouldBeMissing(Task<HttpResponseMessage> call, string code)
    {
        var response = await RecordAsync(call, HttpStatusCode.NotFound);
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, code);
    }

    private async Task ShouldBeForbidden(Task<HttpResponseMessage> call)
    {
        var response = await RecordAsync(call, HttpStatusCode.Forbidden);
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
    }

    private async Task<List<Guid>> ItemsAsync(HttpClient contact, string path)
    {
        var response = await RecordAsync(contact.GetAsync(Url(path)), HttpStatusCode.OK);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("items");
        return [.. items.EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    private async Task<HttpResponseMessage> RecordAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        _bodies.Add(body);
        response.StatusCode.ShouldBe(expected, body);
        return response;
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
