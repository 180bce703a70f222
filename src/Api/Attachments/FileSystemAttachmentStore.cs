using System.Security.Cryptography;
using Ticketing.Application.Attachments;

namespace Ticketing.Api.Attachments;

/// <summary>
/// Content-addressed files under <c>{DataFolder}/attachments/ab/cd/{sha256}</c>. Bytes are written to a temporary
/// file while hashed, then moved into place, so a reader never sees a half-written file.
/// </summary>
public sealed class FileSystemAttachmentStore(string root) : IAttachmentStore
{
    public async Task<StoredContent> SaveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        var temporary = Path.Combine(root, $".upload-{Guid.NewGuid():N}");
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, useAsync: true))
            {
                var buffer = new byte[81_920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new AttachmentTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            var target = PathFor(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, target, overwrite: true);
            }

            return new StoredContent(sha256, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return Task.FromResult<Stream?>(null);
        }

        var path = PathFor(sha256);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true)
            : null);
    }

    private string PathFor(string sha256) => Path.Combine(root, sha256[..2], sha256[2..4], sha256);
}
