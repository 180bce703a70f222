using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class TicketListTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Filters_combine_and_keyset_pages_cover_every_ticket_once()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await technician.CreateTicketAsync(customerId, i % 2 == 0 ? $"Printer {i}" : $"Laptop {i}")).Id);
        }

        await technician.CommandAsync(created[0], "status", new { status = "resolved" });

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await technician.TicketListAsync(
                $"customerId={customerId}&limit=3&includeTotal=true" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            page.Total.ShouldBe(7);
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.ShouldBe(Enumerable.Reverse(created).ToList());
        var printers = await technician.TicketListAsync($"customerId={customerId}&text=PRINTER&statusCategory=Open");
        printers.Items.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_paging_is_a_validation_problem(string query, string field)
    {
        var technician = await api.SignInStaffAsync();

        (await technician.ValidationErrorsAsync(s => s.Get.Url($"/api/tickets?{query}"))).ShouldContainKey(field);
    }

    [Theory]
    [InlineData("statusCategory=Sideways")]
    [InlineData("customerId=42")]
    [InlineData("limit=abc")]
    public async Task Wrongly_typed_filters_are_400_problem_details(string query)
    {
        var technician = await api.SignInStaffAsync();

        await technician.Scenario(s =>
        {
            s.Get.Url($"/api/tickets?{query}");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }
}
