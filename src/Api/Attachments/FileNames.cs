namespace Ticketing.Api.Attachments;

/// <summary>
/// Turns a client-supplied file name into one that is safe to store and to send back in a
/// Content-Disposition header: no folders, no control or reserved characters, no leading dots, bounded length.
/// </summary>
public static class FileNames
{
    private const int MaxLength = 200;
    private static readonly char[] Reserved = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    public static string Sanitise(string? name)
    {
        var lastPart = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var cleaned = new string([.. lastPart.Where(c => !char.IsControl(c) && !Reserved.Contains(c) && c != '\u202E')])
            .Trim().TrimStart('.').Trim();
        if (cleaned.Length > MaxLength)
        {
            var extension = Path.GetExtension(cleaned);
            extension = extension.Length <= 16 ? extension : "";
            cleaned = cleaned[..(MaxLength - extension.Length)] + extension;
        }

        return cleaned.Length == 0 ? "attachment" : cleaned;
    }
}
