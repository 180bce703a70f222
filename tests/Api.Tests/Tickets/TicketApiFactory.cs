using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>The API with a first admin and ticket numbers in Zurich time.</summary>
public class TicketApiFactory : IdentityApiFactory
{
    protected virtual long AttachmentLimit => 25 * 1024 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Tickets:MspTimeZone", "Europe/Zurich");
        builder.UseSetting("Ticketing:Attachments:MaxBytes", AttachmentLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Ticketing:Tickets:CustomStatuses:0:Id", "waiting-customer");
        builder.UseSetting("Ticketing:Tickets:CustomStatuses:0:Name", "Waiting for customer");
        builder.UseSetting("Ticketing:Tickets:CustomStatuses:0:Category", "Pending");
    }
}

/// <summary>A ticket host with a 1 KiB attachment limit.</summary>
public sealed class SmallAttachmentTicketApiFactory : TicketApiFactory
{
    protected override long AttachmentLimit => 1024;
}
