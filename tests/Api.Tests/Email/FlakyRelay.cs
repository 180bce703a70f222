using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Ticketing.Api.Email.Delivery;

namespace Ticketing.Api.Tests.Email;

/// <summary>How the relay treats mail to one recipient.</summary>
public enum RelayFault
{
    /// <summary>Refuses like a busy relay (421), a transient failure.</summary>
    Busy,

    /// <summary>Refuses the recipient for good (a 5xx refusal): <see cref="PermanentDeliveryException"/>.</summary>
    RefusesRecipient,

    /// <summary>Takes the message, then the connection drops before the sender learns it (sent, but reported failed).</summary>
    DropsAfterSending,
}

/// <summary>
/// A transport in front of the pickup folder that fails mail to chosen recipients a chosen number of times, and records
/// every attempt (mail id, time, Message-ID), so tests see retries, their back-off and the re-sent message.
/// </summary>
public sealed class FlakyRelay(IMailTransport inner) : IMailTransport
{
    private readonly ConcurrentDictionary<string, (RelayFault Fault, int Times, string Kind)> faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(Guid MailId, DateTimeOffset At, string MessageId)> attempts = new();

    /// <summary>Fails mail of <paramref name="kind"/> to <paramref name="recipient"/> (other kinds, like the welcome mail, pass).</summary>
    public void Fail(string recipient, RelayFault fault, int times = int.MaxValue, string kind = "password_reset") =>
        faults[recipient] = (fault, times, kind);

    public void Heal(string recipient) => faults.TryRemove(recipient, out _);

    public IReadOnlyList<(Guid MailId, DateTimeOffset At, string MessageId)> AttemptsOf(Guid mailId) => [.. attempts.Where(a => a.MailId == mailId)];

    public IReadOnlyList<(Guid MailId, DateTimeOffset At, string MessageId)> AttemptsTo(string recipient, string kind = "password_reset") =>
        [.. attempts.Where(a => sent.TryGetValue(a.MailId, out var mail) && mail.Kind == kind && string.Equals(mail.To, recipient, StringComparison.OrdinalIgnoreCase))];

    private readonly ConcurrentDictionary<Guid, (string To, string Kind)> sent = new();

    public async Task SendAsync(Guid mailId, MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var to = message.To.Mailboxes.Single().Address;
        var kind = message.Headers[MailComposer.KindHeader] ?? "";
        sent[mailId] = (to, kind);
        attempts.Enqueue((mailId, DateTimeOffset.UtcNow, message.MessageId ?? ""));
        if (!faults.TryGetValue(to, out var fault) || fault.Times <= 0 || fault.Kind != kind)
        {
            await inner.SendAsync(mailId, message, ct);
            return;
        }

        faults[to] = fault with { Times = fault.Times - 1 };
        switch (fault.Fault)
        {
            case RelayFault.RefusesRecipient:
                throw new PermanentDeliveryException("The relay refused the recipient: 550 5.1.1 mailbox unavailable");
            case RelayFault.DropsAfterSending:
                await inner.SendAsync(mailId, message, ct);
                throw new IOException("Connection reset after DATA");
            default:
                throw new IOException("421 4.3.2 Service not available, try again later");
        }
    }
}

/// <summary>The email host with a <see cref="FlakyRelay"/> in front of its pickup folder.</summary>
public sealed class FlakyRelayApiFactory : EmailApiFactory
{
    private FlakyRelay? relay;

    public FlakyRelay Relay => relay ??= Services.GetRequiredService<FlakyRelay>();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton(_ => new FlakyRelay(new PickupFolderTransport(PickupFolder)));
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<FlakyRelay>());
    }
}
