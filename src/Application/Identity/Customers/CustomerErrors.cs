using Npgsql;
using Ticketing.Application.Persistence;
using Ticketing.Application.Errors;
using Ticketing.Domain;

namespace Ticketing.Application.Identity.Customers;

/// <summary>Stable error codes of the customer endpoints.</summary>
public static class CustomerErrors
{
    public const string NotFound = "customer.not_found";
    public const string EmailDomainTaken = "customer.email_domain_taken";

    public static NotFoundException NotFoundError(Guid id) => new(NotFound, $"Customer {id} does not exist.");

    /// <summary>Translates the domain-uniqueness violation of <c>customer_email_domains</c> into a 409.</summary>
    public static async Task<T> GuardDomainsAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (PostgresException e) when (e.IsUniqueViolation("customer_email_domains_pkey"))
        {
            throw new DomainRuleViolation(EmailDomainTaken, "An email domain already belongs to another customer.");
        }
    }
}
