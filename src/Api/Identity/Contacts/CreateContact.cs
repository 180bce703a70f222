using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Customers;
using Ticketing.Api.Identity.Mail;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Identity;
using Ticketing.Application.Email;
using Wolverine;

namespace Ticketing.Api.Identity.Contacts;

/// <summary>
/// <c>POST /api/customers/{id}/contacts</c>: creates the contact with a generated username and password (P1).
/// The password is in this response only; it is stored hashed and never logged.
/// </summary>
public static class CreateContact
{
    public static async Task<Created<ContactCreatedResponse>> HandleAsync(
        Guid id, ContactRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, AccountWriter accounts,
        AuditLog audit, IMessageBus bus, IConfiguration configuration, TimeProvider time, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var customer = await CustomerResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw CustomerErrors.NotFoundError(id);

        var account = new NewAccount(
            Guid.CreateVersion7(), Roles.Contact, customer.Id, request.Email.Trim(), request.FirstName.Trim(), request.LastName.Trim(),
            request.Language ?? PortalLanguages.Default, request.TimeZone ?? customer.TimeZone);
        var password = PasswordGenerator.Password();
        var username = await accounts.InsertAsync(connection, tx, account, password, ct);
        await using (var insert = connection.Sql("insert into contacts (id, job_title, phone, is_primary) values ($1, $2, $3, $4)")
            .With(account.Id).With(ContactWriter.Blank(request.JobTitle)).With(ContactWriter.Blank(request.Phone)).With(request.IsPrimary))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        var now = time.GetUtcNow();
        var contact = new ContactResponse(
            account.Id, customer.Id, username, account.FirstName, account.LastName, ContactWriter.Blank(request.JobTitle), account.Email,
            ContactWriter.Blank(request.Phone), account.Language, account.TimeZone, request.IsPrimary, null, 1, now, now);
        await AccountMail.QueueWelcomeAsync(bus, tx, configuration, new WelcomeMail(account.Email, account.Language, $"{account.FirstName} {account.LastName}", username, password), now, ct);
        await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "contact.created", "contact", contact.Id, null, contact, ct);
        await tx.CommitAsync(ct);
        await OutboxedMail.SentAsync(bus);
        return TypedResults.Created($"/api/contacts/{contact.Id}", new ContactCreatedResponse(contact, new ContactCredentials(username, password)));
    }
}
