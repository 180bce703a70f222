using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Identity.Customers;

namespace Ticketing.Application.Identity.Staff;

/// <summary>An administrator creates a staff or taskfire user; <see cref="CustomerId"/> only for taskfire users.</summary>
public sealed record CreateStaffUser(
    string Role, string Email, string FirstName, string LastName, string? Language, string? TimeZone, Guid? CustomerId, AuditActor By);

/// <summary>Inserts the account with a generated username and password, audited in the same transaction.</summary>
public static class CreateStaffUserHandler
{
    public static async Task<StaffUserCreatedResponse> Handle(
        CreateStaffUser command, NpgsqlDataSource dataSource, AccountWriter accounts, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (command.CustomerId is { } customerId && await CustomerResponse.FindAsync(connection, customerId, forUpdate: false, ct) is null)
        {
            throw new UnprocessableException("user.unknown_customer", $"Customer {customerId} does not exist.");
        }

        var account = new NewAccount(
            Guid.CreateVersion7(), command.Role, command.CustomerId, command.Email.Trim(), command.FirstName.Trim(), command.LastName.Trim(),
            command.Language ?? PortalLanguages.Default, command.TimeZone ?? "UTC");
        var password = PasswordGenerator.Password();
        var username = await accounts.InsertAsync(connection, tx, account, password, ct);
        var created = new StaffUserResponse(
            account.Id, account.Role, account.CustomerId, username, account.Email, account.FirstName, account.LastName,
            account.Language, account.TimeZone, null, clock.GetUtcNow());
        await audit.WriteAsync(connection, command.By, "user.created", "user", created.Id, null, created, ct);
        await tx.CommitAsync(ct);
        return new StaffUserCreatedResponse(created, username, password);
    }
}
