using MimeKit;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// Writes each message as <c>{mail id}.eml</c> into a folder (the default without SMTP, and what tests read).
/// The file is written under a temporary name and moved into place, so a reader never sees half a message and a
/// re-send of the same row replaces the file instead of adding a second one.
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public static string FileName(Guid mailId) => $"{mailId:N}.eml";

    public async Task SendAsync(Guid mailId, MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var target = Path.Combine(Folder, FileName(mailId));
        var temporary = Path.Combine(Folder, $".{mailId:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(stream, ct);
                await stream.FlushAsync(ct);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
