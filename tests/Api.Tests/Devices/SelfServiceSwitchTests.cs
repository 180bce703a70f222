using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>P11 for self-service: off for all, or on for chosen customers, in the portal settings.</summary>
public sealed class SelfServiceSwitchTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Self_service_switched_off_or_on_only_for_other_customers_refuses_actions_and_writes_nothing()
    {
        var world = await SelfServiceWorld.BuildAsync(api);
        using var agent = world.Agent;
        var before = await world.HistoryLengthAsync();

        foreach (var customers in new[] { Array.Empty<Guid>(), [Guid.NewGuid()] })
        {
            await world.Admin.SwitchSelfServiceAsync(enabled: customers.Length > 0, customers);
            await world.Portal.ProblemAsync(s => s.Post.Json(new { kind = "Restart" }).ToUrl($"/api/portal/devices/{world.DeviceId}/actions"),
                HttpStatusCode.Forbidden, "self_service.disabled");
            // The rest of the section is closed too: the contact's devices and the phone for the codes (no SMS is sent).
            await world.Portal.ProblemAsync(s => s.Get.Url("/api/portal/devices"), HttpStatusCode.Forbidden, "self_service.disabled");
            await world.Portal.ProblemAsync(s => s.Get.Url($"/api/portal/devices/{world.DeviceId}"), HttpStatusCode.Forbidden, "self_service.disabled");
            await world.Portal.ProblemAsync(s => s.Get.Url("/api/portal/phone"), HttpStatusCode.Forbidden, "self_service.disabled");
            await world.Portal.ProblemAsync(s => s.Post.Json(new { phone = "+41 79 555 01 99" }).ToUrl("/api/portal/phone"),
                HttpStatusCode.Forbidden, "self_service.disabled");
        }

        (await world.HistoryLengthAsync()).ShouldBe(before);
        await world.Admin.SwitchSelfServiceAsync(enabled: true, world.CustomerId);
        await world.RequestAsync("Restart");
    }
}
