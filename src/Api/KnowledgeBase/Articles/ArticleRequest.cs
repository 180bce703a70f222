using FluentValidation;
using Ticketing.Api.KnowledgeBase.Rendering;
using Ticketing.Application.Identity;
using Ticketing.Application.KnowledgeBase.Articles;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary>
/// The body of <c>POST /api/kb/articles</c> and <c>PUT /api/kb/articles/{id}</c> (a full replacement; a new
/// section id moves the article). Visibility narrows the category's: a customer sees the article only when
/// both the category and the article admit it.
/// </summary>
public sealed record ArticleRequest(
    Guid SectionId,
    string Title,
    string BodyMarkdown,
    IReadOnlyList<string>? Keywords,
    string Language,
    bool Published,
    bool VisibleToAll,
    IReadOnlyList<Guid>? CustomerIds)
{
    /// <summary>The command's content; the searchable text is taken from the sanitised HTML, so removed content is not indexed.</summary>
    public ArticleContent ToContent() => new(
        SectionId, Title.Trim(), BodyMarkdown, ArticleRenderer.Render(BodyMarkdown).Text, NormalisedKeywords(), Language, Published, VisibleToAll,
        VisibilityRules.Normalised(CustomerIds));

    private string[] NormalisedKeywords() =>
        [.. (Keywords ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}

public sealed class ArticleRequestValidator : AbstractValidator<ArticleRequest>
{
    public const int MaxBodyLength = 200_000;

    public ArticleRequestValidator()
    {
        RuleFor(r => r.SectionId).NotEmpty();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(300).Must(t => t is null || t.Trim().Length > 0).WithMessage("The title may not be blank.");
        RuleFor(r => r.BodyMarkdown).NotNull().MaximumLength(MaxBodyLength);
        RuleFor(r => r.Keywords).Must(k => k is null || k.Count <= 30).WithMessage("At most 30 keywords.");
        RuleForEach(r => r.Keywords).NotEmpty().MaximumLength(60);
        RuleFor(r => r.Language).Must(PortalLanguages.IsSupported)
            .WithMessage($"The language must be one of {string.Join(", ", PortalLanguages.Supported)}.");
        RuleFor(r => r.CustomerIds).ValidCustomerIds(r => r.VisibleToAll);
    }
}
