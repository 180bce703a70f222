using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Application.Admin.Settings;

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
        MapSection<CataloguesSection>(settings, SettingsSections.Catalogues,
            catalogues => (connection, before, ct) => CatalogueRemovals.RefuseInUseAsync(connection, before, catalogues, ct));
        settings.MapGet("/history", SettingsHistory.HandleAsync).RequireAuthorization(Policies.Auditor);
        return routes;
    }

    /// <param name="guard">Given the new value, what must hold in the saving transaction (see <see cref="SettingsVersions"/>).</param>
    private static void MapSection<T>(
        RouteGroupBuilder settings, string section, Func<T, Func<NpgsqlConnection, string, CancellationToken, Task>>? guard = null) where T : class
    {
        settings.MapGet($"/{section}", async Task<Ok<T>> (CurrentSettings current, HttpContext http, CancellationToken ct) =>
        {
            var snapshot = await current.LoadAsync(ct);
            http.Response.Headers.ETag = SettingsVersions.ETag(snapshot.Version(section));
            return TypedResults.Ok((T)snapshot.Section(section));
        }).RequireAuthorization(Policies.Admin);

        settings.MapPut($"/{section}", async Task<Ok<T>> (T request, ClaimsPrincipal user, HttpContext http, SettingsVersions versions, CancellationToken ct) =>
        {
            var version = await versions.AppendAsync(
                section, request, http.Request.Headers.IfMatch.ToString(), user.GetCurrentUser().UserId, guard?.Invoke(request), ct);
            http.Response.Headers.ETag = SettingsVersions.ETag(version);
            return TypedResults.Ok(request);
        }).Validate<T>().RequireAuthorization(Policies.Admin);
    }
}
