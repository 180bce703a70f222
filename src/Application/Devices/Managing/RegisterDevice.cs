using Marten;
using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.Persistence;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.Managing;

/// <summary>A technician registers a customer's device (P13); its agent may enrol later under <paramref name="AgentId"/>.</summary>
public sealed record RegisterDevice(Guid DeviceId, Guid CustomerId, string Name, DeviceOs Os, string? AgentId, Guid? ContactId, DeviceActor By);

public static class RegisterDeviceHandler
{
    public static async Task<DeviceWritten> Handle(
        RegisterDevice command, IDocumentSession session, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        await DeviceChecks.EnsureCustomerAsync(dataSource, command.CustomerId, ct);
        if (command.ContactId is { } contact)
        {
            await DeviceChecks.EnsureContactOfAsync(dataSource, contact, command.CustomerId, ct);
        }

        if (command.AgentId is { } agentId)
        {
            await DeviceChecks.EnsureAgentIdFreeAsync(dataSource, command.CustomerId, agentId, null, ct);
        }

        var now = clock.GetUtcNow();
        var by = command.By.Id ?? Guid.Empty;
        List<DeviceEvent> events = [new DeviceRegistered(command.DeviceId, command.CustomerId, command.Name, command.Os, command.AgentId, command.By.Id, now)];
        if (command.ContactId is { } assigned)
        {
            events.Add(new DeviceAssigned(command.DeviceId, assigned, by, now));
        }

        DeviceWrites.Start(session, command.DeviceId, command.By, now, [.. events]);
        return new DeviceWritten(command.DeviceId, events.Count);
    }
}

/// <summary>The checks of device commands that read other data than the device's stream.</summary>
public static class DeviceChecks
{
    public static async Task EnsureCustomerAsync(NpgsqlDataSource dataSource, Guid customerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("select exists (select 1 from customers where id = $1)").With(customerId);
        if (!(bool)(await command.ExecuteScalarAsync(ct))!)
        {
            throw new UnprocessableException("device.customer_invalid", $"Customer {customerId} does not exist.");
        }
    }

    /// <summary>A device is only ever used by a contact of its own customer.</summary>
    public static async Task EnsureContactOfAsync(NpgsqlDataSource dataSource, Guid contactId, Guid customerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "select exists (select 1 from users where id = $1 and role = 'contact' and customer_id = $2)").With(contactId).With(customerId);
        if (!(bool)(await command.ExecuteScalarAsync(ct))!)
        {
            throw new UnprocessableException(DeviceErrors.ContactNotOfCustomer, $"Contact {contactId} is not a contact of the device's customer.");
        }
    }

    /// <summary>An agent id names one live device of a customer, so an enrolling agent finds its device.</summary>
    public static async Task EnsureAgentIdFreeAsync(NpgsqlDataSource dataSource, Guid customerId, string agentId, Guid? deviceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "select exists (select 1 from devices where customer_id = $1 and agent_id = $2 and not retired and id is distinct from $3)")
            .With(customerId).With(agentId).With(deviceId);
        if ((bool)(await command.ExecuteScalarAsync(ct))!)
        {
            throw new ConflictException(DeviceErrors.AgentIdTaken, $"Another device of the customer has agent id '{agentId}'.");
        }
    }
}
