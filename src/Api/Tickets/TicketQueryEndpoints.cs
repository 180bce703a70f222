using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Attachments;
using Ticketing.Application.Errors;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Tickets;

/// <summary>The technician's reads: they query read models only, never the event log.</summary>
public static class TicketQueryEndpoints
{
    public static async Task<Ok<TicketListPage>> List(
        string? status, StatusCategory? statusCategory, string? queue, Guid? customerId, Guid? contactId, TicketSource? source,
        Guid? assigneeId, string? priority, string? text, string? cursor, int? limit, bool? includeTotal,
        TicketListQuery query, CancellationToken ct)
    {
        if (limit is < 1 or > TicketListFilter.MaxLimit)
        {
            throw Invalid("limit", $"limit must be between 1 and {TicketListFilter.MaxLimit}.");
        }

        // Enum binding accepts any number ("?source=999"); only named values may reach the query.
        if (statusCategory is { } category && !Enum.IsDefined(category))
        {
            throw Invalid("statusCategory", "statusCategory must be one of Open, Pending, Resolved, Closed.");
        }

        if (source is { } from && !Enum.IsDefined(from))
        {
            throw Invalid("source", $"source must be one of {string.Join(", ", Enum.GetNames<TicketSource>())}.");
        }

        if (text?.Length > 200)
        {
            throw Invalid("text", "text may hold at most 200 characters.");
        }

        try
        {
            return TypedResults.Ok(await query.ExecuteAsync(new TicketListFilter
            {
                StatusId = status, StatusCategory = statusCategory, Queue = queue, CustomerId = customerId, ContactId = contactId,
                Source = source, AssigneeId = assigneeId, Priority = priority, TitleContains = text, Cursor = cursor,
                Limit = limit ?? TicketListFilter.DefaultLimit, IncludeTotal = includeTotal ?? false,
            }, ct));
        }
        catch (InvalidCursorException e)
        {
            throw Invalid("cursor", e.Message);
        }
    }

    public static async Task<Ok<TicketDetail>> Get(Guid id, HttpContext http, TicketDetailQuery query, CancellationToken ct)
    {
        var ticket = await StaffTicketAsync(id, query, ct);
        ETags.Set(http.Response, ticket.Ticket.Version);
        return TypedResults.Ok(ticket);
    }

    public static async Task<FileStreamHttpResult> Attachment(
        Guid id, Guid attachmentId, HttpContext http, TicketDetailQuery query, IAttachmentStore store, CancellationToken ct)
    {
        var ticket = await StaffTicketAsync(id, query, ct);
        var attachment = ticket.Timeline.SelectMany(e => e.Attachments).FirstOrDefault(a => a.Id == attachmentId)
            ?? throw new NotFoundException("attachment.not_found", $"Ticket {id} has no attachment {attachmentId}.");
        return await DownloadAsync(http, attachment, store, ct);
    }

    /// <summary>Sends stored bytes as a download: never rendered inline, never sniffed into another type.</summary>
    public static async Task<FileStreamHttpResult> DownloadAsync(HttpContext http, AttachmentMetadata attachment, IAttachmentStore store, CancellationToken ct)
    {
        var content = await store.OpenReadAsync(attachment.Sha256, ct)
            ?? throw new NotFoundException("attachment.content_missing", "The attachment's content is no longer stored.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }

    // A Taskfire user's own ticket not submitted to the MSP is the same 404 as a missing one (T10).
    private static async Task<TicketDetail> StaffTicketAsync(Guid id, TicketDetailQuery query, CancellationToken ct) =>
        await query.GetAsync(id, TimelineAudience.Staff, ct) is { Ticket.IsUnsubmittedTaskfireTicket: false } ticket ? ticket : throw NotFound(id);

    private static NotFoundException NotFound(Guid id) => new("ticket.not_found", $"Ticket {id} was not found.");

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
