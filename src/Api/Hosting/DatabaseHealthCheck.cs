using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Ready means the database answers a trivial query within the check's time-out. A failure clears the idle pool, so
/// connections that died with the server do not fail the first checks and requests after it is back (ADR 0010).
/// </summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException || DatabaseFailures.IsUnavailable(e))
        {
            dataSource.Clear();
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
