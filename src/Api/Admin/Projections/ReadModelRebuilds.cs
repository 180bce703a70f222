using Ticketing.Projections.Rebuilds;

namespace Ticketing.Api.Admin.Projections;

/// <summary>
/// Runs an HTTP-requested rebuild in the background of this node (a rebuild of a large log outlasts any request) and
/// tells the caller whether it started: false when another rebuild of that read model, on any node, holds its lock.
/// The host's stopping token cancels it; the live tables are untouched until the final swap.
/// </summary>
public sealed partial class ReadModelRebuilds(ReadModelRebuilder rebuilder, IHostApplicationLifetime lifetime, ILogger<ReadModelRebuilds> logger)
{
    public async Task<bool> StartAsync(string name, Guid? requestedBy)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            try
            {
                var outcome = await rebuilder.RebuildAsync(name, requestedBy, lifetime.ApplicationStopping, () => started.TrySetResult(true));
                started.TrySetResult(outcome == RebuildOutcome.Completed);
            }
            catch (Exception e)
            {
                if (!started.TrySetException(e))
                {
                    LogFailed(logger, e, name);
                }
            }
        });
        return await started.Task;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background rebuild of {Name} did not complete")]
    private static partial void LogFailed(ILogger logger, Exception e, string name);
}
