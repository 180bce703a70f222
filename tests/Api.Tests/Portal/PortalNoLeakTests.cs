using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Alba;
using Ticketing.Api.Tests.Tickets;

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
        await tech.Scenario(s =>
            s.Post.MultipartFormData(Form("internal evidence", "Internal", (markers[6], $"{markers[6]}.txt"))).ToUrl($"/api/tickets/{id}/replies"));
        await tech.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId = taskfireUser.Id, note = $"Hand over {markers[7]}" });
        await driver.PublicReplyAsync(tech, id, "We sent someone over.");

        // Every portal response of the ticket's life: list, page, create, update, reply (JSON and multipart).
        driver.Bodies.Clear();
        await driver.ItemsAsync(boss);
        await driver.ItemsAsync(boss, "?scope=mine&text=warm");
        var page = await driver.PageAsync(boss, id);
        await driver.UpdateAsync(boss, id, new { priority = "high", status = "pending" });
        await driver.ReplyAsync(boss, id, new { body = "Thanks" });
        await driver.ReadAsync<PortalReplyResult>(
            boss, s => s.Post.MultipartFormData(Form("Photo of the thermometer", null, ("32 degrees", "reading.txt"))).ToUrl($"/api/portal/tickets/{id}/replies"),
            HttpStatusCode.Created);

        var created = await driver.CreateAsync(boss, new { title = "Another one", customFields = new { asset = "AC-2" } });
        await driver.PageAsync(boss, created.Id);
        page = await driver.PageAsync(boss, id);
        var pageMembers = driver.LastBodyMembers();
        await driver.ItemsAsync(boss);

        // The leak check reads the raw bodies on purpose: a marker must not appear anywhere, under any member name.
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

        pageMembers.ShouldNotContain("impact");
        page.Impact.ShouldBeNull();
        page.CustomFields.Keys.ShouldNotContain("cost");
        page.Timeline.Count(e => e.Kind == "reply").ShouldBe(3);

        // The contact's file downloads as an attachment, never sniffed; an internal note's file is a 404 even by id.
        var file = page.Timeline.SelectMany(e => e.Attachments).First();
        var download = await boss.Scenario(s =>
        {
            s.Get.Url(file.Url);
            s.Header("X-Content-Type-Options").SingleValueShouldEqual("nosniff");
        });
        download.ReadAsText().ShouldBe("32 degrees");
        ContentDispositionHeaderValue.Parse(download.Context.Response.Headers.ContentDisposition.ToString()).DispositionType.ShouldBe("attachment");
        var internalFile = (await tech.TicketAsync(id)).Timeline
            .Single(e => e.Visibility == "Internal" && e.Attachments.Count > 0).Attachments.ShouldHaveSingleItem();
        await boss.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{id}/attachments/{internalFile.Id}"), HttpStatusCode.NotFound, "portal.attachment_not_found");
    }

    /// <summary>A reply form: body, visibility (left out when null) and plain-text files given by content and file name.</summary>
    private static MultipartFormDataContent Form(string body, string? visibility, params (string Text, string FileName)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(body), "body" } };
        if (visibility is not null)
        {
            form.Add(new StringContent(visibility), "visibility");
        }

        foreach (var (text, fileName) in files)
        {
            form.Add(File(text), "files", fileName);
        }

        return form;
    }

    private static ByteArrayContent File(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }
}
