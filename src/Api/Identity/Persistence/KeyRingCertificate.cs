using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ticketing.Api.Identity.Persistence;

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest (ADR 0016), section
/// <c>Ticketing:DataProtection</c>: <c>CertificatePath</c> (a PFX, with <c>CertificatePassword</c>; or a PEM
/// certificate with <c>KeyPath</c>, its PEM private key). Without one it is created once in the data folder
/// (<c>keys/data-protection.pfx</c>, owner read/write only), except in Production on an external database, where
/// every node must share one configured certificate and start-up fails instead.
/// </summary>
public static class KeyRingCertificate
{
    public const string Section = "Ticketing:DataProtection";
    public const string GeneratedFileName = "data-protection.pfx";

    public static string GeneratedPath(IConfiguration configuration) =>
        Path.Combine(Ticketing.Api.Hosting.DataFolder.Of(configuration, "keys"), GeneratedFileName);

    public static X509Certificate2 Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        var path = section["CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var password = section["CertificatePassword"];
            var keyPath = section["KeyPath"];
            return string.IsNullOrWhiteSpace(keyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }

        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Ticketing"));
        if (!embedded && environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"No key-ring certificate configured: set {Section}:CertificatePath (a PFX with {Section}:CertificatePassword, "
                + $"or a PEM certificate with {Section}:KeyPath). In Production on an external database every node needs the same "
                + "certificate to read the shared Data Protection key ring; see README, 'Data Protection key ring'.");
        }

        // Outside Production an external database (development, tests) also gets the data folder's certificate.
        return LoadOrCreate(GeneratedPath(configuration));
    }

    private static X509Certificate2 LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            WriteOwnerOnly(temporary, CreateSelfSigned());
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process or host created it first; use theirs
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static byte[] CreateSelfSigned()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Ticketing Data Protection key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        return certificate.Export(X509ContentType.Pfx);
    }

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
