using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>The API with a first admin, ticket numbers in Zurich time, and attachments in a folder of its own.</summary>
public class TicketApiFactory : IdentityApiFactory
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"ticketing-api-{Guid.NewGuid():N}");

    protected virtual long AttachmentLimit => 25 * 1024 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:DataFolder", DataFolder);
        builder.UseSetting("Ticketing:Tickets:MspTimeZone", "Europe/Zurich");
        builder.UseSetting("Ticketing:Attachments:MaxBytes", AttachmentLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Ticketing:Tickets:CustomStatuses:0:Id", "waiting-customer");
        builder.UseSetting("Ticketing:Tickets:CustomStatuses:0:Name", "Waiting for customer");
        builder.UseSetting("Ticketing:Tickets:CustomStatuses:0:Category", "Pending");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A ticket host with a 1 KiB attachment limit.</summary>
public sealed class SmallAttachmentTicketApiFactory : TicketApiFactory
{
    protected override long AttachmentLimit => 1024;
}
