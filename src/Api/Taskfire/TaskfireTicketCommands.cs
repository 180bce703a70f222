using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Attachments;
using Ticketing.Api.Tickets;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Deleting;
using Ticketing.Application.Tickets.Replies;
using Ticketing.Application.Tickets.Status;
using Ticketing.Application.Tickets.Taskfire;
using Ticketing.Domain.Tickets;
using Wolverine;

namespace Ticketing.Api.Taskfire;

/// <summary>
/// The Taskfire user working their copy (T10). Each command first checks the id is one of the caller's copies (else
/// 404), then runs the same ticket command as staff do, as a Taskfire actor: the domain keeps them on the copy side,
/// and notifications, workflow rules, If-Match (412) and conflicts behave as for any ticket command.
/// </summary>
public static class TaskfireTicketCommands
{
    /// <summary>The copy's status only; the MSP's ticket keeps its own.</summary>
    public static async Task<Ok<TicketCommandResponse>> ChangeStatus(
        Guid id, ChangeStatusRequest request, HttpContext http, TaskfireCallers callers, IMessageBus bus, CancellationToken ct)
    {
        await EnsureOwnCopyAsync(id, http, callers, ct);
        return await TicketCommandEndpoints.InvokeAsync(http, bus, new SetTicketStatus(id, request.Status!, http.CommandContext(), ETags.IfMatch(http.Request)), ct);
    }

    /// <summary>Hands the pair to another Taskfire user of the same customer (checked by the handler, 422 otherwise).</summary>
    public static async Task<Ok<TicketCommandResponse>> ChangeResource(
        Guid id, ChangeTaskfireResourceRequest request, HttpContext http, TaskfireCallers callers, IMessageBus bus, CancellationToken ct)
    {
        await EnsureOwnCopyAsync(id, http, callers, ct);
        return await TicketCommandEndpoints.InvokeAsync(http, bus, new ReassignTaskfireResource(id, request.ResourceId, http.CommandContext(), ETags.IfMatch(http.Request)), ct);
    }

    /// <summary>
    /// A Taskfire-related note, as JSON or as multipart form data with files (as for replies): on the copy and, internal,
    /// on the MSP's ticket, attachments included. The files are stored only once the ticket is known to be the caller's.
    /// </summary>
    public static async Task<Ok<TicketCommandResponse>> AddNote(
        Guid id, HttpContext http, TaskfireCallers callers, IMessageBus bus, AttachmentUploads uploads, IValidator<TaskfireNoteRequest> validator,
        CancellationToken ct)
    {
        await EnsureOwnCopyAsync(id, http, callers, ct);
        var (reply, files) = await PostReplyEndpoint.ReadAsync(http.Request, ct);
        var request = new TaskfireNoteRequest(reply.Body);
        await validator.ValidateAndThrowAsync(request, ct);
        var attachments = await uploads.SaveAsync(files, ct);
        return await TicketCommandEndpoints.InvokeAsync(http, bus, new PostTicketReply(
            id, Guid.CreateVersion7(), request.Body, ReplyVisibility.Internal, TaskfireRelated: true, attachments, http.CommandContext(),
            ETags.IfMatch(http.Request)), ct);
    }

    /// <summary>Deletes the copy and the MSP's ticket with it; the MSP's assigned technician is told.</summary>
    public static async Task<NoContent> Delete(Guid id, HttpContext http, TaskfireCallers callers, IMessageBus bus, CancellationToken ct)
    {
        await EnsureOwnCopyAsync(id, http, callers, ct);
        await bus.InvokeAsync<TicketCommandResult>(new RemoveTicket(id, http.CommandContext(), ETags.IfMatch(http.Request)), ct);
        return TypedResults.NoContent();
    }

    private static async Task EnsureOwnCopyAsync(Guid id, HttpContext http, TaskfireCallers callers, CancellationToken ct) =>
        await callers.EnsureOwnCopyAsync(id, await callers.ResolveAsync(http, ct), ct);
}

public sealed class TaskfireNoteRequestValidator : AbstractValidator<TaskfireNoteRequest>
{
    public TaskfireNoteRequestValidator() => RuleFor(r => r.Body).NotEmpty().MaximumLength(TicketLimits.ReplyMaxLength);
}
