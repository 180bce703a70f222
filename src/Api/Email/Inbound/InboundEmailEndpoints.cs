using Ticketing.Api.Email.Templates;

namespace Ticketing.Api.Email.Inbound;

/// <summary>The mail gateway's endpoint; it authenticates with its API key, not with a user's token.</summary>
public static class InboundEmailEndpoints
{
    public static WebApplication MapEmailEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapInboundEmail();
        app.MapEmailTemplateAdmin();
        return app;
    }

    /// <summary>The route itself, on any endpoint builder (the host's app, or a test fixture's).</summary>
    public static IEndpointRouteBuilder MapInboundEmail(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/inbound/email", ReceiveInboundEmail.HandleAsync)
            .AllowAnonymous()
            .WithTags("Email")
            .WithSummary("Email-to-ticket: the mail gateway posts a received message (X-Api-Key)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }
}
