namespace Ticketing.Api.Attachments;

/// <summary>
/// Checks that a file declared as a common binary format starts with that format's signature, so a script
/// cannot be uploaded as "image/png" and later served to a browser as one.
/// </summary>
public static class ContentSniffing
{
    private static readonly Dictionary<string, byte[][]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        ["image/jpeg"] = [[0xFF, 0xD8, 0xFF]],
        ["image/gif"] = ["GIF87a"u8.ToArray(), "GIF89a"u8.ToArray()],
        ["image/bmp"] = ["BM"u8.ToArray()],
        ["application/pdf"] = ["%PDF-"u8.ToArray()],
        ["application/zip"] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]],
    };

    public static bool Matches(string contentType, ReadOnlySpan<byte> head)
    {
        if (!Signatures.TryGetValue(contentType, out var signatures))
        {
            return true;
        }

        foreach (var signature in signatures)
        {
            if (head.StartsWith(signature))
            {
                return true;
            }
        }

        return false;
    }
}
