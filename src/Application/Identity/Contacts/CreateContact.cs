using Microsoft.Extensions.Configuration;
using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Privacy;
using Ticketing.Application.Email;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Identity.Customers;
using Ticketing.Application.Persistence;
using Wolverine;

namespace Ticketing.Application.Identity.Contacts;

/// <summary>Who asked for a new contact: a technician (P1), or an inbound message whose sender's domain a customer owns (A5).</summary>
public enum ContactSource
{
    Staff,
    Email,
}

/// <summary>
/// A new contact of a customer, with a generated username and password. Language and time zone left out default to
/// English and the customer's time zone; <see cref="By"/> is null for a contact created from an inbound message.
/// </summary>
public sealed record CreateContact(
    Guid CustomerId, string Email, string FirstName, string LastName, string? JobTitle, string? Phone, string? Language,
    string? TimeZone, bool IsPrimary, ContactSource Source, AuditActor? By);

/// <summary>
/// The one path that creates a contact: the account, the contact row, the welcome mail (per setting, its credentials in
/// <c>mail_secrets</c>) and the audit entry in one transaction. The password is returned once, for the staff endpoint
/// to show; it is stored hashed and never logged. An address another user has is a 409 <c>user.email_taken</c>.
/// </summary>
public static class CreateContactHandler
{
    public static async Task<ContactCreatedResponse> Handle(
        CreateContact command, NpgsqlDataSource dataSource, AccountWriter accounts, AuditLog audit, IMessageContext context,
        IConfiguration configuration, TimeProvider clock, MailSecrets mailSecrets, PersonalDataKeys personalData, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var customer = await CustomerResponse.FindAsync(connection, command.CustomerId, forUpdate: false, ct)
            ?? throw CustomerErrors.NotFoundError(command.CustomerId);

        var account = new NewAccount(
            Guid.CreateVersion7(), Roles.Contact, customer.Id, command.Email.Trim(), command.FirstName.Trim(), command.LastName.Trim(),
            command.Language ?? PortalLanguages.Default, command.TimeZone ?? customer.TimeZone);
        var password = PasswordGenerator.Password();
        var username = await accounts.InsertAsync(connection, tx, account, password, ct);
        var now = clock.GetUtcNow();
        var contact = new ContactResponse(
            account.Id, customer.Id, username, account.FirstName, account.LastName, ContactWriter.Blank(command.JobTitle), account.Email,
            ContactWriter.Blank(command.Phone), account.Language, account.TimeZone, command.IsPrimary, null, 1, now, now);
        await using (var insert = connection.Sql("insert into contacts (id, job_title, phone, is_primary) values ($1, $2, $3, $4)")
            .With(contact.Id).With(contact.JobTitle).With(contact.Phone).With(contact.IsPrimary))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        // The key that seals what the contact will write (ADR 0027): made now, so their commands only read it.
        await personalData.CreateAsync(connection, contact.Id, ct);

        await WelcomeMail.QueueAsync(
            context, tx, configuration, contact.Email, contact.Language, $"{contact.FirstName} {contact.LastName}".Trim(), username, password, now, mailSecrets, ct);
        await audit.WriteAsync(connection, command.By, "contact.created", "contact", contact.Id, null, AuditSnapshot(command.Source, contact), ct);
        await tx.CommitAsync(ct);
        await OutboxedMail.SentAsync(context);
        return new ContactCreatedResponse(contact, new ContactCredentials(username, password));
    }

    // A technician's creation records the contact as the API returns it; one from an inbound message records its source.
    private static object AuditSnapshot(ContactSource source, ContactResponse contact) => source switch
    {
        ContactSource.Email => new
        {
            contact.Id, contact.CustomerId, contact.Username, contact.Email, contact.FirstName, contact.LastName, Source = "email",
        },
        _ => contact,
    };
}
