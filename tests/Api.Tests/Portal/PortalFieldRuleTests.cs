using System.Net;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Portal;

public sealed class FieldRuleFactory : PortalApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ClassSettings =>
    [
        new("Portal:Fields:priority:Rule", "ReadOnly"),
        new("Portal:Fields:impact:Rule", "Hidden"),
        new("Portal:Fields:type:Rule", "Editable"),
        new("Portal:Fields:type:MandatoryOnCreate", "true"),
        new("Portal:Fields:description:MandatoryOnUpdate", "true"),
        new("Portal:Fields:productFamily:Rule", "Hidden"),
        new("Portal:IssueTypeQueues:hardware", "Hardware"),
        new("Portal:CustomFields:0:Key", "asset"),
        new("Portal:CustomFields:0:Label", "Asset tag"),
        new("Portal:CustomFields:0:Rule", "Editable"),
        new("Portal:CustomFields:0:MandatoryOnCreate", "true"),
        new("Portal:CustomFields:1:Key", "margin"),
        new("Portal:CustomFields:1:Label", "Margin"),
        new("Portal:CustomFields:1:Type", "Number"),
        new("Portal:CustomFields:1:Rule", "Hidden"),
        new("Portal:CustomFields:2:Key", "seats"),
        new("Portal:CustomFields:2:Label", "Seats"),
        new("Portal:CustomFields:2:Type", "Number"),
        new("Portal:CustomFields:2:Rule", "Editable"),
    ];
}

/// <summary>P4/P5: every field rule on the ticket page, on create and on update.</summary>
public sealed class PortalFieldRuleTests(FieldRuleFactory factory) : IClassFixture<FieldRuleFactory>
{
    private readonly PortalDriver driver = new(factory);

    [Fact]
    public async Task The_ticket_page_marks_editable_and_read_only_fields_and_leaves_hidden_ones_out()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        var id = await driver.TicketAsync(tech, customer, contact.Id, "Screen flickers", new
        {
            description = "Since Monday", priority = "high", impact = "company", type = "incident", productFamily = "Monitors",
            queue = "Level 2", workType = "Remote", issueType = "hardware", customFields = new Dictionary<string, string> { ["asset"] = "A-17", ["margin"] = "42" },
        });

        var page = await driver.PageAsync(contact, id);

        page.Priority.ShouldBe(new PortalField<string?>("high", Editable: false));
        page.Type.ShouldBe(new PortalField<string?>("incident", Editable: true));
        page.Description.ShouldBe(new PortalField<string?>("Since Monday", Editable: true));
        page.IssueType.ShouldBe(new PortalField<string?>("hardware", Editable: true));
        page.Status.ShouldNotBeNull().Editable.ShouldBeTrue();
        page.DueDate.ShouldNotBeNull().Editable.ShouldBeFalse();
        page.AssignedTechnician.ShouldNotBeNull().Editable.ShouldBeFalse();
        // A hidden field must not be in the JSON at all (a record reads absent and null alike): the raw body's member names.
        var members = driver.LastBodyMembers();
        foreach (var hidden in new[] { "impact", "productFamily", "queue", "workType" })
        {
            members.ShouldNotContain(hidden);
        }

        page.CustomFields.Keys.OrderBy(k => k).ShouldBe(["asset", "seats"]);
        page.CustomFields["asset"].Value.ShouldBe("A-17");
        page.CustomFields["asset"].Editable.ShouldBeTrue();

