using Npgsql;

namespace Ticketing.Resilience.Tests.Infrastructure;

/// <summary>Direct SQL on the nodes' database, for what HTTP cannot show: Marten's event log, the outbox, locks.</summary>
public sealed class TicketingDb(string connectionString)
{
    /// <summary>
    /// The events that send ticket notification mails (<c>TicketNotificationHandler</c>): public replies that are
    /// not mirror copies, status changes, Taskfire questions and "work complete", deletions of a shared copy. In the tests' data each mails
    /// exactly one person: every ticket has a contact and a technician, and nobody is told about their own change.
    /// </summary>
    public const string NotifyingEvents = """
        (e.type in ('ticket.status_changed', 'ticket.taskfire_question_asked', 'ticket.taskfire_work_completed', 'ticket.shared_copy_deleted')
         or (e.type = 'ticket.reply_posted' and e.data->>'visibility' = 'Public' and e.data->>'mirroredFrom' is null))
        """;

    /// <summary>The kinds of the mails those events send.</summary>
    public static readonly string[] NotificationKinds = ["reply_posted", "status_changed", "taskfire_question", "taskfire_work_completed", "shared_ticket_deleted"];

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

    /// <summary>Messages Wolverine has not finished: queued, scheduled for a retry, or in progress on some node.</summary>
    public Task<long> PendingMessagesAsync() => ScalarAsync<long>("select count(*) from wolverine_incoming_envelopes where status <> 'Handled'");

    /// <summary>Stored messages (any state) whose body mentions <paramref name="text"/>: a reply's notice carries its text.</summary>
    public Task<long> MessagesMentioningAsync(string text) =>
        ScalarAsync<long>("select count(*) from wolverine_incoming_envelopes where position(convert_to($1, 'UTF8') in body) > 0", text);

    /// <summary>Events in <c>mt_events</c> that notify.</summary>
    public Task<long> NotifyingEventsAsync() => ScalarAsync<long>($"select count(*) from mt_events e where {NotifyingEvents}");

    /// <summary>
    /// Every notifying event against its notice (the Wolverine message stored by the append's transaction) and its
    /// delivered mail (the .eml files of <paramref name="pickupFolders"/>, which name their event in a header).
    /// </summary>
    public async Task<MailAudit> AuditMailAsync(IEnumerable<string> pickupFolders)
    {
        var events = (await ColumnAsync<Guid>($"select e.id from mt_events e where {NotifyingEvents}")).ToHashSet();
        var notices = new HashSet<Guid>();
        foreach (var body in await ColumnAsync<byte[]>("select body from wolverine_incoming_envelopes where message_type like '%TicketEventNotice'"))
        {
            if (DeliveredMail.NoticedEvent(body) is { } eventId)
            {
                notices.Add(eventId);
            }
        }

        var mails = DeliveredMail.Read(pickupFolders).Where(m => NotificationKinds.Contains(m.Kind)).ToList();
        var mailIdsPerEvent = mails.Where(m => m.Cause is not null).GroupBy(m => m.Cause!.Value).ToDictionary(g => g.Key, g => g.Select(m => m.MailId).Distinct().Count());
        return new MailAudit(
            events.Count,
            NotQueued: events.Count(e => !notices.Contains(e) && !mailIdsPerEvent.ContainsKey(e)),
            NotDelivered: events.Count(e => !mailIdsPerEvent.ContainsKey(e)),
            MailedTwice: mailIdsPerEvent.Count(m => m.Value > 1),
            WithoutEvent: notices.Concat(mailIdsPerEvent.Keys).Distinct().Count(e => !events.Contains(e)),
            DeliveredByTwoNodes: mails.GroupBy(m => m.MailId).Count(g => g.Select(m => m.Folder).Distinct().Count() > 1));
    }
}

/// <summary>
/// The notification mail of the log: <see cref="NotQueued"/> events have neither a stored notice nor a mail (a mail
/// lost), <see cref="NotDelivered"/> have no .eml yet, <see cref="MailedTwice"/> have two different mails,
/// <see cref="WithoutEvent"/> notices or mails name an event that is not in the log, and
/// <see cref="DeliveredByTwoNodes"/> mails are in two nodes' pickup folders.
/// </summary>
public sealed record MailAudit(int Notifying, int NotQueued, int NotDelivered, int MailedTwice, int WithoutEvent, int DeliveredByTwoNodes)
{
    public override string ToString() =>
        $"{Notifying} notifying events: {NotQueued} without notice or mail, {NotDelivered} not delivered, {MailedTwice} mailed twice, " +
        $"{WithoutEvent} notices or mails without their event, {DeliveredByTwoNodes} mails delivered by two nodes";
}
