using FluentValidation;
using Ticketing.Api.Identity.Contacts;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Staff;

/// <summary>The body of <c>POST /api/admin/users</c>; <see cref="CustomerId"/> is required for (and only for) taskfire users.</summary>
public sealed record CreateStaffUserRequest(
    string Role, string Email, string FirstName, string LastName, string? Language, string? TimeZone, Guid? CustomerId);

public sealed class CreateStaffUserRequestValidator : AbstractValidator<CreateStaffUserRequest>
{
    public CreateStaffUserRequestValidator()
    {
        RuleFor(r => r.Role).Must(role => Roles.Staff.Contains(role))
            .WithMessage($"The role must be one of: {string.Join(", ", Roles.Staff)}.");
        RuleFor(r => r.Email).ContactEmail();
        RuleFor(r => r.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.LastName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Language).PortalLanguage().When(r => r.Language is not null);
        RuleFor(r => r.TimeZone!).IanaTimeZone().When(r => r.TimeZone is not null);
        RuleFor(r => r.CustomerId).NotEmpty().When(r => r.Role == Roles.Taskfire)
            .WithMessage("A taskfire user belongs to a customer: customerId is required.");
        RuleFor(r => r.CustomerId).Null().When(r => r.Role != Roles.Taskfire)
            .WithMessage("Only taskfire users belong to a customer.");
    }
}
