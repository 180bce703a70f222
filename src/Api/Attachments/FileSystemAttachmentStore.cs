using System.Security.Cryptography;
using Ticketing.Application.Attachments;

namespace Ticketing.Api.Attachments;

/// <summary>
/// Content-addressed files under <c>{DataFolder}/attachments/ab/cd/{sha256}</c>. Bytes are written to a temporary
/// file while hashed, then moved into place, so a reader never sees a half-written file. A file's last write time is
/// when it was last uploaded (storing bytes that are there already touches the file), which the orphan sweep reads as
/// its age (<see cref="AttachmentSweeper"/>, ADR 0019).
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
            if (!Refreshed(target))
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
        if (!IsHash(sha256))
        {
            return Task.FromResult<Stream?>(null);
        }

        var path = PathFor(sha256);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true)
            : null);
    }

    /// <summary>The hashes of stored files last written before <paramref name="cutoffUtc"/>, read lazily from disk.</summary>
    public IEnumerable<string> StoredBefore(DateTime cutoffUtc)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            var name = Path.GetFileName(file);
            if (IsHash(name) && File.GetLastWriteTimeUtc(file) < cutoffUtc)
            {
                yield return name;
            }
        }
    }

    /// <summary>Deletes the temporary files of uploads that died before finishing, once older than the cutoff.</summary>
    public int DeleteAbandonedUploads(DateTime cutoffUtc)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(root, ".upload-*"))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoffUtc)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>
    /// Moves a stored file out of reach (downloads and uploads no longer find it) when it is still older than the cutoff
    /// once moved; returns where it went, for <see cref="Restore"/> or <see cref="Discard"/>. Null when it is gone
    /// already (another node swept it) or was uploaded again meanwhile (then it is put back).
    /// </summary>
    public string? SetAside(string sha256, DateTime cutoffUtc)
    {
        var path = PathFor(sha256);
        var aside = $"{path}.sweep-{Guid.NewGuid():N}";
        try
        {
            File.Move(path, aside);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        // An upload that touched the file before the move shows here; one after it found no file and wrote its own.
        if (File.GetLastWriteTimeUtc(aside) < cutoffUtc)
        {
            return aside;
        }

        Restore(sha256, aside);
        return null;
    }

    /// <summary>Puts a file set aside back, unless an upload stored the same bytes again meanwhile.</summary>
    public void Restore(string sha256, string aside)
    {
        try
        {
            File.Move(aside, PathFor(sha256), overwrite: false);
        }
        catch (IOException) when (File.Exists(PathFor(sha256)))
        {
            File.Delete(aside);
        }
    }

    public static void Discard(string aside) => File.Delete(aside);

    // Stored bytes are immutable, so an upload of bytes already there only renews the file's age; false when the file
    // is not there (any more: a sweep may have set it aside this instant), so the caller stores its own copy.
    private static bool Refreshed(string target)
    {
        try
        {
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static bool IsHash(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);

    private string PathFor(string sha256) => Path.Combine(root, sha256[..2], sha256[2..4], sha256);
}
