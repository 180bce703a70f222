using Microsoft.Extensions.Options;

namespace Ticketing.Api.Attachments;

/// <summary>Runs <see cref="AttachmentSweeper"/> on every node every <see cref="AttachmentOptions.SweepInterval"/>.</summary>
public sealed class AttachmentSweepService(
    AttachmentSweeper sweeper, TimeProvider time, IOptions<AttachmentOptions> options, ILogger<AttachmentSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweeper.SweepAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next run tries again; files only wait longer.
                logger.LogWarning(e, "Attachment sweep failed");
            }
        }
    }
}
