using Marten;
using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Privacy;
using Ticketing.Application.Sms;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.SelfService;

/// <summary>The contact confirms a requested action with the SMS code sent for it; the action is dispatched to the agent.</summary>
public sealed record ConfirmDeviceAction(Guid DeviceId, Guid ActionId, Guid ContactId, string Code, string? From);

public static class ConfirmDeviceActionHandler
{
    public static async Task<DeviceWritten> Handle(
        ConfirmDeviceAction command, IDocumentSession session, NpgsqlDataSource dataSource, SecretHasher hasher,
        SmsCodeOptions options, PersonalDataKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Device>(command.DeviceId, ct);
        if (stream.Aggregate is not { } device || !DeviceDecisions.IsActionableBy(device, command.ContactId))
        {
            throw DeviceWrites.NotFound(command.DeviceId);
        }

        if (!device.Actions.TryGetValue(command.ActionId, out var action) || action.ContactId != command.ContactId)
        {
            throw new NotFoundException(DeviceErrors.ActionNotFound, $"Action {command.ActionId} was not found.");
        }

        if (action.Status != DeviceActionStatus.Requested)
        {
            throw new ConflictException(DeviceErrors.ActionAlreadyVerified, "The action was already confirmed.");
        }

        var now = EventStamping.StoredPrecision(clock.GetUtcNow());
        var (codeId, _) = await SmsCodes.VerifyAsync(dataSource, hasher, command.ContactId, SmsCodePurpose.Action, command.ActionId, command.Code, options, now, ct);
        var from = await DeviceCallerAddress.SealAsync(keys, dataSource, command.ContactId, command.From, ct);
        var version = DeviceWrites.Append(session, stream, new DeviceActor(command.ContactId, "contact"), now,
            new DeviceActionVerified(device.Id, command.ActionId, command.ContactId, from, now),
            new DeviceActionDispatched(device.Id, command.ActionId, now));
        session.QueueOperation(new SqlStatement(SmsCodes.MarkUsed(codeId, now)));
        return new DeviceWritten(device.Id, version);
    }
}
