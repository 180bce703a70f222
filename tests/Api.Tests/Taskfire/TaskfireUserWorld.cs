using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>A ticket handed to Taskfire: the MSP's ticket and its copy, with the same number.</summary>
public sealed record TaskfirePair(Guid Msp, Guid Copy, string Number);

/// <summary>
/// The cast of a Taskfire test: a technician, customer A with two Taskfire users (the resource, in German and Tokyo time, and a
/// colleague) and customer B with its own Taskfire user.
/// </summary>
public sealed record TaskfireCast(ApiUser Technician, Guid CustomerA, ApiUser Resource, ApiUser Colleague, Guid CustomerB, ApiUser OtherResource);

public static class TaskfireUserHttp
{
    public const string Tickets = "/api/taskfire/tickets";

    public static async Task<TaskfireCast> CastAsync(this IdentityApiFactory api)
    {
        var technician = await api.SignInStaffAsync();
        var customerA = await technician.CreateCustomerAsync();
        var customerB = await technician.CreateCustomerAsync();
        return new TaskfireCast(
            technician, customerA, await api.TaskfireUserAsync(customerA, "Asia/Tokyo", "de"), await api.TaskfireUserAsync(customerA),
            customerB, await api.TaskfireUserAsync(customerB));
    }

    /// <summary>A new Taskfire user of <paramref name="customerId"/> (created by the administrator), signed in.</summary>
    public static async Task<ApiUser> TaskfireUserAsync(this IdentityApiFactory api, Guid customerId, string timeZone = "UTC", string language = "en")
    {
        var admin = await api.SignInAdminAsync();
        var created = await admin.PostAsync<StaffUserCreatedBody>("/api/admin/users", new
        {
            role = "taskfire", email = IdentityHttp.UniqueEmail("taskfire"), firstName = "Kim", lastName = "Inhouse", customerId, timeZone, language,
        });
        return await api.SignInUserAsync(created.Username, created.Password);
    }

    /// <summary>Opens a ticket of <paramref name="customerId"/> and hands it to Taskfire resource <paramref name="resourceId"/>.</summary>
    public static async Task<TaskfirePair> HandedOverAsync(this ApiUser technician, Guid customerId, Guid resourceId, string title = "Printer offline", Guid? contactId = null)
    {
        var ticket = await technician.CreateTicketAsync(customerId, title, contactId);
        await technician.CommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId, note = "Over to you" });
        var copy = (await technician.TicketAsync(ticket.Id)).Ticket.LinkedTicketId;
        copy.ShouldNotBeNull();
        return new TaskfirePair(ticket.Id, copy.Value, ticket.Number);
    }

    public static Task<TaskfirePage> TaskfireListAsync(this ApiUser user, string query = "") =>
        user.GetAsync<TaskfirePage>($"{Tickets}?{query}");

    public static Task<TaskfireTicketPage> TaskfireTicketAsync(this ApiUser user, Guid id) =>
        user.GetAsync<TaskfireTicketPage>($"{Tickets}/{id}");

    /// <summary><c>POST /api/taskfire/tickets/{id}/{action}</c>, optionally with If-Match, expecting <paramref name="status"/>.</summary>
    public static Task<IScenarioResult> TaskfireCommandAsync(
        this ApiUser user, Guid id, string action, object body, HttpStatusCode status = HttpStatusCode.OK, string? ifMatch = null) =>
        user.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"{Tickets}/{id}/{action}");
            IfMatch(s, ifMatch);
            s.StatusCodeShouldBe(status);
        });

    /// <summary><c>DELETE /api/taskfire/tickets/{id}</c>, optionally with If-Match, expecting <paramref name="status"/>.</summary>
    public static Task<IScenarioResult> TaskfireDeleteAsync(this ApiUser user, Guid id, HttpStatusCode status = HttpStatusCode.NoContent, string? ifMatch = null) =>
        user.Scenario(s =>
        {
            s.Delete.Url($"{Tickets}/{id}");
            IfMatch(s, ifMatch);
            s.StatusCodeShouldBe(status);
        });

    public static Task<ApiProblem> TaskfireGetRefusedAsync(this ApiUser user, Guid id, HttpStatusCode status, string code) =>
        user.ProblemAsync(s => s.Get.Url($"{Tickets}/{id}"), status, code);

    private static void IfMatch(Scenario s, string? ifMatch)
    {
        if (ifMatch is not null)
        {
            s.WithRequestHeader("If-Match", ifMatch);
        }
    }
}
