using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.TestInfrastructure;

namespace Ticketing.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The API on a real Kestrel port (a browser cannot reach a TestServer), on a database cloned from the run's migrated
/// template and a data folder of its own (attachments, mail pickup). One host serves every test class of the run
/// (<see cref="PortalCollection"/>); the portal settings are the ones the walks need: impact and a custom field hidden,
/// the priority mandatory on new tickets, the MSP's name and accent colour.
/// </summary>
public sealed class PortalHost : IAsyncLifetime
{
    public const string AdminEmail = "admin@browser-tests.example";
    public const string AdminPassword = "Browser-Tests-2026!";
    public const string HiddenCustomField = "cost";
    public const string MspName = "Contoso IT Services";
    public const string AccentColour = "#0b6e4f";

    private readonly Factory _factory = new();

    /// <summary>The portal's origin, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public string DataFolder => _factory.DataFolder;

    public async Task InitializeAsync()
    {
        _factory.ConnectionString = await TestCluster.CreateDatabaseAsync();
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public HttpClient CreateApiClient() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Directory.Exists(_factory.DataFolder))
        {
            Directory.Delete(_factory.DataFolder, recursive: true);
        }
    }

    private sealed class Factory : WebApplicationFactory<Program>
    {
        public string ConnectionString { get; set; } = "";

        public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"portal-browser-{Guid.NewGuid():N}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Ticketing", ConnectionString);
            builder.UseSetting("Ticketing:DataFolder", DataFolder);
            builder.UseSetting("Ticketing:Admin:Email", AdminEmail);
            builder.UseSetting("Ticketing:Admin:Password", AdminPassword);
            builder.UseSetting("Ticketing:Auth:RateLimitPermits", "100000");
            builder.UseSetting("Ticketing:Auth:AccountRateLimitPermits", "100000");
            builder.UseSetting("Ticketing:Portal:Fields:impact:Rule", "Hidden");
            builder.UseSetting("Ticketing:Portal:Fields:priority:MandatoryOnCreate", "true");
            builder.UseSetting("Ticketing:Portal:MspName", MspName);
            builder.UseSetting("Ticketing:Portal:AccentColour", AccentColour);
            builder.UseSetting("Ticketing:Portal:CustomFields:0:Key", HiddenCustomField);
            builder.UseSetting("Ticketing:Portal:CustomFields:0:Label", "Internal cost");
            builder.UseSetting("Ticketing:Portal:CustomFields:0:Rule", "Hidden");
        }
    }
}

/// <summary>The browser test classes share one API host and run one after another (each with its own browser).</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalHost>
{
    public const string Name = "portal";
}
