using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Attachments;
using Ticketing.Api.Identity;
using Ticketing.Application.KnowledgeBase;
using Ticketing.Application.KnowledgeBase.Articles;
using Ticketing.Application.KnowledgeBase.Files;
using Wolverine;

namespace Ticketing.Api.KnowledgeBase.Files;

/// <summary>
/// <c>POST /api/kb/articles/{id}/files</c> (multipart, any number of <c>files</c> within the upload limits: the bytes go
/// to the shared attachment store, then <see cref="AddArticleFiles"/> records them) and
/// <c>DELETE /api/kb/articles/{id}/files/{fileId}</c> (the record goes; the stored bytes may be shared).
/// </summary>
public static class ArticleFileEndpoints
{
    public static async Task<Created<IReadOnlyList<ArticleFile>>> UploadAsync(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, AttachmentUploads uploads, IMessageBus bus, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            throw new BadHttpRequestException("The body must be multipart form data with one or more files.", StatusCodes.Status415UnsupportedMediaType);
        }

        await using (var probe = await dataSource.OpenConnectionAsync(ct))
        {
            // Checked before the bytes are stored, so a wrong id does not leave files behind.
            _ = await ArticleRow.FindAsync(probe, id, forUpdate: false, ct) ?? throw KnowledgeBaseErrors.Article(id);
        }

        var form = await MultipartForms.ReadAsync(http.Request, ct);
        if (form.Files.Count == 0)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("files", "At least one file is required.")]);
        }

        var saved = await uploads.SaveAsync([.. form.Files], ct);
        var added = await bus.InvokeAsync<AddedArticleFiles>(new AddArticleFiles(id, saved, http.User.GetCurrentUser()), ct);
        return TypedResults.Created($"/api/kb/articles/{id}", added.Files);
    }

    public static async Task<NoContent> DeleteAsync(Guid id, Guid fileId, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new RemoveArticleFile(id, fileId, http.User.GetCurrentUser()), ct);
        return TypedResults.NoContent();
    }
}
