using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class TicketListTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Filters_combine_and_keyset_pages_cover_every_ticket_once()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await technician.CreateTicketAsync(customerId, i % 2 == 0 ? $"Printer {i}" : $"Laptop {i}")).Id);
        }

        (await technician.CommandAsync(created[0], "status", new { status = "resolved" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await technician.GetFromJsonAsync<JsonElement>(TicketHttp.Url(
                $"/api/tickets?customerId={customerId}&limit=3&includeTotal=true" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")));
            page.GetProperty("total").GetInt64().ShouldBe(7);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.ShouldBe(Enumerable.Reverse(created).ToList());
        var printers = await technician.GetFromJsonAsync<JsonElement>(TicketHttp.Url($"/api/tickets?customerId={customerId}&text=PRINTER&statusCategory=Open"));
        printers.GetProperty("items").GetArrayLength().ShouldBe(3);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_paging_is_a_validation_problem(string query, string field)
    {
        var (technician, _) = await api.StaffAsync();

        (await (await technician.GetAsync(TicketHttp.Url($"/api/tickets?{query}"))).ValidationErrorsAsync()).TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("statusCategory=Sideways")]
    [InlineData("customerId=42")]
    [InlineData("limit=abc")]
    public async Task Wrongly_typed_filters_are_400_problem_details(string query)
    {
        var (technician, _) = await api.StaffAsync();

        var response = await technician.GetAsync(TicketHttp.Url($"/api/tickets?{query}"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
