using Npgsql;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>Direct SQL on the nodes' database, for what HTTP cannot show: the log, checkpoints, the outbox, locks.</summary>
public sealed class TicketingDb(string connectionString)
{
    public const string NotificationsProjection = "ticket-notifications";
    public const string ProjectionLockName = "ticketing.projection:" + NotificationsProjection;
    public const string MailLockName = "ticketing.mail-delivery";

    public string ConnectionString { get; } = connectionString;

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<T>> ColumnAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>Application names of the sessions holding the session advisory lock named <paramref name="lockName"/>.</summary>
    public Task<List<string>> LockHoldersAsync(string lockName) => ColumnAsync<string>("""
        select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.objsubid = 1
          and l.database = (select oid from pg_database where datname = current_database())
          and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)
        """, lockName);

    /// <summary>Events the notifications projection has not processed yet.</summary>
    public Task<long> NotificationLagAsync() => ScalarAsync<long>("""
        select count(*) from events e left join projection_checkpoints c on c.name = $1
        where c.name is null or (e.tx_id, e.seq) > (c.tx_id, c.seq)
        """, NotificationsProjection);

    public Task<long> UnsentMailAsync() => ScalarAsync<long>("select count(*) from mail_outbox where status <> 'sent'");

    public Task<long> DeadLettersAsync() => ScalarAsync<long>("select count(*) from projection_dead_letters");
}
