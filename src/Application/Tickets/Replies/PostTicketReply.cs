using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Replies;

/// <summary>A public reply or internal note on a ticket (T6), from a technician, a portal user or an inbound mail.</summary>
public sealed record PostTicketReply(
    Guid TicketId,
    Guid ReplyId,
    string? Body,
    ReplyVisibility Visibility,
    bool TaskfireRelated,
    IReadOnlyList<AttachmentMetadata> Attachments,
    CommandContext By,
    long? IfMatch = null) : ITicketCommand;

public static class PostTicketReplyHandler
{
    public static Task<TicketCommandResult> Handle(
        PostTicketReply command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecider.Decide(
            new PostReply(command.TicketId, command.ReplyId, command.Body, command.Visibility, command.TaskfireRelated, command.Attachments, command.By.Actor),
            d.Ticket, d.Policies, d.Now), ct);
}
