using Ticketing.Application.Sms;

namespace Ticketing.Api.Sms;

/// <summary>SMS: the pickup folder by default, the HTTP gateway when <c>Ticketing:Sms:Url</c> is set, each send traced; the code rules.</summary>
public static class SmsServices
{
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpSmsOptions>().BindConfiguration(HttpSmsOptions.Section);
        services.AddSingleton(configuration.GetSection(SmsCodeOptions.Section).Get<SmsCodeOptions>() ?? new SmsCodeOptions());
        services.AddHttpClient<HttpSmsSender>(client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<ISmsSender>(sp => string.IsNullOrWhiteSpace(configuration[$"{HttpSmsOptions.Section}:Url"])
            ? new TracedSmsSender(new PickupFolderSmsSender(PickupFolder(configuration)), "pickup-folder")
            : new TracedSmsSender(sp.GetRequiredService<HttpSmsSender>(), "http"));
        return services;
    }

    /// <summary><c>{Ticketing:DataFolder}/sms-pickup</c>: where SMS go without a gateway.</summary>
    public static string PickupFolder(IConfiguration configuration) => Ticketing.Api.Hosting.DataFolder.Of(configuration, "sms-pickup");
}
