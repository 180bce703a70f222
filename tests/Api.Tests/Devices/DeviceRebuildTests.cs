using System.Net;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Reliability;

namespace Ticketing.Api.Tests.Devices;

/// <summary>
/// The devices read model (<c>devices</c>, <c>device_actions</c>) is rebuilt online like the ticket read models (ADR 0015,
/// ADR 0030): beside the live tables, while technicians and contacts keep reading and writing devices.
/// </summary>
public sealed class DeviceRebuildTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private const string Projection = "/api/admin/projections/devices";

    [Fact]
    public async Task A_rebuild_of_the_devices_read_model_reproduces_every_device_and_action_row_and_readers_see_every_device_throughout()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var done = await world.RequestAsync("Restart");
        await world.ConfirmAsync(done);
        await agent.RunOnceAsync();
        var waiting = await world.RequestAsync("Lock");
        var renamed = await world.Technician.CreateDeviceAsync(world.CustomerId, "Desk PC", "Linux", world.Contact.Id);
        await world.Technician.PutAsync<DeviceBody>($"/api/devices/{renamed.Id}", new { name = "Desk PC 2", os = "MacOs", agentId = "desk-2" });
        var retired = await world.Technician.CreateDeviceAsync(world.CustomerId, "Old laptop");
        await world.Technician.PostAsync<DeviceBody>($"/api/devices/{retired.Id}/retire", new { }, HttpStatusCode.OK);
        var devices = new[] { world.DeviceId, renamed.Id, retired.Id };
        var before = await world.Portal.GetAsync<IReadOnlyList<DeviceBody>>("/api/portal/devices");
        var live = await ReadModelRebuild.SnapshotAsync(api);
        live["device_actions"].Split('\n').Length.ShouldBe(2, "a completed and a waiting action");

        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        await world.Admin.Scenario(s =>
        {
            s.Post.Url($"{Projection}/rebuild");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        ReadModel status;
        do
        {
            foreach (var id in devices)
            {
                (await world.Technician.GetAsync<DeviceBody>($"/api/devices/{id}")).Id.ShouldBe(id);
            }

            (await world.Portal.GetAsync<IReadOnlyList<DeviceBody>>("/api/portal/devices")).Select(d => d.Id).ShouldBe([renamed.Id, world.DeviceId], ignoreOrder: true);
            (await world.Portal.GetAsync<IReadOnlyList<DeviceActionBody>>($"/api/portal/devices/{world.DeviceId}/actions")).Count.ShouldBe(2);
            status = await world.Admin.GetAsync<ReadModel>(Projection);
        }
        while (status.LastRebuild is not { State: "completed" } last || last.StartedAt < started);

        status.State.ShouldBe("live");
        var rebuilt = await ReadModelRebuild.SnapshotAsync(api);
        foreach (var table in new[] { "devices", "device_actions" })
        {
            rebuilt[table].ShouldBe(live[table], $"{table} differs from its rebuild at {ReadModelRebuild.FirstDifference(live[table], rebuilt[table])}");
        }

        (await world.Portal.GetAsync<IReadOnlyList<DeviceBody>>("/api/portal/devices")).ShouldBe(before);
        (await world.Portal.GetAsync<IReadOnlyList<DeviceActionBody>>($"/api/portal/devices/{world.DeviceId}/actions"))
            .Select(a => (a.Id, a.Status)).ShouldBe([(waiting, "requested"), (done, "completed")]);
    }

    [Fact]
    public async Task A_device_written_while_its_read_model_is_rebuilt_is_kept()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        await world.Admin.Scenario(s =>
        {
            s.Post.Url($"{Projection}/rebuild");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        var agentId = (await world.Technician.GetAsync<DeviceBody>($"/api/devices/{world.DeviceId}")).AgentId;
        var names = new List<string>();
        ReadModel status;
        do
        {
            var name = $"Renamed during the rebuild {names.Count}";
            await world.Technician.PutAsync<DeviceBody>($"/api/devices/{world.DeviceId}", new { name, os = "Windows", agentId });
            names.Add(name);
            status = await world.Admin.GetAsync<ReadModel>(Projection);
        }
        while (status.LastRebuild is not { State: "completed" } last || last.StartedAt < started);

        var device = await world.Technician.GetAsync<DeviceBody>($"/api/devices/{world.DeviceId}");
        device.Name.ShouldBe(names[^1]);
        (await world.Technician.HistoryAsync(world.DeviceId)).Count(h => h.Type == "device.updated").ShouldBe(names.Count);
        var live = await ReadModelRebuild.SnapshotAsync(api);
        await ReadModelRebuild.RebuildInlineAsync(api);
        (await ReadModelRebuild.SnapshotAsync(api)).ShouldBe(live);
    }
}
