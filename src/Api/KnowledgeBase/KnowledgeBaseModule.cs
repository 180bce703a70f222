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
        kb.MapGet("/categories", CategoryEndpoints.ListAsync);
        kb.MapPost("/categories", CategoryEndpoints.CreateAsync).Validate<CategoryRequest>();
        kb.MapGet("/categories/{id:guid}", CategoryEndpoints.GetAsync);
        kb.MapPut("/categories/{id:guid}", CategoryEndpoints.UpdateAsync).Validate<CategoryRequest>();
        kb.MapDelete("/categories/{id:guid}", CategoryEndpoints.DeleteAsync);
        kb.MapPost("/sections", SectionEndpoints.CreateAsync).Validate<SectionRequest>();
        kb.MapGet("/sections/{id:guid}", SectionEndpoints.GetAsync);
        kb.MapPut("/sections/{id:guid}", SectionEndpoints.UpdateAsync).Validate<SectionRequest>();
        kb.MapDelete("/sections/{id:guid}", SectionEndpoints.DeleteAsync);
        kb.MapGet("/sections/{id:guid}/articles", SectionEndpoints.ListArticlesAsync);
        kb.MapPost("/articles", ArticleEndpoints.CreateAsync).Validate<ArticleRequest>();
        kb.MapGet("/articles/{id:guid}", ArticleEndpoints.GetAsync);
        kb.MapPut("/articles/{id:guid}", ArticleEndpoints.UpdateAsync).Validate<ArticleRequest>();
        kb.MapDelete("/articles/{id:guid}", ArticleEndpoints.DeleteAsync);
        kb.MapPost("/articles/{id:guid}/files", ArticleFileEndpoints.UploadAsync);
        kb.MapGet("/articles/{id:guid}/files/{fileId:guid}", AuthoringSearch.DownloadAsync);
        kb.MapDelete("/articles/{id:guid}/files/{fileId:guid}", ArticleFileEndpoints.DeleteAsync);
        kb.MapGet("/search", AuthoringSearch.SearchAsync).Validate<SearchParameters>();

        var portal = routes.MapGroup("/api/portal/kb").WithTags("Portal knowledge base").RequireAuthorization(Policies.Contact);
        portal.MapGet("/categories", PortalKnowledgeBaseEndpoints.TreeAsync);
        portal.MapGet("/sections/{id:guid}/articles", PortalKnowledgeBaseEndpoints.SectionArticlesAsync);
        portal.MapGet("/articles/{id:guid}", PortalKnowledgeBaseEndpoints.ArticleAsync);
        portal.MapPut("/articles/{id:guid}/rating", PortalKnowledgeBaseEndpoints.RateAsync).Validate<RatingRequest>();
        portal.MapDelete("/articles/{id:guid}/rating", PortalKnowledgeBaseEndpoints.WithdrawRatingAsync);
        portal.MapGet("/articles/{id:guid}/files/{fileId:guid}", PortalKnowledgeBaseEndpoints.DownloadAsync);
        portal.MapGet("/search", PortalKnowledgeBaseEndpoints.SearchAsync).Validate<SearchParameters>();
        return routes;
    }
}
