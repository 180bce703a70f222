using Ticketing.Api.Identity;
using Ticketing.Api.Portal.Tickets;
using Ticketing.Api.Tickets;

namespace Ticketing.Api.Portal;

/// <summary>The customer portal's ticket API under <c>/api/portal</c>, for contacts only (staff and Taskfire users get 403).</summary>
public static class PortalEndpoints
{
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var portal = app.MapGroup("/api/portal").WithTags("Portal").RequireAuthorization(Policies.Contact)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        portal.MapGet("/tickets", ListPortalTickets.HandleAsync)
            .WithSummary("The contact's tickets (a primary contact's: the company's); filters and keyset paging").ProducesValidationProblem();
        portal.MapPost("/tickets", CreatePortalTicket.HandleAsync)
            .WithSummary("Open a ticket (editable fields only; mandatory fields per the admin's rules)").ProducesValidationProblem();
        portal.MapGet("/tickets/{id:guid}", GetPortalTicket.HandleAsync)
            .WithSummary("The ticket page, shaped by the field rules, with the public timeline; ETag = version")
            .ProducesProblem(StatusCodes.Status404NotFound);
        portal.MapPatch("/tickets/{id:guid}", UpdatePortalTicket.HandleAsync)
            .WithSummary("Change editable fields and the status (If-Match: version)").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        portal.MapPost("/tickets/{id:guid}/replies", PostPortalReply.HandleAsync)
            .WithSummary("Reply (JSON or multipart with files)").Accepts<PostReplyRequest>("application/json", "multipart/form-data")
            .DisableAntiforgery().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        portal.MapGet("/tickets/{id:guid}/attachments/{attachmentId:guid}", DownloadPortalAttachment.HandleAsync)
            .WithSummary("Download a file of a public reply").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
