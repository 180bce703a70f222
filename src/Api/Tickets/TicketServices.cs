using FluentValidation;
using Ticketing.Api.Attachments;
using Ticketing.Api.Workflow;
using Ticketing.Application.Attachments;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Creating;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Tickets;

/// <summary>Service registration of the ticket feature.</summary>
public static class TicketServices
{
    public static WebApplicationBuilder AddTickets(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TicketOptions>().BindConfiguration("Ticketing:Tickets");
        services.AddOptions<AttachmentOptions>().BindConfiguration("Ticketing:Attachments");
        services.AddSingleton<ITicketSettings, Ticketing.Api.Admin.Settings.StoredTicketSettings>();
        services.AddSingleton<TicketCreationGate>();
        services.AddSingleton<ITicketFieldRules, TicketWriteChecks>();
        services.AddSingleton<TicketStateQuery>();
        services.AddTicketWorkflow();
        services.AddSingleton(sp => new FileSystemAttachmentStore(
            Ticketing.Api.Hosting.DataFolder.Of(sp.GetRequiredService<IConfiguration>(), "attachments")));
        services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<FileSystemAttachmentStore>());
        services.AddSingleton<AttachmentSweeper>();
        services.AddHostedService<AttachmentSweepService>();
        services.AddSingleton<AttachmentUploads>();
        services.AddSingleton<TicketListQuery>();
        services.AddSingleton<MailThreadQuery>();
        services.AddSingleton<TicketDetailQuery>();
        services.AddSingleton<TicketAuditQuery>();
        // Singletons: building a validator's rules compiles expressions, which cost more than a whole reply's own work.
        services.AddValidatorsFromAssemblyContaining<CreateTicketRequestValidator>(
            ServiceLifetime.Singleton,
            filter: v => v.ValidatorType.Namespace == typeof(TicketServices).Namespace);
        return builder;
    }
}
