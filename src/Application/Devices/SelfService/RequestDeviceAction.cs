using Marten;
using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Privacy;
using Ticketing.Application.Sms;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.SelfService;

/// <summary>
/// A contact asks for an action on a device assigned to them (P13). The request is stored and a code goes by SMS to
/// the contact's verified phone; nothing reaches the agent before the code is confirmed (<see cref="ConfirmDeviceAction"/>).
/// </summary>
public sealed record RequestDeviceAction(Guid DeviceId, Guid ContactId, DeviceActionKind Kind, Guid? ApplicationId, string? From);

public sealed record DeviceActionRequestedResult(Guid ActionId, DateTimeOffset CodeExpiresAt);

public static class RequestDeviceActionHandler
{
    public static async Task<DeviceActionRequestedResult> Handle(
        RequestDeviceAction command, IDocumentSession session, NpgsqlDataSource dataSource, SecretHasher hasher, ISmsSender sms,
        SmsCodeOptions options, PersonalDataKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Device>(command.DeviceId, ct);
        if (stream.Aggregate is not { } device || !DeviceDecisions.IsActionableBy(device, command.ContactId))
        {
            throw DeviceWrites.NotFound(command.DeviceId);
        }

        var phone = await PhoneVerificationHandler.StatusAsync(dataSource, command.ContactId, ct);
        if (!phone.Verified)
        {
            throw new ConflictException(PhoneVerificationHandler.NotVerified, "Register and confirm a phone number before asking for an action.");
        }

        var package = command.Kind == DeviceActionKind.InstallApplication
            ? await ApprovedApplicationHandler.PackageForAsync(dataSource, command.ApplicationId!.Value, device, ct)
            : null;
        var now = EventStamping.StoredPrecision(clock.GetUtcNow());
        await SmsCodes.EnsureMaySendAsync(dataSource, command.ContactId, options, now, ct);

        var from = await DeviceCallerAddress.SealAsync(keys, dataSource, command.ContactId, command.From, ct);
        var actionId = Guid.CreateVersion7();
        DeviceWrites.Append(session, stream, new DeviceActor(command.ContactId, "contact"), now, new DeviceActionRequested(
            device.Id, actionId, command.Kind, command.ApplicationId, package, command.ContactId, from, now));
        var code = SmsCodes.NewCode();
        session.QueueOperation(new SqlStatement(SmsCodes.Insert(hasher, command.ContactId, SmsCodePurpose.Action, phone.Phone!, actionId, code, now, options)));
        // Sent before the session commits: a provider failure stores neither the request nor its code.
        var language = await SmsTexts.LanguageOfAsync(dataSource, command.ContactId, ct);
        await sms.SendAsync(phone.Phone!, SmsTexts.ActionCode(language, command.Kind, package, device.Name, code), ct);
        return new DeviceActionRequestedResult(actionId, now + options.Lifetime);
    }
}
