using JasperFx.Events;
using Npgsql;
using Ticketing.Domain.Devices;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Devices;

/// <summary>
/// Keeps <c>devices</c> and <c>device_actions</c> from device streams, inline with the append. Every statement is
/// guarded by the stream version, so a replay changes nothing.
/// </summary>
public sealed class DeviceProjection() : SqlProjection("devices", "devices", "device_actions")
{
    private const string InsertSql = """
        insert into devices (id, customer_id, name, os, agent_id, created_at, updated_at, version)
        values ($1, $2, $3, $4, $5, $6, $6, $7)
        on conflict (id) do nothing
        """;

    private const string InsertActionSql = """
        insert into device_actions (id, device_id, kind, application_id, package, contact_id, status, requested_at, updated_at, version)
        values ($1, $2, $3, $4, $5, $6, 'requested', $7, $7, $8)
        on conflict (id) do nothing
        """;

    private const string ActionSql = """
        update device_actions set status = $3, detail = coalesce($4, detail), updated_at = $5, version = $2
        where id = $1 and version < $2
        """;

    public override void Apply(IEvent e, ICollection<NpgsqlBatchCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(commands);
        if (e.Data is not DeviceEvent data)
        {
            return;
        }

        if (DeviceCommand(e, data) is { } device)
        {
            commands.Add(device);
        }

        if (ActionCommand(e, data) is { } action)
        {
            commands.Add(action);
        }
    }

    private static NpgsqlBatchCommand? DeviceCommand(IEvent e, DeviceEvent data) => data switch
    {
        DeviceRegistered r => Command(InsertSql, P(e.StreamId), P(r.CustomerId), P(r.Name), P(SqlEnum<DeviceOs>.Name(r.Os)), P(r.AgentId), P(r.At), P(e.Version)),
        DeviceUpdated u => Update(e, "name = $4, os = $5, agent_id = $6", u.At, P(u.Name), P(SqlEnum<DeviceOs>.Name(u.Os)), P(u.AgentId)),
        DeviceAssigned a => Update(e, "contact_id = $4", a.At, P(a.ContactId)),
        DeviceRetired r => Update(e, "retired = true, contact_id = null", r.At),
        DeviceAgentEnrolled en => Update(e, "agent_id = $4", en.At, P(en.AgentId)),
        _ => Command("update devices set version = $2 where id = $1 and version < $2", P(e.StreamId), P(e.Version)),
    };

    private static NpgsqlBatchCommand? ActionCommand(IEvent e, DeviceEvent data) => data switch
    {
        DeviceActionRequested r => Command(InsertActionSql,
            P(r.ActionId), P(e.StreamId), P(SqlEnum<DeviceActionKind>.Name(r.Kind)), P(r.ApplicationId), P(r.Package), P(r.ContactId), P(r.At), P(e.Version)),
        DeviceActionVerified v => Action(e, v.ActionId, DeviceActionStatus.Verified, null, v.At),
        DeviceActionDispatched d => Action(e, d.ActionId, DeviceActionStatus.Dispatched, null, d.At),
        DeviceActionCompleted c => Action(e, c.ActionId, DeviceActionStatus.Completed, c.Detail, c.At),
        DeviceActionFailed f => Action(e, f.ActionId, DeviceActionStatus.Failed, f.Detail, f.At),
        _ => null,
    };

    private static NpgsqlBatchCommand Action(IEvent e, Guid actionId, DeviceActionStatus status, string? detail, DateTimeOffset at) =>
        Command(ActionSql, P(actionId), P(e.Version), P(SqlEnum<DeviceActionStatus>.Name(status)), P(detail), P(at));

    // $1 id, $2 version, $3 event time; the caller's assignments use $4 onwards.
    private static NpgsqlBatchCommand Update(IEvent e, string assignments, DateTimeOffset at, params NpgsqlParameter[] values) =>
        Command($"update devices set {assignments}, updated_at = $3, version = $2 where id = $1 and version < $2",
            [P(e.StreamId), P(e.Version), P(at), .. values]);
}
