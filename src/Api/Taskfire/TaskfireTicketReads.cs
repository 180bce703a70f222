using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Tickets;
using Ticketing.Application.Attachments;
using Ticketing.Application.Errors;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Taskfire;

/// <summary>The Taskfire user's reads (T10): their customer's Taskfire copies, from the ticket read models.</summary>
public static class TaskfireTicketReads
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>
    /// <c>GET /api/taskfire/tickets</c>: filters <c>status</c> (id or name), <c>priority</c>, <c>text</c> (title contains),
    /// <c>from</c>/<c>to</c> (created range), <c>scope=mine</c> (handed to me), keyset paging with <c>cursor</c> and
    /// <c>limit</c> (1–100).
    /// </summary>
    public static async Task<Ok<TaskfireTicketPage>> List(
        HttpContext http, TaskfireCallers callers, TicketListQuery query, string? status = null, string? priority = null,
        string? text = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? scope = null, string? cursor = null,
        int? limit = null, CancellationToken ct = default)
    {
        var failures = new List<ValidationFailure>();
        if (scope is not (null or "mine" or "company"))
        {
            failures.Add(new("scope", "scope is 'mine' or 'company'."));
        }

        if (limit is < 1 or > MaxLimit)
        {
            failures.Add(new("limit", $"limit is between 1 and {MaxLimit}."));
        }

        if (text?.Length > 200 || status?.Length > PicklistValue.MaxLength || priority?.Length > PicklistValue.MaxLength)
        {
            failures.Add(new("text", "text has at most 200 characters, status and priority at most 100."));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        var caller = await callers.ResolveAsync(http, ct);
        string? statusId = null;
        if (status is not null)
        {
            // An unknown status narrows to nothing, as in the portal: the answer is the same.
            if (!caller.Policies.Statuses.TryFind(status, out var found))
            {
                return TypedResults.Ok(new TaskfireTicketPage([], null));
            }

            statusId = found.Id;
        }

        TicketListPage page;
        try
        {
            page = await query.ExecuteAsync(new TicketListFilter
            {
                CustomerId = caller.CustomerId, Side = TicketSide.TaskfireCopy, IncludeUnsubmittedTaskfire = true,
                TaskfireResourceId = scope == "mine" ? caller.UserId : null, StatusId = statusId, Priority = priority,
                TitleContains = text, CreatedFrom = from, CreatedTo = to, Cursor = cursor, Limit = limit ?? DefaultLimit,
            }, ct);
        }
        catch (InvalidCursorException invalid)
        {
            throw new ValidationException([new ValidationFailure("cursor", invalid.Message)]);
        }

        return TypedResults.Ok(new TaskfireTicketPage([.. page.Items.Select(i => TaskfireTicketShaper.Item(caller, i))], page.NextCursor));
    }

    /// <summary><c>GET /api/taskfire/tickets/{id}</c>: one of the caller's copies, else the 404 of a missing ticket.</summary>
    public static async Task<Ok<TaskfireTicketDetails>> Get(
        Guid id, HttpContext http, TaskfireCallers callers, TicketDetailQuery query, CancellationToken ct)
    {
        var details = await LoadAsync(id, await callers.ResolveAsync(http, ct), query, ct);
        ETags.Set(http.Response, details.Ticket.Version);
        return TypedResults.Ok(details);
    }

    /// <summary>The shaped copy of <see cref="Get"/>: the endpoint's and the portal page's one read of a ticket.</summary>
    public static async Task<TaskfireTicketDetails> LoadAsync(Guid id, TaskfireCaller caller, TicketDetailQuery query, CancellationToken ct) =>
        TaskfireTicketShaper.Details(caller, await OwnCopyAsync(id, caller, query, ct));

    /// <summary><c>GET /api/taskfire/users</c>: the customer's active Taskfire users, for handing a ticket on.</summary>
    public static async Task<Ok<IReadOnlyList<TaskfireColleague>>> Colleagues(HttpContext http, TaskfireCallers callers, CancellationToken ct) =>
        TypedResults.Ok(await callers.ColleaguesAsync(await callers.ResolveAsync(http, ct), ct));

    /// <summary>
    /// <c>GET /api/taskfire/tickets/{id}/attachments/{attachmentId}</c>: a file of an entry the copy's page shows (never
    /// one of an MSP internal note); served like the technicians' downloads (attachment, nosniff, sandboxed).
    /// </summary>
    public static async Task<FileStreamHttpResult> Attachment(
        Guid id, Guid attachmentId, HttpContext http, TaskfireCallers callers, TicketDetailQuery query, IAttachmentStore store, CancellationToken ct)
    {
        var detail = await OwnCopyAsync(id, await callers.ResolveAsync(http, ct), query, ct);
        var attachment = detail.Timeline.SelectMany(e => e.Attachments).FirstOrDefault(a => a.Id == attachmentId)
            ?? throw new NotFoundException("attachment.not_found", $"Ticket {id} has no attachment {attachmentId}.");
        return await TicketQueryEndpoints.DownloadAsync(http, attachment, store, ct);
    }

    private static async Task<TicketDetail> OwnCopyAsync(Guid id, TaskfireCaller caller, TicketDetailQuery query, CancellationToken ct)
    {
        var detail = await query.GetAsync(id, TimelineAudience.Taskfire, ct);
        return detail is null || detail.Ticket.Side != TicketSide.TaskfireCopy || detail.Ticket.CustomerId != caller.CustomerId
            ? throw TaskfireCallers.NotFound(id)
            : detail;
    }
}
