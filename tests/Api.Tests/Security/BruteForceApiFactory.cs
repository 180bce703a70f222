using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// An identity host with a tight auth rate limit whose window (one hour) outlasts any test run, so the request that
/// is refused is always the same one, however slow the machine.
/// </summary>
public sealed class BruteForceApiFactory : ClockedIdentityApiFactory
{
    public const int Permits = 12;

    protected override int RateLimitPermits => Permits;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Auth:RateLimitWindow", "01:00:00");
    }
}
