using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>P13, ADR 0030: the agents' HTTP contract, driven by the simulated agent.</summary>
public sealed class AgentContractTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task An_agent_enrols_with_its_customers_key_and_its_polls_show_the_device_as_seen()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        using var agent = await api.EnrolledAgentAsync(await technician.EnrolmentKeyAsync(customer), "agent-42", os: "MacOs");

        (await agent.ActionsAsync()).ShouldBeEmpty();

        var device = await technician.GetAsync<DeviceBody>($"/api/devices/{agent.DeviceId}");
        device.ShouldSatisfyAllConditions(
            () => device.CustomerId.ShouldBe(customer), () => device.AgentId.ShouldBe("agent-42"), () => device.Os.ShouldBe("MacOs"),
            () => device.LastSeenAt.ShouldNotBeNull());
        (await technician.HistoryAsync(agent.DeviceId)).Select(h => h.Type).ShouldBe(["device.registered", "device.agent_enrolled"]);
    }

    [Fact]
    public async Task A_device_a_technician_registered_is_found_by_its_agent_id_and_enrolling_again_replaces_the_credential()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var registered = await technician.CreateDeviceAsync(customer, "Front desk", agentId: "front-desk");
        var key = await technician.EnrolmentKeyAsync(customer);
        using var first = await api.EnrolledAgentAsync(key, "front-desk");
        using var second = await api.EnrolledAgentAsync(key, "front-desk");

        second.DeviceId.ShouldBe(registered.Id);
        first.DeviceId.ShouldBe(registered.Id);
        (await first.PollAsync()).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await second.PollAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await technician.GetAsync<DevicePage>($"/api/devices?customerId={customer}")).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_wrong_or_rotated_key_enrols_nothing()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var old = await technician.EnrolmentKeyAsync(customer);
        await technician.EnrolmentKeyAsync(customer);
        using var agent = api.Agent();

        foreach (var key in new[] { old, "not-a-key" })
        {
            using var refused = await agent.EnrolAsync(key, "agent-x");
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("device.enrolment_key_invalid");
        }

        (await technician.GetAsync<DevicePage>($"/api/devices?customerId={customer}")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Agent_routes_take_only_a_device_credential_and_user_routes_never_take_one()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        using var agent = await api.EnrolledAgentAsync(await technician.EnrolmentKeyAsync(customer), "agent-7");
        using var client = api.CreateClient();

        (await technician.StatusOfAsync(s => s.Get.Url("/api/agent/actions"))).ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var url in new[] { "/api/me", "/api/devices", $"/api/portal/devices/{agent.DeviceId}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Device", agent.Credential);
            (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
            using var asBearer = new HttpRequestMessage(HttpMethod.Get, url);
            asBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Credential);
            (await client.SendAsync(asBearer)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
        }

        await technician.PostAsync<DeviceBody>($"/api/devices/{agent.DeviceId}/retire", new { }, HttpStatusCode.OK);
        (await agent.PollAsync()).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_long_poll_with_nothing_to_do_returns_empty_after_the_wait_and_the_wait_is_bounded()
    {
        var technician = await api.SignInStaffAsync();
        using var agent = await api.EnrolledAgentAsync(await technician.EnrolmentKeyAsync(await technician.CreateCustomerAsync()), "agent-w");

        var clock = Stopwatch.StartNew();
        (await agent.ActionsAsync(wait: 1)).ShouldBeEmpty();
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
        (await agent.PollAsync(wait: 51)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_outcome_for_an_action_the_device_was_never_given_is_not_found_and_stores_nothing()
    {
        var technician = await api.SignInStaffAsync();
        using var agent = await api.EnrolledAgentAsync(await technician.EnrolmentKeyAsync(await technician.CreateCustomerAsync()), "agent-o");

        using var refused = await agent.ReportAsync(Guid.NewGuid());

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("device.action_not_found");
        (await technician.HistoryAsync(agent.DeviceId)).Count.ShouldBe(2);
    }
}

/// <summary>The agent contract is documented in the OpenAPI document the API serves (Swagger UI at /swagger).</summary>
public sealed class AgentContractDocumentTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task The_openapi_document_describes_enrol_poll_and_outcome()
    {
        var document = (await api.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsText();

        document.ShouldContain("\"/api/agent/enrol\"");
        document.ShouldContain("\"/api/agent/actions\"");
        document.ShouldContain("\"/api/agent/actions/{id}/outcome\"");
        document.ShouldContain("Authorization: Device <credential>");
    }
}
