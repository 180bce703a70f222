using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Files;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Application.Attachments;

namespace Ticketing.Api.KnowledgeBase.Search;

/// <summary>
/// <c>GET /api/kb/search</c> (every article, drafts included: technicians look for what to reuse or fix) and
/// <c>GET /api/kb/articles/{id}/files/{fileId}</c> for staff.
/// </summary>
public static class AuthoringSearch
{
    public static async Task<Ok<Page<SearchHit>>> SearchAsync(
        [AsParameters] SearchParameters parameters, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await ArticleSearch.SearchAsync(dataSource, PortalVisibility.Unrestricted, null, parameters, ct));

    public static Task<FileStreamHttpResult> DownloadAsync(
        Guid id, Guid fileId, HttpResponse response, NpgsqlDataSource dataSource, IAttachmentStore store, CancellationToken ct) =>
        ArticleFileDownload.SendAsync(dataSource, store, response, id, fileId, PortalVisibility.Unrestricted, null, ct);
}
