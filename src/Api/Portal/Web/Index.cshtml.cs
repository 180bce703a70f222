using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ticketing.Api.Portal.Web;

/// <summary><c>/portal</c>, the address the welcome mail links to: the contact's tickets.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect($"{PortalWebServices.BasePath}/tickets");
}
