using JasperFx.Events;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Domain.Tickets;
using Ticketing.Projections;

namespace Ticketing.Api.Email.Notifications;

/// <summary>
/// Queues the ticket notification mails (A4) inline: the outbox rows are written by the append's own transaction, so an
/// event that is stored has its mails queued and one that is not has none, on any node, with no consumer that could
/// skip an event. Recipients, languages and names are resolved in the inserting statement (Apply does no I/O); the
/// idempotency key (event id + recipient) makes a re-applied event a no-op. The mail is rendered at delivery from kind,
/// language and values.
/// </summary>
/// <remarks>
/// Recipients are read from <c>ticket_list</c>, which the append updates before these statements. Events older than
/// <see cref="StaleAfter"/> queue nothing, so importing an old log does not mail customers about last month's replies.
/// It owns no table and is not rebuildable: a rebuild must not truncate the outbox.
/// </remarks>
public sealed class TicketNotificationsProjection() : SqlProjection("ticket_notifications")
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);

    public override void Apply(IEvent e, ICollection<NpgsqlBatchCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(commands);
        if (CommandFor(e) is { } command)
        {
            commands.Add(command);
        }
    }

    private static NpgsqlBatchCommand? CommandFor(IEvent e) => e.Data switch
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
    private static NpgsqlBatchCommand Queue(string sql, IEvent e, DateTimeOffset at, string? text, Guid user)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Id.ToString("N") });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = user });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = StaleAfter.TotalSeconds });
        return command;
    }
}
