using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Attachments;
using Ticketing.Api.Portal.Tickets;
using Ticketing.Api.Portal.Views;
using Ticketing.Application.Identity;
using Ticketing.Projections.Portal;
using Wolverine;

namespace Ticketing.Api.Portal.Web.Tickets;

/// <summary>
/// <c>/portal/tickets/{id}</c> (P4, P6): the ticket as <see cref="GetPortalTicket.LoadAsync"/> shapes it for the API, so a
/// hidden field is absent from the HTML as from the JSON; the reply form posts through <see cref="PostPortalReply.PostAsync"/>,
/// and a billed ticket (T4) shows why it cannot be changed instead of the form.
/// </summary>
public sealed class TicketModel(
    PortalContexts contexts, PortalTicketQueries queries, ICustomerDirectory directory, IMessageBus bus, AttachmentUploads uploads)
    : PortalPageModel(contexts)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Replied { get; set; }

    /// <summary>The reply typed so far, kept when a reply is refused.</summary>
    [BindProperty]
    public string? Body { get; set; }

    /// <summary>Null when the ticket does not exist or is not the contact's to see (one answer for both).</summary>
    public PortalTicketDetails? Ticket { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        var context = await ResolveAsync(ct);
        if (await TryAsync(() => PostPortalReply.PostAsync(Id, context, HttpContext, queries, bus, uploads, ct)))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/tickets/{Id}?replied=true#timeline");
        }

        var status = Response.StatusCode;
        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    public string AttachmentLink(PortalAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return $"{PortalWebServices.BasePath}/tickets/{Id}/attachments/{attachment.Id}";
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var context = await ResolveAsync(ct);
        await TryAsync(async () => Ticket = await GetPortalTicket.LoadAsync(Id, context, queries, directory, ct));
    }
}
