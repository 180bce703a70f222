using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Devices;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Application.Audit;
using Ticketing.Application.Sms;
using Wolverine;

namespace Ticketing.Api.Sms;

/// <summary><c>POST /api/portal/phone</c>: the number to verify, international form (<c>+41441234567</c>).</summary>
public sealed record RegisterPhoneRequest(string Phone);

/// <summary>A code received by SMS.</summary>
public sealed record SmsCodeRequest(string Code);

public sealed class RegisterPhoneRequestValidator : AbstractValidator<RegisterPhoneRequest>
{
    public RegisterPhoneRequestValidator() =>
        RuleFor(r => r.Phone).NotEmpty().Matches(@"^\+[1-9][0-9]{6,14}$").WithMessage("The number is in international form, such as +41441234567.");
}

public sealed class SmsCodeRequestValidator : AbstractValidator<SmsCodeRequest>
{
    public SmsCodeRequestValidator() => RuleFor(r => r.Code).NotEmpty().Matches("^[0-9]{6}$").WithMessage("The code is six digits.");
}

/// <summary>A contact's phone verification for self-service (P13), and the technicians' reset.</summary>
public static class PhoneEndpoints
{
    public static IEndpointRouteBuilder MapPhoneEndpoints(this IEndpointRouteBuilder routes)
    {
        var phone = routes.MapGroup("/api/portal/phone").WithTags("Portal self-service").RequireAuthorization(Policies.Contact)
            .RequireSelfService();
        phone.MapGet("/", StatusAsync);
        phone.MapPost("/", RegisterAsync).Validate<RegisterPhoneRequest>();
        phone.MapPost("/confirm", ConfirmAsync).Validate<SmsCodeRequest>();
        routes.MapDelete("/api/contacts/{id:guid}/phone-verification", ResetAsync).WithTags("Contacts").RequireAuthorization(Policies.Technician);
        return routes;
    }

    internal static async Task<Ok<PhoneStatus>> StatusAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await PhoneVerificationHandler.StatusAsync(dataSource, user.GetCurrentUser().UserId, ct));

    /// <summary>"Save and send code": a code goes to the number; the number is the contact's only once confirmed.</summary>
    internal static async Task<Accepted<CodeSent>> RegisterAsync(RegisterPhoneRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Accepted("/api/portal/phone", await bus.InvokeAsync<CodeSent>(new RegisterPhone(user.GetCurrentUser().UserId, request.Phone), ct));

    internal static async Task<Ok<PhoneStatus>> ConfirmAsync(SmsCodeRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(await bus.InvokeAsync<PhoneStatus>(new ConfirmPhone(user.GetCurrentUser().UserId, request.Code), ct));

    private static async Task<NoContent> ResetAsync(Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new ResetPhoneVerification(id, AuditActor.Of(user.GetCurrentUser())), ct);
        return TypedResults.NoContent();
    }
}
