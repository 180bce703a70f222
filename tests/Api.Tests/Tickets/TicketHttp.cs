using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>Ticket facts no endpoint shows.</summary>
public static class TicketHttp
{
    /// <summary>The events stored in all (a refused command must leave it unchanged).</summary>
    public static async Task<long> EventCountAsync(this Infrastructure.ApiFactory api) =>
        await api.ScalarAsync<long>("select count(*) from mt_events");
}

/// <summary>Ticket steps as Alba scenarios run by a signed-in <see cref="ApiUser"/>, read into the tests' contract records.</summary>
public static class TicketScenarios
{
    /// <summary><c>POST /api/tickets</c> with <paramref name="body"/>, expecting <paramref name="status"/> (201 unless told).</summary>
    public static Task<IScenarioResult> PostTicketAsync(this ApiUser user, object body, HttpStatusCode status = HttpStatusCode.Created) =>
        user.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/tickets");
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Opens a ticket with <paramref name="body"/> and returns what the 201 says.</summary>
    public static Task<CreatedTicket> OpenTicketAsync(this ApiUser user, object body) => user.PostTicketAsync(body).ReadAsync<CreatedTicket>();

    /// <summary>Opens a high-priority Service Desk ticket for <paramref name="customerId"/>.</summary>
    public static Task<CreatedTicket> CreateTicketAsync(this ApiUser user, Guid customerId, string title = "Printer offline", Guid? contactId = null) =>
        user.OpenTicketAsync(new { title, customerId, contactId, priority = "high", queue = "Service Desk" });

    public static Task<TicketView> TicketAsync(this ApiUser user, Guid id) => user.GetAsync<TicketView>($"/api/tickets/{id}");

    /// <summary>
    /// <c>POST /api/tickets/{id}/{action}</c> with <paramref name="body"/> (an empty object when null), optionally with
    /// <c>If-Match</c>, expecting <paramref name="status"/> (200 unless told).
    /// </summary>
    public static Task<IScenarioResult> CommandAsync(
        this ApiUser user, Guid id, string action, object? body = null, string? ifMatch = null, HttpStatusCode status = HttpStatusCode.OK) =>
        user.Scenario(s =>
        {
            s.Post.Json(body ?? new { }).ToUrl($"/api/tickets/{id}/{action}");
            if (ifMatch is not null)
            {
                s.WithRequestHeader("If-Match", ifMatch);
            }

            s.StatusCodeShouldBe(status);
        });

    /// <summary>A ticket command that must fail with <paramref name="status"/> and the problem <paramref name="code"/>.</summary>
    public static Task<ApiProblem> RefusedCommandAsync(this ApiUser user, Guid id, string action, object? body, HttpStatusCode status, string code) =>
        user.CommandAsync(id, action, body, status: status).ShouldBeProblemAsync(code);

    /// <summary><c>PATCH /api/tickets/{id}</c> with <paramref name="body"/>, expecting <paramref name="status"/> (200 unless told).</summary>
    public static Task<IScenarioResult> PatchTicketAsync(this ApiUser user, Guid id, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        user.Scenario(s =>
        {
            s.Patch.Json(body).ToUrl($"/api/tickets/{id}");
            s.StatusCodeShouldBe(status);
        });

    public static Task<TicketList> TicketListAsync(this ApiUser user, string query) => user.GetAsync<TicketList>($"/api/tickets?{query}");
}
