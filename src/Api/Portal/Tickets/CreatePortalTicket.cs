using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Portal.Views;
using Ticketing.Api.Tickets;
using Ticketing.Application.Errors;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Creating;
using Ticketing.Domain.Tickets;
using Wolverine;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>
/// <c>POST /api/portal/tickets</c> (P5): the contact opens a ticket for themselves and their company, source
/// Portal. Title required; only editable fields accepted; mandatory-on-create fields enforced. The queue is the
/// issue type's queue, else "Client Portal" (T7), unless the admin made the queue editable and one is given.
/// </summary>
public static class CreatePortalTicket
{
    public const string ManualCreationDisabled = "portal.manual_creation_disabled";

    public static async Task<Created<PortalCommandResponse>> HandleAsync(
        [FromBody] JsonElement body, HttpContext http, PortalContexts contexts, ITicketFieldRules catalogues, IMessageBus bus, CancellationToken ct)
    {
        var context = await contexts.ResolveAsync(http, ct);
        var settings = context.Settings;
        if (!settings.ManualCreationEnabled)
        {
            throw new ForbiddenException(ManualCreationDisabled, "Tickets are opened through the assistant; manual creation is turned off.");
        }

        if (body.ValueKind == JsonValueKind.Object && !body.TryGetProperty(PortalFields.Title, out _))
        {
            throw PortalTicketBody.Invalid(PortalFields.Title, "'title' is required.");
        }

        var input = PortalTicketBody.Read(body, settings, PortalWrite.Create);
        await PortalTicketBody.EnsureCataloguedAsync(input.Changes, catalogues, ct);
        var fields = input.Changes.ApplyTo(TicketFields.Titled(""));
        fields = fields with { Queue = input.Changes.Queue is null ? settings.QueueFor(fields.IssueType) : fields.Queue };
        PortalMandatoryFields.Ensure(settings, PortalWrite.Create, fields);

        var caller = context.Caller;
        var opened = await bus.InvokeAsync<OpenedTicket>(new OpenTicket(
            Guid.CreateVersion7(), TicketSource.Portal, caller.CustomerId, caller.ContactId, fields, null, null, null, [], http.CommandContext()), ct);
        ETags.Set(http.Response, opened.Version);
        return TypedResults.Created($"/api/portal/tickets/{opened.TicketId}", new PortalCommandResponse(opened.TicketId, opened.Number, opened.Version));
    }
}
