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

/// <summary>The delivery worker (<c>Ticketing:Email:Delivery</c>).</summary>
public sealed class MailDeliveryOptions
{
    /// <summary>False runs no worker on this node (mail stays queued until a node with it on delivers).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after an error (database down, lock connection lost) before the worker waits for the lock again.</summary>
    public TimeSpan LockRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 20;

    /// <summary>A claimed row not marked within this time (the node died mid-send) is claimed again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a mail is given up (status <c>failed</c>, its last error kept).</summary>
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
