using Npgsql;
using NpgsqlTypes;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// The session advisory lock that makes one process in the cluster the runner of a projection. It lives
/// on a dedicated connection: when the holder dies, its connection drops and PostgreSQL releases the lock.
/// </summary>
internal sealed class ProjectionLock : IAsyncDisposable
{
    /// <summary>SQL giving the bigint lock key of the projection named by parameter $1.</summary>
    public const string KeySql = "hashtextextended('ticketing.projection:' || $1, 0)";

    private readonly NpgsqlConnection connection;
    private readonly string name;

    private ProjectionLock(NpgsqlConnection connection, string name)
    {
        this.connection = connection;
        this.name = name;
    }

    /// <summary>Takes the lock if nobody holds it; null otherwise.</summary>
    public static async Task<ProjectionLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand($"select pg_try_advisory_lock({KeySql})", connection);
            command.Parameters.Add(Param(name, NpgsqlDbType.Text));
            if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true)
            {
                return new ProjectionLock(connection, name);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Waits until the lock is free and takes it. A waiting node is queued in PostgreSQL, so it gets the lock the moment
    /// the holder's session ends (a killed process, a closed connection) instead of at its next poll (ADR 0010).
    /// Cancelling <paramref name="ct"/> cancels the wait on the server.
    /// </summary>
    public static async Task<ProjectionLock> AcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand($"select pg_advisory_lock({KeySql})", connection) { CommandTimeout = 0 };
            command.Parameters.Add(Param(name, NpgsqlDbType.Text));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new ProjectionLock(connection, name);
        }
        catch
        {
            // A cancel can cross the grant: release whatever this session holds before the connection goes back to the
            // pool, which does not reset connections (TicketingDatabase).
            await new ProjectionLock(connection, name).DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Throws when the lock connection is gone (terminated, network loss): the lock may be someone else's now.</summary>
    public async Task EnsureHeldAsync(CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select 1", connection);
        await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Explicit unlock: the connection goes back to the pool, which must not keep the lock.
            await using var command = new NpgsqlCommand($"select pg_advisory_unlock({KeySql})", connection);
            command.Parameters.Add(Param(name, NpgsqlDbType.Text));
            await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection is broken, so the server has already released the lock.
        }
        catch (InvalidOperationException)
        {
            // Same: the connection is no longer open.
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
