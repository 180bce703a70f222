using System.Net;
using System.Net.Http.Json;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>Technician create and update respect the custom field types and the catalogues the admin saved (A2, A3).</summary>
public sealed class TicketWriteEnforcementTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task Creating_with_custom_values_of_the_wrong_type_is_400_naming_each_field_and_writes_nothing()
    {
        await api.ConfiguredAdminAsync();
        var (technician, _) = await api.StaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var events = await api.EventCountAsync();

        var errors = await (await technician.PostTicketAsync(new
        {
            title = "Licences", customerId,
            customFields = new { seats = "ten", golive = "31.01.2025", vip = "yes", tier = "bronze", colour = "red", asset = "A-1" },
        })).ValidationErrorsAsync();

        errors.GetProperty("customFields.seats")[0].GetString()!.ShouldContain("number");
        errors.GetProperty("customFields.golive")[0].GetString()!.ShouldContain("date");
        errors.GetProperty("customFields.vip")[0].GetString()!.ShouldContain("\"true\" or \"false\"");
        errors.GetProperty("customFields.tier")[0].GetString()!.ShouldContain("gold, silver");
        errors.GetProperty("customFields.colour")[0].GetString()!.ShouldContain("not a custom field");
        errors.TryGetProperty("customFields.asset", out _).ShouldBeFalse();
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Updating_a_custom_value_with_the_wrong_type_is_400_and_the_ticket_keeps_its_version()
    {
        await api.ConfiguredAdminAsync();
        var (technician, _) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(await technician.CreateCustomerAsync());
        var version = (await technician.GetTicketAsync(id)).GetProperty("ticket").GetProperty("version").GetInt64();

        var errors = await (await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"), JsonContent.Create(new { customFields = new { seats = "many" } })))
            .ValidationErrorsAsync();

        errors.GetProperty("customFields.seats")[0].GetString()!.ShouldContain("SEATS");
        (await technician.GetTicketAsync(id)).GetProperty("ticket").GetProperty("version").GetInt64().ShouldBe(version);
    }

    [Fact]
    public async Task Values_of_the_right_type_and_from_the_catalogues_are_stored()
    {
        await api.ConfiguredAdminAsync();
        var (technician, _) = await api.StaffAsync();
        var created = await technician.PostTicketAsync(new
        {
            title = "New office", customerId = await technician.CreateCustomerAsync(), queue = "Network Team", issueType = "network", workType = "On site",
            customFields = new { seats = "12.5", golive = "2025-01-31", vip = "true", tier = "gold" },
        });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var patched = await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"),
            JsonContent.Create(new { queue = "Service Desk", workType = (string?)null, customFields = new { tier = "silver", seats = (string?)null } }));

        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var detail = await technician.GetTicketAsync(id);
        detail.GetProperty("ticket").GetProperty("queue").GetString().ShouldBe("Service Desk");
        detail.GetProperty("customFields").GetProperty("tier").GetString().ShouldBe("silver");
        detail.GetProperty("customFields").GetProperty("golive").GetString().ShouldBe("2025-01-31");
        detail.GetProperty("customFields").TryGetProperty("seats", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_queue_issue_type_or_work_type_outside_the_catalogues_is_400_naming_the_field_on_create_and_update()
    {
        await api.ConfiguredAdminAsync();
        var (technician, _) = await api.StaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var (id, _) = await technician.CreateTicketAsync(customerId);
        var events = await api.EventCountAsync();

        var onCreate = await (await technician.PostTicketAsync(new { title = "Fax", customerId, queue = "Nowhere", issueType = "printer", workType = "Gardening" }))
            .ValidationErrorsAsync();
        var onUpdate = await (await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"), JsonContent.Create(new { workType = "Gardening", queue = "service desk" })))
            .ValidationErrorsAsync();

        onCreate.GetProperty("queue")[0].GetString()!.ShouldContain("'Nowhere' is not in the queue catalogue (Service Desk, Network Team)");
        onCreate.GetProperty("issueType")[0].GetString()!.ShouldContain("'printer'");
        onCreate.GetProperty("workType")[0].GetString()!.ShouldContain("'Gardening'");
        onUpdate.GetProperty("workType")[0].GetString()!.ShouldContain("'Gardening'");
        onUpdate.GetProperty("queue")[0].GetString()!.ShouldContain("'service desk'");
        (await api.EventCountAsync()).ShouldBe(events);
    }
}
