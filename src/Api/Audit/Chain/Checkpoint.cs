using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// A signed checkpoint (ADR 0024): the Merkle <see cref="Root"/> of the heads of every stream that moved in the global
/// sequence range (<see cref="FromSequence"/>, <see cref="ToSequence"/>], chained to the previous checkpoint by its
/// hash (<see cref="Previous"/>, 64 zeros for the first) and signed with ECDSA P-256 / SHA-256 over
/// <see cref="SignedText"/> (signature in IEEE P1363 form, r || s, base64). Hashes are lowercase hex.
/// </summary>
public sealed record Checkpoint(
    long Number,
    long FromSequence,
    long ToSequence,
    int Heads,
    string Root,
    string Previous,
    string CreatedAt,
    string KeyId,
    string Signature)
{
    public const string Format = "ticketing.checkpoint.v1";

    public static readonly string NoPrevious = new('0', 64);

    /// <summary>The exact text that is signed, and whose SHA-256 the next checkpoint names.</summary>
    public string SignedText() => string.Create(CultureInfo.InvariantCulture, $"""
        {Format}
        number:{Number}
        from-sequence:{FromSequence}
        to-sequence:{ToSequence}
        heads:{Heads}
        root:{Root}
        previous:{Previous}
        created-at:{CreatedAt}
        key:{KeyId}
        """).ReplaceLineEndings("\n");

    public string Hash() => EventChain.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(SignedText())));

    public bool IsSignedBy(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return publicKey.VerifyData(Encoding.UTF8.GetBytes(SignedText()), signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static string Sign(string signedText, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return Convert.ToBase64String(privateKey.SignData(Encoding.UTF8.GetBytes(signedText), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public static string Time(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
