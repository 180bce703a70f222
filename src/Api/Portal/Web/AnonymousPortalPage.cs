using Microsoft.AspNetCore.Mvc.RazorPages;
using Ticketing.Api.Identity.Auth;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// What the pages before sign-in share (sign-in, forgot and reset password): a refusal shown on the page with its
/// HTTP status, and the per-account rate-limit window of the API's credential endpoints.
/// </summary>
public abstract class AnonymousPortalPage : PageModel
{
    /// <summary>Why the form was refused, for the page's alert; null when nothing was refused.</summary>
    public string? Refusal { get; private set; }

    protected PageResult Refuse(int status, string message)
    {
        Refusal = message;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Takes a permit of <paramref name="login"/>'s window (<see cref="AccountRateLimiter"/>); refuses with 429 when it is used up.</summary>
    protected PageResult? RefuseWhenRateLimited(AccountRateLimiter limiter, string login, string message)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        using var lease = limiter.Acquire(login);
        if (lease.IsAcquired)
        {
            return null;
        }

        AuthRateLimiting.SetRetryAfter(HttpContext, lease);
        return Refuse(StatusCodes.Status429TooManyRequests, message);
    }
}
