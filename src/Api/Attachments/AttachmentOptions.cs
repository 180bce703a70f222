namespace Ticketing.Api.Attachments;

/// <summary>Limits on uploaded files (<c>Ticketing:Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    public int MaxFilesPerRequest { get; set; } = 10;

    /// <summary>How often each node sweeps orphaned files (ADR 0019); zero or less turns the sweep off.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How old an unreferenced file must be before the sweep deletes it: longer than any upload's command takes.</summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Declared content types accepted; anything else is refused with a 400.</summary>
    public IReadOnlyList<string> AllowedContentTypes { get; set; } =
    [
        "text/plain", "text/csv", "application/pdf", "application/json", "application/xml", "text/xml",
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp",
        "application/zip", "application/x-zip-compressed", "message/rfc822", "application/octet-stream",
        "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    ];
}
