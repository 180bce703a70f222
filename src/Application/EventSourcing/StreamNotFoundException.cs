namespace Ticketing.Application.EventSourcing;

/// <summary>A command addressed a stream that has no events; handlers map it to 404.</summary>
public sealed class StreamNotFoundException(Guid streamId, string? streamType = null)
    : Exception($"{streamType ?? "Stream"} {streamId} was not found.")
{
    public Guid StreamId { get; } = streamId;

    public string? StreamType { get; } = streamType;
}
