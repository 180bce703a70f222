namespace Ticketing.Domain.Tickets;

/// <summary>The two tickets of a Taskfire pair, whichever side a command was addressed to.</summary>
internal sealed record TaskfirePair(Ticket Msp, Ticket Copy)
{
    /// <summary>Checks that <paramref name="partner"/> really is <paramref name="ticket"/>'s other side.</summary>
    public static TaskfirePair Of(Ticket ticket, Ticket? partner)
    {
        if (ticket.Taskfire is not { HasPartner: true } link)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireNotAssigned, "The ticket has no Taskfire copy.");
        }

        if (partner?.Taskfire is null || partner.Id != link.LinkedTicketId || partner.Taskfire.LinkedTicketId != ticket.Id)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireLinkMismatch, "The Taskfire partner given is not this ticket's.");
        }

        TicketGuards.EnsureLive(partner);
        return link.Side == TicketSide.Msp ? new(ticket, partner) : new(partner, ticket);
    }

    /// <summary>The Taskfire note as it shows on the MSP's ticket: internal, because it is between the MSP and
    /// the customer's IT, not for the end user's portal view.</summary>
    public ReplyPosted NoteOnMsp(Guid replyId, Actor by, string note, Guid writtenOn, DateTimeOffset at) =>
        new(Msp.Id, replyId, by, note, ReplyVisibility.Internal, true, [], writtenOn == Msp.Id ? null : writtenOn, at);
}
