using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Tickets;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Creating;
using Ticketing.Application.Tickets.Taskfire;
using Ticketing.Domain.Tickets;
using Wolverine;

namespace Ticketing.Api.Taskfire;

/// <summary>A ticket of the Taskfire user's own help desk (T10). <see cref="IssueType"/> is the MSP's catalogue key (T7 routing).</summary>
public sealed record TaskfireTicketRequest(
    string? Title, string? Description, string? Priority, string? Impact, string? Type, string? IssueType, DateTimeOffset? DueDate);

/// <summary>Submits an own ticket to the MSP with an explaining note and the ids of the notes to share with it.</summary>
public sealed record SubmitToMspRequest(string? Note, IReadOnlyList<Guid>? ShareNoteIds);

/// <summary>The new own ticket: its id, number (kept by the MSP's ticket if it is submitted) and version.</summary>
public sealed record TaskfireTicketCreated(Guid Id, string Number, long Version);

/// <summary>
/// The Taskfire user's own help desk (T10, seed 004): they open tickets of their own that the MSP does not see, work them
/// like their copies (status, notes, delete through <see cref="TaskfireTicketCommands"/>), and submit one to the MSP when
/// they cannot solve it themselves, which makes the two a Taskfire pair.
/// </summary>
public static class TaskfireHelpDesk
{
    public static async Task<Created<TaskfireTicketCreated>> Open(
        TaskfireTicketRequest request, HttpContext http, TaskfireCallers callers, ITicketFieldRules catalogues, IMessageBus bus, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(http, ct);
        await catalogues.CheckCataloguesAsync(null, request.IssueType, null, ct);
        var fields = TicketFields.Titled(request.Title!) with
        {
            Description = request.Description, Priority = request.Priority, Impact = request.Impact, Type = request.Type,
            IssueType = request.IssueType, DueDate = request.DueDate,
        };
        var opened = await bus.InvokeAsync<OpenedTicket>(new OpenHelpDeskTicket(Guid.CreateVersion7(), caller.CustomerId, fields, http.CommandContext()), ct);
        ETags.Set(http.Response, opened.Version);
        return TypedResults.Created($"{TaskfireEndpoints.Tickets}/{opened.TicketId}", new TaskfireTicketCreated(opened.TicketId, opened.Number, opened.Version));
    }

    public static async Task<Ok<TicketCommandResponse>> Submit(
        Guid id, SubmitToMspRequest request, HttpContext http, TaskfireCallers callers, IMessageBus bus, CancellationToken ct)
    {
        await callers.EnsureOwnCopyAsync(id, await callers.ResolveAsync(http, ct), ct);
        return await TicketCommandEndpoints.InvokeAsync(http, bus, new SubmitTicketToMsp(
            id, request.Note!, [.. (request.ShareNoteIds ?? []).Distinct()], http.CommandContext(), ETags.IfMatch(http.Request)), ct);
    }
}

public sealed class TaskfireTicketRequestValidator : AbstractValidator<TaskfireTicketRequest>
{
    public TaskfireTicketRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(TicketLimits.TitleMaxLength);
        RuleFor(r => r.Description).MaximumLength(TicketLimits.DescriptionMaxLength);
        RuleForEach(r => new[] { r.Priority, r.Impact, r.Type, r.IssueType }).MaximumLength(PicklistValue.MaxLength).OverridePropertyName("picklistValue");
    }
}

public sealed class SubmitToMspRequestValidator : AbstractValidator<SubmitToMspRequest>
{
    public SubmitToMspRequestValidator()
    {
        RuleFor(r => r.Note).NotEmpty().MaximumLength(TicketLimits.ReplyMaxLength);
        RuleFor(r => r.ShareNoteIds).Must(ids => ids is null || ids.Count <= 100).WithMessage("At most 100 notes can be shared.");
        RuleForEach(r => r.ShareNoteIds).NotEmpty();
    }
}
