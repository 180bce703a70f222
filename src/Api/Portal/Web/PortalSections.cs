using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Portal.Web;

/// <summary>Which sections of the portal the signed-in contact has (P11), as the API decides it for each section.</summary>
public sealed record PortalSectionsOn(bool Tickets, bool KnowledgeBase, bool ManualCreation, bool SelfService = false, bool Assistant = false);

/// <summary>
/// Asks the API's own section checks (<see cref="PortalContexts"/> for tickets, <see cref="PortalVisibility"/> for the
/// knowledge base) whether they admit the caller, so the navigation never offers a section the API would refuse.
/// Once per request; when the ticketing context is resolved, the knowledge base's two switches come with it (ADR 0025).
/// </summary>
public sealed class PortalSections(PortalContexts contexts, NpgsqlDataSource dataSource, SettingsDefaults defaults, CurrentSettings settings)
{
    private PortalSectionsOn? _current;

    public async Task<PortalSectionsOn> CurrentAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (_current is not null)
        {
            return _current;
        }

        PortalContext? tickets = null;
        try
        {
            tickets = await contexts.ResolveAsync(http, ct);
        }
        catch (ForbiddenException)
        {
        }

        // With the ticketing section on, the request has read both switches of the knowledge base already (the
        // customer's with the contact, the portal's with the settings): the rule of the API's check on them, no read.
        var knowledgeBase = tickets is not null
            ? tickets.Caller.KnowledgeBaseEnabled && tickets.Settings.KnowledgeBaseEnabled
            : await KnowledgeBaseAdmitsAsync(http, ct);

        // Self-service (P13) and the assistant (P12) likewise: their switches came with the ticketing context's settings;
        // without it, one settings read (checked against the generation, CurrentSettings).
        bool selfService, assistant;
        if (tickets is not null)
        {
            selfService = tickets.Settings.SelfServiceFor(tickets.Caller.CustomerId);
            assistant = tickets.Settings.AssistantFor(tickets.Caller.CustomerId);
        }
        else if (http.User.GetCurrentUser().CustomerId is { } customer)
        {
            var portal = (await settings.LoadAsync(ct)).Portal;
            selfService = portal.SelfServiceFor(customer);
            assistant = portal.AssistantFor(customer);
        }
        else
        {
            selfService = assistant = false;
        }

        return _current = new PortalSectionsOn(
            tickets is not null, knowledgeBase, tickets?.Settings.ManualCreationEnabled == true, selfService, assistant);
    }

    private async Task<bool> KnowledgeBaseAdmitsAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            await PortalVisibility.CustomerWithKnowledgeBaseAsync(http.User, dataSource, defaults, ct);
            return true;
        }
        catch (ForbiddenException)
        {
            return false;
        }
    }
}
