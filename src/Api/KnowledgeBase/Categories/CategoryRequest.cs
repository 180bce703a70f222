using FluentValidation;
using Ticketing.Application.KnowledgeBase.Categories;

namespace Ticketing.Api.KnowledgeBase.Categories;

/// <summary>
/// The body of <c>POST /api/kb/categories</c> and <c>PUT /api/kb/categories/{id}</c> (a full replacement).
/// <see cref="VisibleToAll"/> false with no <see cref="CustomerIds"/> hides the category from every customer.
/// </summary>
public sealed record CategoryRequest(string Name, string? Description, int? Position, bool VisibleToAll, IReadOnlyList<Guid>? CustomerIds)
{
    public CategoryContent ToContent() =>
        new(Name.Trim(), Description?.Trim() ?? "", Position, VisibleToAll, VisibilityRules.Normalised(CustomerIds));
}

public sealed class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    public CategoryRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).Must(n => n is null || n.Trim().Length > 0).WithMessage("The name may not be blank.");
        RuleFor(r => r.Description).MaximumLength(2000);
        RuleFor(r => r.Position).InclusiveBetween(0, 100_000);
        RuleFor(r => r.CustomerIds).ValidCustomerIds(r => r.VisibleToAll);
    }
}
