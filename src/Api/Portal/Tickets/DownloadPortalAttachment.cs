using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Attachments;
using Ticketing.Application.Errors;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>
/// <c>GET /api/portal/tickets/{id}/attachments/{attachmentId}</c>: a file of a public reply on a ticket the contact
/// can see. Always a download (<c>Content-Disposition: attachment</c>) and never sniffed (<c>nosniff</c>), so an
/// uploaded file cannot run as a page of the portal's origin. Anything else is one 404.
/// </summary>
public static class DownloadPortalAttachment
{
    public const string NotFoundCode = "portal.attachment_not_found";

    public static async Task<FileStreamHttpResult> HandleAsync(
        Guid id, Guid attachmentId, HttpContext http, PortalContexts contexts, PortalTicketQueries queries, IAttachmentStore store,
        CancellationToken ct)
    {
        var context = await contexts.ResolveAsync(http, ct);
        var attachment = await queries.FindAttachmentAsync(id, attachmentId, context.Scope(), context.Visibility, ct)
            ?? throw NotFound();
        var content = await store.OpenReadAsync(attachment.Sha256, ct) ?? throw NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }

    private static NotFoundException NotFound() => new(NotFoundCode, "The attachment was not found.");
}
