using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;

namespace Ticketing.Api.Tickets;

/// <summary>The technician's ticket API (<c>/api/tickets</c>), technicians and admins only.</summary>
public static class TicketEndpoints
{
    public static WebApplication MapTicketEndpoints(this WebApplication app)
    {
        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization(Policies.Technician)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        tickets.MapPost("/", CreateTicketEndpoint.Handle).Validate<CreateTicketRequest>()
            .WithSummary("Open a ticket").ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/", TicketQueryEndpoints.List).WithSummary("List tickets (filters, keyset paging)").ProducesValidationProblem();
        tickets.MapGet("/{id:guid}", TicketQueryEndpoints.Get).WithSummary("A ticket with its timeline; ETag = version")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/{id:guid}/attachments/{attachmentId:guid}", TicketQueryEndpoints.Attachment)
            .WithSummary("Download an attachment").ProducesProblem(StatusCodes.Status404NotFound);

        Command(tickets.MapPatch("/{id:guid}", UpdateTicketEndpoint.Handle).WithSummary("Change fields (If-Match: version)"));
        Command(tickets.MapPost("/{id:guid}/status", TicketCommandEndpoints.ChangeStatus).Validate<ChangeStatusRequest>().WithSummary("Change the status"));
        Command(tickets.MapPost("/{id:guid}/replies", PostReplyEndpoint.Handle).WithSummary("Post a public reply or internal note (JSON or multipart with files)")
            .Accepts<PostReplyRequest>("application/json", "multipart/form-data").DisableAntiforgery());
        Command(tickets.MapPost("/{id:guid}/assign", TicketCommandEndpoints.Assign).WithSummary("Assign or unassign a technician"));
        Command(tickets.MapPost("/{id:guid}/bill", TicketCommandEndpoints.Bill).WithSummary("Mark the ticket billed (locks it)"));
        Command(tickets.MapPost("/{id:guid}/taskfire", TicketCommandEndpoints.AssignToTaskfire).Validate<AssignToTaskfireRequest>()
            .WithSummary("Assign to Taskfire: creates the linked copy with the same number"));
        Command(tickets.MapPost("/{id:guid}/taskfire/resource", TicketCommandEndpoints.ChangeTaskfireResource).Validate<ChangeTaskfireResourceRequest>()
            .WithSummary("Hand the Taskfire pair to another Taskfire user of the ticket's customer"));
        Command(tickets.MapPost("/{id:guid}/taskfire/work-complete", TicketCommandEndpoints.CompleteTaskfireWork).Validate<TaskfireWorkCompleteRequest>()
            .WithSummary("My work is complete: a note, and the Taskfire copy's status changes"));
        Command(tickets.MapPost("/{id:guid}/taskfire/questions", TicketCommandEndpoints.AskTaskfireQuestion).Validate<TaskfireQuestionRequest>()
            .WithSummary("I have a question: a note for the Taskfire user, who is notified"));
        Command(tickets.MapDelete("/{id:guid}", TicketCommandEndpoints.Delete).WithSummary("Delete the ticket (and its Taskfire partner)"));
        return app;
    }

    /// <summary>The problems every ticket command can answer, for the OpenAPI description.</summary>
    internal static void Command(RouteHandlerBuilder route) => route
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
