using FluentValidation;
using Ticketing.Api.Identity.Contacts;

namespace Ticketing.Api.Identity.Me;

/// <summary>The body of <c>PUT /api/me</c>: a contact's editable profile (P8); the primary flag is the MSP's to set.</summary>
public sealed record UpdateMyProfileRequest(
    string FirstName, string LastName, string? JobTitle, string Email, string? Phone, string Language, string TimeZone);

public sealed class UpdateMyProfileRequestValidator : AbstractValidator<UpdateMyProfileRequest>
{
    public UpdateMyProfileRequestValidator()
    {
        RuleFor(r => r.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.LastName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.JobTitle).MaximumLength(200);
        RuleFor(r => r.Email).ContactEmail();
        RuleFor(r => r.Phone).MaximumLength(50);
        RuleFor(r => r.Language).NotEmpty().PortalLanguage();
        RuleFor(r => r.TimeZone).NotEmpty().IanaTimeZone();
    }
}
