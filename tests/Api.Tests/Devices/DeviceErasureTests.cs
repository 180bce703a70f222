using System.Net;
using System.Text.Json;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Devices;

/// <summary>
/// Erasure (ADR 0027) reaches what self-service stores about a contact (ADR 0030): the address they acted from, sealed
/// with their key on the device's events, reads as erased in the history, which keeps every event; their verified
/// number, its codes and its audit record are gone.
/// </summary>
public sealed class DeviceErasureTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private const string Address = "198.51.100.23";

    [Fact]
    public async Task Erasing_a_contact_erases_the_address_they_acted_from_and_their_verified_number_and_the_history_stays_complete()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var actionId = (await world.Portal.ReadAsync<ActionRequestedBody>(s =>
        {
            s.Post.Json(new { kind = "Restart" }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(Address));
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        })).ActionId;
        await world.Portal.Scenario(s =>
        {
            s.Post.Json(new { code = api.LatestCodeTo(world.Phone) }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions/{actionId}/confirm");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(Address));
        });
        await agent.RunOnceAsync();
        var before = await world.Technician.HistoryAsync(world.DeviceId);
        (await world.Technician.GetAsync<JsonElement>($"/api/contacts/{world.Contact.Id}")).GetProperty("phone").GetString().ShouldBe(world.Phone);

        await world.Admin.Scenario(s =>
        {
            s.Post.Url($"/api/contacts/{world.Contact.Id}/erase");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        Froms(before).ShouldBe([Address, Address], "technicians see where the contact acted from while the contact exists");
        var after = await world.Technician.HistoryAsync(world.DeviceId);
        after.Select(h => (h.Version, h.Type)).ShouldBe(before.Select(h => (h.Version, h.Type)), "the history keeps every event");
        Froms(after).ShouldBe(["[erased]", "[erased]"]);
        after.ShouldAllBe(h => !h.Data.GetRawText().Contains(Address, StringComparison.Ordinal));
        (await world.Technician.GetAsync<JsonElement>($"/api/contacts/{world.Contact.Id}")).GetProperty("phone").ValueKind.ShouldBe(JsonValueKind.Null);
        // The stored events, the verification rows, the codes and the audit log are shown by no API as stored: only SQL can.
        (await api.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and data::text like '%' || $2 || '%'", world.DeviceId, Address))
            .ShouldBe(0, "the address was never stored in clear");
        (await api.ScalarAsync<long>("select count(*) from contact_phone_verifications where contact_id = $1", world.Contact.Id)).ShouldBe(0);
        (await api.ScalarAsync<long>("select count(*) from sms_codes where contact_id = $1", world.Contact.Id)).ShouldBe(0);
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and (before::text like '%' || $2 || '%' or after::text like '%' || $2 || '%')",
            world.Contact.Id, world.Phone)).ShouldBe(0, "the phone_verified record no longer holds the number");
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'contact.phone_verified'", world.Contact.Id))
            .ShouldBe(1, "the record that the number was verified stays, without the number");
    }

    [Fact]
    public async Task An_action_reported_after_its_contact_was_erased_keeps_no_address_of_the_device()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        await world.ConfirmAsync(await world.RequestAsync("Lock"));
        var action = (await agent.ActionsAsync()).ShouldHaveSingleItem();
        await world.Admin.Scenario(s =>
        {
            s.Post.Url($"/api/contacts/{world.Contact.Id}/erase");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        await api.Scenario(s =>
        {
            s.Post.Json(new { status = "completed", detail = "Locked" }).ToUrl($"/api/agent/actions/{action.Id}/outcome");
            s.WithRequestHeader("Authorization", $"Device {agent.Credential}");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.44"));
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        var completed = (await world.Technician.HistoryAsync(world.DeviceId)).Last();
        completed.Type.ShouldBe("device.action_completed");
        completed.Data.GetProperty("from").GetString().ShouldBe("[erased]");
        (await api.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and data::text like '%192.0.2.44%'", world.DeviceId)).ShouldBe(0);
    }

    private static IReadOnlyList<string?> Froms(IEnumerable<DeviceHistoryBody> history) =>
        [.. history.Where(h => h.Type is "device.action_requested" or "device.action_verified").Select(h => h.Data.GetProperty("from").GetString())];
}
