using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class CreateTicketTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Technician_opens_a_ticket_numbered_by_the_msp_day_and_reads_it_back_with_its_version()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();

        var response = await technician.PostTicketAsync(new { title = "  VPN drops every hour ", customerId, priority = "high", customFields = new { asset = "LT-042" } });

        response.ETag().ShouldBe("\"1\"");
        var created = response.ReadAs<CreatedTicket>();
        var zurichToday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"));
        created.Number.ShouldStartWith($"T{zurichToday:yyyyMMdd}.");
        response.Context.Response.Headers.Location.ToString().ShouldBe($"/api/tickets/{created.Id}");

        var ticket = await technician.TicketAsync(created.Id);
        ticket.Ticket.Title.ShouldBe("VPN drops every hour");
        ticket.Ticket.StatusId.ShouldBe("open");
        ticket.Ticket.Source.ShouldBe("Technician");
        ticket.Ticket.Version.ShouldBe(1);
        ticket.CustomFields["asset"].ShouldBe("LT-042");
    }

    [Fact]
    public async Task Two_hundred_concurrent_creations_get_two_hundred_distinct_gap_free_numbers()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i => (await technician.CreateTicketAsync(customerId, $"Load {i}")).Number));

        var counters = numbers.Select(n => int.Parse(n.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
        counters.Distinct().Count().ShouldBe(200);
        (counters[^1] - counters[0]).ShouldBe(199, "no gaps: 200 numbers in a row");
    }

    [Fact]
    public async Task Missing_title_is_a_validation_problem_naming_the_field_and_nothing_is_written()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();
        var events = await api.EventCountAsync();

        var errors = await technician.ValidationErrorsAsync(s => s.Post.Json(new { title = "   ", customerId }).ToUrl("/api/tickets"));

        errors.ShouldContainKey("title");
        // Nothing written: the whole event log, across every stream, which no API lists.
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Theory]
    [InlineData("{\"title\": 42, \"customerId\": \"not-a-guid\"}")]
    [InlineData("{\"title\": \"x\", \"customerId\": \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", \"source\": \"Carrier pigeon\"}")]
    [InlineData("{ broken json")]
    public async Task Malformed_bodies_are_problem_details_and_nothing_is_written(string body)
    {
        var technician = await api.SignInStaffAsync();
        var events = await api.EventCountAsync();

        await technician.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/tickets");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Unknown_customer_is_unprocessable()
    {
        var technician = await api.SignInStaffAsync();

        await technician.PostTicketAsync(new { title = "Who?", customerId = Guid.NewGuid() }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync("ticket.unknown_customer");
    }

    [Fact]
    public async Task A_contact_of_another_customer_is_unprocessable()
    {
        var admin = await api.SignInAdminAsync();
        var technician = await api.SignInStaffAsync();
        var customerId = await admin.CreateCustomerAsync();
        var otherContact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        await technician.PostTicketAsync(new { title = "Mixed up", customerId, contactId = otherContact.Id }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync("ticket.unknown_contact");
    }

    [Fact]
    public async Task Unknown_status_on_creation_is_unprocessable()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();

        await technician.PostTicketAsync(new { title = "Odd status", customerId, status = "frozen" }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync("ticket.unknown_status");
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_contacts_403_on_the_technician_api()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await api.SignInUserAsync(await admin.CreateContactAsync(await admin.CreateCustomerAsync()));

        await api.Scenario(s =>
        {
            s.Get.Url("/api/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        await contact.Scenario(s =>
        {
            s.Get.Url("/api/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await contact.PostTicketAsync(new { title = "x", customerId = Guid.NewGuid() }, HttpStatusCode.Forbidden);
    }
}
