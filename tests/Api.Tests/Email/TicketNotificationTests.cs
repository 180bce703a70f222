using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Email.Notifications;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Email;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Notifications;
using Ticketing.Application.Tickets.Replies;
using Ticketing.Domain.Tickets;
using Wolverine;
using Wolverine.Tracking;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// Ticket events → a notice forwarded from the appending Marten session → <see cref="SendMail"/> → the pickup folder.
/// Each step is tracked: it returns once the notices and mails it set off are handled.
/// </summary>
public sealed class TicketNotificationTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task A_public_staff_reply_mails_the_contact_once_in_their_language_and_an_internal_note_mails_nobody()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "<script>alert(1)</script> Drucker", contact.Id);

        var note = await api.TrackedAsync(() => ReplyAsync(technician, ticket.Id, "Internal: customer is difficult", "Internal"));
        var reply = await api.TrackedAsync(() => ReplyAsync(technician, ticket.Id, "Bitte starten Sie den Drucker neu.\nDanke!", "Public"));

        note.Handled<TicketEventNotice>().ShouldBeEmpty("an internal note queues no notice");
        note.Handled<SendMail>().ShouldNotContain(m => m.Kind == "reply_posted", "an internal note mails nobody");
        var mail = await api.SentMailAsync(reply, contact.Email, "reply_posted");
        mail.Subject.ShouldBe($"Neue Antwort zum Ticket {ticket.Number}: <script>alert(1)</script> Drucker");
        mail.TextBody!.ShouldContain("Bitte starten Sie den Drucker neu.\nDanke!");
        mail.TextBody!.ShouldContain(EmailApiFactory.PortalUrl);
        mail.HtmlBody!.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; Drucker");
        mail.HtmlBody!.ShouldNotContain("<script>");
        mail.TextBody!.ShouldNotContain("Internal");

        var second = await api.TrackedAsync(() => ReplyAsync(technician, ticket.Id, "Zweite Antwort", "Public"));
        (await api.SentMailAsync(second, contact.Email, "reply_posted")).TextBody!.ShouldContain("Zweite Antwort");
        api.PickedUpMails(contact.Email, "reply_posted").Count.ShouldBe(2, "one mail per public reply, none for the note");
    }

    [Fact]
    public async Task A_contact_reply_mails_the_assigned_technician_and_not_the_contact()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.OpenTicketAsync(new { title = "VPN down", customerId, contactId = contact.Id, assigneeId = technician.Id });

        var session = await api.TrackedAsync(() => ContactRepliesAsync(ticket.Id, contact.Id, "Still down since this morning"));

        var technicianEmail = (await technician.GetAsync<ProfileBody>("/api/me")).Email;
        var mail = await api.SentMailAsync(session, technicianEmail, "reply_posted");
        mail.TextBody!.ShouldContain("Still down since this morning");
        mail.Subject!.ShouldContain("VPN down");
        session.MailsSent(contact.Email).ShouldBeEmpty();
        api.PickedUpMails(contact.Email, "reply_posted").ShouldBeEmpty();
    }

    [Fact]
    public async Task Events_whose_ticket_has_nobody_to_mail_queue_no_notice()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var withoutContact = await technician.CreateTicketAsync(customerId, "Printer jam");
        var unassigned = await technician.CreateTicketAsync(customerId, "Scanner offline", contact.Id);

        var session = await api.TrackedAsync(async () =>
        {
            await ReplyAsync(technician, withoutContact.Id, "Cleared the jam", "Public");
            await technician.CommandAsync(withoutContact.Id, "status", new { status = "resolved" });
            await ContactRepliesAsync(unassigned.Id, contact.Id, "Still offline");
        });

        session.Handled<TicketEventNotice>().ShouldBeEmpty("no contact to tell of the reply or the status, nobody assigned to tell of the contact's reply");
        session.Handled<SendMail>().ShouldBeEmpty();
        api.PickedUpMails(contact.Email, "reply_posted").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_status_change_mails_the_contact_with_the_status_name_in_their_language()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "Mailbox full", contact.Id);

        var session = await api.TrackedAsync(async () =>
        {
            await technician.CommandAsync(ticket.Id, "status", new { status = "resolved" });
            await technician.CommandAsync(ticket.Id, "status", new { status = "waiting-customer" });
        });

        var mails = session.MailsSent(contact.Email, "status_changed");
        mails.Count.ShouldBe(2);
        var subjects = new List<string?>();
        foreach (var mail in mails)
        {
            subjects.Add((await api.PickedUpAsync(mail.MailId)).Subject);
        }

        subjects.ShouldBe([$"Ticket {ticket.Number}: Status Gelöst", $"Ticket {ticket.Number}: Status Waiting for customer"], ignoreOrder: true);
        api.PickedUpMails(contact.Email, "status_changed").Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_taskfire_question_and_the_deletion_of_the_shared_ticket_mail_the_taskfire_resource()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var resource = await api.SignInStaffAsync("taskfire", customerId);
        var resourceEmail = (await resource.GetAsync<ProfileBody>("/api/me")).Email;
        var ticket = await technician.CreateTicketAsync(customerId, "Server room too hot", contact.Id);
        await technician.CommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId = resource.Id, note = "Please check the AC" });

        var asking = await api.TrackedAsync(() => technician.CommandAsync(ticket.Id, "taskfire/questions", new { question = "Is the AC <on>?" }));
        var question = await api.SentMailAsync(asking, resourceEmail, "taskfire_question");
        question.Subject.ShouldBe($"Question on ticket {ticket.Number}: Server room too hot");
        question.TextBody!.ShouldContain("Is the AC <on>?");
        question.HtmlBody!.ShouldContain("Is the AC &lt;on&gt;?");

        var deleting = await api.TrackedAsync(() => technician.Scenario(s =>
        {
            s.Delete.Url($"/api/tickets/{ticket.Id}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        }));
        var deleted = await api.SentMailAsync(deleting, resourceEmail, "shared_ticket_deleted");
        deleted.Subject.ShouldBe($"Ticket {ticket.Number} was deleted");
        deleting.MailsSent(contact.Email).ShouldBeEmpty();
        api.PickedUpMails(contact.Email, "reply_posted").ShouldBeEmpty();
    }

    private static Task<Alba.IScenarioResult> ReplyAsync(ApiUser technician, Guid ticketId, string body, string visibility) =>
        technician.CommandAsync(ticketId, "replies", new { body, visibility });

    // The portal's reply endpoint belongs to another issue; the command path below is the one it uses.
    private Task<TicketCommandResult> ContactRepliesAsync(Guid ticketId, Guid contactId, string body) =>
        api.Services.GetRequiredService<IMessageBus>().InvokeAsync<TicketCommandResult>(new PostTicketReply(
            ticketId, Guid.CreateVersion7(), body, ReplyVisibility.Public, false, [], new CommandContext(Actor.Contact(contactId), null, Guid.NewGuid())));
}
