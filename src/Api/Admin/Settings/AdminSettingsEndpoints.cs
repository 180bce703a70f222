using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Application.Admin.Settings;
using Wolverine;

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// <c>/api/admin/settings</c>: GET/PUT of each section for administrators (the ETag is the section's version; a PUT
/// replaces the section and may send it back in <c>If-Match</c>), and the history for administrators and auditors.
/// </summary>
public static class AdminSettingsEndpoints
{
    public static IEndpointRouteBuilder MapAdminSettingsEndpoints(this IEndpointRouteBuilder routes)
    {
        var settings = routes.MapGroup("/api/admin/settings").WithTags("Admin settings");
        MapSection<PortalSection>(settings, SettingsSections.Portal);
        MapSection<FieldsSection>(settings, SettingsSections.Fields);
        MapSection<CataloguesSection>(settings, SettingsSections.Catalogues);
        settings.MapGet("/history", SettingsHistory.HandleAsync).RequireAuthorization(Policies.Auditor);
        return routes;
    }

    // One generic mapping for the sections. The handlers are passed as plain Delegates: ASP.NET Core's request delegate
    // generator cannot generate generic endpoints, so these six are built at start-up by reflection, like every endpoint
    // was before it (the other endpoints' delegates are generated at compile time).
#pragma warning disable RDG002 // "generated at runtime": on purpose, see above.
    private static void MapSection<T>(RouteGroupBuilder settings, string section) where T : class
    {
        Delegate get = async Task<Ok<T>> (CurrentSettings current, HttpContext http, CancellationToken ct) =>
        {
            var snapshot = await current.LoadAsync(ct);
            http.Response.Headers.ETag = SettingsVersions.ETag(snapshot.Version(section));
            return TypedResults.Ok((T)snapshot.Section(section));
        };
        settings.MapGet($"/{section}", get).RequireAuthorization(Policies.Admin);

        Delegate put = async Task<Ok<T>> (
            T request, ClaimsPrincipal user, HttpContext http, SettingsDefaults defaults, IMessageBus bus, CancellationToken ct) =>
        {
            var saved = await bus.InvokeAsync<SettingsSectionSaved>(
                new SaveSettingsSection(
                    section, request, SettingsJson.Serialize(defaults.For(section)), http.Request.Headers.IfMatch.ToString(),
                    user.GetCurrentUser().UserId),
                ct);
            http.Response.Headers.ETag = SettingsVersions.ETag(saved.Version);
            return TypedResults.Ok(request);
        };
        settings.MapPut($"/{section}", put).Validate<T>().RequireAuthorization(Policies.Admin);
    }
#pragma warning restore RDG002
}
