using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;

namespace Ticketing.Api.Tests.Email;

/// <summary>A workflow rule's "notify" mail goes through the template system: default text, admin override, escaped values.</summary>
public sealed class WorkflowNotificationMailTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task A_notify_action_mails_the_default_template_with_the_title_escaped_in_html()
    {
        var (technician, _, customerId, address) = await RuleNotifyingAnAddressAsync("Escalate <urgent>");

        var opening = await api.TrackedAsync(() => technician.OpenAsync(new { title = "Server <b>down</b> & out", customerId, priority = "urgent" }));

        var mail = await api.SentMailAsync(opening, address, "workflow_notification");
        mail.Subject.ShouldEndWith("Server <b>down</b> & out");
        mail.Subject.ShouldStartWith("Rule Escalate <urgent>: ticket ");
        mail.TextBody!.ShouldContain("the workflow rule \"Escalate <urgent>\" matched ticket");
        mail.TextBody!.ShouldContain("(status: Open)");
        mail.HtmlBody!.ShouldContain("Server &lt;b&gt;down&lt;/b&gt; &amp; out");
        mail.HtmlBody!.ShouldNotContain("<b>down</b>");
    }

    [Fact]
    public async Task An_admin_override_of_the_workflow_template_applies_to_the_next_rule_mail()
    {
        var (technician, admin, customerId, address) = await RuleNotifyingAnAddressAsync("Dispatch");
        await admin.SaveTemplateAsync("workflow_notification", "en", new
        {
            subject = "[{{ticket_number}}] needs you",
            bodyText = "Rule {{rule_name}}: {{ticket_title}} is {{status}}.",
        });

        CreatedTicket? printer = null;
        var ignored = await api.TrackedAsync(async () => printer = await technician.CreateTicketAsync(customerId, "Printer"));
        var matching = await api.TrackedAsync(() => technician.OpenAsync(new { title = "Router", customerId, priority = "urgent" }));

        ignored.MailsSent(address).ShouldBeEmpty("a high-priority ticket does not match the rule");
        var mail = await api.SentMailAsync(matching, address, "workflow_notification");
        mail.Subject!.ShouldMatch(@"^\[T\d{8}\.\d{4}\] needs you$");
        mail.Subject.ShouldNotBe($"[{printer!.Number}] needs you");
        mail.TextBody.ShouldBe("Rule Dispatch: Router is Open.");
        api.PickedUpMails(address, "workflow_notification").ShouldHaveSingleItem();
    }

    private async Task<(ApiUser Technician, ApiUser Admin, Guid CustomerId, string Address)> RuleNotifyingAnAddressAsync(string ruleName)
    {
        var technician = await api.SignInStaffAsync();
        var admin = await api.SignInAdminAsync();
        var customerId = await admin.CreateCustomerAsync();
        var address = IdentityHttp.UniqueEmail("dispatch");
        await admin.CreateRuleAsync(new
        {
            name = ruleName, trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "priority", op = "eq", value = "urgent" } },
            actions = new object[] { new { notify = address } },
        });
        return (technician, admin, customerId, address);
    }
}
