using Microsoft.Extensions.Options;

namespace Ticketing.Api.Audit.Chain;

/// <summary>Runs <see cref="CheckpointWriter"/> on every node every <see cref="AuditOptions.CheckpointPollInterval"/>; the writer's lock makes one of them write.</summary>
public sealed class CheckpointService(CheckpointWriter writer, TimeProvider time, IOptions<AuditOptions> options, ILogger<CheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointPollInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await writer.WriteAsync(force: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round signs what this one did not: the range only grows.
                logger.LogWarning(e, "Audit checkpoint failed");
            }
        }
    }
}
