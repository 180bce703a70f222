using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Portal.Tickets;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Wolverine;

namespace Ticketing.Api.Portal.Web.Tickets;

/// <summary>
/// <c>/portal/tickets/new</c> (P5): the editable fields of a new ticket, the mandatory ones marked. The form becomes the
/// body of <c>POST /api/portal/tickets</c> and goes through <see cref="CreatePortalTicket.HandleAsync"/> itself, so the
/// field rules, the mandatory fields, the catalogues and the manual-creation switch are the API's.
/// </summary>
public sealed class NewModel(PortalContexts contexts, ITicketFieldRules catalogues, IMessageBus bus) : PortalPageModel(contexts)
{
    /// <summary>The default fields a contact may fill in on a new ticket, in form order (title first).</summary>
    public static readonly string[] FormFields =
        [PortalFields.Title, PortalFields.Description, PortalFields.Priority, PortalFields.Type, PortalFields.Impact, PortalFields.IssueType, PortalFields.ProductFamily];

    /// <summary>The values typed so far, by field name (custom fields as <c>custom.key</c>).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var context = await ResolveAsync(ct);
        return context.Settings.ManualCreationEnabled ? Page() : LocalRedirect($"{PortalWebServices.BasePath}/tickets");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var context = await ResolveAsync(ct);
        var body = new JsonObject();
        foreach (var field in FormFields.Where(f => f == PortalFields.Title || context.Settings.Field(f).IsEditable))
        {
            var value = Request.Form[field].ToString();
            Values[field] = value;
            if (field == PortalFields.Title || !string.IsNullOrWhiteSpace(value))
            {
                body[field] = value.Trim();
            }
        }

        var custom = new JsonObject();
        foreach (var definition in context.Settings.CustomFields.Where(c => c.IsEditable))
        {
            var value = Request.Form[$"custom.{definition.Key}"].ToString();
            Values[$"custom.{definition.Key}"] = value;
            if (!string.IsNullOrWhiteSpace(value))
            {
                custom[definition.Key] = value.Trim();
            }
        }

        if (custom.Count > 0)
        {
            body[PortalFields.CustomFields] = custom;
        }

        Guid? created = null;
        await TryAsync(async () =>
            created = (await CreatePortalTicket.HandleAsync(JsonSerializer.SerializeToElement(body), HttpContext, Contexts, catalogues, bus, ct)).Value!.Id);
        return created is { } id ? LocalRedirect($"{PortalWebServices.BasePath}/tickets/{id}") : Page();
    }

    public bool Editable(string field) => field == PortalFields.Title || Portal.Settings.Field(field).IsEditable;

    public bool Mandatory(string field) => field == PortalFields.Title || Portal.Settings.Field(field).MandatoryOnCreate;
}
