using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Npgsql;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// The Data Protection key ring in the database is encrypted with a certificate (ADR 0016): a configured one, or
/// one the host creates once in its data folder, owner-only; a token survives a restart with the same certificate.
/// In Production on an external database a missing certificate stops start-up.
/// </summary>
public sealed class KeyRingAtRestTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ticketing-keyring-{Guid.NewGuid():N}");

    [Fact]
    public async Task Without_a_configured_certificate_the_host_creates_an_owner_only_one_and_a_token_survives_a_restart()
    {
        string token, database;
        await using (var before = new KeyRingFactory(_folder))
        {
            await before.InitializeAsync();
            token = (await before.SignInAdminAsync()).Token!;
            database = before.Database;
        }

        var certificate = Path.Combine(_folder, "keys", "data-protection.pfx");
        File.Exists(certificate).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(certificate).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        ShouldBeEncrypted(await KeysAsync(database));

        await using var after = new KeyRingFactory(_folder, connectionString: database);
        await after.As(token).GetAsync<ProfileBody>("/api/me");
    }

    [Fact]
    public async Task A_configured_certificate_encrypts_the_key_ring_and_reads_it_after_a_restart()
    {
        Directory.CreateDirectory(_folder);
        var pfx = Path.Combine(_folder, "configured.pfx");
        using var configured = SelfSigned();
        await File.WriteAllBytesAsync(pfx, configured.Export(X509ContentType.Pfx, "Pfx-passw0rd"));
        var settings = new Dictionary<string, string>
        {
            ["Ticketing:DataProtection:CertificatePath"] = pfx,
            ["Ticketing:DataProtection:CertificatePassword"] = "Pfx-passw0rd",
        };

        string token, database;
        await using (var before = new KeyRingFactory(Path.Combine(_folder, "node"), settings))
        {
            await before.InitializeAsync();
            token = (await before.SignInAdminAsync()).Token!;
            database = before.Database;
        }

        var keys = await KeysAsync(database);
        ShouldBeEncrypted(keys);
        keys.ShouldAllBe(key => key.Contains(Convert.ToBase64String(configured.RawData), StringComparison.Ordinal), "the configured certificate encrypted it");
        File.Exists(Path.Combine(_folder, "node", "keys", "data-protection.pfx")).ShouldBeFalse();

        await using var after = new KeyRingFactory(Path.Combine(_folder, "other-node"), settings, database);
        await after.As(token).GetAsync<ProfileBody>("/api/me");
    }

    [Fact]
    public async Task In_production_on_an_external_database_start_up_fails_without_a_certificate()
    {
        await using var production = new KeyRingFactory(_folder, environment: "Production");
        await production.InitializeAsync();

        var failure = await Should.ThrowAsync<Exception>(production.StartAsync);

        failure.ToString().ShouldContain("Ticketing:DataProtection:CertificatePath");
        Directory.Exists(Path.Combine(_folder, "keys")).ShouldBeFalse();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void ShouldBeEncrypted(IReadOnlyList<string> keys)
    {
        keys.ShouldNotBeEmpty();
        foreach (var xml in keys)
        {
            var names = XElement.Parse(xml).DescendantsAndSelf().Select(e => e.Name.LocalName).ToList();
            names.ShouldContain("encryptedSecret");
            names.ShouldNotContain("masterKey", "no raw master key is stored");
        }
    }

    /// <summary>The stored key ring: what is at rest is only visible in the database.</summary>
    private static async Task<IReadOnlyList<string>> KeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xml from data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Ticketing test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}
