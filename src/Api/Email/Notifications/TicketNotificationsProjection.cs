using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Email;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore.Projections;

namespace Ticketing.Api.Email.Notifications;

/// <summary>
/// Queues the ticket notification mails (A4) as an ASYNC projection: the runner applies these inserts together with
/// its checkpoint in one transaction, once across nodes, so each event queues its mail once. Recipients, languages
/// and names are resolved in the inserting statement (Apply does no I/O); the idempotency key (event id +
/// recipient) makes a re-applied event a no-op. The mail is rendered at delivery from kind, language and values.
/// </summary>
/// <remarks>
/// Recipients are read from <c>ticket_list</c> (inline, so never behind this projection) as they are when the event
/// is processed. Events older than <see cref="StaleAfter"/> queue nothing, so a rebuild or a long outage does not
/// mail customers about last month's replies. <see cref="Tables"/> is empty: a rebuild must not truncate the outbox.
/// </remarks>
public sealed class TicketNotificationsProjection : IProjection
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);

    public string Name => "ticket-notifications";

    public IReadOnlyList<string> Tables { get; } = [];

    public void Apply(RecordedEvent @event, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(batch);
        if (CommandFor(@event) is { } command)
        {
            batch.BatchCommands.Add(command);
        }
    }

    private static NpgsqlBatchCommand? CommandFor(RecordedEvent e) => e.Data switch
    {
        ReplyPosted { Visibility: ReplyVisibility.Public, MirroredFrom: null } r when r.Author.IsStaff =>
            Queue(NotificationSql.ReplyToContact, e, r.At, r.Body, r.Author.Id),
        ReplyPosted { Visibility: ReplyVisibility.Public, MirroredFrom: null, Author.Kind: ActorKind.Contact } r =>
            Queue(NotificationSql.ReplyToTechnician, e, r.At, r.Body, r.Author.Id),
        TicketStatusChanged s => Queue(NotificationSql.StatusToContact, e, s.At, s.ToStatusId, s.By.Id),
        TaskfireQuestionAsked q => Queue(NotificationSql.QuestionToTaskfireResource, e, q.At, q.Note, q.NotifyResourceId),
        SharedCopyDeleted d => Queue(NotificationSql.DeletionToTaskfireResource, e, d.At, null, d.NotifyTaskfireResourceId),
        _ => null,
    };

    // $1 outbox id, $2 event id, $3 event time, $4 ticket (stream) id, $5 text value, $6 the user the statement
    // needs (the author to skip, or the Taskfire resource to tell), $7 the stale cut-off.
    private static NpgsqlBatchCommand Queue(string sql, RecordedEvent e, DateTimeOffset at, string? text, Guid user)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.EventId.ToString("N") });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = user });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = StaleAfter.TotalSeconds });
        return command;
    }
}
