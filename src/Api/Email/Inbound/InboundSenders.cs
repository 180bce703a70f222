using Npgsql;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Mail;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;
using Ticketing.Domain;
using Ticketing.Application.Email;
using Wolverine;

namespace Ticketing.Api.Email.Inbound;

/// <summary>A contact who sent a message.</summary>
public sealed record InboundSender(Guid ContactId, Guid CustomerId, bool IsPrimary, bool Created);

/// <summary>
/// Who sent an inbound message (A5): a known contact, or a new contact created under the customer that owns the
/// sender's domain (with a welcome mail per setting). Anyone else is refused before anything is written.
/// </summary>
public sealed class InboundSenders(
    NpgsqlDataSource dataSource, ICustomerDirectory directory, AccountWriter accounts, AuditLog audit, IMessageBus bus, IConfiguration configuration, TimeProvider time)
{
    public const string UnknownSender = "inbound.unknown_sender";
    public const string NotAContact = "inbound.sender_not_contact";

    /// <summary>The known contact, or the customer a new contact would be created under; throws 422 otherwise.</summary>
    public async Task<(InboundSender? Contact, CustomerSummary? Customer)> ResolveAsync(InboundAddress from, CancellationToken ct)
    {
        if (await FindAsync(from.Email, ct) is { } known)
        {
            return (known, null);
        }

        var customer = await directory.FindCustomerByEmailDomainAsync(from.Domain, ct)
            ?? throw new UnprocessableException(UnknownSender, $"No contact has the address {from.Email} and no customer owns the domain {from.Domain}.");
        return (null, customer);
    }

    public async Task<InboundSender> CreateAsync(InboundAddress from, CustomerSummary customer, CancellationToken ct)
    {
        var (first, last) = from.Names();
        var account = new NewAccount(Guid.CreateVersion7(), Roles.Contact, customer.Id, from.Email, first, last, PortalLanguages.Default, customer.TimeZone);
        var password = PasswordGenerator.Password();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        string? username = null;
        try
        {
            username = await accounts.InsertAsync(connection, tx, account, password, ct);
        }
        catch (DomainRuleViolation e) when (e.Code == AccountWriter.EmailTaken)
        {
            // The same sender's previous message created the contact a moment ago: use it.
        }

        if (username is null)
        {
            await tx.RollbackAsync(ct);
            return await FindAsync(from.Email, ct) ?? throw AccountWriter.EmailTakenError();
        }

        await using (var insert = connection.Sql("insert into contacts (id, is_primary) values ($1, false)").With(account.Id))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await AccountMail.QueueWelcomeAsync(bus, tx, configuration, new WelcomeMail(account.Email, account.Language, $"{first} {last}".Trim(), username, password), time.GetUtcNow(), ct);
        await audit.WriteAsync(connection, null, "contact.created", "contact", account.Id, null,
            new { account.Id, CustomerId = customer.Id, Username = username, account.Email, account.FirstName, account.LastName, Source = "email" }, ct);
        await tx.CommitAsync(ct);
        await OutboxedMail.SentAsync(bus);
        return new InboundSender(account.Id, customer.Id, IsPrimary: false, Created: true);
    }

    private async Task<InboundSender?> FindAsync(string email, CancellationToken ct)
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
