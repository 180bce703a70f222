using System.Net.Sockets;
using Npgsql;

namespace Ticketing.Api.Hosting.Database;

/// <summary>
/// Tells "the database is not there right now" (stopped, restarting, unreachable, connection lost) apart from a
/// statement that failed on a healthy server. Npgsql's <see cref="NpgsqlException.IsTransient"/> alone is not enough:
/// it calls a server shutting down (57P01 admin_shutdown, 57P02 crash_shutdown) permanent, so a request caught by
/// <c>pg_ctl stop</c> answered 500. Marten wraps some of these (its command exceptions, a failed rollback), so the whole
/// chain is walked.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>True when <paramref name="exception"/> (or one it wraps) says the database is unavailable.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException { IsTransient: true }:
                case TimeoutException:
                case SocketException:
                case IOException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Connection exceptions (class 08), a server shutting down or starting up (57P01-57P03), too many connections.</summary>
    public static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300";
}
