using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Ticketing.Api.Identity.Auth;

namespace Ticketing.Api.Portal.Web;

/// <summary><c>/portal/sign-out</c> (POST): ends the session like <c>POST /api/auth/logout</c> and drops the cookie.</summary>
public sealed class SignOutModel(NpgsqlDataSource dataSource, Sessions sessions, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Logout.HandleAsync(User, dataSource, sessions, audit, ct);
        await HttpContext.SignOutAsync(PortalWebServices.CookieScheme);
        return LocalRedirect($"{PortalWebServices.BasePath}/sign-in?signed-out=true");
    }
}
