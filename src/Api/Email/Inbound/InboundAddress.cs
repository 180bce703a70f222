using MimeKit;

namespace Ticketing.Api.Email.Inbound;

/// <summary>The sender of an inbound message: address (lower-cased), its domain, and the display name if any.</summary>
public sealed record InboundAddress(string Email, string Domain, string? DisplayName)
{
    public static bool TryParse(string? text, out InboundAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text, out var mailbox) || mailbox.Address.Count(c => c == '@') != 1)
        {
            return false;
        }

        var email = mailbox.Address.Trim().ToLowerInvariant();
        var domain = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (email.StartsWith('@') || domain.Length == 0 || !domain.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        address = new InboundAddress(email, domain, string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name.Trim());
        return true;
    }

    /// <summary>First and last name for a contact created from this address: the display name, else the local part.</summary>
    public (string First, string Last) Names()
    {
        var name = DisplayName ?? Email[..Email.IndexOf('@', StringComparison.Ordinal)];
        var parts = name.Split([' ', '.', '_'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => (Email, ""),
            1 => (parts[0], ""),
            _ => (parts[0], parts[1]),
        };
    }
}
