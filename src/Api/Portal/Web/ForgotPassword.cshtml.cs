using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Auth;
using Ticketing.Application.Errors;
using Wolverine;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// <c>/portal/forgot-password</c> (P9): asks for a reset code by mail through <see cref="ForgotPassword.HandleAsync"/>;
/// the same answer whether or not the account exists, and the same two rate-limit windows as the API.
/// </summary>
public sealed class ForgotPasswordModel(IMessageBus bus, IOptions<AuthSettings> settings, AccountRateLimiter accountLimiter, IStringLocalizer<PortalPageTexts> texts)
    : AnonymousPortalPage
{
    [BindProperty]
    public string? Login { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new ForgotPasswordRequest(Login?.Trim() ?? "");
        if (!new ForgotPasswordRequestValidator().Validate(request).IsValid)
        {
            return Refuse(StatusCodes.Status400BadRequest, texts["Enter your username or email."]);
        }

        if (RefuseWhenRateLimited(accountLimiter, request.Login, texts["Too many requests. Please wait a minute and try again."]) is { } limited)
        {
            return limited;
        }

        await ForgotPassword.HandleAsync(request, bus, settings, ct);
        Sent = true;
        return Page();
    }

}

/// <summary>
/// <c>/portal/reset-password</c> (P9): the mailed code and a new password, through <see cref="ResetPassword.HandleAsync"/>
/// (one refusal for every wrong, expired or used code; success ends every session of the account).
/// </summary>
public sealed class ResetPasswordModel(
    NpgsqlDataSource dataSource, SecretHasher hasher, AccountWriter accounts, Sessions sessions, AuditLog audit, IOptions<AuthSettings> settings,
    TimeProvider time, IStringLocalizer<PortalPageTexts> texts) : AnonymousPortalPage
{
    [BindProperty(SupportsGet = true)]
    public string? Login { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? newPassword, CancellationToken ct)
    {
        var request = new ResetPasswordRequest(Login?.Trim() ?? "", Code?.Trim() ?? "", newPassword ?? "");
        var validation = new ResetPasswordRequestValidator().Validate(request);
        if (!validation.IsValid)
        {
            return Refuse(StatusCodes.Status400BadRequest, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }

        try
        {
            await ResetPassword.HandleAsync(request, dataSource, hasher, accounts, sessions, audit, settings, time, ct);
        }
        catch (UnprocessableException)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, texts["The code is wrong, expired or already used. Please ask for a new one."]);
        }

        return LocalRedirect($"{PortalWebServices.BasePath}/sign-in?reset=true");
    }

}
