using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Email.Inbound;

/// <summary>A contact who sent a message; <see cref="Created"/> when the message made it a contact.</summary>
public sealed record InboundSender(Guid ContactId, Guid CustomerId, bool IsPrimary, bool Created);

/// <summary>
/// Who sent an inbound message (A5): a known contact, or the customer that owns the sender's domain (the message makes
/// the sender a contact of it, through <c>CreateContact</c>). Anyone else is refused before anything is written.
/// </summary>
public sealed class InboundSenders(NpgsqlDataSource dataSource, ICustomerDirectory directory)
{
    public const string UnknownSender = "inbound.unknown_sender";
    public const string NotAContact = "inbound.sender_not_contact";

    /// <summary>The known contact, or the customer a new contact would be created under; throws 422 otherwise.</summary>
    /// <param name="email">The sender's address, lower-cased.</param>
    /// <param name="domain">Its domain, lower-cased, without <c>@</c>.</param>
    public async Task<(InboundSender? Contact, CustomerSummary? Customer)> ResolveAsync(string email, string domain, CancellationToken ct)
    {
        if (await FindAsync(email, ct) is { } known)
        {
            return (known, null);
        }

        var customer = await directory.FindCustomerByEmailDomainAsync(domain, ct)
            ?? throw new UnprocessableException(UnknownSender, $"No contact has the address {email} and no customer owns the domain {domain}.");
        return (null, customer);
    }

    /// <summary>The contact with this (lower-cased) address, null if none; a staff account's address is a 422.</summary>
    public async Task<InboundSender?> FindAsync(string email, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var select = connection.Sql("""
            select u.id, u.customer_id, u.role, coalesce(c.is_primary, false)
            from users u left join contacts c on c.id = u.id
            where lower(u.email) = $1
            """).With(email);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return reader.GetString(2) == Roles.Contact
            ? new InboundSender(reader.GetGuid(0), reader.GetGuid(1), reader.GetBoolean(3), Created: false)
            : throw new UnprocessableException(NotAContact, $"The address {email} belongs to a staff account, not to a contact.");
    }
}
