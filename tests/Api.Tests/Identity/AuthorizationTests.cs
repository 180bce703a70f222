using System.Net;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class AuthorizationTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Theory]
    [InlineData("/api/customers")]
    [InlineData("/api/admin/users")]
    [InlineData("/api/me")]
    public async Task Anonymous_callers_get_a_401_problem(string path)
    {
        await api.Anonymous().Scenario(s =>
        {
            s.Get.Url(path);
            s.ShouldBeProblem(HttpStatusCode.Unauthorized, "http.401");
            s.Header("WWW-Authenticate").SingleValueShouldEqual("Bearer");
        });
    }

    [Fact]
    public async Task A_contact_gets_a_403_problem_on_staff_endpoints()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var portal = await api.SignInAsync(contact);

        await portal.ProblemAsync(s => s.Get.Url("/api/customers"), HttpStatusCode.Forbidden, "http.403");
        await portal.ProblemAsync(s => s.Get.Url($"/api/contacts/{contact.Id}"), HttpStatusCode.Forbidden, "http.403");
        await portal.ProblemAsync(s => s.Get.Url("/api/admin/users"), HttpStatusCode.Forbidden, "http.403");
        await portal.ProblemAsync(s => s.Post.Url($"/api/contacts/{contact.Id}/password"), HttpStatusCode.Forbidden, "http.403");
    }

    [Fact]
    public async Task Roles_reach_what_their_policies_allow()
    {
        var admin = await api.SignInAdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var technician = await SignInAsNewAsync(admin, "technician", null);
        var auditor = await SignInAsNewAsync(admin, "auditor", null);
        var taskfire = await SignInAsNewAsync(admin, "taskfire", customer);

        await technician.GetAsync<PageBody<CustomerBody>>("/api/customers");
        await technician.ProblemAsync(s => s.Get.Url("/api/admin/users"), HttpStatusCode.Forbidden, "http.403");
        await auditor.ProblemAsync(s => s.Get.Url("/api/customers"), HttpStatusCode.Forbidden, "http.403");
        await taskfire.ProblemAsync(s => s.Get.Url("/api/customers"), HttpStatusCode.Forbidden, "http.403");
        var me = await taskfire.GetAsync<ProfileBody>("/api/me");
        me.Role.ShouldBe("taskfire");
        me.CustomerId.ShouldBe(customer);
        await technician.ProblemAsync(
            s => s.Put.Json(new { firstName = "T", lastName = "T", email = UniqueEmail(), language = "en", timeZone = "UTC" }).ToUrl("/api/me"),
            HttpStatusCode.Forbidden, "http.403");
    }

    [Fact]
    public async Task Admin_lists_staff_users_by_role_and_contacts_are_not_among_them()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        await SignInAsNewAsync(admin, "auditor", null);

        var listed = await admin.Scenario(s => s.Get.Url("/api/admin/users?limit=200"));
        var all = listed.ReadAs<PageBody<StaffUserBody>>();
        var auditors = await admin.GetAsync<PageBody<StaffUserBody>>("/api/admin/users?role=auditor");

        all.Items.Select(u => u.Id).ShouldNotContain(contact.Id);
        all.Items.ShouldContain(u => u.Username == "admin");
        auditors.Items.ShouldNotBeEmpty();
        auditors.Items.ShouldAllBe(u => u.Role == "auditor");
        listed.ReadAsText().ShouldNotContain("password", Case.Insensitive);
    }

    [Fact]
    public async Task A_taskfire_user_needs_a_customer_and_other_staff_must_not_have_one()
    {
        var admin = await api.SignInAdminAsync();

        var taskfire = await admin.InvalidFieldsAsync(s => s.Post.Json(new { role = "taskfire", email = UniqueEmail(), firstName = "T", lastName = "F" }).ToUrl("/api/admin/users"));
        var technician = await admin.InvalidFieldsAsync(s => s.Post.Json(new { role = "technician", email = UniqueEmail(), firstName = "T", lastName = "F", customerId = Guid.NewGuid() }).ToUrl("/api/admin/users"));
        var unknownRole = await admin.InvalidFieldsAsync(s => s.Post.Json(new { role = "contact", email = UniqueEmail(), firstName = "T", lastName = "F" }).ToUrl("/api/admin/users"));

        taskfire.ShouldContain("customerId");
        technician.ShouldContain("customerId");
        unknownRole.ShouldContain("role");
        await admin.ProblemAsync(
            s => s.Post.Json(new { role = "taskfire", email = UniqueEmail(), firstName = "T", lastName = "F", customerId = Guid.NewGuid() }).ToUrl("/api/admin/users"),
            HttpStatusCode.UnprocessableEntity, "user.unknown_customer");
    }

    private async Task<ApiUser> SignInAsNewAsync(ApiUser admin, string role, Guid? customerId)
    {
        var created = await admin.PostAsync<StaffUserCreatedBody>("/api/admin/users", new
        {
            role, email = UniqueEmail(role), firstName = "Sam", lastName = role, customerId,
        });
        created.User.Role.ShouldBe(role);
        return await api.SignInAsync(created.Username, created.Password);
    }
}
