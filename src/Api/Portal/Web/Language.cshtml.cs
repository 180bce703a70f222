using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// <c>/portal/language</c>: the language switch every page links to at its foot (ADR 0035). GET shows the choice, POST
/// remembers it and goes back to the page the switch was opened from (a portal page only).
/// </summary>
public sealed class LanguageModel : PageModel
{
    /// <summary>The page to go back to: a local path under <c>/portal</c>, else the portal's home.</summary>
    public string ReturnUrl { get; private set; } = PortalWebServices.BasePath;

    public void OnGet(string? returnUrl) => ReturnUrl = Back(returnUrl);

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        PortalLanguage.Remember(Response, language);
        return LocalRedirect(Back(returnUrl));
    }

    private string Back(string? returnUrl) =>
        Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(PortalWebServices.BasePath, StringComparison.Ordinal) ? returnUrl : PortalWebServices.BasePath;
}
