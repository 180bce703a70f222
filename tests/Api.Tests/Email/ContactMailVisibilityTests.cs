using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Portal;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// A contact hears of a ticket only while they could see it in the portal (P3, P4, P11, T9; ADR 0020): every rule is
/// checked in the pickup folder, with contacts in two languages. Each test restores the settings it changes, since
/// the tests of this class share one API.
/// </summary>
public sealed class ContactMailVisibilityTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private const string HiddenStatus = "waiting-customer";

    [Fact]
    public async Task A_ticket_in_a_status_hidden_from_the_portal_mails_its_contact_nothing_not_even_once_it_is_visible_again()
    {
        var (technician, admin) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"));
        var customerId = await technician.CreateCustomerAsync();
        var german = await technician.CreateContactAsync(customerId, language: "de");
        var french = await technician.CreateContactAsync(customerId, language: "fr");
        var forGerman = await technician.CreateTicketAsync(customerId, "Drucker", german.Id);
        var forFrench = await technician.CreateTicketAsync(customerId, "Imprimante", french.Id);
        var (portal, _) = await admin.GetSectionAsync<PortalSection>();
        await admin.ChangeSectionAsync<PortalSection>(p => p with { VisibleStatuses = [.. p.VisibleStatuses.Where(s => s != HiddenStatus)] });
        try
        {
            var hidden = await api.TrackedAsync(async () =>
            {
                foreach (var ticket in new[] { forGerman, forFrench })
                {
                    await technician.CommandAsync(ticket.Id, "status", new { status = HiddenStatus });
                    await technician.CommandAsync(ticket.Id, "replies", new { body = "Internal reasoning the customer must not read", visibility = "Public" });
                }
            });
            var visibleAgain = await api.TrackedAsync(async () =>
            {
                foreach (var ticket in new[] { forGerman, forFrench })
                {
                    await technician.CommandAsync(ticket.Id, "status", new { status = "resolved" });
                }
            });

            foreach (var contact in new[] { german, french })
            {
                hidden.MailsSent(contact.Email).ShouldBeEmpty("a change into a hidden status and a reply while in it mail nobody");
                visibleAgain.MailsSent(contact.Email, "status_changed").ShouldHaveSingleItem("the ticket is visible again");
                api.PickedUpMails(contact.Email, "reply_posted").ShouldBeEmpty("the reply made while hidden is never sent later");
                api.PickedUpMails(contact.Email, "status_changed").ShouldHaveSingleItem()
                    .Message.TextBody!.ShouldNotContain("Waiting for customer");
            }

            (await api.SentMailAsync(visibleAgain, german.Email, "status_changed")).Subject.ShouldBe($"Ticket {forGerman.Number}: Status Gelöst");
            (await api.SentMailAsync(visibleAgain, french.Email, "status_changed")).Subject!.ShouldContain(forFrench.Number);
        }
        finally
        {
            await admin.ChangeSectionAsync<PortalSection>(_ => portal);
        }
    }

    [Fact]
    public async Task With_the_status_field_hidden_a_status_change_is_not_mailed_but_a_reply_still_is()
    {
        var (technician, admin) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"));
        var customerId = await technician.CreateCustomerAsync();
        var german = await technician.CreateContactAsync(customerId, language: "de");
        var italian = await technician.CreateContactAsync(customerId, language: "it");
        var tickets = new[] { await technician.CreateTicketAsync(customerId, "VPN", german.Id), await technician.CreateTicketAsync(customerId, "VPN", italian.Id) };
        var (fields, _) = await admin.GetSectionAsync<FieldsSection>();
        await admin.ChangeSectionAsync<FieldsSection>(f => f.WithRule(PortalFields.Status, PortalFieldRule.Hidden));
        try
        {
            var session = await api.TrackedAsync(async () =>
            {
                foreach (var ticket in tickets)
                {
                    await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
                    await technician.CommandAsync(ticket.Id, "replies", new { body = "Bitte neu starten", visibility = "Public" });
                }
            });

            foreach (var contact in new[] { german, italian })
            {
                session.MailsSent(contact.Email, "status_changed").ShouldBeEmpty("the mail would name a field the portal hides");
                api.PickedUpMails(contact.Email, "status_changed").ShouldBeEmpty();
                api.PickedUpMails(contact.Email, "reply_posted").ShouldHaveSingleItem().Message.TextBody!.ShouldContain("Bitte neu starten");
            }
        }
        finally
        {
            await admin.ChangeSectionAsync<FieldsSection>(_ => fields);
        }
    }

    [Fact]
    public async Task Tickets_before_the_date_filter_and_series_tickets_due_after_30_days_mail_nobody()
    {
        var (technician, admin) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"));
        var customerId = await technician.CreateCustomerAsync();
        var german = await technician.CreateContactAsync(customerId, language: "de");
        var spanish = await technician.CreateContactAsync(customerId, language: "es");
        var old = await technician.CreateTicketAsync(customerId, "Old ticket", german.Id);
        var (portal, _) = await admin.GetSectionAsync<PortalSection>();
        await admin.ChangeSectionAsync<PortalSection>(p => p with { HideCreatedBefore = DateTimeOffset.UtcNow });
        try
        {
            var recent = await technician.CreateTicketAsync(customerId, "New ticket", german.Id);
            var series = Guid.NewGuid();
            var later = await technician.OpenTicketAsync(new
            {
                title = "Patch day (later)", customerId, contactId = spanish.Id, priority = "high", queue = "Service Desk",
                seriesId = series, dueDate = DateTimeOffset.UtcNow.AddDays(31),
            });
            var soon = await technician.OpenTicketAsync(new
            {
                title = "Patch day (soon)", customerId, contactId = spanish.Id, priority = "high", queue = "Service Desk",
                seriesId = series, dueDate = DateTimeOffset.UtcNow.AddDays(29),
            });

            var session = await api.TrackedAsync(async () =>
            {
                foreach (var ticket in new[] { old, recent, later, soon })
                {
                    await technician.CommandAsync(ticket.Id, "replies", new { body = $"Update on {ticket.Number}", visibility = "Public" });
                }
            });

            session.MailsSent(german.Email, "reply_posted").ShouldHaveSingleItem("only the ticket created after the date filter")
                .Values["ticket_number"].ShouldBe(recent.Number);
            session.MailsSent(spanish.Email, "reply_posted").ShouldHaveSingleItem("only the series ticket due within 30 days")
                .Values["ticket_number"].ShouldBe(soon.Number);
            api.PickedUpMails(german.Email, "reply_posted").ShouldHaveSingleItem().Message.TextBody!.ShouldContain($"Update on {recent.Number}");
            api.PickedUpMails(spanish.Email, "reply_posted").ShouldHaveSingleItem().Message.TextBody!.ShouldContain($"Update on {soon.Number}");
        }
        finally
        {
            await admin.ChangeSectionAsync<PortalSection>(_ => portal);
        }
    }

    [Fact]
    public async Task With_ticketing_off_for_the_customer_or_for_all_customers_contacts_get_no_ticket_mail()
    {
        var (technician, admin) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"));
        var off = (await technician.PostAsync<CustomerBody>("/api/customers", new
        {
            name = $"Customer {Guid.NewGuid():N}", emailDomains = Array.Empty<string>(), timeZone = "Europe/Zurich",
            ticketingPortalEnabled = false, knowledgeBaseEnabled = false,
        })).Id;
        var on = await technician.CreateCustomerAsync();
        var ofOff = await technician.CreateContactAsync(off, language: "de");
        var ofOn = await technician.CreateContactAsync(on, language: "fr");
        var offTicket = await technician.CreateTicketAsync(off, "Switch", ofOff.Id);
        var onTicket = await technician.CreateTicketAsync(on, "Switch", ofOn.Id);

        var customerOff = await api.TrackedAsync(() => technician.CommandAsync(offTicket.Id, "status", new { status = "pending" }));
        customerOff.MailsSent(ofOff.Email).ShouldBeEmpty("the customer's ticketing section is off");

        var (portal, _) = await admin.GetSectionAsync<PortalSection>();
        await admin.ChangeSectionAsync<PortalSection>(p => p with { TicketingEnabled = false });
        try
        {
            var allOff = await api.TrackedAsync(async () =>
            {
                await technician.CommandAsync(onTicket.Id, "status", new { status = "pending" });
                await technician.CommandAsync(onTicket.Id, "replies", new { body = "Switch replaced", visibility = "Public" });
            });
            allOff.MailsSent(ofOn.Email).ShouldBeEmpty("ticketing is off for all customers");
        }
        finally
        {
            await admin.ChangeSectionAsync<PortalSection>(_ => portal);
        }

        var backOn = await api.TrackedAsync(() => technician.CommandAsync(onTicket.Id, "replies", new { body = "Switch tested", visibility = "Public" }));
        backOn.MailsSent(ofOn.Email, "reply_posted").ShouldHaveSingleItem();
        api.PickedUpMails(ofOff.Email, "status_changed").ShouldBeEmpty();
        api.PickedUpMails(ofOn.Email, "reply_posted").ShouldHaveSingleItem().Message.TextBody!.ShouldContain("Switch tested");
        api.PickedUpMails(ofOn.Email, "status_changed").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_workflow_mail_to_a_contact_names_no_hidden_status_and_goes_only_to_a_contact_who_sees_the_ticket_and_the_editor_says_so()
    {
        var (technician, admin) = (await api.SignInStaffAsync(), await api.SignInAdminAsync());
        var customerId = await technician.CreateCustomerAsync();
        var watcher = await technician.CreateContactAsync(customerId, language: "en");
        var colleague = await technician.CreateContactAsync(customerId, language: "fr");
        await admin.CreateRuleAsync(new
        {
            name = "Tell the watcher", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId) },
            actions = new object[] { new { notify = watcher.Id.ToString() } },
        });
        var (fields, _) = await admin.GetSectionAsync<FieldsSection>();
        (await admin.TemplateAsync("workflow_notification", "en")).Template.HiddenFromContacts.ShouldBeEmpty();
        await admin.ChangeSectionAsync<FieldsSection>(f => f.WithRule(PortalFields.Status, PortalFieldRule.Hidden));
        try
        {
            (await admin.TemplateAsync("workflow_notification", "en")).Template.HiddenFromContacts.ShouldBe(["status"]);
            (await admin.TemplateAsync("status_changed", "de")).Template.HiddenFromContacts.ShouldBe(["status"]);
            (await admin.TemplateAsync("reply_posted", "de")).Template.HiddenFromContacts.ShouldBeEmpty();

            var theirs = await api.TrackedAsync(() => technician.CreateTicketAsync(customerId, "Watched printer", watcher.Id));
            var notTheirs = await api.TrackedAsync(() => technician.CreateTicketAsync(customerId, "Colleague's printer", colleague.Id));

            var mail = await api.SentMailAsync(theirs, watcher.Email, "workflow_notification");
            mail.TextBody!.ShouldContain("(status: )", customMessage: "the status snippet renders nothing while the portal hides the field");
            notTheirs.MailsSent(watcher.Email).ShouldBeEmpty("a contact who is not primary cannot see a colleague's ticket");
            api.PickedUpMails(watcher.Email, "workflow_notification").ShouldHaveSingleItem();
        }
        finally
        {
            await admin.ChangeSectionAsync<FieldsSection>(_ => fields);
        }
    }
}
