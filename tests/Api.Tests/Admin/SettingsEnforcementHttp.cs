using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>The catalogues and custom fields the enforcement tests run under, saved through the admin API by the signed-in administrator.</summary>
public static class SettingsEnforcementScenarios
{
    public static readonly string[] Queues = ["Service Desk", "Network Team"];
    public static readonly string[] WorkTypes = ["Remote", "On site"];

    /// <summary>Saves the catalogues (with custom status <c>on-hold</c>) and the typed custom fields; idempotent.</summary>
    public static async Task<ApiUser> SignInConfiguredAdminAsync(this AdminSettingsApiFactory api)
    {
        var admin = await api.SignInAdminAsync();
        await admin.ChangeSectionAsync<CataloguesSection>(c => c with
        {
            Queues = Queues,
            DefaultQueue = "Service Desk",
            IssueTypes = [new("network", "Network Team"), new("hardware")],
            WorkTypes = WorkTypes,
            CustomStatuses =
            [
                new("waiting-customer", "Waiting for customer", StatusCategory.Pending), new("on-hold", "On hold", StatusCategory.Pending),
            ],
        });
        await admin.ChangeSectionAsync<FieldsSection>(f => f with
        {
            CustomFields =
            [
                Field("seats", CustomFieldType.Number), Field("golive", CustomFieldType.Date), Field("vip", CustomFieldType.Checkbox),
                Field("asset", CustomFieldType.Text), Field("tier", CustomFieldType.Select, ["gold", "silver"]),
            ],
        });
        return admin;
    }

    /// <summary>Saves the catalogues without <paramref name="value"/> in <paramref name="list"/>, expecting <paramref name="status"/>.</summary>
    public static async Task<IScenarioResult> PutCataloguesWithoutAsync(this ApiUser admin, string list, string value, HttpStatusCode status = HttpStatusCode.OK)
    {
        var (catalogues, etag) = await admin.GetSectionAsync<CataloguesSection>();
        var without = list switch
        {
            "queues" => catalogues with { Queues = [.. catalogues.Queues.Where(q => q != value)] },
            "workTypes" => catalogues with { WorkTypes = [.. catalogues.WorkTypes.Where(w => w != value)] },
            "issueTypes" => catalogues with { IssueTypes = [.. catalogues.IssueTypes.Where(i => i.Key != value)] },
            "customStatuses" => catalogues with { CustomStatuses = [.. catalogues.CustomStatuses.Where(s => s.Id != value)] },
            _ => throw new ArgumentException($"no catalogue {list}", nameof(list)),
        };
        return await admin.PutSectionAsync(without, etag, status);
    }

    /// <summary>The 409 <c>settings.catalogue_value_in_use</c> with the entries still in use.</summary>
    public static CatalogueConflict ShouldBeCatalogueConflict(this IScenarioResult result)
    {
        result.ShouldBeProblem("settings.catalogue_value_in_use");
        return result.ReadAs<CatalogueConflict>();
    }

    private static CustomFieldDefinition Field(string key, CustomFieldType type, IReadOnlyList<string>? options = null) =>
        new(key, key.ToUpperInvariant(), type, PortalFieldRule.Editable, Options: options);
}

/// <summary>A catalogue change refused because entries are still used by open tickets or workflow rules.</summary>
public sealed record CatalogueConflict(string Code, string Detail, IReadOnlyList<CatalogueUse> InUse);

public sealed record CatalogueUse(string Catalogue, string Value, long OpenTickets, long WorkflowRules);
