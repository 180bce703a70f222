using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Ticketing.Api.Portal;

namespace Ticketing.Api.Tests.Portal;

/// <summary>The portal link in mails when the admin has saved no portal URL (A1).</summary>
public sealed class PortalAddressTests
{
    [Fact]
    public void A_node_on_a_named_host_links_to_its_own_portal()
    {
        Address(["http://localhost:5000"]).Fallback().ShouldBe("http://localhost:5000/portal");
    }

    [Fact]
    public void Https_is_preferred_over_http()
    {
        Address(["http://localhost:5000", "https://localhost:5001"]).Fallback().ShouldBe("https://localhost:5001/portal");
    }

    [Fact]
    public void A_configured_url_wins_over_the_nodes_own_address()
    {
        Address(["http://localhost:5000"], configured: "https://support.msp.example/portal").Fallback().ShouldBe("https://support.msp.example/portal");
    }

    [Theory]
    [InlineData("http://[::]:8080")]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080")]
    public void A_node_listening_on_every_interface_has_no_address_of_its_own(string listening)
    {
        Address([listening]).Fallback().ShouldBeNull();
    }

    private static PortalAddress Address(string[] addresses, string? configured = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ticketing:Portal:Url"] = configured }).Build();
        return new PortalAddress(new Server(addresses), configuration);
    }

    private sealed class Server : IServer
    {
        public Server(string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class ServerAddressesFeature : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = [];

        public bool PreferHostingUrls { get; set; }
    }
}
