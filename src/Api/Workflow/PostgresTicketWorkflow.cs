using Npgsql;
using Ticketing.Api.Tickets;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets;
using Ticketing.Application.Workflow;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;
using Ticketing.EventStore;

namespace Ticketing.Api.Workflow;

/// <summary>
/// <see cref="ITicketWorkflow"/> on PostgreSQL. Appends without notices take the ordinary path; with notices the
/// events and the outbox rows share one transaction. A new ticket always takes the numbering transaction, which
/// then carries the notices too.
/// </summary>
public sealed class PostgresTicketWorkflow(
    NpgsqlDataSource dataSource, WorkflowRuleStore rules, IEventStore store, ITransactionalEventStore transactional, TimeProvider clock)
    : ITicketWorkflow
{
    public Task<IReadOnlyList<WorkflowRule>> EnabledRulesAsync(CancellationToken ct) => rules.EnabledAsync(ct);

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IReadOnlyList<WorkflowNotice> notices, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return await store.AppendAsync(appends, ct);
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var results = await transactional.AppendAsync(connection, tx, appends, ct);
        await WorkflowNoticeOutbox.QueueAsync(connection, tx, notices, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        transactional.NotifyCommitted();
        return results;
    }

    public async Task<IReadOnlyList<AppendResult>> AppendWithNextNumberAsync(
        DateOnly localDate, Func<TicketNumber, (IReadOnlyList<StreamAppend> Appends, IReadOnlyList<WorkflowNotice> Notices)> build, CancellationToken ct)
    {
        IReadOnlyList<WorkflowNotice> notices = [];
        var withNotices = new NoticeQueueingStore(transactional, () => notices, clock);
        return await new TicketNumberAllocator(dataSource, withNotices).AppendWithNextNumberAsync(localDate, number =>
        {
            var built = build(number);
            notices = built.Notices;
            return built.Appends;
        }, ct);
    }

    /// <summary>The allocator's store, adding the notices <paramref name="notices"/> yields once the append is built.</summary>
    private sealed class NoticeQueueingStore(ITransactionalEventStore inner, Func<IReadOnlyList<WorkflowNotice>> notices, TimeProvider clock)
        : ITransactionalEventStore
    {
        public async Task<IReadOnlyList<AppendResult>> AppendAsync(
            NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
        {
            var results = await inner.AppendAsync(connection, transaction, appends, ct);
            await WorkflowNoticeOutbox.QueueAsync(connection, transaction, notices(), clock.GetUtcNow(), ct);
            return results;
        }

        public void NotifyCommitted() => inner.NotifyCommitted();
    }
}
