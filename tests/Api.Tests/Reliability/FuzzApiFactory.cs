using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>A ticket host with a 1 KiB attachment limit (an oversized upload costs 2 KiB, not 26 MB) and a gateway API key.</summary>
public sealed class FuzzApiFactory : TicketApiFactory
{
    public const string InboundApiKey = "fuzz-gateway-key-0123456789";

    protected override long AttachmentLimit => 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:InboundEmail:ApiKey", InboundApiKey);

        // Twelve thousand requests at trace level would spend the run writing logs; errors are kept to explain a 5xx.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Error));
    }
}
