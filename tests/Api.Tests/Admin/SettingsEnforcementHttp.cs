using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>The catalogues and custom fields the enforcement tests run under, saved through the admin API.</summary>
public static class SettingsEnforcementHttp
{
    public static readonly string[] Queues = ["Service Desk", "Network Team"];
    public static readonly string[] WorkTypes = ["Remote", "On site"];

    /// <summary>
    /// Saves the catalogues and custom fields of <see cref="SettingsEnforcementScenarios.SignInConfiguredAdminAsync"/>
    /// and returns the administrator as an HTTP client, for tests not yet on Alba.
    /// </summary>
    public static async Task<HttpClient> ConfiguredAdminAsync(this AdminSettingsApiFactory api)
    {
        await api.SignInConfiguredAdminAsync();
        return await api.AdminAsync();
    }
}

/// <summary>The enforcement tests' settings as Alba scenarios run by the signed-in administrator.</summary>
public static class SettingsEnforcementScenarios
{
    /// <summary>Saves the catalogues (with custom status <c>on-hold</c>) and the typed custom fields; idempotent.</summary>
    public static async Task<SignedInUser> SignInConfiguredAdminAsync(this AdminSettingsApiFactory api)
    {
        var admin = await api.SignInAdminAsync();
        await admin.ChangeSectionAsync("catalogues", c =>
        {
            c["queues"] = new JsonArray([.. SettingsEnforcementHttp.Queues.Select(q => JsonValue.Create(q))]);
            c["defaultQueue"] = "Service Desk";
            c["issueTypes"] = new JsonArray(new JsonObject { ["key"] = "network", ["queue"] = "Network Team" }, new JsonObject { ["key"] = "hardware" });
            c["workTypes"] = new JsonArray([.. SettingsEnforcementHttp.WorkTypes.Select(w => JsonValue.Create(w))]);
            c["customStatuses"] = new JsonArray(
                new JsonObject { ["id"] = "waiting-customer", ["name"] = "Waiting for customer", ["category"] = "Pending" },
                new JsonObject { ["id"] = "on-hold", ["name"] = "On hold", ["category"] = "Pending" });
        });
        await admin.ChangeSectionAsync("fields", f => f["customFields"] = new JsonArray(
            Field("seats", "Number"), Field("golive", "Date"), Field("vip", "Checkbox"), Field("asset", "Text"),
            Field("tier", "Select", new JsonArray("gold", "silver"))));
        return admin;
    }

    /// <summary>Saves the catalogues without <paramref name="value"/> in <paramref name="array"/>, expecting <paramref name="status"/>.</summary>
    public static async Task<IScenarioResult> PutCataloguesWithoutAsync(this SignedInUser admin, string array, string value, HttpStatusCode status = HttpStatusCode.OK)
    {
        var (catalogues, etag) = await admin.GetSectionAsync("catalogues");
        var list = catalogues[array]!.AsArray();
        foreach (var node in list.Where(n => (n is JsonObject o ? (string?)(o["id"] ?? o["key"]) : (string?)n) == value).ToList())
        {
            list.Remove(node);
        }

        return await admin.PutSectionAsync("catalogues", catalogues, etag, status);
    }

    /// <summary>The 409 <c>settings.catalogue_value_in_use</c> with the entries still in use.</summary>
    public static CatalogueConflict ShouldBeCatalogueConflict(this IScenarioResult result)
    {
        result.ShouldBeProblem("settings.catalogue_value_in_use");
        return result.ReadAs<CatalogueConflict>();
    }

    private static JsonObject Field(string key, string type, JsonArray? options = null) => new()
    {
        ["key"] = key, ["label"] = key.ToUpperInvariant(), ["type"] = type, ["rule"] = "Editable", ["options"] = options,
    };
}

/// <summary>A catalogue change refused because entries are still used by open tickets or workflow rules.</summary>
public sealed record CatalogueConflict(string Code, string Detail, IReadOnlyList<CatalogueUse> InUse);

public sealed record CatalogueUse(string Catalogue, string Value, long OpenTickets, long WorkflowRules);
