using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>
/// The key-ring certificate every node of a run shares (a Production node on an external database needs one
/// configured, ADR 0016): one password-less PFX in the temp folder, created on first use.
/// </summary>
public static class KeyRingCertificateFile
{
    private static readonly Lazy<string> File_ = new(Create);

    public static string Path => File_.Value;

    private static string Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ticketing-resilience-keyring-{Guid.NewGuid():N}.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Ticketing resilience key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }
}
