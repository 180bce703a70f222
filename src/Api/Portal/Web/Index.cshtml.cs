using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// <c>/portal</c>, the address the welcome mail links to: the contact's tickets, else the knowledge base, else a page
/// saying that nothing is available (P11). A section that was switched off sends its pages here. A Taskfire user goes
/// to their tickets; a page of the other kind of user sends them here too (ADR 0028).
/// </summary>
public sealed class IndexModel(PortalSections sections) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Unavailable { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Unavailable && User.IsInRole(Application.Identity.Roles.Taskfire))
        {
            return LocalRedirect($"{PortalWebServices.TaskfirePath}/tickets");
        }

        var on = await sections.CurrentAsync(HttpContext, ct);
        return Unavailable ? Page()
            : on.Tickets ? LocalRedirect($"{PortalWebServices.BasePath}/tickets")
            : on.KnowledgeBase ? LocalRedirect($"{PortalWebServices.BasePath}/kb")
            : Page();
    }
}
