using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ticketing.Application.Telemetry;

/// <summary>
/// The API's own traces and metrics (issue 20): one <see cref="ActivitySource"/> and one <see cref="Meter"/> named
/// <see cref="Name"/>. Recording costs next to nothing while nobody listens (no exporter configured, ADR 0021). No tag
/// ever carries a secret or personal data: kinds, codes and outcomes only, never an address, a name or a text.
/// </summary>
public static class TicketingMetrics
{
    public const string Name = "Ticketing";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Commands refused for a concurrent change: 409 <c>concurrency.conflict</c> or 412 stale If-Match (tag <c>code</c>).</summary>
    public static readonly Counter<long> CommandConflicts = Meter.CreateCounter<long>(
        "ticketing.command.conflicts", "{command}", "Commands refused because the resource changed concurrently (409) or the If-Match was stale (412).");

    public static readonly Counter<long> LoginFailures = Meter.CreateCounter<long>(
        "ticketing.auth.login_failures", "{attempt}", "Sign-ins refused for a wrong password.");

    public static readonly Counter<long> Lockouts = Meter.CreateCounter<long>(
        "ticketing.auth.lockouts", "{account}", "Accounts locked after too many failed sign-ins.");

    /// <summary>Mails handed to the transport (tags <c>kind</c> and <c>outcome</c>: sent or failed).</summary>
    public static readonly Counter<long> MailsSent = Meter.CreateCounter<long>(
        "ticketing.mail.sent", "{mail}", "Mails handed to SMTP or the pickup folder, by kind and outcome.");

    /// <summary>SMS handed to the gateway or the pickup folder (tag <c>outcome</c>: sent or failed); never the number or the text.</summary>
    public static readonly Counter<long> SmsSent = Meter.CreateCounter<long>(
        "ticketing.sms.sent", "{sms}", "SMS handed to the HTTP gateway or the pickup folder, by outcome.");
}
