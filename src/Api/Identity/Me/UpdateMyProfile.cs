using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Contacts;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Me;

/// <summary>The body of <c>PUT /api/me</c>: a contact's editable profile (P8); the primary flag is the MSP's to set.</summary>
public sealed record UpdateMyProfileRequest(
    string FirstName, string LastName, string? JobTitle, string Email, string? Phone, string Language, string TimeZone);

public sealed class UpdateMyProfileRequestValidator : AbstractValidator<UpdateMyProfileRequest>
{
    public UpdateMyProfileRequestValidator()
    {
        RuleFor(r => r.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.LastName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.JobTitle).MaximumLength(200);
        RuleFor(r => r.Email).ContactEmail();
        RuleFor(r => r.Phone).MaximumLength(50);
        RuleFor(r => r.Language).NotEmpty().PortalLanguage();
        RuleFor(r => r.TimeZone).NotEmpty().IanaTimeZone();
    }
}

/// <summary><c>PUT /api/me</c> for contacts.</summary>
public static class UpdateMyProfile
{
    public static async Task<Ok<ProfileResponse>> HandleAsync(
        UpdateMyProfileRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time,
        CancellationToken ct)
    {
        var caller = user.GetCurrentUser();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await ContactResponse.FindAsync(connection, caller.UserId, forUpdate: true, ct)
            ?? throw ContactWriter.NotFoundError(caller.UserId);
        var after = before with
        {
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            JobTitle = ContactWriter.Blank(request.JobTitle),
            Email = request.Email.Trim(),
            Phone = ContactWriter.Blank(request.Phone),
            Language = request.Language,
            TimeZone = request.TimeZone,
            Version = before.Version + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        await ContactWriter.UpdateAsync(connection, after, ct);
        await audit.WriteAsync(connection, AuditActor.Of(caller), "contact.updated", "contact", caller.UserId, before, after, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ProfileResponse.FindAsync(connection, caller.UserId, ct))!);
    }
}
