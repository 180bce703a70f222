using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Audit.Visibility;
using Ticketing.Api.Audit.Chain;
using Ticketing.Api.Identity;
using Ticketing.Application.Errors;
using Ticketing.Application.Privacy;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Audit;

/// <summary>
/// The auditor's read-only API (T11): a ticket's full history and its state at any point; the tamper-evident log
/// (ADR 0024): verification of the chains and checkpoints, a ticket's export for offline verification, the published
/// checkpoint keys and their rotation.
/// </summary>
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
        audit.MapGet("/verify", Verify)
            .WithSummary("Walks the hash chains of every stream (or ?ticketId= and its Taskfire copy) and the signed checkpoints; reports the first broken link");
        audit.MapGet("/tickets/{id:guid}/export", Export)
            .WithSummary("The ticket's history with its links, the signed checkpoint covering it and the keys, for `audit verify FILE` offline");
        audit.MapGet("/keys", Keys)
            .WithSummary("The checkpoint signing keys (ECDSA P-256; PEM and JWK), retired ones included");
        audit.MapPost("/keys/rotate", Rotate).RequireAuthorization(Policies.Admin)
            .WithSummary("Retires the active checkpoint key (it stays published) and makes a new one");
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

    private static async Task<Ok<ChainVerification>> Verify(Guid? ticketId, ChainVerifier verifier, CancellationToken ct)
    {
        Guid[]? streams = null;
        if (ticketId is { } id)
        {
            streams = await verifier.TicketStreamsAsync(id, ct) ?? throw new NotFoundException("ticket.not_found", $"Ticket {id} has no history.");
        }

        return TypedResults.Ok(await verifier.VerifyAsync(ticketId, streams, ct));
    }

    private static async Task<Ok<AuditExport>> Export(Guid id, AuditExporter exporter, CancellationToken ct) =>
        TypedResults.Ok(await exporter.ExportAsync(id, ct) ?? throw new NotFoundException("ticket.not_found", $"Ticket {id} has no history."));

    private static async Task<Ok<IReadOnlyList<AuditPublicKey>>> Keys(AuditSigningKeys keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.PublishedAsync(ct));

    private static async Task<Created<AuditPublicKey>> Rotate(AuditSigningKeys keys, CancellationToken ct)
    {
        var keyId = await keys.RotateAsync(ct);
        var key = (await keys.PublishedAsync(ct)).Single(k => k.KeyId == keyId);
        return TypedResults.Created("/api/audit/keys", key);
    }

    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AuditOptions>().BindConfiguration("Ticketing:Audit");
        services.AddSingleton<AuditSigningKeys>();
        services.AddSingleton<CheckpointWriter>();
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<AuditExporter>();
        services.AddHostedService<CheckpointService>();
        return builder;
    }
}
