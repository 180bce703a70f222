using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>A2 and A3 through HTTP: field rules on the portal page, catalogues on routing and statuses, and their validation.</summary>
public sealed class FieldAndCatalogueSettingsTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task A_field_made_hidden_disappears_from_the_portal_page_and_a_custom_field_made_editable_appears()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, customerId) = await api.PortalContactAsync(tech);
        var ticket = await tech.OpenTicketAsync(new
        {
            title = "Screen flickers", customerId, contactId = contact.Id, priority = "high", customFields = new Dictionary<string, string> { ["asset"] = "A-17" },
        });
        (await PageAsync(contact, ticket.Id)).ContainsKey("priority").ShouldBeTrue();

        await admin.ChangeSectionAsync("fields", fields =>
        {
            fields["fields"]!["priority"] = new JsonObject { ["rule"] = "Hidden" };
            fields["customFields"] = new JsonArray(new JsonObject { ["key"] = "asset", ["label"] = "Asset tag", ["type"] = "Text", ["rule"] = "Editable" });
        });

        var after = await PageAsync(contact, ticket.Id);
        after.ContainsKey("priority").ShouldBeFalse();
        after.ToJsonString().ShouldContain("A-17");
    }

    [Fact]
    public async Task Read_only_for_product_family_or_a_custom_field_is_a_400_naming_the_field_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var (fields, etag) = await admin.GetSectionAsync("fields");
        var newest = await admin.NewestSettingsVersionAsync();
        fields["fields"]!["productFamily"] = new JsonObject { ["rule"] = "ReadOnly" };
        fields["customFields"] = new JsonArray(
            new JsonObject { ["key"] = "asset", ["label"] = "Asset", ["type"] = "Text", ["rule"] = "ReadOnly" },
            new JsonObject { ["key"] = "model", ["label"] = "Model", ["type"] = "Select", ["rule"] = "Editable" });

        var errors = (await admin.PutSectionAsync("fields", fields, etag, HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid")).Errors!;

        errors["fields.productFamily"][0].ShouldContain("productFamily");
        errors["customFields[0].rule"][0].ShouldContain("asset");
        errors["customFields[1].options"][0].ShouldContain("model");
        (await admin.NewestSettingsVersionAsync()).ShouldBe(newest);
    }

    [Fact]
    public async Task A_custom_status_added_to_the_catalogue_can_be_set_by_a_technician_at_once()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var ticket = await tech.CreateTicketAsync(await tech.CreateCustomerAsync());
        var refused = await tech.CommandAsync(ticket.Id, "status", new { status = "on-hold" }, status: HttpStatusCode.UnprocessableEntity);
        refused.ShouldBeProblem("ticket.unknown_status");

        await admin.ChangeSectionAsync("catalogues", c => c["customStatuses"]!.AsArray()
            .Add(new JsonObject { ["id"] = "on-hold", ["name"] = "On hold", ["category"] = "Pending" }));

        await tech.CommandAsync(ticket.Id, "status", new { status = "on-hold" });
        (await tech.TicketAsync(ticket.Id)).Ticket.ShouldSatisfyAllConditions(t => t.StatusId.ShouldBe("on-hold"), t => t.StatusCategory.ShouldBe("Pending"));
    }

    [Fact]
    public async Task A_portal_ticket_of_an_issue_type_lands_in_the_queue_the_type_names()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, _) = await api.PortalContactAsync(tech);
        await admin.ChangeSectionAsync("catalogues", c =>
        {
            c["queues"] = new JsonArray("Client Portal", "Network Team", "Service Desk");
            c["issueTypes"] = new JsonArray(new JsonObject { ["key"] = "network", ["queue"] = "Network Team" }, new JsonObject { ["key"] = "other" });
            c["workTypes"] = new JsonArray("Remote", "On site");
        });

        var routed = await PortalTicketAsync(contact, new { title = "VPN down", issueType = "network" });
        var other = await PortalTicketAsync(contact, new { title = "Question", issueType = "other" });

        (await tech.TicketAsync(routed)).Ticket.Queue.ShouldBe("Network Team");
        (await tech.TicketAsync(other)).Ticket.Queue.ShouldBe("Client Portal");
    }

    [Fact]
    public async Task Catalogues_with_duplicate_ids_or_an_unknown_queue_are_400_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var newest = await admin.NewestSettingsVersionAsync();
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

        var errors = (await admin.PutSectionAsync("catalogues", body, status: HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid")).Errors!;

        errors.ShouldContainKey("queues");
        errors["issueTypes[0]"][0].ShouldContain("Nowhere");
        errors.ShouldContainKey("customStatuses");
        (await admin.NewestSettingsVersionAsync()).ShouldBe(newest);
    }

    // The portal page stays a JSON document here: what the test proves is which keys leave the server at all.
    private static async Task<JsonObject> PageAsync(SignedInUser contact, Guid id) =>
        JsonNode.Parse((await contact.Scenario(s => s.Get.Url($"/api/portal/tickets/{id}"))).ReadAsText())!.AsObject();

    private static async Task<Guid> PortalTicketAsync(SignedInUser contact, object body) =>
        (await contact.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/portal/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).ReadAsync<CreatedTicket>()).Id;
}
