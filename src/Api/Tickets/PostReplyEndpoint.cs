using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Attachments;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Replies;
using Wolverine;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>
/// <c>POST /api/tickets/{id}/replies</c>: a public reply or an internal note, as JSON or as multipart form data
/// (fields <c>body</c>, <c>visibility</c>, <c>taskfireRelated</c>, and any number of files).
/// </summary>
public static class PostReplyEndpoint
{
    public static async Task<Ok<TicketCommandResponse>> Handle(
        Guid id, HttpContext http, IMessageBus bus, AttachmentUploads uploads, IValidator<PostReplyRequest> validator, CancellationToken ct)
    {
        var (request, files) = await ReadAsync(http.Request, ct);
        await validator.ValidateAndThrowAsync(request, ct);
        var attachments = await uploads.SaveAsync(files, ct);
        return await TicketCommandEndpoints.InvokeAsync(http, bus, new PostTicketReply(
            id, Guid.CreateVersion7(), request.Body, request.Visibility ?? ReplyVisibility.Public, request.TaskfireRelated, attachments,
            http.CommandContext(), ETags.IfMatch(http.Request)), ct);
    }

    /// <summary>The reply from a JSON or multipart body; a body that is neither, or broken, is a 400 (415 for another media type).</summary>
    internal static async Task<(PostReplyRequest Request, IReadOnlyList<IFormFile> Files)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            if (!request.HasJsonContentType())
            {
                throw new BadHttpRequestException("The body must be a JSON reply or multipart form data.", StatusCodes.Status415UnsupportedMediaType);
            }

            PostReplyRequest? json;
            try
            {
                json = await request.ReadFromJsonAsync<PostReplyRequest>(ct);
            }
            catch (JsonException e)
            {
                throw new BadHttpRequestException($"The body is not a valid JSON reply: {e.Message}", e);
            }

            return (json ?? throw new BadHttpRequestException("The body must be a JSON reply or multipart form data."), []);
        }

        var form = await MultipartForms.ReadAsync(request, ct);
        ReplyVisibility? visibility = form["visibility"].ToString() switch
        {
            "" => null,
            var text when Enum.TryParse<ReplyVisibility>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            _ => (ReplyVisibility)(-1),
        };
        var taskfireRelated = form["taskfireRelated"].ToString() is "true" or "True" or "on";
        return (new PostReplyRequest(form["body"].ToString(), visibility, taskfireRelated), [.. form.Files]);
    }
}
