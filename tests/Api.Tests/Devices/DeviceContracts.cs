using System.Text.Json;

namespace Ticketing.Api.Tests.Devices;

public sealed record DeviceBody(
    Guid Id, Guid CustomerId, string Name, string Os, string? AgentId, Guid? ContactId, bool Retired,
    DateTimeOffset? LastSeenAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record DevicePage(IReadOnlyList<DeviceBody> Items, string? Next);

public sealed record DeviceHistoryBody(long Version, string Type, DateTimeOffset At, Guid? ActorId, string? ActorRole, JsonElement Data);
