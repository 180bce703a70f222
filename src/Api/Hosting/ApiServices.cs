using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Ticketing.Api.Admin;
using Ticketing.Api.Assistant;
using Ticketing.Api.Audit;
using Ticketing.Api.Devices;
using Ticketing.Api.Email;
using Ticketing.Api.Email.Notifications;
using Ticketing.Api.Errors;
using Ticketing.Api.Identity;
using Ticketing.Api.KnowledgeBase;
using Ticketing.Api.Portal;
using Ticketing.Api.Portal.Web;
using Ticketing.Api.Taskfire;
using Ticketing.Api.Tickets;
using Ticketing.Api.Workflow;
using Marten;
using Ticketing.Api.Admin.Projections;
using Ticketing.Api.Hosting.Telemetry;

namespace Ticketing.Api.Hosting;

/// <summary>Service registration of the HTTP host, kept out of Program.cs.</summary>
public static class ApiServices
{
    public static WebApplicationBuilder AddTicketingApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TicketingDatabase>();
        services.AddTrustedProxies(builder.Configuration);
        services.AddSingleton<NpgsqlDataSource>(sp => sp.GetRequiredService<TicketingDatabase>().DataSource);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                var code = $"http.{context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode}";
                context.ProblemDetails.Extensions["code"] = code;
                context.ProblemDetails.Type = ProblemTypes.For(code);
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(3));
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger => swagger.CustomSchemaIds(type => type.FullName!.Replace("Ticketing.", "", StringComparison.Ordinal).Replace('+', '.')));
        builder.AddTicketingIdentity();
        builder.AddTickets();
        builder.AddAudit();
        builder.Services.AddTaskfireApi();
        builder.AddPortal();
        builder.AddPortalWeb();
        builder.AddEmail();
        builder.AddAdminSettings();
        builder.AddWorkflowRules();
        services.AddKnowledgeBase();
        builder.AddDevices();
        builder.AddAssistant();
        services.AddMarten(sp =>
            {
                var options = TicketingStore.Options(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILoggerFactory>());
                // Start-up applied the schema under the migration lock; the running store never checks it again.
                options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
                return options;
            })
            .UseLightweightSessions()
            .WithWolverine();
        builder.AddTicketingMessaging();
        builder.AddTicketingTelemetry();
        services.AddReadModelAdmin();
        return builder;
    }
}
