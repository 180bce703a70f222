using MailKit.Security;

namespace Ticketing.Api.Email;

/// <summary>Mail settings (<c>Ticketing:Email</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Ticketing:Email";

    /// <summary>The sender of every mail; its domain also names the Message-IDs.</summary>
    public string From { get; set; } = "Ticketing <no-reply@ticketing.invalid>";

    public MailDeliveryOptions Delivery { get; set; } = new();
}

/// <summary>
/// Retries of a mail that failed to send (<c>Ticketing:Email:Delivery</c>): Wolverine schedules each retry after an
/// exponential back-off and moves the mail to its dead letters after <see cref="MaxAttempts"/> (ADR 0017).
/// </summary>
public sealed class MailDeliveryOptions
{
    /// <summary>Attempts before a mail is given up (moved to the dead letters, its last error kept).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = FirstRetryDelay.TotalMilliseconds * factor;
        return delay >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(delay);
    }

    /// <summary>The waits before the second to the last attempt.</summary>
    public TimeSpan[] RetryDelays() => [.. Enumerable.Range(1, Math.Max(0, MaxAttempts - 1)).Select(RetryDelay)];
}

/// <summary>
/// The SMTP relay (<c>Ticketing:Smtp</c>). Without a <see cref="Host"/> mail goes to the pickup folder
/// <c>{Ticketing:DataFolder}/mail-pickup</c> as <c>.eml</c> files instead.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Ticketing:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Auto, None, SslOnConnect, StartTls or StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
