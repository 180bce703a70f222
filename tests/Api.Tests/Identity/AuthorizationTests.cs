using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        var response = await api.CreateClient().GetAsync(Url(path));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "http.401");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task A_contact_gets_a_403_problem_on_staff_endpoints()
    {
        var admin = await api.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var contact = await admin.CreateContactAsync(customer);
        var portal = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));

        await (await portal.GetAsync(Url("/api/customers"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        await (await portal.GetAsync(Url($"/api/contacts/{contact.Id}"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        await (await portal.GetAsync(Url("/api/admin/users"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        await (await portal.PostAsync(Url($"/api/contacts/{contact.Id}/password"), null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
    }

    [Fact]
    public async Task Roles_reach_what_their_policies_allow()
    {
        var admin = await api.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var technician = await SignInAsNewAsync(admin, "technician", null);
        var auditor = await SignInAsNewAsync(admin, "auditor", null);
        var taskfire = await SignInAsNewAsync(admin, "taskfire", customer);

        (await technician.GetAsync(Url("/api/customers"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await technician.GetAsync(Url("/api/admin/users"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        await (await auditor.GetAsync(Url("/api/customers"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        await (await taskfire.GetAsync(Url("/api/customers"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        var me = await taskfire.GetFromJsonAsync<JsonElement>(Url("/api/me"));
        me.GetProperty("role").GetString().ShouldBe("taskfire");
        me.GetProperty("customerId").GetGuid().ShouldBe(customer);
        var staffProfile = await technician.PutAsJsonAsync(Url("/api/me"), new
        {
            firstName = "T", lastName = "T", email = UniqueEmail(), language = "en", timeZone = "UTC",
        });
        await staffProfile.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
    }

    [Fact]
    public async Task Admin_lists_staff_users_by_role_and_contacts_are_not_among_them()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        await SignInAsNewAsync(admin, "auditor", null);

        var all = await admin.GetFromJsonAsync<JsonElement>(Url("/api/admin/users?limit=200"));
        var auditors = await admin.GetFromJsonAsync<JsonElement>(Url("/api/admin/users?role=auditor"));

        var ids = all.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ToList();
        ids.ShouldNotContain(contact.Id);
        all.GetProperty("items").EnumerateArray().ShouldContain(u => u.GetProperty("username").GetString() == "admin");
        auditors.GetProperty("items").EnumerateArray().ShouldAllBe(u => u.GetProperty("role").GetString() == "auditor");
        all.GetRawText().ShouldNotContain("password", Case.Insensitive);
    }

    [Fact]
    public async Task A_taskfire_user_needs_a_customer_and_other_staff_must_not_have_one()
    {
        var admin = await api.AdminAsync();

        var taskfire = await admin.PostAsJsonAsync(Url("/api/admin/users"), new { role = "taskfire", email = UniqueEmail(), firstName = "T", lastName = "F" });
        var technician = await admin.PostAsJsonAsync(Url("/api/admin/users"), new { role = "technician", email = UniqueEmail(), firstName = "T", lastName = "F", customerId = Guid.NewGuid() });
        var unknownRole = await admin.PostAsJsonAsync(Url("/api/admin/users"), new { role = "contact", email = UniqueEmail(), firstName = "T", lastName = "F" });
        var unknownCustomer = await admin.PostAsJsonAsync(Url("/api/admin/users"), new { role = "taskfire", email = UniqueEmail(), firstName = "T", lastName = "F", customerId = Guid.NewGuid() });

        (await taskfire.ValidationErrorsAsync()).TryGetProperty("customerId", out _).ShouldBeTrue();
        (await technician.ValidationErrorsAsync()).TryGetProperty("customerId", out _).ShouldBeTrue();
        (await unknownRole.ValidationErrorsAsync()).TryGetProperty("role", out _).ShouldBeTrue();
        await unknownCustomer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "user.unknown_customer");
    }

    private async Task<HttpClient> SignInAsNewAsync(HttpClient admin, string role, Guid? customerId)
    {
        var response = await admin.PostAsJsonAsync(Url("/api/admin/users"), new
        {
            role, email = UniqueEmail(role), firstName = "Sam", lastName = role, customerId,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return api.WithToken(await api.TokenAsync(body.GetProperty("username").GetString()!, body.GetProperty("password").GetString()!));
    }
}
