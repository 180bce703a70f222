using Marten;
using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.Privacy;
using Ticketing.Application.Sms;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.Agents;

/// <summary>A secret passed through once and never logged: its text is only in <see cref="Value"/>.</summary>
public sealed class OneTimeSecret(string value)
{
    public string Value { get; } = value;

    public override string ToString() => "***";
}

/// <summary>
/// The device's agent reports how an action it was given ended. A completed password reset carries the temporary
/// password the agent set: it is texted to the contact's verified phone and stored nowhere.
/// </summary>
public sealed record ReportActionOutcome(Guid DeviceId, Guid ActionId, bool Completed, string? Detail, OneTimeSecret? TemporaryPassword, string? From);

public static class ReportActionOutcomeHandler
{
    public static async Task<DeviceWritten> Handle(
        ReportActionOutcome command, IDocumentSession session, NpgsqlDataSource dataSource, ISmsSender sms, PersonalDataKeys keys, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await DeviceWrites.FetchAsync(session, command.DeviceId, ct);
        var device = stream.Aggregate!;
        if (!device.Actions.TryGetValue(command.ActionId, out var action))
        {
            throw new NotFoundException(DeviceErrors.ActionNotFound, $"Action {command.ActionId} is not an action of this device.");
        }

        var now = clock.GetUtcNow();
        // The device's address while it acts for the contact who asked is that contact's personal data, as theirs is.
        var from = await DeviceCallerAddress.SealAsync(keys, dataSource, action.ContactId, command.From, ct);
        var outcome = DeviceDecisions.Outcome(device, command.ActionId, command.Completed, command.Detail, from, now);
        var version = DeviceWrites.Append(session, stream, new DeviceActor(command.DeviceId, "agent"), now, outcome);
        if (command.Completed && action.Kind == DeviceActionKind.ResetPassword)
        {
            var password = command.TemporaryPassword?.Value;
            if (string.IsNullOrEmpty(password))
            {
                throw new UnprocessableException(DeviceErrors.TemporaryPasswordRequired, "A completed password reset reports the temporary password.");
            }

            var phone = await PhoneVerificationHandler.StatusAsync(dataSource, action.ContactId, ct);
            if (phone is { Verified: true, Phone: { } number })
            {
                var language = await SmsTexts.LanguageOfAsync(dataSource, action.ContactId, ct);
                await sms.SendAsync(number, SmsTexts.TemporaryPassword(language, device.Name, password), ct);
            }
        }

        return new DeviceWritten(command.DeviceId, version);
    }
}
