using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Ticketing.Api.Admin.DeadLetters;
using Ticketing.Api.Admin.Projections;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Assistant;
using Ticketing.Api.Audit;
using Ticketing.Api.Devices;
using Ticketing.Api.Email.Inbound;
using Ticketing.Api.Identity;
using Ticketing.Api.KnowledgeBase;
using Ticketing.Api.Portal;
using Ticketing.Api.Portal.Web;
using Ticketing.Api.Taskfire;
using Ticketing.Api.Tickets;
using Ticketing.Api.Workflow;

namespace Ticketing.Api.Hosting;

/// <summary>Middleware and endpoint mapping of the HTTP host, kept out of Program.cs.</summary>
public static class ApiPipeline
{
    public static WebApplication UseTicketingApi(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UsePortalWeb();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapIdentityEndpoints();
        app.MapTicketEndpoints();
        app.MapPortalEndpoints();
        app.MapPortalWeb();
        app.MapTaskfireEndpoints();
        app.MapAdminSettingsEndpoints();
        app.MapWorkflowRuleEndpoints();
        app.MapAuditEndpoints();
        app.MapReadModelEndpoints();
        app.MapDeadLetterEndpoints();
        app.MapEmailEndpoints();
        app.MapKnowledgeBaseEndpoints();
        app.MapDevices();
        app.MapAssistant();
        app.UseSwagger();
        app.UseSwaggerUI();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
