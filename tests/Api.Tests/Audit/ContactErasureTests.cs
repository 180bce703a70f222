using System.Net;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Reliability;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Email;
using Wolverine;
using Wolverine.Tracking;

namespace Ticketing.Api.Tests.Audit;

/// <summary>
/// Erasure that keeps the proof (issue 19, ADR 0027): what a contact writes is stored sealed with a key of their own,
/// read in clear by everyone who may see it, and reads as erased everywhere once an administrator erases the contact,
/// while the history stays complete.
/// </summary>
public sealed class ContactErasureTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private const string Secret = "My home number is 044 555 12 34";
    private const string Description = "The laptop of Anna Keller, Bahnhofstrasse 1, will not boot";

    [Fact]
    public async Task What_a_contact_writes_is_stored_sealed_and_shown_in_clear_to_whoever_may_see_it()
    {
        var (technician, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("auditor"));
        var (contact, ticketId) = await ContactTicketAsync(technician);

        (await StoredTextCountAsync(ticketId, Secret)).ShouldBe(0, "neither the log nor a read model holds the clear text");
        (await StoredTextCountAsync(ticketId, "Bahnhofstrasse")).ShouldBe(0);

        var staffView = await technician.TicketAsync(ticketId);
        staffView.Description.ShouldBe(Description);
        staffView.Timeline.ShouldContain(e => e.Body == Secret);
        (await PortalPageAsync(contact, ticketId)).GetProperty("timeline").EnumerateArray()
            .ShouldContain(e => e.GetProperty("body").GetString() == Secret);
        (await HistoryBodiesAsync(auditor, ticketId)).ShouldContain(Secret);
    }

    [Fact]
    public async Task Erasing_a_contact_makes_what_they_wrote_read_as_erased_everywhere_and_the_history_stays_complete()
    {
        var (technician, admin, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"), await api.SignInStaffAsync("auditor"));
        var (contact, ticketId) = await ContactTicketAsync(technician);
        await technician.CommandAsync(ticketId, "replies", new { body = "Please bring it to the desk", visibility = "Public" });
        var historyBefore = await auditor.GetAsync<List<JsonElement>>($"/api/audit/tickets/{ticketId}/history");
        var exportBefore = await auditor.ExportAsync(ticketId);
        var sealedReply = await api.ScalarAsync<string>(
            "select data->>'body' from mt_events where stream_id = $1 and type = 'ticket.reply_posted' order by version limit 1", ticketId);

        await admin.Scenario(s =>
        {
            s.Post.Url($"/api/contacts/{contact.Id}/erase");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        // The log is unchanged: its chain and the checkpoint signed before the erasure still verify, online and offline.
        (await auditor.VerifyAsync(ticketId)).Intact.ShouldBeTrue();
        AuditChainHttp.VerifyOffline(exportBefore).ExitCode.ShouldBe(0);
        var exportAfter = await auditor.ExportAsync(ticketId);
        AuditChainHttp.VerifyOffline(exportAfter).ExitCode.ShouldBe(0);
        exportAfter.ToJsonString().ShouldNotContain("Anna Keller");

        var staffView = await technician.TicketAsync(ticketId);
        staffView.Description.ShouldBe("[erased]");
        staffView.Timeline.Where(e => e.Kind == "Reply").Select(e => e.Body).ShouldBe(["[erased]", "Please bring it to the desk"]);
        var history = await auditor.GetAsync<List<JsonElement>>($"/api/audit/tickets/{ticketId}/history");
        history.Count.ShouldBe(historyBefore.Count, "the history keeps every event");
        (await HistoryBodiesAsync(auditor, ticketId)).ShouldBe(["[erased]", "Please bring it to the desk"]);
        history.ShouldNotContain(e => e.GetRawText().Contains("Anna", StringComparison.Ordinal) || e.GetRawText().Contains(Secret, StringComparison.Ordinal));
        (await auditor.GetAsync<JsonElement>($"/api/audit/tickets/{ticketId}/state")).GetProperty("state").GetProperty("fields")
            .GetProperty("description").GetString().ShouldBe("[erased]");

        await ReadModelRebuild.RebuildInlineAsync(api);
        (await technician.TicketAsync(ticketId)).Timeline.First(e => e.Kind == "Reply").Body.ShouldBe("[erased]", "a rebuild cannot bring it back");

        var record = await admin.GetAsync<JsonElement>($"/api/contacts/{contact.Id}");
        record.GetProperty("firstName").GetString().ShouldBe("Erased");
        record.GetProperty("email").GetString()!.ShouldEndWith("@erased.invalid");
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and (before::text like '%' || $2 || '%' or after::text like '%' || $2 || '%')",
            contact.Id, contact.Email)).ShouldBe(0, "earlier audit entries no longer hold the address");
        (await api.ScalarAsync<Guid>("select actor_id from audit_log where entity_id = $1 and action = 'contact.erased'", contact.Id)).ShouldBe(admin.Id);
        (await api.ScalarAsync<bool>("select after is null and before is null from audit_log where entity_id = $1 and action = 'contact.erased'", contact.Id))
            .ShouldBeTrue("the erasure's record names who and when, not what");
        await api.Scenario(s =>
        {
            s.Post.Json(new { login = contact.Username, password = contact.Password }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });

        // A mail queued before the erasure and sent after it: the contact's text in it reads as erased.
        var technicianEmail = (await technician.GetAsync<ProfileBody>("/api/me")).Email;
        var late = new SendMail(MailIds.New(), EmailKinds.ReplyPosted, technicianEmail, "en",
            new() { ["reply_text"] = sealedReply, ["ticket_number"] = "T-1", ["ticket_title"] = "Late", ["recipient_name"] = "Terry" }, DateTimeOffset.UtcNow);
        await api.Host.InvokeMessageAndWaitAsync(late);
        var sent = api.PickedUpMails(technicianEmail, "reply_posted").Single(m => m.MailId == late.MailId).Message;
        sent.TextBody!.ShouldContain("[erased]");
        sent.TextBody!.ShouldNotContain(Secret);

        var toErased = late with { MailId = MailIds.New(), Recipient = "erased@example.invalid", RecipientId = contact.Id, TicketId = ticketId };
        await api.Host.InvokeMessageAndWaitAsync(toErased);
        api.PickedUpMails("erased@example.invalid").ShouldBeEmpty("nothing is sent to an erased contact");
        (await StoredTextCountAsync(ticketId, Secret)).ShouldBe(0);
        sealedReply.ShouldStartWith("\uE002pd1:");
    }

    [Fact]
    public async Task A_contact_without_a_key_gets_one_on_their_first_command_and_what_they_write_is_sealed()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        (await api.ScalarAsync<long>("with removed as (delete from personal_data_keys where subject_id = $1 returning 1) select count(*) from removed", contact.Id))
            .ShouldBe(1, "as for a contact created before keys existed");
        var portal = await api.SignInUserAsync(contact);

        var created = await portal.PostAsync<JsonElement>("/api/portal/tickets", new { title = "Laptop will not boot", description = Description });

        var ticketId = created.GetProperty("id").GetGuid();
        (await api.ScalarAsync<long>("select count(*) from personal_data_keys where subject_id = $1 and protected_key is not null", contact.Id)).ShouldBe(1);
        (await StoredTextCountAsync(ticketId, "Bahnhofstrasse")).ShouldBe(0);
        (await technician.TicketAsync(ticketId)).Description.ShouldBe(Description);
    }

    [Fact]
    public async Task Only_an_administrator_erases_an_unknown_contact_is_404_and_a_second_erasure_409_with_nothing_written()
    {
        var (technician, admin) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"));
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);

        await technician.ProblemAsync(s => s.Post.Url($"/api/contacts/{contact.Id}/erase"), HttpStatusCode.Forbidden, "http.403");
        await admin.ProblemAsync(s => s.Post.Url($"/api/contacts/{Guid.NewGuid()}/erase"), HttpStatusCode.NotFound, "contact.not_found");
        await admin.ProblemAsync(s => s.Post.Url($"/api/contacts/{technician.Id}/erase"), HttpStatusCode.NotFound, "contact.not_found");
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'contact.erased'", contact.Id)).ShouldBe(0);
        (await admin.GetAsync<JsonElement>($"/api/contacts/{contact.Id}")).GetProperty("email").GetString().ShouldBe(contact.Email);

        await admin.Scenario(s =>
        {
            s.Post.Url($"/api/contacts/{contact.Id}/erase");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        await admin.ProblemAsync(s => s.Post.Url($"/api/contacts/{contact.Id}/erase"), HttpStatusCode.Conflict, "contact.already_erased");
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'contact.erased'", contact.Id)).ShouldBe(1);
    }

    /// <summary>A contact opens a ticket in the portal with a personal description and replies to it.</summary>
    private async Task<(CreatedContact Contact, Guid TicketId)> ContactTicketAsync(ApiUser technician)
    {
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var portal = await api.SignInUserAsync(contact);
        var created = await portal.PostAsync<JsonElement>("/api/portal/tickets", new { title = "Laptop will not boot", description = Description });
        var ticketId = created.GetProperty("id").GetGuid();
        await portal.PostAsync<JsonElement>($"/api/portal/tickets/{ticketId}/replies", new { body = Secret });
        return (contact, ticketId);
    }

    private Task<long> StoredTextCountAsync(Guid ticketId, string text) => api.ScalarAsync<long>("""
        select (select count(*) from mt_events where stream_id = $1 and data::text like '%' || $2 || '%')
             + (select count(*) from ticket_timeline where ticket_id = $1 and body like '%' || $2 || '%')
             + (select count(*) from ticket_details where id = $1 and description like '%' || $2 || '%')
        """, ticketId, text);

    private async Task<JsonElement> PortalPageAsync(CreatedContact contact, Guid ticketId) =>
        await (await api.SignInUserAsync(contact)).GetAsync<JsonElement>($"/api/portal/tickets/{ticketId}");

    private static async Task<IReadOnlyList<string?>> HistoryBodiesAsync(ApiUser auditor, Guid ticketId) =>
        [.. (await auditor.GetAsync<List<JsonElement>>($"/api/audit/tickets/{ticketId}/history"))
            .Where(e => e.GetProperty("type").GetString() == "ticket.reply_posted")
            .Select(e => e.GetProperty("data").GetProperty("body").GetString())];
}
