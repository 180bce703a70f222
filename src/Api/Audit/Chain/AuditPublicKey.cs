using System.Security.Cryptography;

namespace Ticketing.Api.Audit.Chain;

/// <summary>A published checkpoint key: its id, the ECDSA P-256 public key (SubjectPublicKeyInfo PEM) and as a JWK.</summary>
public sealed record AuditPublicKey(string KeyId, string Algorithm, string PublicKeyPem, AuditJwk Jwk, DateTimeOffset CreatedAt, bool Active)
{
    /// <summary>A key's id is derived from the key (SHA-256 of its SubjectPublicKeyInfo), so it cannot name another key.</summary>
    public static string IdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "es256-" + EventChain.Hex(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public static AuditJwk JwkOf(ECDsa key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(false);
        return new AuditJwk("EC", "P-256", Base64Url(parameters.Q.X!), Base64Url(parameters.Q.Y!), keyId, "ES256", "sig");
    }

    /// <summary>The public key of a PEM, or null when it is not an ECDSA P-256 public key.</summary>
    public static ECDsa? Load(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize == 256)
            {
                return key;
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
        }

        key.Dispose();
        return null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The public key as a JSON Web Key (RFC 7517/7518).</summary>
public sealed record AuditJwk(string Kty, string Crv, string X, string Y, string Kid, string Alg, string Use);
