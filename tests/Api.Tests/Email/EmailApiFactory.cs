using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Api.Email;
using Ticketing.Api.Email.Delivery;
using Ticketing.Api.Email.Inbound;
using Ticketing.Api.Email.Notifications;
using Ticketing.Api.Tests.Tickets;
using Ticketing.EventStore;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// The ticket host with email on: pickup-folder delivery (no SMTP) in the host's data folder, a fast poll, welcome
/// mails on. Until the host wires email itself (<c>AddEmail</c>, the notification projection, <c>MapEmailEndpoints</c>),
/// the fixture does; once wired, it does nothing.
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

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        if (!services.Any(d => d.ServiceType == typeof(MailDelivery)))
        {
            services.AddEmailServices();
            var eventStore = (EventStoreOptions)services.Single(d => d.ServiceType == typeof(EventStoreOptions)).ImplementationInstance!;
            eventStore.AddAsyncProjection<TicketNotificationsProjection>();
        }

        services.AddTransient<IStartupFilter, InboundRouteUntilWired>();
    }

    private sealed class InboundRouteUntilWired : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            var wired = app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Any(e => e.RoutePattern.RawText?.StartsWith("/api/inbound", StringComparison.Ordinal) == true);
            if (!wired)
            {
                // Requests no host endpoint matched fall through to here, inside the host's exception handler.
                app.UseRouting();
                app.UseAuthorization();
                app.UseEndpoints(endpoints => endpoints.MapInboundEmail());
            }
        };
    }
}

/// <summary>An email host whose background delivery is off: the tests run delivery passes themselves.</summary>
public sealed class ManualDeliveryApiFactory : EmailApiFactory
{
    protected override bool DeliveryRuns => false;
}
