using FluentValidation;
using Ticketing.Application.KnowledgeBase.Sections;

namespace Ticketing.Api.KnowledgeBase.Sections;

/// <summary>The body of <c>POST /api/kb/sections</c> and <c>PUT /api/kb/sections/{id}</c>; a new category id moves the section.</summary>
public sealed record SectionRequest(Guid CategoryId, string Name, string? Description, int? Position)
{
    public SectionContent ToContent() => new(CategoryId, Name.Trim(), Description?.Trim() ?? "", Position);
}

public sealed class SectionRequestValidator : AbstractValidator<SectionRequest>
{
    public SectionRequestValidator()
    {
        RuleFor(r => r.CategoryId).NotEmpty();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).Must(n => n is null || n.Trim().Length > 0).WithMessage("The name may not be blank.");
        RuleFor(r => r.Description).MaximumLength(2000);
        RuleFor(r => r.Position).InclusiveBetween(0, 100_000);
    }
}
