using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Api.KnowledgeBase.Search;
using Ticketing.Application.KnowledgeBase.Articles;
using Wolverine;

namespace Ticketing.Api.Portal.Web.KnowledgeBase;

// The knowledge base's pages (P7). Each calls the /api/portal/kb endpoint method of the same view with the cookie's
// principal: the section check (P11) and the visibility rule are the API's, run in the same queries.

/// <summary><c>/portal/kb</c>: the categories and sections holding something for the contact, and the search box.</summary>
public sealed class IndexModel(PortalContexts contexts, NpgsqlDataSource dataSource, SettingsDefaults defaults) : PortalPageModel(contexts)
{
    public IReadOnlyList<PortalCategory> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Categories = (await PortalKnowledgeBaseEndpoints.TreeAsync(User, dataSource, defaults, ct)).Value!;
        return Page();
    }
}

/// <summary><c>/portal/kb/sections/{id}</c>: a section's articles by title, keyset paged.</summary>
public sealed class SectionModel(PortalContexts contexts, NpgsqlDataSource dataSource, SettingsDefaults defaults) : PortalPageModel(contexts)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Page<PortalArticleListItem>? Articles { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await TryAsync(async () => Articles = (await PortalKnowledgeBaseEndpoints.SectionArticlesAsync(Id, After, 20, User, dataSource, defaults, ct)).Value);
        return Page();
    }
}

/// <summary><c>/portal/kb/articles/{id}</c>: the sanitised article, its files and "was this helpful".</summary>
public sealed class ArticleModel(PortalContexts contexts, NpgsqlDataSource dataSource, SettingsDefaults defaults, IMessageBus bus)
    : PortalPageModel(contexts)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Rated { get; set; }

    public PortalArticle? Article { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await TryAsync(async () => Article = (await PortalKnowledgeBaseEndpoints.ArticleAsync(Id, User, dataSource, defaults, ct)).Value);
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(bool helpful, CancellationToken ct)
    {
        if (await TryAsync(() => PortalKnowledgeBaseEndpoints.RateAsync(Id, new RatingRequest(helpful), User, dataSource, defaults, bus, ct)))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/kb/articles/{Id}?rated=true#rating");
        }

        return await OnGetAsync(ct);
    }

    public string FileLink(ArticleFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return $"{PortalWebServices.BasePath}/kb/articles/{Id}/files/{file.Id}";
    }
}

/// <summary><c>/portal/kb/search?q=...</c>: ranked hits with their highlighted snippets.</summary>
public sealed class SearchModel(PortalContexts contexts, NpgsqlDataSource dataSource, SettingsDefaults defaults) : PortalPageModel(contexts)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Page<SearchHit>? Hits { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return Page();
        }

        var parameters = new SearchParameters { Q = Q, After = After, Limit = SearchParameters.DefaultLimit };
        await TryAsync(async () =>
        {
            await new SearchParametersValidator().ValidateAndThrowAsync(parameters, ct);
            Hits = (await PortalKnowledgeBaseEndpoints.SearchAsync(parameters, User, dataSource, defaults, ct)).Value;
        });
        return Page();
    }
}
