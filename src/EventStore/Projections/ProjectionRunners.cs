using Microsoft.Extensions.Hosting;

namespace Ticketing.EventStore.Projections;

/// <summary>This process's runners, one per async projection (they only run when the host starts them).</summary>
internal sealed class ProjectionRunners(IReadOnlyList<ProjectionRunner> runners)
{
    public IReadOnlyList<ProjectionRunner> All => runners;

    public bool HoldsLock(string name) => runners.Any(r => r.Projection.Name == name && r.HoldsLock);
}

/// <summary>Runs every async projection's runner for the lifetime of the host.</summary>
internal sealed class AsyncProjectionHost(ProjectionRunners runners) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(runners.All.Select(r => Task.Run(() => r.RunAsync(stoppingToken), stoppingToken)));
}
