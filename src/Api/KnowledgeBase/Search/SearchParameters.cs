using FluentValidation;
using Ticketing.Application.Identity;

namespace Ticketing.Api.KnowledgeBase.Search;

/// <summary>
/// The query string of the search endpoints: <c>q</c> in web-search syntax (words, "phrases", or, -not),
/// an optional <c>language</c> to search only articles written in it, <c>limit</c> and the <c>after</c> cursor.
/// </summary>
/// <remarks>
/// Properties rather than a positional record: ASP.NET Core's request delegate generator emits code that does not
/// compile for a positional record with nullable reference parameters under <c>[AsParameters]</c>.
/// </remarks>
public sealed record SearchParameters
{
    public string? Q { get; init; }

    public string? Language { get; init; }

    public int? Limit { get; init; }

    public string? After { get; init; }

    public const int DefaultLimit = 10;

    /// <summary>Lower than the list endpoints' maximum: every hit costs a highlighted snippet.</summary>
    public const int MaxLimit = 50;

    public IReadOnlyList<string> Languages => Language is null ? PortalLanguages.Supported : [Language];
}

public sealed class SearchParametersValidator : AbstractValidator<SearchParameters>
{
    public SearchParametersValidator()
    {
        RuleFor(p => p.Q).NotEmpty().MaximumLength(200).Must(q => q is null || q.Trim().Length > 0).WithMessage("The query may not be blank.");
        RuleFor(p => p.Language).Must(PortalLanguages.IsSupported).When(p => p.Language is not null)
            .WithMessage($"The language must be one of {string.Join(", ", PortalLanguages.Supported)}.");
        RuleFor(p => p.Limit).InclusiveBetween(1, SearchParameters.MaxLimit);
    }
}
