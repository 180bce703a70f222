namespace Ticketing.Application.Identity;

/// <summary>
/// Read access to customers and contacts for the rest of the application (tickets, portal, mail).
/// The batched lookups exist so a list of tickets resolves its contacts in one round trip, never N+1.
/// </summary>
public interface ICustomerDirectory
{
    Task<CustomerSummary?> GetCustomerAsync(Guid customerId, CancellationToken ct = default);

    Task<IReadOnlyDictionary<Guid, CustomerSummary>> GetCustomersAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct = default);

    /// <summary>The customer that owns an email domain (lower-case, without <c>@</c>), for email-to-ticket.</summary>
    Task<CustomerSummary?> FindCustomerByEmailDomainAsync(string domain, CancellationToken ct = default);

    Task<ContactSummary?> GetContactAsync(Guid contactId, CancellationToken ct = default);

    Task<IReadOnlyDictionary<Guid, ContactSummary>> GetContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken ct = default);
}

/// <summary>A customer (company) as other features need it; the portal section flags decide P11.</summary>
public sealed record CustomerSummary(
    Guid Id,
    string Name,
    string TimeZone,
    bool TicketingPortalEnabled,
    bool KnowledgeBaseEnabled);

/// <summary>A contact as other features need it, with its company's portal section flags.</summary>
public sealed record ContactSummary(
    Guid Id,
    Guid CustomerId,
    string FirstName,
    string LastName,
    string Email,
    bool IsPrimary,
    string Language,
    string TimeZone,
    bool TicketingPortalEnabled,
    bool KnowledgeBaseEnabled);
