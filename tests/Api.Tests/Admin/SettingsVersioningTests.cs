using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>Versioning of the settings: If-Match, history at an instant, validation, and who may do what.</summary>
public sealed class SettingsVersioningTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    private const string VersionCount = "select count(*) from settings_versions";

    [Fact]
    public async Task A_put_with_a_stale_if_match_is_412_and_writes_nothing()
    {
        var admin = await api.AdminAsync();
        var (portal, etag) = await admin.GetSectionAsync("portal");
        await admin.ChangeSectionAsync("portal", p => p["manualCreationEnabled"] = true);
        var versions = await api.ScalarAsync<long>(VersionCount);

        await (await admin.PutSectionAsync("portal", portal, etag)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");

        (await api.ScalarAsync<long>(VersionCount)).ShouldBe(versions);
    }

    [Fact]
    public async Task The_history_tells_which_settings_were_in_force_at_an_instant_with_who_and_before_after()
    {
        var admin = await api.AdminAsync();
        var adminId = (Guid)(await (await admin.GetAsync(TicketHttp.Url("/api/me"))).JsonAsync(HttpStatusCode.OK))["id"]!;
        var (auditor, _) = await api.StaffAsync("auditor");
        var (_, original) = await admin.GetSectionAsync("fields");
        var beforeAny = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        await admin.ChangeSectionAsync("fields", f => f["fields"]!["impact"] = new JsonObject { ["rule"] = "Hidden" });
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await admin.ChangeSectionAsync("fields", f => f["fields"]!["impact"] = new JsonObject { ["rule"] = "ReadOnly" });

        var atBetween = await HistoryAsync(auditor, "fields", between);
        var inForce = atBetween.GetProperty("inForce")[0];
        inForce.GetProperty("value").GetProperty("fields").GetProperty("impact").GetProperty("rule").GetString().ShouldBe("Hidden");
        var change = inForce.GetProperty("change");
        change.GetProperty("changedBy").GetGuid().ShouldBe(adminId);
        change.GetProperty("before").GetProperty("fields").GetProperty("impact").GetProperty("rule").GetString().ShouldBe("Editable");
        change.GetProperty("after").GetProperty("fields").GetProperty("impact").GetProperty("rule").GetString().ShouldBe("Hidden");
        atBetween.GetProperty("changes").GetArrayLength().ShouldBe(1);

        var atStart = (await HistoryAsync(auditor, "fields", beforeAny)).GetProperty("inForce")[0];
        atStart.GetProperty("version").GetInt64().ShouldBe(0);
        atStart.GetProperty("value").GetProperty("fields").GetProperty("impact").GetProperty("rule").GetString().ShouldBe("Editable");

        var all = await HistoryAsync(auditor, "fields", null);
        all.GetProperty("changes")[0].GetProperty("after").GetProperty("fields").GetProperty("impact").GetProperty("rule").GetString().ShouldBe("ReadOnly");
        all.GetProperty("changes")[0].GetProperty("before").GetProperty("fields").GetProperty("impact").GetProperty("rule").GetString().ShouldBe("Hidden");
        original.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_unknown_or_windows_time_zone_and_a_relative_portal_url_are_400_with_their_fields()
    {
        var admin = await api.AdminAsync();
        var versions = await api.ScalarAsync<long>(VersionCount);
        foreach (var zone in new[] { "Mars/Olympus_Mons", "W. Europe Standard Time", "" })
        {
            var (portal, _) = await admin.GetSectionAsync("portal");
            portal["mspTimeZone"] = zone;
            portal["portalUrl"] = "support.example.com";
            var errors = await (await admin.PutSectionAsync("portal", portal)).ValidationErrorsAsync();
            errors.TryGetProperty("mspTimeZone", out _).ShouldBeTrue(zone);
            errors.TryGetProperty("portalUrl", out _).ShouldBeTrue();
        }

        await (await admin.GetAsync(TicketHttp.Url("/api/admin/settings/history?section=nope"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        (await api.ScalarAsync<long>(VersionCount)).ShouldBe(versions);
    }

    [Fact]
    public async Task Only_admins_read_and_change_settings_and_auditors_read_the_history()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var (auditor, _) = await api.StaffAsync("auditor");
        var (portal, _) = await admin.GetSectionAsync("portal");
        var (contact, _, _) = await api.PortalContactAsync(tech);

        foreach (var caller in new[] { tech, auditor, contact })
        {
            foreach (var section in new[] { "portal", "fields", "catalogues" })
            {
                await (await caller.GetAsync(TicketHttp.Url($"/api/admin/settings/{section}"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
            }

            await (await caller.PutSectionAsync("portal", portal)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        }

        await (await tech.GetAsync(TicketHttp.Url("/api/admin/settings/history"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "http.403");
        (await auditor.GetAsync(TicketHttp.Url("/api/admin/settings/history"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync(TicketHttp.Url("/api/admin/settings/history"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.CreateClient().GetAsync(TicketHttp.Url("/api/admin/settings/portal"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonElement> HistoryAsync(HttpClient caller, string section, DateTimeOffset? at)
    {
        var query = at is null ? $"section={section}" : $"section={section}&at={Uri.EscapeDataString(at.Value.ToString("O"))}";
        var response = await caller.GetAsync(TicketHttp.Url($"/api/admin/settings/history?{query}"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
