using FluentValidation;
using Ticketing.Api.Email.Delivery;
using Ticketing.Api.Email.Inbound;
using Ticketing.Api.Email.Templates;
using Ticketing.Application.Email;
using Ticketing.Application.Email.Inbound;

namespace Ticketing.Api.Email;

/// <summary>Service registration of email: templates, composing and the transport (sending is a Wolverine handler).</summary>
public static class EmailServices
{
    /// <summary>Registers templates, composing and the transport; mail is sent by <see cref="SendMailHandler"/>.</summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEmailServices();
        return builder;
    }

    public static IServiceCollection AddEmailServices(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddSingleton<IEmailTemplateStore, PostgresEmailTemplateStore>();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            IMailTransport transport = string.IsNullOrWhiteSpace(configuration["Ticketing:Smtp:Host"])
                ? new PickupFolderTransport(PickupFolder(configuration))
                : ActivatorUtilities.CreateInstance<SmtpTransport>(sp);
            return new TracedMailTransport(transport);
        });
        services.AddSingleton<EmailTemplateAdmin>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<Ticketing.Api.Portal.PortalAddress>();
        services.AddSingleton<MailSecrets>();
        services.AddSingleton<Ticketing.Application.Privacy.PersonalDataKeys>();
        services.AddSingleton<Ticketing.Application.Privacy.PersonalDataReveal>();
        services.AddScoped<InboundSenders>();
        services.AddSingleton<InboundMessages>();
        services.AddSingleton<IValidator<InboundEmailRequest>, InboundEmailRequestValidator>();
        return services;
    }

    /// <summary><c>{Ticketing:DataFolder}/mail-pickup</c>: where mail goes without an SMTP relay.</summary>
    public static string PickupFolder(IConfiguration configuration) =>
        Ticketing.Api.Hosting.DataFolder.Of(configuration, "mail-pickup");
}
