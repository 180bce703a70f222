using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Devices;

/// <summary>A host whose SMS codes live two seconds and of which three may be sent per contact and hour.</summary>
public sealed class ShortCodeApiFactory : TicketApiFactory
{
    public const int SendsPerHour = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Sms:Lifetime", "00:00:02");
        builder.UseSetting("Ticketing:Sms:MaxSendsPerHour", SendsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
