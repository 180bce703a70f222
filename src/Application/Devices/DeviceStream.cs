using JasperFx.Events;
using Marten.Events.Aggregation;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices;

/// <summary>How Marten folds a device stream into <see cref="Device"/> for <c>FetchForWriting</c>: the domain's own <see cref="Device.Evolve"/>, live.</summary>
public sealed class DeviceStream : SingleStreamProjection<Device, Guid>
{
    public override Device Evolve(Device? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data is DeviceEvent deviceEvent ? Device.Evolve(snapshot ?? Device.Initial, deviceEvent) : snapshot ?? Device.Initial;
    }
}
