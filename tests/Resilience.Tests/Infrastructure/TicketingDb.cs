using Npgsql;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>Direct SQL on the nodes' database, for what HTTP cannot show: Marten's event log, the outbox, locks.</summary>
public sealed class TicketingDb(string connectionString)
{
    public const string MailLockName = "ticketing.mail-delivery";

    /// <summary>
    /// The events that queue ticket notification mails (<c>TicketNotificationsProjection</c>): public replies that are
    /// not mirror copies, status changes, Taskfire questions, deletions of a shared copy. In the tests' data each mails
    /// exactly one person: every ticket has a contact and a technician, and nobody is told about their own change.
    /// </summary>
    public const string NotifyingEvents = """
        (e.type in ('ticket.status_changed', 'ticket.taskfire_question_asked', 'ticket.shared_copy_deleted')
         or (e.type = 'ticket.reply_posted' and e.data->>'visibility' = 'Public' and e.data->>'mirroredFrom' is null))
        """;

    /// <summary>The outbox rows those events queue, keyed <c>{event id:N}:{recipient id}</c>.</summary>
    public const string NotificationKinds = "('reply_posted', 'status_changed', 'taskfire_question', 'shared_ticket_deleted')";

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

    public Task<long> UnsentMailAsync() => ScalarAsync<long>("select count(*) from mail_outbox where status <> 'sent'");

    /// <summary>Events in <c>mt_events</c> that notify.</summary>
    public Task<long> NotifyingEventsAsync() => ScalarAsync<long>($"select count(*) from mt_events e where {NotifyingEvents}");

    /// <summary>
    /// Notifying events in <c>mt_events</c> without exactly one notification row in the outbox: none would be a mail lost
    /// (an event stored without its mail), several a mail queued twice.
    /// </summary>
    public Task<long> NotifyingEventsWithoutExactlyOneMailAsync() => ScalarAsync<long>($"""
        select count(*) from (
            select e.id from mt_events e
            left join mail_outbox o on o.kind in {NotificationKinds}
                and split_part(o.idempotency_key, ':', 1) = replace(e.id::text, '-', '')
            where {NotifyingEvents}
            group by e.id having count(o.id) <> 1) x
        """);

    /// <summary>Notification rows in the outbox whose event is not in <c>mt_events</c>: a mail for a change that never happened.</summary>
    public Task<long> NotificationMailsWithoutEventAsync() => ScalarAsync<long>($"""
        select count(*) from mail_outbox o
        where o.kind in {NotificationKinds}
          and not exists (select 1 from mt_events e where replace(e.id::text, '-', '') = split_part(o.idempotency_key, ':', 1))
        """);
}
