using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Portal;

namespace Ticketing.Api.Tests.Admin;

/// <summary>
/// Admin settings steps as Alba scenarios run by a signed-in <see cref="ApiUser"/>. A section is read into the
/// server's own record (<see cref="PortalSection"/>, <see cref="FieldsSection"/>, <see cref="CataloguesSection"/>), not a
/// test-side one: tests change it with <c>with</c> and PUT the whole section back, so every field the server sent must
/// survive the round trip, which only the record the server binds the PUT to guarantees.
/// </summary>
public static class AdminSettingsScenarios
{
    public static string SectionUrl(string section) => $"/api/admin/settings/{section}";

    /// <summary>The section name of a section record, as the URL and the history spell it.</summary>
    public static string SectionOf<T>() where T : class =>
        typeof(T) == typeof(PortalSection) ? SettingsSections.Portal
        : typeof(T) == typeof(FieldsSection) ? SettingsSections.Fields
        : typeof(T) == typeof(CataloguesSection) ? SettingsSections.Catalogues
        : throw new ArgumentException($"{typeof(T).Name} is not a settings section");

    public static async Task<(T Body, string ETag)> GetSectionAsync<T>(this ApiUser admin) where T : class
    {
        var response = await admin.Scenario(s => s.Get.Url(SectionUrl(SectionOf<T>())));
        return (response.ReadAs<T>(), response.ETag());
    }

    /// <summary>PUT of a whole section, optionally with <c>If-Match</c>, expecting <paramref name="status"/> (200 unless told).</summary>
    public static Task<IScenarioResult> PutSectionAsync<T>(
        this ApiUser admin, T body, string? ifMatch = null, HttpStatusCode status = HttpStatusCode.OK) where T : class =>
        admin.Scenario(s =>
        {
            s.Put.Json(body).ToUrl(SectionUrl(SectionOf<T>()));
            if (ifMatch is not null)
            {
                s.WithRequestHeader("If-Match", ifMatch);
            }

            s.StatusCodeShouldBe(status);
        });

    /// <summary>Reads the section, saves what <paramref name="change"/> makes of it with the ETag read; returns the new ETag.</summary>
    public static async Task<string> ChangeSectionAsync<T>(this ApiUser admin, Func<T, T> change) where T : class
    {
        var (body, etag) = await admin.GetSectionAsync<T>();
        return (await admin.PutSectionAsync(change(body), etag)).ETag();
    }

    /// <summary>The fields section with <paramref name="field"/> given <paramref name="rule"/>.</summary>
    public static FieldsSection WithRule(this FieldsSection fields, string field, PortalFieldRule rule) =>
        fields with { Fields = new Dictionary<string, PortalFieldSetting>(fields.Fields) { [field] = new(rule) } };

    /// <summary>A customer with the portal on and a contact of it, signed in.</summary>
    public static async Task<(ApiUser Contact, Guid CustomerId)> PortalContactAsync(this IdentityApiFactory api, ApiUser technician)
    {
        var customerId = await technician.CreateCustomerAsync();
        return (await api.SignInUserAsync(await technician.CreateContactAsync(customerId)), customerId);
    }

    /// <summary>The settings history of <paramref name="section"/>, with what was in force at <paramref name="at"/> when given.</summary>
    public static Task<SettingsHistory<T>> SettingsHistoryAsync<T>(this ApiUser caller, string section, DateTimeOffset? at = null, int? limit = null)
        where T : class
    {
        var query = $"section={section}" + (at is null ? "" : $"&at={Uri.EscapeDataString(at.Value.ToString("O"))}") + (limit is null ? "" : $"&limit={limit}");
        return caller.GetAsync<SettingsHistory<T>>($"/api/admin/settings/history?{query}");
    }

    /// <summary>
    /// The version of the newest settings change of any section, or null: when it is the same before and after a
    /// request, that request saved nothing (versions only grow).
    /// </summary>
    public static async Task<long?> NewestSettingsVersionAsync(this ApiUser caller) =>
        (await caller.GetAsync<SettingsHistory<AnySection>>("/api/admin/settings/history?limit=1")).Changes.FirstOrDefault()?.Version;
}

/// <summary>A section's value whatever the section, when only the version of a change is read.</summary>
public sealed record AnySection;

/// <summary><c>GET /api/admin/settings/history</c>, the section values read as <typeparamref name="T"/>.</summary>
public sealed record SettingsHistory<T>(DateTimeOffset? At, IReadOnlyList<SettingsInForce<T>>? InForce, IReadOnlyList<SettingsChange<T>> Changes)
    where T : class;

/// <summary>What was in force for a section at an instant; <see cref="Change"/> is null while configuration was.</summary>
public sealed record SettingsInForce<T>(string Section, long Version, T Value, SettingsChange<T>? Change)
    where T : class;

public sealed record SettingsChange<T>(long Version, string Section, Guid ChangedBy, DateTimeOffset ChangedAt, T? Before, T After)
    where T : class;

/// <summary>The <c>fields</c> section as far as the history tests read it: the rule of each built-in field.</summary>
public sealed record FieldsSettings(IReadOnlyDictionary<string, FieldSetting> Fields);

public sealed record FieldSetting(string Rule);
