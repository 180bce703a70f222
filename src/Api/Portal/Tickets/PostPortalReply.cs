using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Attachments;
using Ticketing.Api.Portal.Views;
using Ticketing.Api.Tickets;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Replies;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Portal;
using Wolverine;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>
/// <c>POST /api/portal/tickets/{id}/replies</c> (P6): a public reply as JSON <c>{"body": "..."}</c> or multipart form
/// data (<c>body</c> and any number of files). Always public: a contact has no internal notes, and asking for one
/// is a 400. The domain refuses billed tickets (T4) and, under the reopen policy, replies to finished ones (T5);
/// otherwise a reply to a finished ticket reopens it.
/// </summary>
public static class PostPortalReply
{
    public static async Task<Created<PortalReplyResponse>> HandleAsync(
        Guid id, HttpContext http, PortalContexts contexts, PortalTicketQueries queries, IMessageBus bus,
        AttachmentUploads uploads, CancellationToken ct)
    {
        var context = await contexts.ResolveAsync(http, ct);
        var reply = await PostAsync(id, context, http, queries, bus, uploads, ct);
        ETags.Set(http.Response, reply.Version);
        return TypedResults.Created($"/api/portal/tickets/{id}", reply);
    }

    /// <summary>
    /// The reply of the request's body (JSON or multipart form) on a ticket <paramref name="context"/>'s contact can see:
    /// the endpoint's work and the ticket page's reply form's.
    /// </summary>
    public static async Task<PortalReplyResponse> PostAsync(
        Guid id, PortalContext context, HttpContext http, PortalTicketQueries queries, IMessageBus bus, AttachmentUploads uploads, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(uploads);
        await GetPortalTicket.EnsureVisibleAsync(id, context, queries, ct);
        var (request, files) = await PostReplyEndpoint.ReadAsync(http.Request, ct);
        if (request.Visibility is { } visibility && visibility != ReplyVisibility.Public || request.TaskfireRelated)
        {
            throw PortalTicketBody.Invalid("visibility", "Portal replies are always public.");
        }

        if (request.Body?.Length > TicketLimits.ReplyMaxLength)
        {
            throw PortalTicketBody.Invalid("body", $"A reply has at most {TicketLimits.ReplyMaxLength} characters.");
        }

        // Files are stored before the decision: content-addressed, so a refused reply leaves only unreferenced bytes.
        var attachments = await uploads.SaveAsync(files, ct);
        var replyId = Guid.CreateVersion7();
        var result = await bus.InvokeAsync<TicketCommandResult>(new PostTicketReply(
            id, replyId, request.Body, ReplyVisibility.Public, false, attachments, http.CommandContext(), ETags.IfMatch(http.Request)), ct);
        return new PortalReplyResponse(id, replyId, result.Version);
    }
}
