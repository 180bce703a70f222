using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Files;
using Ticketing.Api.KnowledgeBase.Search;
using Ticketing.Application.Attachments;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>
/// <c>GET /api/portal/kb/articles/{id}/files/{fileId}</c> (only a file of an article the caller may read) and
/// <c>GET /api/portal/kb/search</c> (published articles visible to the caller's customer).
/// </summary>
public static class PortalFilesAndSearch
{
    public static async Task<FileStreamHttpResult> DownloadAsync(
        Guid id, Guid fileId, ClaimsPrincipal user, HttpResponse response, NpgsqlDataSource dataSource, SettingsDefaults defaults, IAttachmentStore store, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        return await ArticleFileDownload.SendAsync(dataSource, store, response, id, fileId, PortalVisibility.ArticleVisible, customerId, ct);
    }

    public static async Task<Ok<Page<SearchHit>>> SearchAsync(
        [AsParameters] SearchParameters parameters, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        return TypedResults.Ok(await ArticleSearch.SearchAsync(dataSource, PortalVisibility.ArticleVisible, customerId, parameters, ct));
    }
}
