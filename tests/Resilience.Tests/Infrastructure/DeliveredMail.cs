using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>A mail in a node's pickup folder: its id (file name), kind, recipient, the event that caused it, its text.</summary>
public sealed record DeliveredMail(string Folder, Guid MailId, string Kind, string To, Guid? Cause, string Text)
{
    public static List<DeliveredMail> Read(IEnumerable<string> folders)
    {
        var mails = new List<DeliveredMail>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var path in Directory.GetFiles(folder, "*.eml"))
            {
                var message = MimeMessage.Load(path);
                var cause = message.Headers["X-Ticketing-Cause"];
                mails.Add(new DeliveredMail(
                    folder, Guid.Parse(Path.GetFileNameWithoutExtension(path)), message.Headers["X-Ticketing-Mail-Kind"] ?? "",
                    message.To.Mailboxes.Single().Address, cause is null ? null : Guid.Parse(cause), message.TextBody ?? ""));
            }
        }

        return mails;
    }

    /// <summary>
    /// The event a stored <c>TicketEventNotice</c> is about, unless the event notifies nobody. The stored body is
    /// Wolverine's envelope (headers, then the message as JSON), so the JSON properties are found by pattern.
    /// </summary>
    public static Guid? NoticedEvent(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var eventId = Regex.Match(text, "\"EventId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"", RegexOptions.IgnoreCase);
        var notification = Regex.Match(text, "\"Notification\"\\s*:\\s*(\"?)(\\w+)", RegexOptions.IgnoreCase);
        var notifies = !notification.Success || (notification.Groups[2].Value is not ("0" or "None"));
        return eventId.Success && notifies ? Guid.Parse(eventId.Groups[1].Value) : null;
    }
}
