using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>A2 and A3 through HTTP: field rules on the portal page, catalogues on routing and statuses, and their validation.</summary>
public sealed class FieldAndCatalogueSettingsTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    private const string VersionCount = "select count(*) from settings_versions";

    [Fact]
    public async Task A_field_made_hidden_disappears_from_the_portal_page_and_a_custom_field_made_editable_appears()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var (contact, contactId, customerId) = await api.PortalContactAsync(tech);
        var id = (Guid)(await (await tech.PostTicketAsync(new
        {
            title = "Screen flickers", customerId, contactId, priority = "high", customFields = new Dictionary<string, string> { ["asset"] = "A-17" },
        })).JsonAsync(HttpStatusCode.Created))["id"]!;
        var before = await PageAsync(contact, id);
        before.ContainsKey("priority").ShouldBeTrue();

        await admin.ChangeSectionAsync("fields", fields =>
        {
            fields["fields"]!["priority"] = new JsonObject { ["rule"] = "Hidden" };
            fields["customFields"] = new JsonArray(new JsonObject { ["key"] = "asset", ["label"] = "Asset tag", ["type"] = "Text", ["rule"] = "Editable" });
        });

        var after = await PageAsync(contact, id);
        after.ContainsKey("priority").ShouldBeFalse();
        after.ToJsonString().ShouldContain("A-17");
    }

    [Fact]
    public async Task Read_only_for_product_family_or_a_custom_field_is_a_400_naming_the_field_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var (fields, etag) = await admin.GetSectionAsync("fields");
        var versions = await api.ScalarAsync<long>(VersionCount);
        fields["fields"]!["productFamily"] = new JsonObject { ["rule"] = "ReadOnly" };
        fields["customFields"] = new JsonArray(
            new JsonObject { ["key"] = "asset", ["label"] = "Asset", ["type"] = "Text", ["rule"] = "ReadOnly" },
            new JsonObject { ["key"] = "model", ["label"] = "Model", ["type"] = "Select", ["rule"] = "Editable" });

        var errors = await (await admin.PutSectionAsync("fields", fields, etag)).ValidationErrorsAsync();

        errors.GetProperty("fields.productFamily")[0].GetString()!.ShouldContain("productFamily");
        errors.GetProperty("customFields[0].rule")[0].GetString()!.ShouldContain("asset");
        errors.GetProperty("customFields[1].options")[0].GetString()!.ShouldContain("model");
        (await api.ScalarAsync<long>(VersionCount)).ShouldBe(versions);
    }

    [Fact]
    public async Task A_custom_status_added_to_the_catalogue_can_be_set_by_a_technician_at_once()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var customerId = await tech.CreateCustomerAsync();
        var (id, _) = await tech.CreateTicketAsync(customerId);
        (await tech.CommandAsync(id, "status", new { status = "on-hold" })).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        await admin.ChangeSectionAsync("catalogues", c => c["customStatuses"]!.AsArray()
            .Add(new JsonObject { ["id"] = "on-hold", ["name"] = "On hold", ["category"] = "Pending" }));

        (await tech.CommandAsync(id, "status", new { status = "on-hold" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tech.GetTicketAsync(id)).GetRawText().ShouldContain("on-hold");
    }

    [Fact]
    public async Task A_portal_ticket_of_an_issue_type_lands_in_the_queue_the_type_names()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var (contact, _, _) = await api.PortalContactAsync(tech);
        await admin.ChangeSectionAsync("catalogues", c =>
        {
            c["queues"] = new JsonArray("Client Portal", "Network Team", "Service Desk");
            c["issueTypes"] = new JsonArray(new JsonObject { ["key"] = "network", ["queue"] = "Network Team" }, new JsonObject { ["key"] = "other" });
            c["workTypes"] = new JsonArray("Remote", "On site");
        });

        var routed = (Guid)(await (await contact.PostAsJsonAsync(TicketHttp.Url("/api/portal/tickets"), new { title = "VPN down", issueType = "network" }))
            .JsonAsync(HttpStatusCode.Created))["id"]!;
        var other = (Guid)(await (await contact.PostAsJsonAsync(TicketHttp.Url("/api/portal/tickets"), new { title = "Question", issueType = "other" }))
            .JsonAsync(HttpStatusCode.Created))["id"]!;

        (await tech.GetTicketAsync(routed)).GetProperty("ticket").GetProperty("queue").GetString().ShouldBe("Network Team");
        (await tech.GetTicketAsync(other)).GetProperty("ticket").GetProperty("queue").GetString().ShouldBe("Client Portal");
    }

    [Fact]
    public async Task Catalogues_with_duplicate_ids_or_an_unknown_queue_are_400_and_nothing_is_written()
    {
        var admin = await api.AdminAsync();
        var versions = await api.ScalarAsync<long>(VersionCount);
        var body = new JsonObject
        {
            ["queues"] = new JsonArray("Service Desk", "Service Desk"),
            ["issueTypes"] = new JsonArray(new JsonObject { ["key"] = "network", ["queue"] = "Nowhere" }),
            ["workTypes"] = new JsonArray(),
            ["customStatuses"] = new JsonArray(
                new JsonObject { ["id"] = "parked", ["name"] = "Parked", ["category"] = "Pending" },
                new JsonObject { ["id"] = "parked", ["name"] = "Parked again", ["category"] = "Open" },
                new JsonObject { ["id"] = "resolved", ["name"] = "Done", ["category"] = "Resolved" }),
        };

        var errors = await (await admin.PutSectionAsync("catalogues", body)).ValidationErrorsAsync();

        errors.TryGetProperty("queues", out _).ShouldBeTrue();
        errors.GetProperty("issueTypes[0]")[0].GetString()!.ShouldContain("Nowhere");
        errors.TryGetProperty("customStatuses", out _).ShouldBeTrue();
        (await api.ScalarAsync<long>(VersionCount)).ShouldBe(versions);
    }

    private static async Task<JsonObject> PageAsync(HttpClient contact, Guid id) =>
        await (await contact.GetAsync(TicketHttp.Url($"/api/portal/tickets/{id}"))).JsonAsync(HttpStatusCode.OK);
}
