using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Assigning;
using Ticketing.Application.Tickets.Billing;
using Ticketing.Application.Tickets.Deleting;
using Ticketing.Application.Tickets.Status;
using Ticketing.Application.Tickets.Taskfire;
using Wolverine;

namespace Ticketing.Api.Tickets;

/// <summary>
/// The technician's commands on an existing ticket. Each one sends its message to its handler in this request and
/// answers the ticket's new version, also as the ETag; If-Match makes it conditional.
/// </summary>
public static class TicketCommandEndpoints
{
    public static Task<Ok<TicketCommandResponse>> ChangeStatus(Guid id, ChangeStatusRequest request, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        InvokeAsync(http, bus, new SetTicketStatus(id, request.Status!, http.CommandContext(), ETags.IfMatch(http.Request)), ct);

    public static Task<Ok<TicketCommandResponse>> Assign(Guid id, AssignTechnicianRequest request, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        InvokeAsync(http, bus, new AssignTicketTechnician(id, request.TechnicianId, http.CommandContext(), ETags.IfMatch(http.Request)), ct);

    public static Task<Ok<TicketCommandResponse>> Bill(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        InvokeAsync(http, bus, new MarkTicketBilled(id, http.CommandContext(), ETags.IfMatch(http.Request)), ct);

    public static Task<Ok<TicketCommandResponse>> AssignToTaskfire(
        Guid id, AssignToTaskfireRequest request, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        InvokeAsync(http, bus, new HandTicketToTaskfire(
            id, request.Queue!, request.ResourceId, request.Note!, http.CommandContext(), ETags.IfMatch(http.Request)), ct);

    public static Task<Ok<TicketCommandResponse>> ChangeTaskfireResource(
        Guid id, ChangeTaskfireResourceRequest request, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        InvokeAsync(http, bus, new ReassignTaskfireResource(id, request.ResourceId, http.CommandContext(), ETags.IfMatch(http.Request)), ct);

    public static Task<Ok<TicketCommandResponse>> CompleteTaskfireWork(
        Guid id, TaskfireWorkCompleteRequest request, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        InvokeAsync(http, bus, new ReportTaskfireWorkComplete(id, request.Note!, request.Status, http.CommandContext(), ETags.IfMatch(http.Request)), ct);

    public static Task<Ok<TicketCommandResponse>> AskTaskfireQuestion(
        Guid id, TaskfireQuestionRequest request, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        InvokeAsync(http, bus, new PutQuestionToTaskfire(id, request.Question!, http.CommandContext(), ETags.IfMatch(http.Request)), ct);

    public static async Task<NoContent> Delete(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync<TicketCommandResult>(new RemoveTicket(id, http.CommandContext(), ETags.IfMatch(http.Request)), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Runs a ticket command's handler in this request and answers the ticket's new version, also as the ETag.</summary>
    internal static async Task<Ok<TicketCommandResponse>> InvokeAsync<TCommand>(HttpContext http, IMessageBus bus, TCommand command, CancellationToken ct)
        where TCommand : ITicketCommand
    {
        var result = await bus.InvokeAsync<TicketCommandResult>(command, ct);
        ETags.Set(http.Response, result.Version);
        return TypedResults.Ok(new TicketCommandResponse(command.TicketId, result.Version));
    }
}
