using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Api.Tickets;
using Ticketing.Application.Workflow.Rules;
using Wolverine;

namespace Ticketing.Api.Workflow;

/// <summary>
/// <c>/api/admin/workflow-rules</c>: administrators list, read, create, replace and delete rules. A rule's ETag is
/// its version; If-Match on PUT and DELETE refuses a stale one with 412.
/// </summary>
public static class WorkflowRuleEndpoints
{
    public static WebApplication MapWorkflowRuleEndpoints(this WebApplication app)
    {
        MapWorkflowRuleRoutes(app);
        return app;
    }

    /// <summary>The routes on any endpoint builder (the host maps them through <see cref="MapWorkflowRuleEndpoints"/>).</summary>
    public static RouteGroupBuilder MapWorkflowRuleRoutes(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/workflow-rules").RequireAuthorization(Policies.Admin).WithTags("Workflow rules");
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/", Create).Validate<WorkflowRuleRequest>();
        group.MapPut("/{id:guid}", Replace).Validate<WorkflowRuleRequest>();
        group.MapDelete("/{id:guid}", Delete);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<WorkflowRuleResponse>>> List(WorkflowRuleStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<Ok<WorkflowRuleResponse>> Get(Guid id, HttpContext http, WorkflowRuleStore store, CancellationToken ct)
    {
        var rule = await store.GetAsync(id, ct);
        ETags.Set(http.Response, rule.Version);
        return TypedResults.Ok(rule);
    }

    private static async Task<Created<WorkflowRuleResponse>> Create(
        WorkflowRuleRequest request, HttpContext http, IMessageBus bus, WorkflowRuleReferences references, CancellationToken ct)
    {
        await references.CheckAsync(request, ct);
        var rule = await bus.InvokeAsync<WorkflowRuleResponse>(new CreateWorkflowRule(request, http.User.GetCurrentUser().UserId), ct);
        ETags.Set(http.Response, rule.Version);
        return TypedResults.Created($"/api/admin/workflow-rules/{rule.Id}", rule);
    }

    private static async Task<Ok<WorkflowRuleResponse>> Replace(
        Guid id, WorkflowRuleRequest request, HttpContext http, IMessageBus bus, WorkflowRuleReferences references, CancellationToken ct)
    {
        await references.CheckAsync(request, ct);
        var rule = await bus.InvokeAsync<WorkflowRuleResponse>(
            new ReplaceWorkflowRule(id, ETags.IfMatch(http.Request), request, http.User.GetCurrentUser().UserId), ct);
        ETags.Set(http.Response, rule.Version);
        return TypedResults.Ok(rule);
    }

    private static async Task<NoContent> Delete(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new DeleteWorkflowRule(id, ETags.IfMatch(http.Request)), ct);
        return TypedResults.NoContent();
    }
}
