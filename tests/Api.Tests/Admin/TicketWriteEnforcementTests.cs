using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>Technician create and update respect the custom field types and the catalogues the admin saved (A2, A3).</summary>
public sealed class TicketWriteEnforcementTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task Creating_with_custom_values_of_the_wrong_type_is_400_naming_each_field_and_writes_nothing()
    {
        await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var events = await api.EventCountAsync();

        var errors = (await technician.PostTicketAsync(new
        {
            title = "Licences", customerId,
            customFields = new { seats = "ten", golive = "31.01.2025", vip = "yes", tier = "bronze", colour = "red", asset = "A-1" },
        }, HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid")).Errors!;

        errors["customFields.seats"][0].ShouldContain("number");
        errors["customFields.golive"][0].ShouldContain("date");
        errors["customFields.vip"][0].ShouldContain("\"true\" or \"false\"");
        errors["customFields.tier"][0].ShouldContain("gold, silver");
        errors["customFields.colour"][0].ShouldContain("not a custom field");
        errors.ShouldNotContainKey("customFields.asset");
        // No ticket exists to read back: nothing written is the event log's size.
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Updating_a_custom_value_with_the_wrong_type_is_400_and_the_ticket_keeps_its_version()
    {
        await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await technician.CreateCustomerAsync());
        var version = (await technician.TicketAsync(ticket.Id)).Ticket.Version;

        var errors = (await technician.PatchTicketAsync(ticket.Id, new { customFields = new { seats = "many" } }, HttpStatusCode.BadRequest)
            .ShouldBeProblemAsync("request.invalid")).Errors!;

        errors["customFields.seats"][0].ShouldContain("SEATS");
        (await technician.TicketAsync(ticket.Id)).Ticket.Version.ShouldBe(version);
    }

    [Fact]
    public async Task Values_of_the_right_type_and_from_the_catalogues_are_stored()
    {
        await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var created = await technician.OpenTicketAsync(new
        {
            title = "New office", customerId = await technician.CreateCustomerAsync(), queue = "Network Team", issueType = "network", workType = "On site",
            customFields = new { seats = "12.5", golive = "2025-01-31", vip = "true", tier = "gold" },
        });

        await technician.PatchTicketAsync(created.Id,
            new { queue = "Service Desk", workType = (string?)null, customFields = new { tier = "silver", seats = (string?)null } });

        var detail = await technician.TicketAsync(created.Id);
        detail.Ticket.Queue.ShouldBe("Service Desk");
        detail.Ticket.WorkType.ShouldBeNull();
        detail.CustomFields["tier"].ShouldBe("silver");
        detail.CustomFields["golive"].ShouldBe("2025-01-31");
        detail.CustomFields.Keys.ShouldNotContain("seats");
    }

    [Theory]
    [InlineData("queue", "Nowhere", "ticket.unknown_queue")]
    [InlineData("issueType", "printer", "ticket.unknown_issue_type")]
    [InlineData("workType", "Gardening", "ticket.unknown_work_type")]
    public async Task A_well_formed_catalogue_value_that_names_no_entry_is_422_with_its_code_on_create_and_update_and_writes_nothing(
        string field, string value, string code)
    {
        await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var ticket = await technician.CreateTicketAsync(customerId);
        var events = await api.EventCountAsync();

        var onCreate = await technician.PostTicketAsync(new Dictionary<string, object> { ["title"] = "Fax", ["customerId"] = customerId, [field] = value },
            HttpStatusCode.UnprocessableEntity).ShouldBeProblemAsync(code);
        await technician.PatchTicketAsync(ticket.Id, new Dictionary<string, object> { [field] = value }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync(code);

        onCreate.Detail.ShouldNotBeNull().ShouldContain($"'{value}'");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Catalogue_values_differing_only_in_case_are_422_and_a_malformed_one_stays_a_400()
    {
        await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await technician.CreateCustomerAsync());
        var version = (await technician.TicketAsync(ticket.Id)).Ticket.Version;

        await technician.PatchTicketAsync(ticket.Id, new { queue = "service desk" }, HttpStatusCode.UnprocessableEntity).ShouldBeProblemAsync("ticket.unknown_queue");
        var errors = (await technician.PatchTicketAsync(ticket.Id, new { queue = 42 }, HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid")).Errors!;

        errors.ShouldContainKey("queue");
        (await technician.TicketAsync(ticket.Id)).Ticket.Version.ShouldBe(version);
    }

    [Fact]
    public async Task A_portal_contact_naming_an_issue_type_that_does_not_exist_gets_422_on_create_and_update_and_nothing_is_written()
    {
        await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var (contact, _) = await api.PortalContactAsync(technician);
        var ticket = (await contact.Scenario(s =>
        {
            s.Post.Json(new { title = "VPN down", issueType = "network" }).ToUrl("/api/portal/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).ReadAsync<CreatedTicket>()).Id;
        var events = await api.EventCountAsync();

        (await contact.Scenario(s =>
        {
            s.Post.Json(new { title = "Printer", issueType = "printer" }).ToUrl("/api/portal/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.UnprocessableEntity);
        })).ShouldBeProblem("ticket.unknown_issue_type");
        (await contact.Scenario(s =>
        {
            s.Patch.Json(new { issueType = "printer" }).ToUrl($"/api/portal/tickets/{ticket}");
            s.StatusCodeShouldBe(HttpStatusCode.UnprocessableEntity);
        })).ShouldBeProblem("ticket.unknown_issue_type");

        (await api.EventCountAsync()).ShouldBe(events);
    }
}
