using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// The ticket host with email on: pickup-folder delivery (no SMTP) in the host's data folder, a fast poll, welcome
/// mails on.
/// </summary>
public class EmailApiFactory : TicketApiFactory
{
    public const string PortalUrl = "https://portal.msp.example/";
    public const string FromDomain = "msp.example";
    public const string InboundApiKey = "inbound-test-key-0123456789";

    public string PickupFolder => Path.Combine(DataFolder, "mail-pickup");

    protected virtual bool DeliveryRuns => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Portal:Url", PortalUrl);
        builder.UseSetting("Ticketing:Portal:WelcomeEmail", "true");
        builder.UseSetting("Ticketing:Email:From", $"MSP Help Desk <help@{FromDomain}>");
        builder.UseSetting("Ticketing:Email:Delivery:Enabled", DeliveryRuns ? "true" : "false");
        builder.UseSetting("Ticketing:Email:Delivery:PollInterval", "00:00:00.100");
        builder.UseSetting("Ticketing:Email:Delivery:MaxAttempts", "3");
        builder.UseSetting("Ticketing:Email:Delivery:FirstRetryDelay", "00:01:00");
        builder.UseSetting("Ticketing:Email:Delivery:Lease", "00:02:00");
        builder.UseSetting("Ticketing:InboundEmail:ApiKey", InboundApiKey);
    }
}

/// <summary>An email host whose background delivery is off: the tests run delivery passes themselves.</summary>
public sealed class ManualDeliveryApiFactory : EmailApiFactory
{
    protected override bool DeliveryRuns => false;
}
