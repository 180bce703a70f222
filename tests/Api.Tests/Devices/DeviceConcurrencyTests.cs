using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>
/// Optimistic concurrency on devices, as on tickets: every read and write answers the device's stream version as its
/// ETag; a change sent with an If-Match that is no longer the version is 412 and writes nothing (ADR 0030).
/// </summary>
public sealed class DeviceConcurrencyTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Registering_reading_and_every_change_answer_the_devices_version_as_its_etag()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customer);

        var registered = await technician.Scenario(s =>
        {
            s.Post.Json(new { customerId = customer, name = "Front desk", os = "Windows" }).ToUrl("/api/devices");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var id = registered.ReadAs<DeviceBody>().Id;
        var read = await technician.Scenario(s => s.Get.Url($"/api/devices/{id}"));
        var updated = await technician.Scenario(s =>
        {
            s.Put.Json(new { name = "Front desk 2", os = "Windows" }).ToUrl($"/api/devices/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
        });
        var assigned = await technician.Scenario(s =>
        {
            s.Put.Json(new { contactId = contact.Id }).ToUrl($"/api/devices/{id}/contact");
            s.WithRequestHeader("If-Match", updated.ETag());
        });
        var retired = await technician.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl($"/api/devices/{id}/retire");
            s.WithRequestHeader("If-Match", assigned.ETag());
        });

        new[] { registered, read, updated, assigned, retired }.Select(r => r.ETag()).ShouldBe(["\"1\"", "\"1\"", "\"2\"", "\"3\"", "\"4\""]);
        retired.ReadAs<DeviceBody>().ShouldSatisfyAllConditions(d => d.Retired.ShouldBeTrue(), d => d.Version.ShouldBe(4));
    }

    [Fact]
    public async Task An_update_assignment_or_retirement_with_a_stale_if_match_is_412_and_writes_nothing()
    {
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customer);
        var device = await technician.CreateDeviceAsync(customer, "Meeting room");
        var seen = $"\"{device.Version}\"";
        // Someone else renames the device after the form was shown at version 1.
        await technician.PutAsync<DeviceBody>($"/api/devices/{device.Id}", new { name = "Meeting room A", os = "Windows" });

        await technician.ProblemAsync(s =>
        {
            s.Put.Json(new { name = "Boardroom", os = "Linux" }).ToUrl($"/api/devices/{device.Id}");
            s.WithRequestHeader("If-Match", seen);
        }, HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        await technician.ProblemAsync(s =>
        {
            s.Put.Json(new { contactId = contact.Id }).ToUrl($"/api/devices/{device.Id}/contact");
            s.WithRequestHeader("If-Match", seen);
        }, HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        await technician.ProblemAsync(s =>
        {
            s.Post.Json(new { }).ToUrl($"/api/devices/{device.Id}/retire");
            s.WithRequestHeader("If-Match", seen);
        }, HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");

        var now = await technician.GetAsync<DeviceBody>($"/api/devices/{device.Id}");
        now.ShouldSatisfyAllConditions(
            d => d.Name.ShouldBe("Meeting room A"), d => d.Os.ShouldBe("Windows"), d => d.ContactId.ShouldBeNull(), d => d.Retired.ShouldBeFalse(),
            d => d.Version.ShouldBe(2));
        (await technician.HistoryAsync(device.Id)).Select(h => h.Type).ShouldBe(["device.registered", "device.updated"]);
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_400_that_names_the_header_and_writes_nothing()
    {
        var technician = await api.SignInStaffAsync();
        var device = await technician.CreateDeviceAsync(await technician.CreateCustomerAsync(), "Kiosk");

        var fields = await technician.InvalidFieldsAsync(s =>
        {
            s.Post.Json(new { }).ToUrl($"/api/devices/{device.Id}/retire");
            s.WithRequestHeader("If-Match", "version one");
        });

        fields.ShouldBe(["If-Match"]);
        (await technician.HistoryAsync(device.Id)).Count.ShouldBe(1);
    }
}
