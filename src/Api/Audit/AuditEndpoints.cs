using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Audit.Visibility;
using Ticketing.Api.Identity;
using Ticketing.Application.Errors;
using Ticketing.Application.Privacy;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Audit;

/// <summary>The auditor's read-only API (T11): a ticket's full history and its state at any point.</summary>
public static class AuditEndpoints
{
    public static WebApplication MapAuditEndpoints(this WebApplication app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Auditor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/tickets/{id:guid}/history", History)
            .WithSummary("Every event of the ticket and of its linked Taskfire copy (marked), in log order");
        audit.MapGet("/tickets/{id:guid}/state", TicketStateAtEndpoint.Handle)
            .WithSummary("The ticket folded up to ?version=N or ?at=INSTANT (now when neither is given)")
            .ProducesValidationProblem();
        audit.MapGet("/visibility", VisibilityReplayEndpoint.HandleAsync)
            .WithSummary("What a contact could see in the portal at ?at=INSTANT: the ticket list, or with ?ticketId= the ticket's page and the mails sent about it")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AuditedEvent>>> History(Guid id, TicketAuditQuery query, PersonalDataReveal reveal, CancellationToken ct)
    {
        var history = await query.HistoryAsync(id, ct);
        if (history.Count == 0)
        {
            throw new NotFoundException("ticket.not_found", $"Ticket {id} has no history.");
        }

        // A contact's text is stored sealed (ADR 0027): the auditor reads it opened, or "[erased]".
        var data = await reveal.RevealAsync([.. history.Select(e => e.Data)], ct);
        return TypedResults.Ok<IReadOnlyList<AuditedEvent>>([.. history.Select((e, i) => e with { Data = data[i] })]);
    }
}
