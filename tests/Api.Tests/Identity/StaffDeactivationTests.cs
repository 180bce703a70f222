using System.Net;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// An administrator deactivates and reactivates a staff user (ADR 0018): the user's sessions end at once, their sign-in
/// fails like an unknown login's, and they cannot be assigned a ticket, by hand or by a workflow rule.
/// </summary>
public sealed class StaffDeactivationTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task A_deactivated_technician_loses_their_sessions_and_cannot_sign_in_until_reactivated()
    {
        var admin = await api.SignInAdminAsync();
        var created = await NewTechnicianAsync(admin);
        var tokens = await api.SignInForTokensAsync(created.Username, created.Password);

        var deactivated = await admin.PostAsync<StaffUserBody>($"/api/admin/users/{created.User.Id}/deactivate", new { }, HttpStatusCode.OK);

        deactivated.DeactivatedAt.ShouldNotBeNull();
        (await api.As(tokens.AccessToken).StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);
        await api.Anonymous().ProblemAsync(
            s => s.Post.Json(new { refreshToken = tokens.RefreshToken }).ToUrl("/api/auth/refresh"), HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        await api.RefusedLoginAsync(created.Username, created.Password);
        var listed = await admin.GetAsync<PageBody<StaffUserBody>>("/api/admin/users?role=technician&limit=200");
        listed.Items.Single(u => u.Id == created.User.Id).DeactivatedAt.ShouldBe(deactivated.DeactivatedAt);

        var reactivated = await admin.PostAsync<StaffUserBody>($"/api/admin/users/{created.User.Id}/reactivate", new { }, HttpStatusCode.OK);

        reactivated.DeactivatedAt.ShouldBeNull();
        (await api.LoginStatusAsync(created.Username, created.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_technician_cannot_be_assigned_on_create_by_assign_or_by_a_new_rule_and_nothing_is_written()
    {
        var admin = await api.SignInAdminAsync();
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var ticket = await technician.CreateTicketAsync(customerId);
        var gone = (await NewTechnicianAsync(admin)).User.Id;
        await admin.PostAsync<StaffUserBody>($"/api/admin/users/{gone}/deactivate", new { }, HttpStatusCode.OK);
        var rules = await admin.RulesAsync();
        var events = await api.EventCountAsync();

        await technician.PostTicketAsync(new { title = "Printer offline", customerId, assigneeId = gone }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync("ticket.assignee_not_staff");
        await technician.RefusedCommandAsync(ticket.Id, "assign", new { technicianId = gone }, HttpStatusCode.UnprocessableEntity, "ticket.assignee_not_staff");
        await admin.ProblemAsync(s => s.Post.Json(new
        {
            name = "To the leaver", trigger = "ticket_created", actions = new object[] { new { set = "assignee", value = gone.ToString() } },
        }).ToUrl(WorkflowHttp.Rules), HttpStatusCode.UnprocessableEntity, "ticket.assignee_not_staff");

        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.TicketAsync(ticket.Id)).Ticket.ShouldSatisfyAllConditions(t => t.AssigneeId.ShouldBeNull(), t => t.Version.ShouldBe(1));
        (await admin.RulesAsync()).Length.ShouldBe(rules.Length);
    }

    [Fact]
    public async Task A_rule_that_assigns_a_technician_deactivated_since_it_was_saved_leaves_the_ticket_unassigned_and_the_creation_succeeds()
    {
        var admin = await api.SignInAdminAsync();
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var leaver = (await NewTechnicianAsync(admin)).User.Id;
        var rule = await admin.CreateRuleAsync(new
        {
            name = "Everything to the leaver", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId) },
            actions = new object[] { new { set = "assignee", value = leaver.ToString() } },
        });
        await admin.PostAsync<StaffUserBody>($"/api/admin/users/{leaver}/deactivate", new { }, HttpStatusCode.OK);

        var ticket = await technician.CreateTicketAsync(customerId, title: "Payroll server down");

        (await technician.TicketAsync(ticket.Id)).Ticket.ShouldSatisfyAllConditions(t => t.AssigneeId.ShouldBeNull(), t => t.Version.ShouldBe(1));
        var warning = api.Logs.Lines
            .Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(ticket.Id.ToString(), StringComparison.Ordinal)).ShouldHaveSingleItem();
        warning.ShouldSatisfyAllConditions(
            l => l.ShouldContain(rule.Id.ToString()), l => l.ShouldContain("workflow.assignee_not_assignable"), l => l.ShouldNotContain("Payroll"));
        await admin.PostAsync<StaffUserBody>($"/api/admin/users/{leaver}/reactivate", new { }, HttpStatusCode.OK);
        var next = await technician.CreateTicketAsync(customerId);
        (await technician.TicketAsync(next.Id)).Ticket.AssigneeId.ShouldBe(leaver);
    }

    [Fact]
    public async Task A_deactivated_taskfire_user_cannot_be_handed_a_ticket_and_no_copy_is_made()
    {
        var admin = await api.SignInAdminAsync();
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var resource = await api.SignInStaffAsync("taskfire", customerId);
        var ticket = await technician.CreateTicketAsync(customerId);
        await admin.PostAsync<StaffUserBody>($"/api/admin/users/{resource.Id}/deactivate", new { }, HttpStatusCode.OK);
        var events = await api.EventCountAsync();

        await technician.RefusedCommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId = resource.Id, note = "Yours" },
            HttpStatusCode.UnprocessableEntity, "ticket.taskfire_resource_invalid");

        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.TicketAsync(ticket.Id)).Ticket.LinkedTicketId.ShouldBeNull();
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves_nor_a_contact_and_nothing_changes()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());

        await admin.ProblemAsync(
            s => s.Post.Json(new { }).ToUrl($"/api/admin/users/{admin.Id}/deactivate"), HttpStatusCode.UnprocessableEntity, "user.cannot_deactivate_self");
        await admin.ProblemAsync(s => s.Post.Json(new { }).ToUrl($"/api/admin/users/{contact.Id}/deactivate"), HttpStatusCode.NotFound, "user.not_found");

        (await api.LoginStatusAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword)).ShouldBe(HttpStatusCode.OK);
        (await api.LoginStatusAsync(contact.Username, contact.Password)).ShouldBe(HttpStatusCode.OK);
    }

    private static Task<StaffUserCreatedBody> NewTechnicianAsync(ApiUser admin) =>
        admin.PostAsync<StaffUserCreatedBody>("/api/admin/users", new { role = "technician", email = IdentityHttp.UniqueEmail("tech"), firstName = "Lee", lastName = "Ver" });
}
