using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

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

        var page = await driver.Get(contact, $"/api/portal/tickets/{id}");

        page["priority"]!.ToJsonString().ShouldBe("""{"value":"high","editable":false}""");
        page["type"]!.ToJsonString().ShouldBe("""{"value":"incident","editable":true}""");
        page["description"]!.ToJsonString().ShouldBe("""{"value":"Since Monday","editable":true}""");
        page["issueType"]!.ToJsonString().ShouldBe("""{"value":"hardware","editable":true}""");
        ((bool)page["status"]!["editable"]!).ShouldBeTrue();
        ((bool)page["dueDate"]!["editable"]!).ShouldBeFalse();
        ((bool)page["assignedTechnician"]!["editable"]!).ShouldBeFalse();
        foreach (var hidden in new[] { "impact", "productFamily", "queue", "workType" })
        {
            page.ContainsKey(hidden).ShouldBeFalse(hidden);
        }

        var custom = page["customFields"]!.AsObject();
        custom.Select(c => c.Key).OrderBy(k => k).ShouldBe(["asset", "seats"]);
        ((string?)custom["asset"]!["value"]).ShouldBe("A-17");
        ((bool)custom["asset"]!["editable"]!).ShouldBeTrue();

        var listed = (await driver.Items(contact))[0]!.AsObject();
        listed.ContainsKey("impact").ShouldBeFalse();
        listed["priority"]!.ToJsonString().ShouldBe("""{"value":"high","editable":false}""");
        await driver.Problem(await contact.Client.GetAsync("/api/portal/tickets?impact=company"), HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task Creating_accepts_only_editable_fields_and_requires_the_mandatory_ones()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        var valid = new JsonObject { ["title"] = "Printer jams", ["type"] = "incident", ["customFields"] = new JsonObject { ["asset"] = "P-1" } };

        await Refused(contact, With(valid, "impact", "company"), "impact");
        await Refused(contact, With(valid, "priority", "high"), "priority");
        await Refused(contact, With(valid, "productFamily", "Printers"), "productFamily");
        await Refused(contact, With(valid, "status", "resolved"), "status");
        await Refused(contact, With(valid, "customFields", new JsonObject { ["asset"] = "P-1", ["margin"] = "10" }), "customFields.margin");
        await Refused(contact, With(valid, "customFields", new JsonObject { ["asset"] = "P-1", ["seats"] = "many" }), "customFields.seats");
        await Refused(contact, Without(valid, "type"), "type");
        await Refused(contact, With(valid, "customFields", new JsonObject()), "customFields.asset");
        await Refused(contact, Without(valid, "title"), "title");

        var created = await driver.Json(await contact.Client.PostAsJsonAsync("/api/portal/tickets", valid), HttpStatusCode.Created);
        var id = (Guid)created["id"]!;
        ((string?)created["number"]).ShouldStartWith("T");
        (await driver.ScalarAsync<string>("select queue from portal_tickets where id = $1", id)).ShouldBe("Client Portal");
        (await driver.ScalarAsync<string>("select source from ticket_list where id = $1", id)).ShouldBe("portal");
        (await driver.ScalarAsync<Guid>("select contact_id from portal_tickets where id = $1", id)).ShouldBe(contact.Id);

        var routed = await driver.Json(await contact.Client.PostAsJsonAsync("/api/portal/tickets", With(valid, "issueType", "hardware")), HttpStatusCode.Created);
        (await driver.ScalarAsync<string>("select queue from portal_tickets where id = $1", (Guid)routed["id"]!)).ShouldBe("Hardware");
    }

    [Fact]
    public async Task Updating_accepts_only_editable_fields_and_keeps_mandatory_ones_filled()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        var id = await driver.TicketAsync(tech, customer, contact.Id, "Slow Wi-Fi", new { description = "Floor 2", priority = "low" });
        var path = $"/api/portal/tickets/{id}";

        foreach (var (field, value) in new[] { ("priority", "high"), ("impact", "company"), ("queue", "Level 2"), ("assignedTechnician", "x") })
        {
            await RefusedPatch(contact, path, new JsonObject { [field] = value }, field);
        }

        await RefusedPatch(contact, path, new JsonObject { ["description"] = null }, "description");
        await RefusedPatch(contact, path, new JsonObject { ["customFields"] = new JsonObject { ["margin"] = "5" } }, "customFields.margin");

        var updated = await driver.Json(await contact.Client.PatchAsJsonAsync(path, new JsonObject
        {
            ["type"] = "request", ["status"] = "pending", ["customFields"] = new JsonObject { ["seats"] = "3" },
        }), HttpStatusCode.OK);
        var page = await driver.Get(contact, path);
        ((string?)page["type"]!["value"]).ShouldBe("request");
        ((string?)page["status"]!["value"]!["id"]).ShouldBe("pending");
        ((string?)page["customFields"]!["seats"]!["value"]).ShouldBe("3");
        ((long)page["version"]!).ShouldBe((long)updated["version"]!);
        ((string?)page["priority"]!["value"]).ShouldBe("low");
    }

    private async Task Refused(Caller contact, JsonObject body, string field)
    {
        var problem = await driver.Problem(await contact.Client.PostAsJsonAsync("/api/portal/tickets", body), HttpStatusCode.BadRequest, "request.invalid");
        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
    }

    private async Task RefusedPatch(Caller contact, string path, JsonObject body, string field)
    {
        var problem = await driver.Problem(await contact.Client.PatchAsJsonAsync(path, body), HttpStatusCode.BadRequest, "request.invalid");
        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
    }

    private static JsonObject With(JsonObject body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    private static JsonObject Without(JsonObject body, string field)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }
}
