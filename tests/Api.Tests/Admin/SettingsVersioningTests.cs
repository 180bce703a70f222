using System.Net;
using Alba;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Portal;

namespace Ticketing.Api.Tests.Admin;

/// <summary>Versioning of the settings: If-Match, history at an instant, validation, and who may do what.</summary>
public sealed class SettingsVersioningTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task A_put_with_a_stale_if_match_is_412_and_writes_nothing()
    {
        var admin = await api.SignInAdminAsync();
        var (portal, etag) = await admin.GetSectionAsync<PortalSection>();
        await admin.ChangeSectionAsync<PortalSection>(p => p with { ManualCreationEnabled = true });
        var newest = await admin.NewestSettingsVersionAsync();

        await admin.PutSectionAsync(portal, etag, HttpStatusCode.PreconditionFailed).ShouldBeProblemAsync("concurrency.precondition_failed");

        (await admin.NewestSettingsVersionAsync()).ShouldBe(newest);
    }

    [Fact]
    public async Task The_history_tells_which_settings_were_in_force_at_an_instant_with_who_and_before_after()
    {
        var admin = await api.SignInAdminAsync();
        var auditor = await api.SignInStaffAsync("auditor");
        var (_, original) = await admin.GetSectionAsync<FieldsSection>();
        var beforeAny = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        await admin.ChangeSectionAsync<FieldsSection>(f => f.WithRule("impact", PortalFieldRule.Hidden));
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await admin.ChangeSectionAsync<FieldsSection>(f => f.WithRule("impact", PortalFieldRule.ReadOnly));

        var atBetween = await auditor.SettingsHistoryAsync<FieldsSettings>("fields", between);
        var inForce = atBetween.InForce.ShouldHaveSingleItem();
        inForce.Value.Fields["impact"].Rule.ShouldBe("Hidden");
        var change = inForce.Change.ShouldNotBeNull();
        change.ChangedBy.ShouldBe(admin.Id);
        change.Before.ShouldNotBeNull().Fields["impact"].Rule.ShouldBe("Editable");
        change.After.Fields["impact"].Rule.ShouldBe("Hidden");
        atBetween.Changes.Count.ShouldBe(1);

        var atStart = (await auditor.SettingsHistoryAsync<FieldsSettings>("fields", beforeAny)).InForce.ShouldHaveSingleItem();
        atStart.Version.ShouldBe(0);
        atStart.Value.Fields["impact"].Rule.ShouldBe("Editable");

        var all = await auditor.SettingsHistoryAsync<FieldsSettings>("fields");
        all.Changes[0].After.Fields["impact"].Rule.ShouldBe("ReadOnly");
        all.Changes[0].Before.ShouldNotBeNull().Fields["impact"].Rule.ShouldBe("Hidden");
        original.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_unknown_or_windows_time_zone_and_a_relative_portal_url_are_400_with_their_fields()
    {
        var admin = await api.SignInAdminAsync();
        var newest = await admin.NewestSettingsVersionAsync();
        foreach (var zone in new[] { "Mars/Olympus_Mons", "W. Europe Standard Time", "" })
        {
            var (portal, _) = await admin.GetSectionAsync<PortalSection>();
            var invalid = portal with { MspTimeZone = zone, PortalUrl = "support.example.com" };
            var errors = (await admin.PutSectionAsync(invalid, status: HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid")).Errors!;
            errors.ShouldContainKey("mspTimeZone", zone);
            errors.ShouldContainKey("portalUrl");
        }

        await admin.ProblemAsync(s => s.Get.Url("/api/admin/settings/history?section=nope"), HttpStatusCode.BadRequest, "request.invalid");
        (await admin.NewestSettingsVersionAsync()).ShouldBe(newest);
    }

    [Fact]
    public async Task Only_admins_read_and_change_settings_and_auditors_read_the_history()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var auditor = await api.SignInStaffAsync("auditor");
        var (portal, _) = await admin.GetSectionAsync<PortalSection>();
        var (contact, _) = await api.PortalContactAsync(tech);

        foreach (var caller in new[] { tech, auditor, contact })
        {
            foreach (var section in new[] { "portal", "fields", "catalogues" })
            {
                await caller.ProblemAsync(s => s.Get.Url(AdminSettingsScenarios.SectionUrl(section)), HttpStatusCode.Forbidden, "http.403");
            }

            await caller.PutSectionAsync(portal, status: HttpStatusCode.Forbidden).ShouldBeProblemAsync("http.403");
        }

        await tech.ProblemAsync(s => s.Get.Url("/api/admin/settings/history"), HttpStatusCode.Forbidden, "http.403");
        await auditor.Scenario(s => s.Get.Url("/api/admin/settings/history"));
        await admin.Scenario(s => s.Get.Url("/api/admin/settings/history"));
        await api.Scenario(s =>
        {
            s.Get.Url("/api/admin/settings/portal");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }
}
