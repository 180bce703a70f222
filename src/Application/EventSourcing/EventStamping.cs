using JasperFx.Events;
using Marten;

namespace Ticketing.Application.EventSourcing;

/// <summary>
/// Turns a decided event into the Marten event that is stored: our own id (causation ids name it), the command's
/// time as recorded time, and who and why in Marten's correlation, causation and header metadata. Marten keeps values
/// set on an event and fills only the missing ones from the session.
/// </summary>
public static class EventStamping
{
    public const string ActorIdHeader = "actorId";
    public const string ActorNameHeader = "actorName";
    public const string ActorRoleHeader = "actorRole";

    public static IEvent Stamp(this IDocumentSession session, PendingEvent pending, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(pending);
        var e = session.Events.BuildEvent(pending.Data);
        var metadata = pending.Metadata;
        e.Id = pending.EventId;
        e.Timestamp = recordedAt;
        e.CorrelationId = metadata.CorrelationId.ToString();
        e.CausationId = metadata.CausationId?.ToString();
        if (metadata.ActorId is { } actorId)
        {
            e.SetHeader(ActorIdHeader, actorId.ToString());
        }

        if (metadata.ActorName is { } name)
        {
            e.SetHeader(ActorNameHeader, name);
        }

        if (metadata.ActorRole is { } role)
        {
            e.SetHeader(ActorRoleHeader, role);
        }

        return e;
    }

    /// <summary>PostgreSQL keeps microseconds; the recorded time is truncated so what is stored is what was decided on.</summary>
    public static DateTimeOffset StoredPrecision(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
}
