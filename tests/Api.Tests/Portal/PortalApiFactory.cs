using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Portal;

/// <summary>
/// The API with a configured administrator, relaxed auth rate limits (the tests sign in a lot from one address)
/// and portal settings that each test class chooses and a test may change while the host runs.
/// </summary>
public class PortalApiFactory : ApiFactory, IAsyncLifetime
{
    public const string AdminEmail = "admin@portal-tests.example";
    public const string AdminPassword = "Portal-Tests-2025!";

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), $"portal-tests-{Guid.NewGuid():N}");

    public LiveSettings Settings { get; } = new();

    /// <summary>Settings of the test class, as configuration keys below <c>Ticketing:</c>.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ClassSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Admin:Email", AdminEmail);
        builder.UseSetting("Ticketing:Admin:Password", AdminPassword);
        builder.UseSetting("Ticketing:Auth:RateLimitPermits", "100000");
        builder.UseSetting("Ticketing:DataFolder", dataFolder);
        foreach (var (key, value) in ClassSettings)
        {
            Settings.Set($"Ticketing:{key}", value);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(Settings));
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    // Re-implemented to also remove the attachment folder the host wrote to.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    /// <summary>An in-memory configuration source whose changes fire a reload, as an edited settings file would.</summary>
    public sealed class LiveSettings : IConfigurationSource
    {
        private readonly Provider provider = new();

        public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;

        public void Set(string key, string? value) => provider.Change(key, value);

        private sealed class Provider : ConfigurationProvider
        {
            public void Change(string key, string? value)
            {
                if (value is null)
                {
                    Data.Remove(key);
                }
                else
                {
                    Data[key] = value;
                }

                OnReload();
            }
        }
    }
}
