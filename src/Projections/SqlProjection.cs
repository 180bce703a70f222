using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Ticketing.Application.EventSourcing;

namespace Ticketing.Projections;

/// <summary>
/// A read model kept in plain tables by SQL statements: ONE definition, run by Marten inline (the statements join the
/// append's batch and transaction, so a request reads its own writes) and by <see cref="ReadModelRebuilder"/> when the
/// tables are rebuilt from the log beside the live ones. Statements name tables without a schema: a rebuild points
/// them at its shadow schema through the connection's <c>search_path</c>.
/// </summary>
/// <remarks>
/// Statements must be idempotent per stream version (guarded by <c>version &lt; $v</c>, keyed inserts), so replaying a
/// prefix of the log changes nothing. Apply must not do I/O. Inline, Marten's Quick append gives events their stream
/// versions (every append here knows its expected version) but not their global sequence: never read
/// <see cref="IEvent.Sequence"/> here.
/// </remarks>
public abstract class SqlProjection : EventProjection
{
    protected SqlProjection(string name, params string[] tables)
    {
        Name = name;
        Tables = tables;
    }

    /// <summary>The tables this read model owns; a rebuild builds copies of them and swaps them in.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>Adds the statements for <paramref name="e"/> to <paramref name="commands"/>; ignores events it does not handle.</summary>
    public abstract void Apply(IEvent e, ICollection<NpgsqlBatchCommand> commands);

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var commands = new List<NpgsqlBatchCommand>(2);
        Apply(e, commands);
        foreach (var command in commands)
        {
            operations.QueueOperation(new SqlStatement(command));
        }

        return ValueTask.CompletedTask;
    }
}
