using System.Text;
using Ticketing.Application.Sms;

namespace Ticketing.Api.Sms;

/// <summary>
/// The default SMS provider: each message is a file <c>{id}.sms</c> in <c>{Ticketing:DataFolder}/sms-pickup</c>, the
/// number on the first line (<c>To: …</c>), a blank line, then the text. Like the mail pickup folder, it needs no
/// external service, and it is what tests read.
/// </summary>
public sealed class PickupFolderSmsSender(string folder) : ISmsSender
{
    public string Folder { get; } = folder;

    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var id = Guid.CreateVersion7();
        var temporary = Path.Combine(Folder, $".{id:N}.tmp");
        await File.WriteAllTextAsync(temporary, $"To: {phone}\n\n{text}\n", Encoding.UTF8, ct);
        File.Move(temporary, Path.Combine(Folder, $"{id:N}.sms"));
    }
}
