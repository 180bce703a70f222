using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>P13: technicians manage a customer's devices; a contact sees the devices assigned to them and nothing else.</summary>
public sealed class DeviceManagementTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task A_technician_registers_updates_assigns_and_retires_a_device_and_every_step_is_in_its_history()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customer);

        var device = await technician.CreateDeviceAsync(customer, "Reception PC", "Windows", agentId: "agent-reception");
        var updated = await technician.PutAsync<DeviceBody>($"/api/devices/{device.Id}", new { name = "Reception Mac", os = "MacOs", agentId = "agent-reception" });
        var assigned = await technician.PutAsync<DeviceBody>($"/api/devices/{device.Id}/contact", new { contactId = contact.Id });
        var retired = await technician.PostAsync<DeviceBody>($"/api/devices/{device.Id}/retire", new { }, HttpStatusCode.OK);

        device.ShouldSatisfyAllConditions(
            () => device.CustomerId.ShouldBe(customer), () => device.Os.ShouldBe("Windows"), () => device.ContactId.ShouldBeNull(),
            () => device.LastSeenAt.ShouldBeNull(), () => device.Version.ShouldBe(1));
        updated.ShouldSatisfyAllConditions(() => updated.Name.ShouldBe("Reception Mac"), () => updated.Os.ShouldBe("MacOs"));
        assigned.ContactId.ShouldBe(contact.Id);
        retired.ShouldSatisfyAllConditions(() => retired.Retired.ShouldBeTrue(), () => retired.ContactId.ShouldBeNull(), () => retired.Version.ShouldBe(4));
        var history = await technician.HistoryAsync(device.Id);
        history.Select(h => h.Type).ShouldBe(["device.registered", "device.updated", "device.assigned", "device.retired"]);
        history.ShouldAllBe(h => h.ActorId == technician.Id && h.ActorRole == "technician");
        (await technician.GetAsync<DevicePage>($"/api/devices?customerId={customer}")).Items.Select(d => d.Id).ShouldBe([device.Id]);
    }

    [Fact]
    public async Task A_contact_lists_only_the_devices_assigned_to_them_and_another_customers_device_is_not_found()
    {
        await (await api.SignInAdminAsync()).SwitchSelfServiceAsync(enabled: true); // the phone and devices are self-service's (P11)
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var other = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customer);
        var colleague = await technician.CreateContactAsync(customer);
        var mine = await technician.CreateDeviceAsync(customer, "Mine", contactId: contact.Id);
        var colleagues = await technician.CreateDeviceAsync(customer, "Colleague's", contactId: colleague.Id);
        var foreign = await technician.CreateDeviceAsync(other, "Foreign");
        var portal = await api.SignInAsync(contact);

        (await portal.GetAsync<IReadOnlyList<DeviceBody>>("/api/portal/devices")).Select(d => d.Id).ShouldBe([mine.Id]);
        (await portal.GetAsync<DeviceBody>($"/api/portal/devices/{mine.Id}")).Name.ShouldBe("Mine");
        await portal.ProblemAsync(s => s.Get.Url($"/api/portal/devices/{colleagues.Id}"), HttpStatusCode.NotFound, "device.not_found");
        await portal.ProblemAsync(s => s.Get.Url($"/api/portal/devices/{foreign.Id}"), HttpStatusCode.NotFound, "device.not_found");
    }

    [Fact]
    public async Task A_device_is_only_assigned_to_a_contact_of_its_own_customer_and_a_refusal_writes_nothing()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var stranger = await technician.CreateContactAsync(await technician.CreateCustomerAsync());
        var device = await technician.CreateDeviceAsync(customer);

        await technician.ProblemAsync(
            s => s.Put.Json(new { contactId = stranger.Id }).ToUrl($"/api/devices/{device.Id}/contact"),
            HttpStatusCode.UnprocessableEntity, "device.contact_invalid");
        await technician.ProblemAsync(
            s => s.Post.Json(new { customerId = customer, name = "X", os = "Linux", contactId = stranger.Id }).ToUrl("/api/devices"),
            HttpStatusCode.UnprocessableEntity, "device.contact_invalid");

        (await technician.HistoryAsync(device.Id)).Count.ShouldBe(1);
        (await technician.GetAsync<DevicePage>($"/api/devices?customerId={customer}")).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_agent_id_names_one_device_of_a_customer_and_a_bad_request_names_its_fields()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        await technician.CreateDeviceAsync(customer, agentId: "agent-1");

        await technician.ProblemAsync(
            s => s.Post.Json(new { customerId = customer, name = "Twin", os = "Windows", agentId = "agent-1" }).ToUrl("/api/devices"),
            HttpStatusCode.Conflict, "device.agent_id_taken");
        (await technician.InvalidFieldsAsync(s => s.Post.Json(new { customerId = customer, name = "", os = (string?)null }).ToUrl("/api/devices")))
            .ShouldBe(["name", "os"], ignoreOrder: true);
    }

    [Fact]
    public async Task Auditors_read_a_devices_history_but_contacts_and_auditors_do_not_manage_devices()
    {
        var technician = await api.SignInStaffAsync();
        var auditor = await api.SignInStaffAsync("auditor");
        var customer = await technician.CreateCustomerAsync();
        var contact = await api.SignInAsync(await technician.CreateContactAsync(customer));
        var device = await technician.CreateDeviceAsync(customer);

        (await auditor.HistoryAsync(device.Id)).Single().Type.ShouldBe("device.registered");
        (await auditor.StatusOfAsync(s => s.Get.Url("/api/devices"))).ShouldBe(HttpStatusCode.Forbidden);
        (await contact.StatusOfAsync(s => s.Get.Url($"/api/devices/{device.Id}/history"))).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Self_service_is_off_until_the_admin_switches_it_on()
    {
        var admin = await api.SignInAdminAsync();
        var settings = await admin.GetAsync<PortalSwitches>("/api/admin/settings/portal");

        settings.SelfServiceEnabled.ShouldBeFalse();
    }

    private sealed record PortalSwitches(bool SelfServiceEnabled);
}
