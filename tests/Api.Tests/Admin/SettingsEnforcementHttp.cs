using System.Net;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Admin;

/// <summary>The catalogues and custom fields the enforcement tests run under, saved through the admin API.</summary>
public static class SettingsEnforcementHttp
{
    public static readonly string[] Queues = ["Service Desk", "Network Team"];
    public static readonly string[] WorkTypes = ["Remote", "On site"];

    /// <summary>Saves the catalogues (with custom status <c>on-hold</c>) and the typed custom fields; idempotent.</summary>
    public static async Task<HttpClient> ConfiguredAdminAsync(this AdminSettingsApiFactory api)
    {
        var admin = await api.AdminAsync();
        await admin.ChangeSectionAsync("catalogues", c =>
        {
            c["queues"] = new JsonArray([.. Queues.Select(q => JsonValue.Create(q))]);
            c["defaultQueue"] = "Service Desk";
            c["issueTypes"] = new JsonArray(new JsonObject { ["key"] = "network", ["queue"] = "Network Team" }, new JsonObject { ["key"] = "hardware" });
            c["workTypes"] = new JsonArray([.. WorkTypes.Select(w => JsonValue.Create(w))]);
            c["customStatuses"] = new JsonArray(
                new JsonObject { ["id"] = "waiting-customer", ["name"] = "Waiting for customer", ["category"] = "Pending" },
                new JsonObject { ["id"] = "on-hold", ["name"] = "On hold", ["category"] = "Pending" });
        });
        await admin.ChangeSectionAsync("fields", f => f["customFields"] = new JsonArray(
            Field("seats", "Number"), Field("golive", "Date"), Field("vip", "Checkbox"), Field("asset", "Text"),
            Field("tier", "Select", new JsonArray("gold", "silver"))));
        return admin;
    }

    public static async Task<long> RuleCountAsync(this AdminSettingsApiFactory api) =>
        await api.ScalarAsync<long>("select count(*) from workflow_rules");

    public static async Task<HttpResponseMessage> PutCataloguesWithoutAsync(this HttpClient admin, string array, string value)
    {
        var (catalogues, etag) = await admin.GetSectionAsync("catalogues");
        var list = catalogues[array]!.AsArray();
        foreach (var node in list.Where(n => (n is JsonObject o ? (string?)(o["id"] ?? o["key"]) : (string?)n) == value).ToList())
        {
            list.Remove(node);
        }

        return await admin.PutSectionAsync("catalogues", catalogues, etag);
    }

    public static async Task<JsonObject> ConflictAsync(this HttpResponseMessage response)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "settings.catalogue_value_in_use");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static JsonObject Field(string key, string type, JsonArray? options = null) => new()
    {
        ["key"] = key, ["label"] = key.ToUpperInvariant(), ["type"] = type, ["rule"] = "Editable", ["options"] = options,
    };
}
