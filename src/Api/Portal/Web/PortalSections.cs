using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Portal.Web;

/// <summary>Which sections of the portal the signed-in contact has (P11), as the API decides it for each section.</summary>
public sealed record PortalSectionsOn(bool Tickets, bool KnowledgeBase, bool ManualCreation);

/// <summary>
/// Asks the API's own section checks (<see cref="PortalContexts"/> for tickets, <see cref="PortalVisibility"/> for the
/// knowledge base) whether they admit the caller, so the navigation never offers a section the API would refuse.
/// Once per request.
/// </summary>
public sealed class PortalSections(PortalContexts contexts, NpgsqlDataSource dataSource, SettingsDefaults defaults)
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

        var knowledgeBase = true;
        try
        {
            await PortalVisibility.CustomerWithKnowledgeBaseAsync(http.User, dataSource, defaults, ct);
        }
        catch (ForbiddenException)
        {
            knowledgeBase = false;
        }

        return _current = new PortalSectionsOn(tickets is not null, knowledgeBase, tickets?.Settings.ManualCreationEnabled == true);
    }
}
