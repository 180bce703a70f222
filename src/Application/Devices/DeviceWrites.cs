using Marten;
using JasperFx.Events;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices;

/// <summary>Who acts on a device, as the log records it: a user (with role) or a device's agent.</summary>
public sealed record DeviceActor(Guid? Id, string Role)
{
    public EventMetadata Metadata() => new(Id, null, Role, Guid.CreateVersion7(), null);
}

/// <summary>The device's stream version after a command: its ETag.</summary>
public sealed record DeviceWritten(Guid DeviceId, long Version);

/// <summary>
/// The step every device command shares: <c>FetchForWriting</c> the stream, decide, append the events stamped with
/// who and when. Wolverine's transactional middleware commits the session (events, inline read model, queued SQL)
/// in one transaction; a concurrent append fails that commit and Wolverine runs the handler again.
/// </summary>
public static class DeviceWrites
{
    /// <summary>
    /// The device's stream for writing; a device that does not exist is a 404. With <paramref name="ifMatch"/> (the
    /// request's If-Match, the version its ETag carried) a device that has moved on since is a 412, before anything is decided.
    /// </summary>
    public static async Task<IEventStream<Device>> FetchAsync(IDocumentSession session, Guid deviceId, CancellationToken ct, long? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stream = await session.Events.FetchForWriting<Device>(deviceId, ct);
        if (stream.Aggregate is not { Exists: true })
        {
            throw NotFound(deviceId);
        }

        var version = stream.CurrentVersion ?? 0;
        return ifMatch is { } expected && expected != version ? throw new PreconditionFailedException(expected, version) : stream;
    }

    /// <summary>Appends the decided events stamped with who and when; returns the stream's version after them.</summary>
    public static long Append(IDocumentSession session, IEventStream<Device> stream, DeviceActor by, DateTimeOffset now, params DeviceEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(by);
        var version = stream.CurrentVersion ?? 0;
        var metadata = by.Metadata();
        now = EventStamping.StoredPrecision(now);
        stream.AppendMany(events.Select(e => session.Stamp(PendingEvent.Create(e, metadata), now)).ToArray());
        return version + events.Length;
    }

    public static void Start(IDocumentSession session, Guid deviceId, DeviceActor by, DateTimeOffset now, params DeviceEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(by);
        var metadata = by.Metadata();
        now = EventStamping.StoredPrecision(now);
        session.Events.StartStream<Device>(deviceId, events.Select(e => session.Stamp(PendingEvent.Create(e, metadata), now)).ToArray());
    }

    public static NotFoundException NotFound(Guid deviceId) => new(DeviceErrors.NotFound, $"Device {deviceId} was not found.");
}
