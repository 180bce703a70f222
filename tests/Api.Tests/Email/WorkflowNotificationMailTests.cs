using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;

namespace Ticketing.Api.Tests.Email;

/// <summary>A workflow rule's "notify" mail goes through the template system: default text, admin override, escaped values.</summary>
public sealed class WorkflowNotificationMailTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task A_notify_action_mails_the_default_template_with_the_title_escaped_in_html()
    {
        var (technician, admin, customerId, address) = await RuleNotifyingAnAddressAsync("Escalate <urgent>");

        await technician.OpenAsync(new { title = "Server <b>down</b> & out", customerId, priority = "urgent" });

        var mail = await api.PickedUpAsync((await api.SentMailsAsync(address, "workflow_notification")).Single());
        mail.Subject.ShouldEndWith("Server <b>down</b> & out");
        mail.Subject.ShouldStartWith("Rule Escalate <urgent>: ticket ");
        mail.TextBody!.ShouldContain("the workflow rule \"Escalate <urgent>\" matched ticket");
        mail.TextBody!.ShouldContain("(status: Open)");
        mail.HtmlBody!.ShouldContain("Server &lt;b&gt;down&lt;/b&gt; &amp; out");
        mail.HtmlBody!.ShouldNotContain("<b>down</b>");
        admin.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_admin_override_of_the_workflow_template_applies_to_the_next_rule_mail()
    {
        var (technician, admin, customerId, address) = await RuleNotifyingAnAddressAsync("Dispatch");
        await (await admin.PutTemplateAsync("workflow_notification", "en", new
        {
            subject = "[{{ticket_number}}] needs you",
            bodyText = "Rule {{rule_name}}: {{ticket_title}} is {{status}}.",
        })).TemplateAsync();

        var (_, number) = await technician.CreateTicketAsync(customerId, "Printer");
        await technician.OpenAsync(new { title = "Router", customerId, priority = "urgent" });

        var mail = await api.PickedUpAsync((await api.SentMailsAsync(address, "workflow_notification")).Single());
        mail.Subject!.ShouldMatch(@"^\[T\d{8}\.\d{4}\] needs you$");
        mail.Subject.ShouldNotBe($"[{number}] needs you");
        mail.TextBody.ShouldBe("Rule Dispatch: Router is Open.");
    }

    private async Task<(HttpClient Technician, HttpClient Admin, Guid CustomerId, string Address)> RuleNotifyingAnAddressAsync(string ruleName)
    {
        var (technician, _) = await api.StaffAsync();
        var admin = await api.AdminAsync();
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
