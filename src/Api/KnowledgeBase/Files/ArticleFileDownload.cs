using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Attachments;
using Ticketing.Application.KnowledgeBase;

namespace Ticketing.Api.KnowledgeBase.Files;

/// <summary>
/// Streams an article's file as a download. The caller decides first whether the article is visible;
/// <paramref name="visibilityCondition"/> is that decision as SQL over the aliases <c>a</c> (article) and
/// <c>c</c> (category), so the check and the lookup are one query.
/// </summary>
internal static class ArticleFileDownload
{
    public static async Task<FileStreamHttpResult> SendAsync(
        NpgsqlDataSource dataSource, IAttachmentStore store, HttpResponse response, Guid articleId, Guid fileId,
        string visibilityCondition, Guid? customerId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select f.file_name, f.content_type, f.sha256
            from kb_article_files f
            join kb_articles a on a.id = f.article_id
            join kb_sections s on s.id = a.section_id
            join kb_categories c on c.id = s.category_id
            where f.id = $2 and f.article_id = $3 and ({visibilityCondition})
            """)
            .With(customerId).With(fileId).With(articleId);
        string fileName, contentType, sha256;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                throw KnowledgeBaseErrors.File(fileId);
            }

            (fileName, contentType, sha256) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        var stream = await store.OpenReadAsync(sha256, ct) ?? throw KnowledgeBaseErrors.File(fileId);
        // The declared type was checked on upload; nosniff stops a browser from guessing a more dangerous one.
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stream, contentType, fileName);
    }
}
