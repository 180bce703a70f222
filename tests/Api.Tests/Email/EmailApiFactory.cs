using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// The ticket host with email on: pickup-folder delivery (no SMTP) in the host's data folder, welcome mails on, and
/// mail retries fast enough for a test (three attempts, one and two seconds apart).
/// </summary>
public class EmailApiFactory : TicketApiFactory
{
    public const string PortalUrl = "https://portal.msp.example/";
    public const string FromDomain = "msp.example";
    public const string InboundApiKey = "inbound-test-key-0123456789";

    public string PickupFolder => Path.Combine(DataFolder, "mail-pickup");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Portal:Url", PortalUrl);
        builder.UseSetting("Ticketing:Portal:WelcomeEmail", "true");
        builder.UseSetting("Ticketing:Email:From", $"MSP Help Desk <help@{FromDomain}>");
        builder.UseSetting("Ticketing:Email:Delivery:MaxAttempts", "3");
        builder.UseSetting("Ticketing:Email:Delivery:FirstRetryDelay", "00:00:01");
        builder.UseSetting("Ticketing:Email:Delivery:MaxRetryDelay", "00:00:02");
        builder.UseSetting("Ticketing:InboundEmail:ApiKey", InboundApiKey);
        // Contacts hear only of tickets they can see in the portal (ADR 0020): the custom status is shown there too.
        string[] visible = ["open", "pending", "resolved", "closed", "waiting-customer"];
        for (var i = 0; i < visible.Length; i++)
        {
            builder.UseSetting($"Ticketing:Portal:VisibleStatuses:{i}", visible[i]);
        }
    }
}