        var listed = (await driver.ItemsAsync(contact))[0];
        driver.LastBodyMembers(listItem: "items").ShouldNotContain("impact");
        listed.Priority.ShouldBe(new PortalField<string?>("high", Editable: false));
        await contact.ProblemAsync(s => s.Get.Url("/api/portal/tickets?impact=company"), HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task Creating_accepts_only_editable_fields_and_requires_the_mandatory_ones()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        var valid = PortalDriver.Body(new { title = "Printer jams", type = "incident", customFields = new Dictionary<string, string> { ["asset"] = "P-1" } });

        await Refused(contact, With(valid, "impact", "company"), "impact");
        await Refused(contact, With(valid, "priority", "high"), "priority");
        await Refused(contact, With(valid, "productFamily", "Printers"), "productFamily");
        await Refused(contact, With(valid, "status", "resolved"), "status");
        await Refused(contact, With(valid, "customFields", new Dictionary<string, string> { ["asset"] = "P-1", ["margin"] = "10" }), "customFields.margin");
        await Refused(contact, With(valid, "customFields", new Dictionary<string, string> { ["asset"] = "P-1", ["seats"] = "many" }), "customFields.seats");
        await Refused(contact, Without(valid, "type"), "type");
        await Refused(contact, With(valid, "customFields", new Dictionary<string, string>()), "customFields.asset");
        await Refused(contact, Without(valid, "title"), "title");

        var created = await driver.CreateAsync(contact, valid);
        created.Number.ShouldNotBeNull().ShouldStartWith("T");
        // The queue is hidden from contacts: the technician's view of the same ticket shows where it landed and from where.
        var ticket = (await tech.TicketAsync(created.Id)).Ticket;
        ticket.Queue.ShouldBe("Client Portal");
        ticket.Source.ShouldBe("Portal");
        ticket.ContactId.ShouldBe(contact.Id);
        (await driver.PageAsync(contact, created.Id)).Contact.ShouldNotBeNull().Id.ShouldBe(contact.Id);

        var routed = await driver.CreateAsync(contact, With(valid, "issueType", "hardware"));
        (await tech.TicketAsync(routed.Id)).Ticket.Queue.ShouldBe("Hardware");
    }

    [Fact]
    public async Task Updating_accepts_only_editable_fields_and_keeps_mandatory_ones_filled()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        var id = await driver.TicketAsync(tech, customer, contact.Id, "Slow Wi-Fi", new { description = "Floor 2", priority = "low" });

        foreach (var (field, value) in new[] { ("priority", "high"), ("impact", "company"), ("queue", "Level 2"), ("assignedTechnician", "x") })
        {
            await RefusedPatch(contact, id, new Dictionary<string, object?> { [field] = value }, field);
        }

        await RefusedPatch(contact, id, new Dictionary<string, object?> { ["description"] = null }, "description");
        await RefusedPatch(contact, id, new { customFields = new { margin = "5" } }, "customFields.margin");

        var updated = await driver.UpdateAsync(contact, id, new { type = "request", status = "pending", customFields = new { seats = "3" } });
        var page = await driver.PageAsync(contact, id);
        page.Type.ShouldNotBeNull().Value.ShouldBe("request");
        page.Status.ShouldNotBeNull().Value.Id.ShouldBe("pending");
        page.CustomFields["seats"].Value.ShouldBe("3");
        page.Version.ShouldBe(updated.Version);
        page.Priority.ShouldNotBeNull().Value.ShouldBe("low");
    }

    private static async Task Refused(ApiUser contact, object body, string field)
    {
        var problem = await contact.ProblemAsync(s => s.Post.Json(body).ToUrl("/api/portal/tickets"), HttpStatusCode.BadRequest, "request.invalid");
        problem.Errors.ShouldNotBeNull().ShouldContainKey(field);
    }

    private static async Task RefusedPatch(ApiUser contact, Guid id, object body, string field)
    {
        var problem = await contact.ProblemAsync(s => s.Patch.Json(body).ToUrl($"/api/portal/tickets/{id}"), HttpStatusCode.BadRequest, "request.invalid");
        problem.Errors.ShouldNotBeNull().ShouldContainKey(field);
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string field, object? value) => new(body) { [field] = value };

    private static Dictionary<string, object?> Without(Dictionary<string, object?> body, string field)
    {
        var copy = new Dictionary<string, object?>(body);
        copy.Remove(field);
        return copy;
    }
}
