using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ticketing.Application.Tickets;
using Ticketing.Application.Workflow.Rules;

namespace Ticketing.Api.Workflow;

/// <summary>
/// Service registration of workflow rules: <see cref="AddTicketWorkflow"/> for the ticket command path (called by the
/// ticket feature, which cannot run without it), <see cref="AddWorkflowRules"/> for the admin API.
/// </summary>
public static class WorkflowRuleServices
{
    public static WebApplicationBuilder AddWorkflowRules(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddWorkflowRuleServices();
        return builder;
    }

    public static IServiceCollection AddTicketWorkflow(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkflowRuleStore>();
        return services;
    }

    public static IServiceCollection AddWorkflowRuleServices(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkflowRuleStore>();
        services.AddScoped<IValidator<WorkflowRuleRequest>, WorkflowRuleRequestValidator>();
        services.TryAddSingleton<WorkflowRuleReferences>();
        return services;
    }
}
