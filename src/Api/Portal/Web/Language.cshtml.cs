using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ticketing.Api.Portal.Web;

/// <summary><c>/portal/language</c> (POST): the language switch of every page; back to the page it was used on.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(PortalWebServices.BasePath);

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        PortalLanguage.Remember(Response, language);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(PortalWebServices.BasePath, StringComparison.Ordinal)
            ? returnUrl
            : PortalWebServices.BasePath);
    }
}
