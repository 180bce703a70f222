using Npgsql;

namespace Ticketing.Api.Hosting;

/// <summary>
/// <c>Ticketing:Database:ConnectTimeoutSeconds</c> (opening a connection, including the wait for a pooled one) and
/// <c>Ticketing:Database:CommandTimeoutSeconds</c> (one statement). They bound how long a request can wait on a
/// database that is down or unreachable before it is answered 503 (ADR 0010); unset, the connection string's
/// values (Npgsql's 15 s and 30 s by default) stay.
/// </summary>
public static class DatabaseTimeouts
{
    public const string Section = "Ticketing:Database";

    public static void Apply(IConfiguration configuration, NpgsqlConnectionStringBuilder connection)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(connection);
        if (configuration.GetValue<int?>($"{Section}:ConnectTimeoutSeconds") is { } connect)
        {
            connection.Timeout = connect;
        }

        if (configuration.GetValue<int?>($"{Section}:CommandTimeoutSeconds") is { } command)
        {
            connection.CommandTimeout = command;
        }
    }
}
