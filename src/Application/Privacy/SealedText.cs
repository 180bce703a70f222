using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Application.Privacy;

/// <summary>
/// Text a contact wrote, sealed with that contact's key (ADR 0027): <c>PREFIX + subject id + ":" + base64(nonce | tag |
/// ciphertext)</c>, AES-256-GCM with the subject id as associated data, so a sealed text cannot be moved to another
/// subject. The sealed form is what the event log and the read models hold; readers open it with the subject's key,
/// or show <see cref="Erased"/> once the key is destroyed.
/// </summary>
public static class SealedText
{
    /// <summary>A private-use character and a version: no typed text starts with it.</summary>
    public const string Prefix = "\uE002pd1:";

    /// <summary>What a reader shows for text whose subject was erased.</summary>
    public const string Erased = "[erased]";

    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool IsSealed(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Seal(Guid subjectId, ReadOnlySpan<byte> key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = Encoding.UTF8.GetBytes(text);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), subjectId.ToByteArray());
        return $"{Prefix}{subjectId:N}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The subject a sealed text belongs to, or null when <paramref name="text"/> is not sealed (or malformed).</summary>
    public static Guid? SubjectOf(string? text) =>
        IsSealed(text) && text!.Length > Prefix.Length + 33 && Guid.TryParseExact(text.AsSpan(Prefix.Length, 32), "N", out var subject)
            ? subject
            : null;

    /// <summary>The text, or <see cref="Erased"/> when <paramref name="key"/> is null (destroyed) or does not open it.</summary>
    public static string Open(string text, ReadOnlySpan<byte> key, bool erased)
    {
        if (erased || SubjectOf(text) is not { } subject)
        {
            return Erased;
        }

        try
        {
            var sealedBytes = Convert.FromBase64String(text[(Prefix.Length + 33)..]);
            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
                subject.ToByteArray());
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return Erased;
        }
    }

    /// <summary>A new random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

}
