using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Identity;
using Ticketing.Application.Errors;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Ticketing.Api.Admin.DeadLetters;

/// <summary>
/// <c>/api/admin/dead-letters</c> (ADR 0017): the messages Wolverine gave up on (a mail the relay kept refusing, or one
/// that can never be sent), newest first and paged, and replaying them once the cause is fixed. Replaying marks the
/// dead letter replayable; the durability agent moves it back to its queue within a polling interval. The message's
/// recipient and kind are shown for mail; credentials are never in a message (they wait in <c>mail_secrets</c>).
/// </summary>
public static class DeadLetterEndpoints
{
    public const string NotFound = "dead_letter.not_found";
    public const int MaxPageSize = 200;

    public sealed record DeadLetter(
        Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt, bool Replayable,
        string? MailKind, string? Recipient);

    public sealed record DeadLetterPage(int Total, int Page, int PageSize, IReadOnlyList<DeadLetter> Items);

    public sealed record ReplayRequest(IReadOnlyList<Guid> Ids);

    public sealed record Replayed(IReadOnlyList<Guid> Ids);

    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/dead-letters").WithTags("Admin dead letters").RequireAuthorization(Policies.Admin);
        group.MapGet("", ListAsync).WithSummary("Dead-lettered messages, newest first (page from 0)");
        group.MapPost("/{id:guid}/replay", ReplayOneAsync).WithSummary("Send a dead-lettered message again").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/replay", ReplayManyAsync).WithSummary("Send several dead-lettered messages again").ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<DeadLetterPage>> ListAsync(IWolverineRuntime runtime, CancellationToken ct, int page = 0, int pageSize = 50)
    {
        if (page < 0 || pageSize < 1 || pageSize > MaxPageSize)
        {
            throw new ValidationException([
                .. page < 0 ? [new ValidationFailure("page", "must be 0 or more")] : Array.Empty<ValidationFailure>(),
                .. pageSize is < 1 or > MaxPageSize ? [new ValidationFailure("pageSize", $"must be between 1 and {MaxPageSize}")] : Array.Empty<ValidationFailure>(),
            ]);
        }

        var results = await runtime.Storage.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageNumber = page, PageSize = pageSize }, ct);
        var items = results.Envelopes.OrderByDescending(e => e.SentAt).Select(Describe).ToList();
        return TypedResults.Ok(new DeadLetterPage(results.TotalCount, page, pageSize, items));
    }

    private static async Task<Accepted<Replayed>> ReplayOneAsync(Guid id, IWolverineRuntime runtime, CancellationToken ct) =>
        await ReplayAsync([id], runtime, ct);

    private static async Task<Accepted<Replayed>> ReplayManyAsync(ReplayRequest request, IWolverineRuntime runtime, CancellationToken ct)
    {
        if (request?.Ids is not { Count: > 0 and <= MaxPageSize } ids)
        {
            throw new ValidationException([new ValidationFailure("ids", $"must list 1 to {MaxPageSize} dead letters")]);
        }

        return await ReplayAsync([.. ids.Distinct()], runtime, ct);
    }

    private static async Task<Accepted<Replayed>> ReplayAsync(Guid[] ids, IWolverineRuntime runtime, CancellationToken ct)
    {
        var letters = runtime.Storage.DeadLetters;
        foreach (var id in ids)
        {
            if (await letters.DeadLetterEnvelopeByIdAsync(id) is null)
            {
                throw new NotFoundException(NotFound, $"There is no dead letter {id}.");
            }
        }

        await letters.ReplayAsync(new DeadLetterEnvelopeQuery { MessageIds = ids }, ct);

        return TypedResults.Accepted((string?)null, new Replayed(ids));
    }

    private static DeadLetter Describe(DeadLetterEnvelope letter)
    {
        var (kind, recipient) = MailOf(letter.Envelope);
        return new DeadLetter(
            letter.Id, letter.MessageType, letter.ExceptionType, letter.ExceptionMessage, letter.SentAt, letter.Replayable, kind, recipient);
    }

    private static (string? Kind, string? Recipient) MailOf(Envelope? envelope)
    {
        if (envelope?.Data is not { Length: > 0 } data)
        {
            return (null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object ? (Text(json.RootElement, "Kind"), Text(json.RootElement, "Recipient")) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement message, string name)
    {
        foreach (var property in message.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
