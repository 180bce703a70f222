using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using Wolverine;

namespace Ticketing.Api.Tickets;

/// <summary>
/// The technician's commands on an existing ticket. Each one runs the shared command path (load, decide, append)
/// and answers the ticket's new version, also as the ETag; If-Match makes it conditional.
/// </summary>
public static class TicketCommandEndpoints
{
    public static Task<Ok<TicketCommandResponse>> ChangeStatus(Guid id, ChangeStatusRequest request, HttpContext http, TicketCommandService tickets, CancellationToken ct) =>
        RunAsync(http, id, tickets, (d, by) => Single(id, TicketDecider.Decide(new ChangeTicketStatus(id, request.Status!, by), d.Ticket, d.Policies, d.Now)), ct);

    public static async Task<Ok<TicketCommandResponse>> Assign(
        Guid id, AssignTechnicianRequest request, HttpContext http, TicketCommandService tickets, TicketAssignees assignees, CancellationToken ct)
    {
        await assignees.EnsureAssignableAsync(request.TechnicianId, ct);
        return await RunAsync(http, id, tickets, (d, by) => Single(id, TicketDecider.Decide(new AssignTechnician(id, request.TechnicianId, by), d.Ticket, d.Now)), ct);
    }

    public static Task<Ok<TicketCommandResponse>> Bill(Guid id, HttpContext http, TicketCommandService tickets, CancellationToken ct) =>
        RunAsync(http, id, tickets, (d, by) => Single(id, TicketDecider.Decide(new BillTicket(id, by), d.Ticket, d.Now)), ct);

    public static async Task<Ok<TicketCommandResponse>> AssignToTaskfire(
        Guid id, AssignToTaskfireRequest request, HttpContext http, TicketCommandService tickets, TicketAssignees assignees, CancellationToken ct)
    {
        var resourceCustomer = await assignees.TaskfireCustomerAsync(request.ResourceId, ct);
        return await RunAsync(http, id, tickets, (d, by) =>
        {
            TicketAssignees.EnsureTaskfireResource(request.ResourceId, resourceCustomer, d.Ticket.CustomerId);
            return TicketDecider.Decide(
                new AssignToTaskfire(id, Guid.CreateVersion7(), request.Queue, request.ResourceId, request.Note, by), d.Ticket, d.Policies, d.Now);
        }, ct);
    }

    public static Task<Ok<TicketCommandResponse>> CompleteTaskfireWork(Guid id, TaskfireWorkCompleteRequest request, HttpContext http, TicketCommandService tickets, CancellationToken ct) =>
        RunAsync(http, id, tickets, (d, by) => TicketDecider.Decide(
            new CompleteTaskfireWork(id, Guid.CreateVersion7(), request.Note, request.Status, by), d.Ticket, d.Partner, d.Policies, d.Now), ct);

    public static Task<Ok<TicketCommandResponse>> AskTaskfireQuestion(Guid id, TaskfireQuestionRequest request, HttpContext http, TicketCommandService tickets, CancellationToken ct) =>
        RunAsync(http, id, tickets, (d, by) => TicketDecider.Decide(
            new AskTaskfireQuestion(id, Guid.CreateVersion7(), request.Question, by), d.Ticket, d.Partner, d.Now), ct);

    public static async Task<NoContent> Delete(Guid id, HttpContext http, TicketCommandService tickets, CancellationToken ct)
    {
        await RunAsync(http, id, tickets, (d, by) => TicketDecider.Decide(new DeleteTicket(id, by), d.Ticket, d.Partner, d.Now), ct);
        http.Response.Headers.ETag = default;
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<TicketCommandResponse>> RunAsync(
        HttpContext http, Guid id, TicketCommandService tickets, Func<TicketDecisionContext, Actor, TicketDecision> decide, CancellationToken ct)
    {
        var context = http.CommandContext();
        var result = await tickets.ExecuteAsync(id, ETags.IfMatch(http.Request), context, d => decide(d, context.Actor), ct);
        ETags.Set(http.Response, result.Version);
        return TypedResults.Ok(new TicketCommandResponse(id, result.Version));
    }

    /// <summary>Runs a ticket command's handler in this request and answers the ticket's new version, also as the ETag.</summary>
    internal static async Task<Ok<TicketCommandResponse>> InvokeAsync<TCommand>(HttpContext http, IMessageBus bus, TCommand command, CancellationToken ct)
        where TCommand : ITicketCommand
    {
        var result = await bus.InvokeAsync<TicketCommandResult>(command, ct);
        ETags.Set(http.Response, result.Version);
        return TypedResults.Ok(new TicketCommandResponse(command.TicketId, result.Version));
    }

    private static TicketDecision Single(Guid id, IReadOnlyList<TicketEvent> events) => new([new(id, events)]);
}
