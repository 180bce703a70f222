using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Attachments;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Articles;

namespace Ticketing.Api.KnowledgeBase.Files;

/// <summary>
/// <c>POST /api/kb/articles/{id}/files</c> (multipart, any number of <c>files</c> within the upload limits): the
/// bytes go to the shared attachment store, the records and the article's new version and modified instant
/// in one audited transaction.
/// </summary>
public static class UploadArticleFiles
{
    public static async Task<Created<IReadOnlyList<ArticleFile>>> HandleAsync(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, AttachmentUploads uploads, AuditLog audit, TimeProvider time, CancellationToken ct)
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
        var actor = http.User.GetCurrentUser();
        var now = time.GetUtcNow();
        var files = saved.Select(f => new ArticleFile(f.Id, f.FileName, f.ContentType, f.Size, now)).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        _ = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
        await using var insert = connection.Sql("""
            insert into kb_article_files (id, article_id, file_name, content_type, size, sha256, added_at, added_by)
            select f.id, $1, f.name, f.type, f.size, f.sha, $7, $8
            from unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[]) as f(id, name, type, size, sha)
            """)
            .With(id).With(saved.Select(f => f.Id).ToArray()).With(saved.Select(f => f.FileName).ToArray())
            .With(saved.Select(f => f.ContentType).ToArray()).With(saved.Select(f => f.Size).ToArray())
            .With(saved.Select(f => f.Sha256).ToArray()).With(now).With(actor.UserId);
        await insert.ExecuteNonQueryAsync(ct);
        await ArticleModified.TouchAsync(connection, id, now, actor.UserId, ct);
        await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.files_added", "kb_article", id, null, new { Files = saved }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/kb/articles/{id}", (IReadOnlyList<ArticleFile>)files);
    }
}
