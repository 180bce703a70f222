using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Ticketing.Api.Tests.Portal;

public sealed class NoLeakFactory : PortalApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ClassSettings =>
    [
        new("Portal:Fields:impact:Rule", "Hidden"),
        new("Portal:Fields:productFamily:Rule", "Hidden"),
        new("Portal:CustomFields:0:Key", "cost"),
        new("Portal:CustomFields:0:Label", "Internal cost"),
        new("Portal:CustomFields:0:Rule", "Hidden"),
        new("Portal:CustomFields:1:Key", "asset"),
        new("Portal:CustomFields:1:Label", "Asset"),
    ];
}

/// <summary>
/// P4 "hidden fields never leave the server" and T6 "internal notes are for technicians": every portal response
/// of a ticket's life is searched, as raw JSON, for marker strings planted in hidden fields and internal notes.
/// </summary>
public sealed class PortalNoLeakTests(NoLeakFactory factory) : IClassFixture<NoLeakFactory>
{
    private readonly PortalDriver driver = new(factory);

    [Fact]
    public async Task No_portal_response_ever_carries_a_hidden_field_or_an_internal_note()
    {
        var markers = new[]
        {
            "LEAK-IMPACT-7f3", "LEAK-FAMILY-9c1", "LEAK-QUEUE-2b8", "LEAK-WORKTYPE-5d4", "LEAK-COST-4e6", "LEAK-NOTE-8a2",
            "LEAK-NOTEFILE-3f9", "LEAK-TASKFIRE-6b7",
        };
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var taskfireUser = await driver.StaffAsync("taskfire", customer);
        var boss = await driver.ContactAsync(tech, customer, primary: true);
        var id = await driver.TicketAsync(tech, customer, boss.Id, "Server room too warm", new
        {
            impact = markers[0], productFamily = markers[1], queue = markers[2], workType = markers[3],
            customFields = new Dictionary<string, string> { ["cost"] = markers[4], ["asset"] = "AC-1" },
        });
        await driver.InternalNoteAsync(tech, id, $"Customer is behind on payments {markers[5]}");
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("internal evidence"), "body");
            form.Add(new StringContent("Internal"), "visibility");
            form.Add(File(markers[6]), "files", $"{markers[6]}.txt");
            var note = await tech.Client.PostAsync($"/api/tickets/{id}/replies", form);
            note.StatusCode.ShouldBe(HttpStatusCode.OK, await note.Content.ReadAsStringAsync());
        }

        var assigned = await tech.Client.PostAsJsonAsync($"/api/tickets/{id}/taskfire",
            new { queue = "Customer IT", resourceId = taskfireUser.Id, note = $"Hand over {markers[7]}" });
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        await driver.PublicReplyAsync(tech, id, "We sent someone over.");

        // Every portal response of the ticket's life: list, page, create, update, reply (JSON and multipart).
        driver.Bodies.Clear();
        await driver.Items(boss);
        await driver.Items(boss, "?scope=mine&text=warm");
        var page = await driver.Get(boss, $"/api/portal/tickets/{id}");
        await driver.Json(await boss.Client.PatchAsJsonAsync($"/api/portal/tickets/{id}", new { priority = "high", status = "pending" }), HttpStatusCode.OK);
        await driver.Json(await boss.Client.PostAsJsonAsync($"/api/portal/tickets/{id}/replies", new { body = "Thanks" }), HttpStatusCode.Created);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("Photo of the thermometer"), "body");
            form.Add(File("32 degrees"), "files", "reading.txt");
            await driver.Json(await boss.Client.PostAsync($"/api/portal/tickets/{id}/replies", form), HttpStatusCode.Created);
        }

        var created = await driver.Json(await boss.Client.PostAsJsonAsync("/api/portal/tickets",
            new { title = "Another one", customFields = new { asset = "AC-2" } }), HttpStatusCode.Created);
        await driver.Get(boss, $"/api/portal/tickets/{(Guid)created["id"]!}");
        page = await driver.Get(boss, $"/api/portal/tickets/{id}");
        await driver.Items(boss);

        var all = string.Join("\n", driver.Bodies);
        driver.Bodies.Count.ShouldBeGreaterThanOrEqualTo(9);
        foreach (var marker in markers)
        {
            all.ShouldNotContain(marker, Case.Insensitive);
        }

        foreach (var hiddenName in new[] { "\"impact\"", "\"productFamily\"", "\"queue\"", "\"workType\"", "\"cost\"", "internal", "sha256" })
        {
            all.ShouldNotContain(hiddenName, Case.Insensitive);
        }

        page.ContainsKey("impact").ShouldBeFalse();
        page["customFields"]!.AsObject().ContainsKey("cost").ShouldBeFalse();
        var timeline = page["timeline"]!.AsArray();
        timeline.Count(e => (string?)e!["kind"] == "reply").ShouldBe(3);

        // The contact's file downloads as an attachment, never sniffed; an internal note's file is a 404 even by id.
        var file = timeline.Select(e => e!["attachments"]!.AsArray()).First(a => a.Count > 0)[0]!;
        var download = await boss.Client.GetAsync((string)file["url"]!);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsStringAsync()).ShouldBe("32 degrees");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var internalFile = await driver.ScalarAsync<string>(
            "select a->>'id' from ticket_timeline t, jsonb_array_elements(t.attachments) a where t.ticket_id = $1 and t.visibility = 'internal'", id);
        internalFile.ShouldNotBeNull();
        await driver.Problem(await boss.Client.GetAsync($"/api/portal/tickets/{id}/attachments/{internalFile}"),
            HttpStatusCode.NotFound, "portal.attachment_not_found");
    }

    private static ByteArrayContent File(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }
}
