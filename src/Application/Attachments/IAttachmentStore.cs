namespace Ticketing.Application.Attachments;

/// <summary>
/// Attachment bytes, kept outside the event log and addressed by their SHA-256 (the event carries only the
/// metadata), so identical files are stored once and a stored file can never change under its key.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Stores <paramref name="content"/>; refuses (and stores nothing) past <paramref name="maxBytes"/>.</summary>
    Task<StoredContent> SaveAsync(Stream content, long maxBytes, CancellationToken ct);

    /// <summary>The bytes stored under <paramref name="sha256"/>, or null when there are none.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct);
}

/// <summary>Where stored bytes can be found again, and how many there were.</summary>
public sealed record StoredContent(string Sha256, long Size);

/// <summary>An upload went past the configured size limit.</summary>
public sealed class AttachmentTooLargeException(long maxBytes)
    : Exception($"An attachment may hold at most {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
