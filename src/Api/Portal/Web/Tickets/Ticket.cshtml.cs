using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Attachments;
using Ticketing.Api.Portal.Tickets;
using Ticketing.Api.Portal.Views;
using Ticketing.Api.Tickets;
using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Projections.Portal;
using Wolverine;

namespace Ticketing.Api.Portal.Web.Tickets;

/// <summary>
/// <c>/portal/tickets/{id}</c> (P4, P6): the ticket as <see cref="GetPortalTicket.LoadAsync"/> shapes it for the API, so a
/// hidden field is absent from the HTML as from the JSON; the reply form posts through <see cref="PostPortalReply.PostAsync"/>,
/// and a billed ticket (T4) shows why it cannot be changed instead of the form.
/// </summary>
public sealed class TicketModel(
    PortalContexts contexts, PortalTicketQueries queries, ICustomerDirectory directory, IMessageBus bus, AttachmentUploads uploads,
    ITicketFieldRules catalogues)
    : PortalPageModel(contexts)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Replied { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    /// <summary>
    /// The ticket's version the form was shown at. The forms send it, and it goes to the API's code as the If-Match
    /// precondition the endpoints honour (<see cref="ETags.IfMatch"/>), so a form shown before someone else's change is
    /// refused (412) and writes nothing instead of overwriting that change.
    /// </summary>
    [BindProperty]
    public long? Version { get; set; }

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
        ExpectVersion();
        if (await TryAsync(() => PostPortalReply.PostAsync(Id, context, HttpContext, queries, bus, uploads, ct)))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/tickets/{Id}?replied=true#timeline");
        }

        var status = Response.StatusCode;
        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>
    /// P6: the fields the form lists, as the API names them; a value equal to the ticket's is left out of the change, so
    /// only what the contact changed reaches <see cref="UpdatePortalTicket.HandleAsync"/> (field rules, T4, T5 and the
    /// visible statuses are its decisions).
    /// </summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Ticket is not { } ticket)
        {
            return Page();
        }

        var body = new JsonObject();
        foreach (var (field, current) in EditableTexts(ticket))
        {
            var value = Request.Form[field].ToString().Trim();
            if (Request.Form.ContainsKey(field) && value != (current ?? ""))
            {
                body[field] = value.Length == 0 ? null : value;
            }
        }

        if (ticket.Status is { Editable: true } status && Request.Form["status"].ToString() is { Length: > 0 } chosen && chosen != status.Value.Id)
        {
            body[PortalFields.Status] = chosen;
        }

        var custom = new JsonObject();
        foreach (var (key, field) in ticket.CustomFields.Where(c => c.Value.Editable))
        {
            var value = Request.Form[$"custom.{key}"].ToString().Trim();
            if (value != (field.Value ?? ""))
            {
                custom[key] = value.Length == 0 ? null : value;
            }
        }

        if (custom.Count > 0)
        {
            body[PortalFields.CustomFields] = custom;
        }

        if (body.Count == 0)
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/tickets/{Id}");
        }

        var element = JsonSerializer.SerializeToElement(body);
        ExpectVersion();
        if (await TryAsync(() => UpdatePortalTicket.HandleAsync(Id, element, HttpContext, Contexts, queries, catalogues, bus, ct)))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/tickets/{Id}?changed=true");
        }

        var refused = Response.StatusCode;
        await LoadAsync(ct, reload: true);
        Response.StatusCode = refused;
        return Page();
    }

    /// <summary>The editable text fields of the ticket with their current values, in form order.</summary>
    public static IEnumerable<(string Field, string? Value)> EditableTexts(PortalTicketDetails ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Title.Editable)
        {
            yield return (PortalFields.Title, ticket.Title.Value);
        }

        foreach (var (field, shown) in new[]
        {
            (PortalFields.Priority, ticket.Priority), (PortalFields.Type, ticket.Type), (PortalFields.Impact, ticket.Impact),
            (PortalFields.ProductFamily, ticket.ProductFamily), (PortalFields.IssueType, ticket.IssueType),
        })
        {
            if (shown is { Editable: true })
            {
                yield return (field, shown.Value);
            }
        }
    }

    /// <summary>The form's version as the If-Match header the API's code reads; a form without one has no precondition, as a request without the header.</summary>
    private void ExpectVersion()
    {
        if (Version is { } version)
        {
            Request.Headers.IfMatch = ETags.Format(version);
        }
    }

    public string AttachmentLink(PortalAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return $"{PortalWebServices.BasePath}/tickets/{Id}/attachments/{attachment.Id}";
    }

    private async Task LoadAsync(CancellationToken ct, bool reload = false)
    {
        if (reload)
        {
            Ticket = null;
        }

        var context = await ResolveAsync(ct);
        await TryAsync(async () => Ticket = await GetPortalTicket.LoadAsync(Id, context, queries, directory, ct));
    }
}
