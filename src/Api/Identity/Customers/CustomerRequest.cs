using System.Text.RegularExpressions;
using FluentValidation;
using Ticketing.Api.Identity.Accounts;

namespace Ticketing.Api.Identity.Customers;

/// <summary>The body of <c>POST /api/customers</c> and <c>PUT /api/customers/{id}</c> (a full replacement).</summary>
public sealed record CustomerRequest(
    string Name,
    IReadOnlyList<string>? EmailDomains,
    string TimeZone,
    bool TicketingPortalEnabled,
    bool KnowledgeBaseEnabled)
{
    /// <summary>Trimmed, lower-case, without a leading <c>@</c>, distinct.</summary>
    public string[] NormalisedDomains() =>
        [.. (EmailDomains ?? []).Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
}

public sealed partial class CustomerRequestValidator : AbstractValidator<CustomerRequest>
{
    public CustomerRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.TimeZone).Must(TimeZones.IsIana).WithMessage("The time zone must be an IANA id such as Europe/Berlin.");
        RuleFor(r => r.EmailDomains).Must(d => d is null || d.Count <= 50).WithMessage("At most 50 email domains.");
        RuleForEach(r => r.EmailDomains)
            .Must(d => d is not null && Domain().IsMatch(d.Trim().TrimStart('@')))
            .WithMessage("'{PropertyValue}' is not a domain name such as example.com.");
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex Domain();
}
