using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Auth;
using Ticketing.Api.Identity.Me;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// <c>/portal/sign-in</c>: a contact or a Taskfire user (T10) signs in with username or email. The API's sign-in (<see cref="Login.StartSessionAsync"/>)
/// with its lockout, session row and audit entry, and the same rate limits (per address by the page's policy, per
/// account here); the session's id travels in the portal cookie instead of a bearer token.
/// </summary>
public sealed class SignInModel(
    NpgsqlDataSource dataSource, CredentialVerifier credentials, Sessions sessions, AuditLog audit, IOptions<AuthSettings> settings,
    AccountRateLimiter accountLimiter, IStringLocalizer<PortalPageTexts> texts) : AnonymousPortalPage
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Login { get; set; }

    /// <summary>Bound from the form, never rendered back into it.</summary>
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true, Name = "signed-out")]
    public bool SignedOut { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Reset { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new LoginRequest(Login?.Trim() ?? "", Password ?? "");
        if (!new LoginRequestValidator().Validate(request).IsValid)
        {
            return Refuse(StatusCodes.Status400BadRequest, texts["Enter your username or email and your password."]);
        }

        if (RefuseWhenRateLimited(accountLimiter, request.Login, texts["Too many sign-in attempts. Please wait a minute and try again."]) is { } limited)
        {
            return limited;
        }

        var principal = await Identity.Auth.Login.StartSessionAsync(
            request, PortalWebServices.CookieScheme, PortalWebServices.SignInRoles, dataSource, credentials, sessions, audit, settings.Value, ct);
        if (principal is null)
        {
            return Refuse(StatusCodes.Status401Unauthorized,
                texts["The username or password is wrong, or the account is locked for a while after repeated failures."]);
        }

        await HttpContext.SignInAsync(PortalWebServices.CookieScheme, principal);
        PortalLanguage.Remember(Response, (await MeEndpoints.GetAsync(principal, dataSource, ct)).Value?.Language);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(PortalWebServices.BasePath, StringComparison.Ordinal)
            ? ReturnUrl
            : PortalWebServices.BasePath);
    }

}
