using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class CreateTicketTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Technician_opens_a_ticket_numbered_by_the_msp_day_and_reads_it_back_with_its_version()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();

        var response = await technician.PostTicketAsync(new { title = "  VPN drops every hour ", customerId, priority = "high", customFields = new { asset = "LT-042" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var zurichToday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"));
        created.GetProperty("number").GetString().ShouldStartWith($"T{zurichToday:yyyyMMdd}.");
        response.Headers.Location!.ToString().ShouldBe($"/api/tickets/{created.GetProperty("id").GetGuid()}");

        var ticket = await technician.GetTicketAsync(created.GetProperty("id").GetGuid());
        ticket.GetProperty("ticket").GetProperty("title").GetString().ShouldBe("VPN drops every hour");
        ticket.GetProperty("ticket").GetProperty("statusId").GetString().ShouldBe("open");
        ticket.GetProperty("ticket").GetProperty("source").GetString().ShouldBe("Technician");
        ticket.GetProperty("ticket").GetProperty("version").GetInt64().ShouldBe(1);
        ticket.GetProperty("customFields").GetProperty("asset").GetString().ShouldBe("LT-042");
    }

    [Fact]
    public async Task Two_hundred_concurrent_creations_get_two_hundred_distinct_gap_free_numbers()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i => (await technician.CreateTicketAsync(customerId, $"Load {i}")).Number));

        var counters = numbers.Select(n => int.Parse(n.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
        counters.Distinct().Count().ShouldBe(200);
        (counters[^1] - counters[0]).ShouldBe(199, "no gaps: 200 numbers in a row");
    }

    [Fact]
    public async Task Missing_title_is_a_validation_problem_naming_the_field_and_nothing_is_written()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();
        var events = await api.EventCountAsync();

        var response = await technician.PostTicketAsync(new { title = "   ", customerId });

        var errors = await response.ValidationErrorsAsync();
        errors.TryGetProperty("title", out _).ShouldBeTrue();
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Theory]
    [InlineData("{\"title\": 42, \"customerId\": \"not-a-guid\"}")]
    [InlineData("{\"title\": \"x\", \"customerId\": \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", \"source\": \"Carrier pigeon\"}")]
    [InlineData("{ broken json")]
    public async Task Malformed_bodies_are_problem_details_and_nothing_is_written(string body)
    {
        var (technician, _) = await api.StaffAsync();
        var events = await api.EventCountAsync();

        var response = await technician.PostAsync(TicketHttp.Url("/api/tickets"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Unknown_customer_is_unprocessable()
    {
        var (technician, _) = await api.StaffAsync();

        var response = await technician.PostTicketAsync(new { title = "Who?", customerId = Guid.NewGuid() });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "ticket.unknown_customer");
    }

    [Fact]
    public async Task A_contact_of_another_customer_is_unprocessable()
    {
        var admin = await api.AdminAsync();
        var (technician, _) = await api.StaffAsync();
        var customerId = await admin.CreateCustomerAsync();
        var otherContact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        var response = await technician.PostTicketAsync(new { title = "Mixed up", customerId, contactId = otherContact.Id });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "ticket.unknown_contact");
    }

    [Fact]
    public async Task Unknown_status_on_creation_is_unprocessable()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();

        var response = await technician.PostTicketAsync(new { title = "Odd status", customerId, status = "frozen" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "ticket.unknown_status");
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_contacts_403_on_the_technician_api()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var contactClient = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));

        (await api.CreateClient().GetAsync(TicketHttp.Url("/api/tickets"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await contactClient.GetAsync(TicketHttp.Url("/api/tickets"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await contactClient.PostTicketAsync(new { title = "x", customerId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
