using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Portal;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

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
        var (before, beforeMembers) = await PageAsync(contact, ticket.Id);
        beforeMembers.ShouldContain("priority");
        before.Priority.ShouldNotBeNull().Value.ShouldBe("high");

        await admin.ChangeSectionAsync<FieldsSection>(fields => fields.WithRule("priority", PortalFieldRule.Hidden) with
        {
            CustomFields = [new CustomFieldDefinition("asset", "Asset tag", CustomFieldType.Text, PortalFieldRule.Editable)],
        });

        var (after, afterMembers) = await PageAsync(contact, ticket.Id);
        afterMembers.ShouldNotContain("priority");
        after.CustomFields["asset"].ShouldSatisfyAllConditions(f => f.Value.ShouldBe("A-17"), f => f.Label.ShouldBe("Asset tag"), f => f.Editable.ShouldBeTrue());
    }

    [Fact]
    public async Task Read_only_for_product_family_or_a_custom_field_is_a_400_naming_the_field_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var (fields, etag) = await admin.GetSectionAsync<FieldsSection>();
        var newest = await admin.NewestSettingsVersionAsync();
        var readOnly = fields.WithRule("productFamily", PortalFieldRule.ReadOnly) with
        {
            CustomFields =
            [
                new CustomFieldDefinition("asset", "Asset", CustomFieldType.Text, PortalFieldRule.ReadOnly),
                new CustomFieldDefinition("model", "Model", CustomFieldType.Select, PortalFieldRule.Editable),
            ],
        };

        var errors = (await admin.PutSectionAsync(readOnly, etag, HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid")).Errors!;

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

        await admin.ChangeSectionAsync<CataloguesSection>(c => c with
        {
            CustomStatuses = [.. c.CustomStatuses, new StatusDefinition("on-hold", "On hold", StatusCategory.Pending)],
        });

        await tech.CommandAsync(ticket.Id, "status", new { status = "on-hold" });
        (await tech.TicketAsync(ticket.Id)).Ticket.ShouldSatisfyAllConditions(t => t.StatusId.ShouldBe("on-hold"), t => t.StatusCategory.ShouldBe("Pending"));
    }

    [Fact]
    public async Task A_portal_ticket_of_an_issue_type_lands_in_the_queue_the_type_names()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, _) = await api.PortalContactAsync(tech);
        await admin.ChangeSectionAsync<CataloguesSection>(c => c with
        {
            Queues = ["Client Portal", "Network Team", "Service Desk"],
            IssueTypes = [new IssueTypeSetting("network", "Network Team"), new IssueTypeSetting("other")],
            WorkTypes = ["Remote", "On site"],
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
        var body = new CataloguesSection(
            Queues: ["Service Desk", "Service Desk"],
            DefaultQueue: null,
            IssueTypes: [new IssueTypeSetting("network", "Nowhere")],
            WorkTypes: [],
            CustomStatuses:
            [
                new StatusDefinition("parked", "Parked", StatusCategory.Pending), new StatusDefinition("parked", "Parked again", StatusCategory.Open),
                new StatusDefinition("resolved", "Done", StatusCategory.Resolved),
            ]);

        var errors = (await admin.PutSectionAsync(body, status: HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid")).Errors!;

        errors.ShouldContainKey("queues");
        errors["issueTypes[0]"][0].ShouldContain("Nowhere");
        errors.ShouldContainKey("customStatuses");
        (await admin.NewestSettingsVersionAsync()).ShouldBe(newest);
    }

    /// <summary>The portal page, typed, and the member names of its raw JSON: a hidden field must be absent, not null.</summary>
    private static async Task<(PortalPage Page, IReadOnlyList<string> Members)> PageAsync(ApiUser contact, Guid id)
    {
        var result = await contact.Scenario(s => s.Get.Url($"/api/portal/tickets/{id}"));
        return (result.ReadAs<PortalPage>(), PortalDriver.MemberNames(result.ReadAsText()));
    }

    private static async Task<Guid> PortalTicketAsync(ApiUser contact, object body) =>
        (await contact.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/portal/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).ReadAsync<CreatedTicket>()).Id;
}
