using FluentValidation;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>The body of <c>PUT /api/portal/kb/articles/{id}/rating</c>.</summary>
public sealed record RatingRequest(bool? Helpful);

public sealed class RatingRequestValidator : AbstractValidator<RatingRequest>
{
    public RatingRequestValidator() => RuleFor(r => r.Helpful).NotNull().WithMessage("Say whether the article was helpful (true or false).");
}
