using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Ticketing.Application.Identity.Accounts;
using Wolverine;

namespace Ticketing.Api.Identity.Auth;

/// <summary>The body of <c>POST /api/auth/forgot-password</c>: a username or an email address.</summary>
public sealed record ForgotPasswordRequest(string Login) : IAccountRequest;

public sealed class ForgotPasswordRequestValidator : AbstractValidator<ForgotPasswordRequest>
{
    public ForgotPasswordRequestValidator() => RuleFor(r => r.Login).NotEmpty().MaximumLength(254);
}

/// <summary>
/// <c>POST /api/auth/forgot-password</c> (P9): always 202, whether or not the account exists; the work is
/// <see cref="RequestPasswordReset"/>'s.
/// </summary>
public static class ForgotPassword
{
    public static async Task<Accepted> HandleAsync(
        ForgotPasswordRequest request, IMessageBus bus, IOptions<AuthSettings> settings, CancellationToken ct)
    {
        await bus.InvokeAsync(new RequestPasswordReset(request.Login, settings.Value.ResetCodeLifetime), ct);
        return TypedResults.Accepted((string?)null);
    }
}
