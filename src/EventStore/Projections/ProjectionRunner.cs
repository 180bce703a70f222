using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// Follows the log for one async projection for as long as this process holds its advisory lock; without
/// the lock it waits for it in PostgreSQL, so another process takes over as soon as the holder's session ends
/// (ADR 0010). Errors, a database outage included, back off exponentially and retry.
/// </summary>
internal sealed partial class ProjectionRunner(
    IProjection projection,
    ProjectionProcessor processor,
    NpgsqlDataSource dataSource,
    ProjectionSignal signal,
    EventStoreOptions options,
    ILogger<ProjectionRunner> logger)
{
    private volatile bool holdsLock;

    public IProjection Projection => projection;

    /// <summary>Whether this process currently runs the projection.</summary>
    public bool HoldsLock => holdsLock;

    public async Task RunAsync(CancellationToken ct)
    {
        var wake = signal.Subscribe();
        var delay = TimeSpan.FromMilliseconds(100);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await using var held = await ProjectionLock.AcquireAsync(dataSource, projection.Name, ct).ConfigureAwait(false);
                    holdsLock = true;
                    LogLockTaken(logger, projection.Name);
                    await FollowAsync(held, wake, () => delay = TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    holdsLock = false;
                    LogRetrying(logger, e, projection.Name, delay);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
                }
                finally
                {
                    holdsLock = false;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            signal.Unsubscribe(wake);
            wake.Dispose();
        }
    }

    private async Task FollowAsync(ProjectionLock held, SemaphoreSlim wake, Action onProgress, CancellationToken ct)
    {
        var checkpoint = await processor.LoadCheckpointAsync(projection.Name, ct).ConfigureAwait(false);
        var batchSize = options.BatchSize;
        while (true)
        {
            await held.EnsureHeldAsync(ct).ConfigureAwait(false);
            int count;
            try
            {
                (checkpoint, count) = await processor.ProcessNextBatchAsync(projection, checkpoint, batchSize, ct).ConfigureAwait(false);
            }
            catch (CheckpointMovedException)
            {
                // A rebuild reset it (or a former holder committed late): continue from where it is now.
                checkpoint = await processor.LoadCheckpointAsync(projection.Name, ct).ConfigureAwait(false);
                continue;
            }

            onProgress();
            if (count == batchSize)
            {
                // Far behind (e.g. after a rebuild was requested): bigger transactions catch up faster.
                batchSize = Math.Min(batchSize * 2, Math.Max(options.BatchSize, options.RebuildBatchSize));
                continue;
            }

            batchSize = options.BatchSize;
            await wake.WaitAsync(options.PollInterval, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection}: this node took the runner lock")]
    private static partial void LogLockTaken(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection}: runner failed; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception error, string projection, TimeSpan delay);
}
