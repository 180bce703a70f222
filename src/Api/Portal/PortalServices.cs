using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Ticketing.Api.Portal.Settings;
using Ticketing.Application.Portal;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal;

/// <summary>
/// Registration of the customer portal's ticket API. The read model is wired separately, in the event store's
/// options: <c>options.AddInlineProjection&lt;PortalTicketProjection&gt;()</c>.
/// </summary>
public static class PortalServices
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.AddSingleton<IPortalSettings, Ticketing.Api.Admin.Settings.StoredPortalSettings>();
        services.AddScoped<PortalContexts>();
        services.AddSingleton<PortalTicketQueries>();

        // Wraps whatever customisation the host set, so portal problems keep every extension and gain a localised title.
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var inner = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                inner?.Invoke(context);
                PortalProblemTitles.Localise(context);
            };
        });
        return builder;
    }
}
