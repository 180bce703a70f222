using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Contacts;
using Ticketing.Api.Identity.Customers;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Staff;

/// <summary>The body of <c>POST /api/admin/users</c>; <see cref="CustomerId"/> is required for (and only for) taskfire users.</summary>
public sealed record CreateStaffUserRequest(
    string Role, string Email, string FirstName, string LastName, string? Language, string? TimeZone, Guid? CustomerId);

public sealed class CreateStaffUserRequestValidator : AbstractValidator<CreateStaffUserRequest>
{
    public CreateStaffUserRequestValidator()
    {
        RuleFor(r => r.Role).Must(role => Roles.Staff.Contains(role))
            .WithMessage($"The role must be one of: {string.Join(", ", Roles.Staff)}.");
        RuleFor(r => r.Email).ContactEmail();
        RuleFor(r => r.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.LastName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Language).PortalLanguage().When(r => r.Language is not null);
        RuleFor(r => r.TimeZone!).IanaTimeZone().When(r => r.TimeZone is not null);
        RuleFor(r => r.CustomerId).NotEmpty().When(r => r.Role == Roles.Taskfire)
            .WithMessage("A taskfire user belongs to a customer: customerId is required.");
        RuleFor(r => r.CustomerId).Null().When(r => r.Role != Roles.Taskfire)
            .WithMessage("Only taskfire users belong to a customer.");
    }
}

/// <summary><c>POST /api/admin/users</c>: an administrator creates a staff or taskfire user with a generated password.</summary>
public static class CreateStaffUser
{
    public static async Task<Created<StaffUserCreatedResponse>> HandleAsync(
        CreateStaffUserRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, AccountWriter accounts, AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (request.CustomerId is { } customerId && await CustomerResponse.FindAsync(connection, customerId, forUpdate: false, ct) is null)
        {
            throw new UnprocessableException("user.unknown_customer", $"Customer {customerId} does not exist.");
        }

        var account = new NewAccount(
            Guid.CreateVersion7(), request.Role, request.CustomerId, request.Email.Trim(), request.FirstName.Trim(), request.LastName.Trim(),
            request.Language ?? PortalLanguages.Default, request.TimeZone ?? "UTC");
        var password = PasswordGenerator.Password();
        var username = await accounts.InsertAsync(connection, tx, account, password, ct);
        var created = new StaffUserResponse(
            account.Id, account.Role, account.CustomerId, username, account.Email, account.FirstName, account.LastName,
            account.Language, account.TimeZone, null, time.GetUtcNow());
        await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "user.created", "user", created.Id, null, created, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/admin/users/{created.Id}", new StaffUserCreatedResponse(created, username, password));
    }
}
