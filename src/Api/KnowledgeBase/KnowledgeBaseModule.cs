using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ticketing.Api.Attachments;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Articles;
using Ticketing.Api.KnowledgeBase.Categories;
using Ticketing.Api.KnowledgeBase.Files;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Api.KnowledgeBase.Search;
using Ticketing.Api.KnowledgeBase.Sections;
using Ticketing.Application.Attachments;

namespace Ticketing.Api.KnowledgeBase;

/// <summary>The knowledge base (P7, ADR 0004): authoring under <c>/api/kb</c>, reading under <c>/api/portal/kb</c>.</summary>
public static class KnowledgeBaseModule
{
    /// <summary>
    /// The knowledge base's validators. The attachment store and uploads it shares with tickets are registered by
    /// <c>TicketServices.AddTickets</c>, and the audit log by identity.
    /// </summary>
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ArticleRequestValidator>(
            ServiceLifetime.Singleton,
            filter: v => v.ValidatorType.Namespace?.StartsWith(typeof(KnowledgeBaseModule).Namespace!, StringComparison.Ordinal) == true,
            includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapKnowledgeBaseEndpoints(this IEndpointRouteBuilder routes)
    {
        var kb = routes.MapGroup("/api/kb").WithTags("Knowledge base").RequireAuthorization(Policies.Technician);
        kb.MapGet("/categories", AuthoringTree.ListAsync);
        kb.MapPost("/categories", CreateCategory.HandleAsync).Validate<CategoryRequest>();
        kb.MapGet("/categories/{id:guid}", AuthoringTree.GetAsync);
        kb.MapPut("/categories/{id:guid}", UpdateCategory.HandleAsync).Validate<CategoryRequest>();
        kb.MapDelete("/categories/{id:guid}", DeleteCategory.HandleAsync);
        kb.MapPost("/sections", CreateSection.HandleAsync).Validate<SectionRequest>();
        kb.MapGet("/sections/{id:guid}", AuthoringArticleQueries.GetSectionAsync);
        kb.MapPut("/sections/{id:guid}", UpdateSection.HandleAsync).Validate<SectionRequest>();
        kb.MapDelete("/sections/{id:guid}", DeleteSection.HandleAsync);
        kb.MapGet("/sections/{id:guid}/articles", AuthoringArticleQueries.ListInSectionAsync);
        kb.MapPost("/articles", CreateArticle.HandleAsync).Validate<ArticleRequest>();
        kb.MapGet("/articles/{id:guid}", AuthoringArticleQueries.GetArticleAsync);
        kb.MapPut("/articles/{id:guid}", UpdateArticle.HandleAsync).Validate<ArticleRequest>();
        kb.MapDelete("/articles/{id:guid}", DeleteArticle.HandleAsync);
        kb.MapPost("/articles/{id:guid}/files", UploadArticleFiles.HandleAsync);
        kb.MapGet("/articles/{id:guid}/files/{fileId:guid}", AuthoringSearch.DownloadAsync);
        kb.MapDelete("/articles/{id:guid}/files/{fileId:guid}", DeleteArticleFile.HandleAsync);
        kb.MapGet("/search", AuthoringSearch.SearchAsync).Validate<SearchParameters>();

        var portal = routes.MapGroup("/api/portal/kb").WithTags("Portal knowledge base").RequireAuthorization(Policies.Contact);
        portal.MapGet("/categories", PortalTree.HandleAsync);
        portal.MapGet("/sections/{id:guid}/articles", PortalSectionArticles.HandleAsync);
        portal.MapGet("/articles/{id:guid}", PortalArticlePage.HandleAsync);
        portal.MapPut("/articles/{id:guid}/rating", RateArticle.RateAsync).Validate<RatingRequest>();
        portal.MapDelete("/articles/{id:guid}/rating", RateArticle.WithdrawAsync);
        portal.MapGet("/articles/{id:guid}/files/{fileId:guid}", PortalFilesAndSearch.DownloadAsync);
        portal.MapGet("/search", PortalFilesAndSearch.SearchAsync).Validate<SearchParameters>();
        return routes;
    }
}
