using FluentValidation;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Auth;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.Identity.Seeding;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity;

/// <summary>Service registration of identity: bearer tokens with live sessions, policies, rate limiting, key ring, seeding.</summary>
public static class IdentityServices
{
    public const string ApplicationName = "Ticketing";

    public static WebApplicationBuilder AddTicketingIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthSettings>().BindConfiguration(AuthSettings.Section);

        services.AddSingleton<PostgresXmlRepository>();
        // Loaded here, so a missing certificate fails start-up (ADR 0016).
        services.AddDataProtection().SetApplicationName(ApplicationName)
            .ProtectKeysWithCertificate(KeyRingCertificate.Load(builder.Configuration, builder.Environment));
        services.AddOptions<KeyManagementOptions>()
            .Configure<PostgresXmlRepository>((options, repository) => options.XmlRepository = repository);

        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, options =>
            {
                options.Events.OnMessageReceived = SessionValidation.OnMessageReceivedAsync;
            });
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AuthSettings>>((options, settings) =>
            {
                options.BearerTokenExpiration = settings.Value.AccessTokenLifetime;
                options.RefreshTokenExpiration = settings.Value.RefreshTokenLifetime;
            });
        Policies.Register(services.AddAuthorizationBuilder());
        services.AddAuthRateLimiting();
        services.AddSingleton<AccountRateLimiter>();

        services.AddSingleton<SecretHasher>();
        services.AddSingleton<AuditLog>();
        services.AddScoped<Sessions>();
        services.AddSingleton(sp => new SessionCheckCache(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthSettings>>().Value.SessionCheckCache));
        services.AddScoped<AccountWriter>();
        services.AddScoped<CredentialVerifier>();
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthSettings>>().Value;
            return new LockoutPolicy(settings.MaxFailedLogins, settings.LockoutDuration);
        });
        services.AddScoped<ICustomerDirectory, PostgresCustomerDirectory>();
        services.AddValidatorsFromAssemblyContaining<AuthSettings>(
            ServiceLifetime.Singleton,
            filter: v => v.ValidatorType.Namespace?.StartsWith(typeof(IdentityServices).Namespace!, StringComparison.Ordinal) == true);
        services.AddHostedService<IdentitySeedingService>();
        return builder;
    }
}
