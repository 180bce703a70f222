using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>The main walk once more in Firefox ESR, so the portal is not tied to one engine.</summary>
[Collection(PortalCollection.Name)]
public sealed class FirefoxTests(PortalHost host, FirefoxFixture firefox) : IClassFixture<FirefoxFixture>
{
    [Fact]
    public Task The_main_walk_works_in_firefox() => new MainWalk(host, firefox, screenshots: false).RunAsync();
}
