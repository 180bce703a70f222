using System.Diagnostics;
using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>P13: self-service actions behind a fresh SMS code, carried out by the (simulated) agent, every step on the device's stream.</summary>
public sealed class SelfServiceActionTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task A_restart_is_asked_for_confirmed_with_the_sms_code_picked_up_by_the_agent_and_reported_done()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;

        var actionId = (await world.Portal.ReadAsync<ActionRequestedBody>(s =>
        {
            s.Post.Json(new { kind = "Restart" }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"));
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        })).ActionId;
        (await agent.ActionsAsync()).ShouldBeEmpty();
        var confirmed = await world.ConfirmAsync(actionId);
        var done = await agent.RunOnceAsync();

        confirmed.Status.ShouldBe("dispatched");
        done.ShouldHaveSingleItem().ShouldSatisfyAllConditions(a => a.Id.ShouldBe(actionId), a => a.Kind.ShouldBe("Restart"));
        (await world.Portal.GetAsync<IReadOnlyList<DeviceActionBody>>($"/api/portal/devices/{world.DeviceId}/actions"))
            .ShouldHaveSingleItem().Status.ShouldBe("completed");
        var history = (await world.Technician.HistoryAsync(world.DeviceId)).SkipWhile(h => !h.Type.StartsWith("device.action", StringComparison.Ordinal)).ToList();
        history.Select(h => h.Type).ShouldBe(["device.action_requested", "device.action_verified", "device.action_dispatched", "device.action_completed"]);
        history.Take(3).ShouldAllBe(h => h.ActorId == world.Contact.Id && h.ActorRole == "contact");
        history[3].ShouldSatisfyAllConditions(h => h.ActorId.ShouldBe(world.DeviceId), h => h.ActorRole.ShouldBe("agent"));
        history[0].Data.GetProperty("from").GetString().ShouldBe("203.0.113.7");
        (await agent.ActionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_waiting_long_poll_returns_as_soon_as_the_action_is_dispatched()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var actionId = await world.RequestAsync("Lock");
        var clock = Stopwatch.StartNew();

        var poll = agent.ActionsAsync(wait: 30);
        await Task.Delay(300);
        await world.ConfirmAsync(actionId);
        var actions = await poll;

        actions.ShouldHaveSingleItem().Id.ShouldBe(actionId);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_password_reset_texts_the_temporary_password_to_the_contact_and_keeps_it_nowhere()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;

        await world.ConfirmAsync(await world.RequestAsync("ResetPassword"));
        await agent.RunOnceAsync();

        api.MessagesTo(world.Phone).Last().ShouldContain(agent.TemporaryPassword);
        var history = await world.Technician.HistoryAsync(world.DeviceId);
        history.Last().Type.ShouldBe("device.action_completed");
        history.ShouldAllBe(h => !h.Data.GetRawText().Contains(agent.TemporaryPassword, StringComparison.Ordinal));
        (await world.Portal.GetAsync<IReadOnlyList<DeviceActionBody>>($"/api/portal/devices/{world.DeviceId}/actions"))
            .ShouldAllBe(a => a.Package == null);
    }

    [Fact]
    public async Task A_completed_password_reset_without_the_temporary_password_is_refused_and_stores_nothing()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var actionId = await world.RequestAsync("ResetPassword");
        await world.ConfirmAsync(actionId);
        var before = await world.HistoryLengthAsync();

        using var refused = await agent.ReportAsync(actionId);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("device.temporary_password_required");
        (await world.HistoryLengthAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_approved_application_is_installed_with_its_package_for_the_devices_platform()
    {
        var world = await SelfServiceWorld.BuildAsync(api, os: "MacOs");
        using var agent = world.Agent;
        var app = await world.Admin.PostAsync<ApplicationBody>("/api/admin/self-service/applications",
            new { name = "Firefox", windowsPackage = "firefox", macOsPackage = "firefox@cask", customerIds = new[] { world.CustomerId } });

        (await world.Portal.GetAsync<IReadOnlyList<ApplicationBody>>($"/api/portal/devices/{world.DeviceId}/applications"))
            .Select(a => a.Id).ShouldContain(app.Id);
        await world.ConfirmAsync(await world.RequestAsync("InstallApplication", app.Id));

        (await agent.RunOnceAsync()).ShouldHaveSingleItem().Package.ShouldBe("firefox@cask");
    }

    [Fact]
    public async Task An_application_not_approved_for_the_customer_or_not_offered_on_the_platform_is_refused_and_nothing_is_written()
    {
        var world = await SelfServiceWorld.BuildAsync(api, os: "Linux");
        using var agent = world.Agent;
        var forAll = await world.Admin.PostAsync<ApplicationBody>("/api/admin/self-service/applications", new { name = "7-Zip", windowsPackage = "7zip" });
        var forOthers = await world.Admin.PostAsync<ApplicationBody>("/api/admin/self-service/applications",
            new { name = "Internal tool", windowsPackage = "acme-tool", customerIds = new[] { Guid.NewGuid() } });
        var before = await world.HistoryLengthAsync();
        var sms = api.MessagesTo(world.Phone).Count;

        await world.Portal.ProblemAsync(s => s.Post.Json(new { kind = "InstallApplication", applicationId = forAll.Id }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions"),
            HttpStatusCode.UnprocessableEntity, "self_service.application_wrong_platform");
        await world.Portal.ProblemAsync(s => s.Post.Json(new { kind = "InstallApplication", applicationId = forOthers.Id }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions"),
            HttpStatusCode.UnprocessableEntity, "self_service.application_not_approved");

        (await world.HistoryLengthAsync()).ShouldBe(before);
        api.MessagesTo(world.Phone).Count.ShouldBe(sms);
        (await world.Portal.GetAsync<IReadOnlyList<ApplicationBody>>($"/api/portal/devices/{world.DeviceId}/applications")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_verified_phone_no_action_is_asked_for()
    {
        var world = await SelfServiceWorld.BuildAsync(api, verifyPhone: false);
        using var agent = world.Agent;
        var before = await world.HistoryLengthAsync();

        await world.Portal.ProblemAsync(s => s.Post.Json(new { kind = "Shutdown" }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions"),
            HttpStatusCode.Conflict, "self_service.phone_not_verified");

        (await world.HistoryLengthAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_device_not_assigned_to_the_contact_is_not_found_for_actions()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var colleagues = await world.Technician.CreateDeviceAsync(world.CustomerId, "Colleague's", contactId: (await world.Technician.CreateContactAsync(world.CustomerId)).Id);

        await world.Portal.ProblemAsync(s => s.Post.Json(new { kind = "Logout" }).ToUrl($"/api/portal/devices/{colleagues.Id}/actions"),
            HttpStatusCode.NotFound, "device.not_found");

        (await world.Technician.HistoryAsync(colleagues.Id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_wrong_code_dispatches_nothing_and_a_confirmed_action_cannot_be_confirmed_again()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var actionId = await world.RequestAsync("Shutdown");
        var code = api.LatestCodeTo(world.Phone);
        var before = await world.HistoryLengthAsync();

        await world.Portal.ProblemAsync(s => s.Post.Json(new { code = code == "000000" ? "111111" : "000000" }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions/{actionId}/confirm"),
            HttpStatusCode.UnprocessableEntity, "sms.code_invalid");
        (await world.HistoryLengthAsync()).ShouldBe(before);
        (await agent.ActionsAsync()).ShouldBeEmpty();

        await world.ConfirmAsync(actionId, code);
        await world.Portal.ProblemAsync(s => s.Post.Json(new { code }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions/{actionId}/confirm"),
            HttpStatusCode.Conflict, "device.action_already_verified");
        (await agent.ActionsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Each_action_needs_its_own_code()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var first = await world.RequestAsync("Lock");
        var firstCode = api.LatestCodeTo(world.Phone);
        var second = await world.RequestAsync("Logout");
        await world.ConfirmAsync(first, firstCode);

        var secondCode = api.LatestCodeTo(world.Phone);
        if (secondCode != firstCode)
        {
            await world.Portal.ProblemAsync(s => s.Post.Json(new { code = firstCode }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions/{second}/confirm"),
                HttpStatusCode.UnprocessableEntity, "sms.code_invalid");
        }

        (await world.ConfirmAsync(second, secondCode)).Status.ShouldBe("dispatched");
    }
}
