using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// Runs <see cref="MailDelivery"/> on one node of the cluster at a time: the node holding a session advisory lock on
/// a dedicated connection delivers; the others wait for the lock in PostgreSQL, so one takes over the moment the
/// holder's session ends (ADR 0010). After an error (the database down) it waits
/// <see cref="MailDeliveryOptions.LockRetryInterval"/> before asking again.
/// </summary>
public sealed class MailDeliveryService(
    NpgsqlDataSource dataSource, MailDelivery delivery, IOptionsMonitor<EmailOptions> options, ILogger<MailDeliveryService> logger)
    : BackgroundService
{
    private const string LockKeySql = "hashtextextended('ticketing.mail-delivery', 0)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Delivery.Enabled)
        {
            logger.LogInformation("Mail delivery is off on this node (Ticketing:Email:Delivery:Enabled)");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lockConnection = await dataSource.OpenConnectionAsync(stoppingToken);
                try
                {
                    // Inside the try: a cancel can cross the grant, and the pooled connection must not keep the lock.
                    await LockAsync(lockConnection, stoppingToken);
                    await DeliverWhileHoldingAsync(lockConnection, stoppingToken);
                }
                finally
                {
                    await UnlockAsync(lockConnection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong (database down, a bug in one pass), the worker must outlive it: a crashed
                // BackgroundService would stop the whole host.
                logger.LogWarning(e, "Mail delivery paused after an error; retrying");
            }

            await Pause(options.CurrentValue.Delivery.LockRetryInterval, stoppingToken);
        }
    }

    private async Task DeliverWhileHoldingAsync(NpgsqlConnection lockConnection, CancellationToken ct)
    {
        logger.LogInformation("This node now delivers mail");
        while (!ct.IsCancellationRequested)
        {
            // A dead lock connection means the lock may be someone else's now: stop before claiming more.
            await using (var ping = lockConnection.Sql("select 1"))
            {
                await ping.ExecuteScalarAsync(ct);
            }

            var settings = options.CurrentValue.Delivery;
            if (await delivery.DeliverDueAsync(ct) < settings.BatchSize)
            {
                await Pause(settings.PollInterval, ct);
            }
        }
    }

    // Blocks until the lock is free; no command time-out, as waiting is this node's normal state.
    private static async Task LockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = connection.Sql($"select pg_advisory_lock({LockKeySql})");
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            // Explicit: the connection goes back to the pool, which must not keep the lock.
            await using var command = connection.Sql($"select pg_advisory_unlock({LockKeySql})");
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken, so the server has released the lock already.
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the service.
        }
    }
}
