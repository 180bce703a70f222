using FluentValidation;
using Ticketing.Api.Identity.Accounts;

namespace Ticketing.Api.Identity.Auth;

/// <summary>The body of <c>PUT /api/me/password</c>.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(1024);
        RuleFor(r => r.NewPassword).StrongPassword();
    }
}
