using Ticketing.Api.Taskfire;

namespace Ticketing.Api.Portal.Web.Taskfire;

/// <summary>
/// What the Taskfire user's pages share (T10, ADR 0028): the caller as the <c>/api/taskfire</c> endpoints resolve it
/// (<see cref="TaskfireCallers"/>), and the portal pages' way of showing a refusal of that code on the page.
/// </summary>
public abstract class TaskfirePageModel(PortalContexts contexts, TaskfireCallers callers) : PortalPageModel(contexts)
{
    private TaskfireCaller? _caller;

    public TaskfireCaller Caller => _caller ?? throw new InvalidOperationException("The caller is resolved by the page handler.");

    protected TaskfireCallers Callers => callers;

    protected async Task<TaskfireCaller> CallerAsync(CancellationToken ct) => _caller ??= await callers.ResolveAsync(HttpContext, ct);
}
