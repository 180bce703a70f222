using FluentValidation;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Api.Tickets;

namespace Ticketing.Api.Taskfire;

/// <summary>The Taskfire user's API under <c>/api/taskfire</c> (T10), for the <c>taskfire</c> role only.</summary>
public static class TaskfireEndpoints
{
    public const string Tickets = "/api/taskfire/tickets";

    public static IServiceCollection AddTaskfireApi(this IServiceCollection services)
    {
        services.AddSingleton<TaskfireCallers>();
        services.AddSingleton<IValidator<TaskfireNoteRequest>, TaskfireNoteRequestValidator>();
        services.AddSingleton<IValidator<TaskfireTicketRequest>, TaskfireTicketRequestValidator>();
        services.AddSingleton<IValidator<SubmitToMspRequest>, SubmitToMspRequestValidator>();
        return services;
    }

    public static WebApplication MapTaskfireEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tickets = app.MapGroup(Tickets).WithTags("Taskfire").RequireAuthorization(Policies.Taskfire)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        tickets.MapGet("/", TaskfireTicketReads.List)
            .WithSummary("The Taskfire copies of the user's customer's tickets; filters and keyset paging").ProducesValidationProblem();
        tickets.MapPost("/", TaskfireHelpDesk.Open).Validate<TaskfireTicketRequest>()
            .WithSummary("Open a ticket of the user's own help desk (source Taskfire; the MSP does not see it)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        TicketEndpoints.Command(tickets.MapPost("/{id:guid}/submit", TaskfireHelpDesk.Submit).Validate<SubmitToMspRequest>()
            .WithSummary("Submit an own ticket to the MSP: the MSP's linked ticket with the same number, routed by issue type (T7)"));
        tickets.MapGet("/{id:guid}", TaskfireTicketReads.Get)
            .WithSummary("A Taskfire copy with its timeline (no MSP internal notes); ETag = version").ProducesProblem(StatusCodes.Status404NotFound);
        TicketEndpoints.Command(tickets.MapPost("/{id:guid}/status", TaskfireTicketCommands.ChangeStatus).Validate<ChangeStatusRequest>()
            .WithSummary("Change the copy's status (the MSP's ticket is untouched)"));
        TicketEndpoints.Command(tickets.MapPost("/{id:guid}/resource", TaskfireTicketCommands.ChangeResource).Validate<ChangeTaskfireResourceRequest>()
            .WithSummary("Hand the copy (and the MSP's ticket's Taskfire link) to another Taskfire user of the customer"));
        TicketEndpoints.Command(tickets.MapPost("/{id:guid}/notes", TaskfireTicketCommands.AddNote)
            .WithSummary("Add a note (JSON or multipart with files), shown on both tickets of the pair")
            .Accepts<TaskfireNoteRequest>("application/json", "multipart/form-data").DisableAntiforgery());
        tickets.MapGet("/{id:guid}/attachments/{attachmentId:guid}", TaskfireTicketReads.Attachment)
            .WithSummary("Download an attachment of an entry the copy's page shows").ProducesProblem(StatusCodes.Status404NotFound);
        TicketEndpoints.Command(tickets.MapDelete("/{id:guid}", TaskfireTicketCommands.Delete)
            .WithSummary("Delete the copy and the MSP's ticket; the MSP's technician is notified"));

        app.MapGet("/api/taskfire/users", TaskfireTicketReads.Colleagues).WithTags("Taskfire").RequireAuthorization(Policies.Taskfire)
            .WithSummary("The active Taskfire users of the user's customer: the ones a ticket can be handed to")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
