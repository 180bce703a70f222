using FluentValidation;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Contacts;

/// <summary>
/// The body of <c>POST /api/customers/{id}/contacts</c> and <c>PUT /api/contacts/{id}</c>. Language and time zone
/// may be left out: on creation they default to English and the customer's time zone, on update they stay.
/// <see cref="IsPrimary"/> must always be given (ADR 0018): it widens the contact's portal view to the whole company, so
/// a body that leaves it out is refused rather than read as "not primary" (which would silently demote on a PUT).
/// </summary>
public sealed record ContactRequest(
    string FirstName,
    string LastName,
    string? JobTitle,
    string Email,
    string? Phone,
    string? Language,
    string? TimeZone,
    bool? IsPrimary);

public sealed class ContactRequestValidator : AbstractValidator<ContactRequest>
{
    public ContactRequestValidator()
    {
        RuleFor(r => r.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.LastName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.JobTitle).MaximumLength(200);
        RuleFor(r => r.Email).ContactEmail();
        RuleFor(r => r.Phone).MaximumLength(50);
        RuleFor(r => r.Language).PortalLanguage().When(r => r.Language is not null);
        RuleFor(r => r.TimeZone!).IanaTimeZone().When(r => r.TimeZone is not null);
        RuleFor(r => r.IsPrimary).NotNull()
            .WithMessage("'isPrimary' is required: true lets the contact see all of the company's tickets, false only their own.");
    }
}

/// <summary>Field rules shared by every request that carries a person's profile.</summary>
public static class ProfileRules
{
    public static IRuleBuilderOptions<T, string> ContactEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(254).EmailAddress();

    public static IRuleBuilderOptions<T, string?> PortalLanguage<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(PortalLanguages.IsSupported)
            .WithMessage($"The language must be one of: {string.Join(", ", PortalLanguages.Supported)}.");

    public static IRuleBuilderOptions<T, string> IanaTimeZone<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(TimeZones.IsIana).WithMessage("The time zone must be an IANA id such as Europe/Berlin.");
}
