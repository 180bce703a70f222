using FluentValidation;
using Ticketing.Api.Devices.Agents;
using Ticketing.Api.Sms;

namespace Ticketing.Api.Devices;

/// <summary>Service registration of devices, their agents and self-service actions (P13, ADR 0030).</summary>
public static class DeviceServices
{
    public static WebApplicationBuilder AddDevices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatorsFromAssemblyContaining<CreateDeviceRequestValidator>(
            ServiceLifetime.Singleton,
            filter: v => v.ValidatorType.Namespace?.StartsWith(typeof(DeviceServices).Namespace!, StringComparison.Ordinal) == true
                || v.ValidatorType.Namespace == typeof(SmsServices).Namespace);
        builder.Services.AddSms(builder.Configuration);
        builder.Services.AddSingleton<AgentSignals>();
        builder.Services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AgentAuthenticationHandler>(AgentAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(AgentAuthenticationHandler.Policy, policy => policy
            .AddAuthenticationSchemes(AgentAuthenticationHandler.SchemeName)
            .RequireRole(AgentAuthenticationHandler.Role));
        return builder;
    }

    public static IEndpointRouteBuilder MapDevices(this IEndpointRouteBuilder routes)
    {
        routes.MapDeviceEndpoints();
        routes.MapAgentEndpoints();
        routes.MapPhoneEndpoints();
        routes.MapSelfServiceEndpoints();
        return routes;
    }
}
