using FluentValidation;
using Ticketing.Api.Admin.Settings;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Admin;

/// <summary>
/// Wiring of the versioned settings admin API (ADR 0007). The DB-backed <c>IPortalSettings</c> and
/// <c>ITicketSettings</c> are registered by the portal and ticket features themselves and need nothing from here.
/// </summary>
public static class AdminSettingsServices
{
    public static WebApplicationBuilder AddAdminSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAdminSettingsServices();
        return builder;
    }

    public static IServiceCollection AddAdminSettingsServices(this IServiceCollection services)
    {
        services.AddSingleton<SettingsDefaults>();
        services.AddSingleton<CurrentSettings>();
        services.AddSingleton<SettingsVersions>();
        services.AddValidatorsFromAssemblyContaining<PortalSectionValidator>(
            ServiceLifetime.Singleton, filter: v => v.ValidatorType.Namespace == typeof(PortalSectionValidator).Namespace);
        return services;
    }
}
