using Marten.Internal.Operations;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Storage;

namespace Ticketing.Application.EventSourcing;

/// <summary>
/// One parameterised SQL statement queued in a Marten session, so it runs in the batch and transaction of
/// <c>SaveChangesAsync</c> together with the appended events. Our statements number their parameters <c>$1..$n</c>
/// and may use one twice; each is appended to Marten's command builder once and its placeholder repeated.
/// </summary>
public sealed class SqlStatement(NpgsqlBatchCommand command) : Marten.Internal.Operations.IStorageOperation, NoDataReturnedCall
{
    public NpgsqlBatchCommand Command { get; } = command ?? throw new ArgumentNullException(nameof(command));

    public Type DocumentType => typeof(SqlStatement);

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var sql = Command.CommandText;
        var placeholders = new string?[Command.Parameters.Count];
        var start = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] != '$' || i + 1 >= sql.Length || !char.IsAsciiDigit(sql[i + 1]))
            {
                continue;
            }

            var end = i + 1;
            while (end < sql.Length && char.IsAsciiDigit(sql[end]))
            {
                end++;
            }

            builder.Append(sql[start..i]);
            var index = int.Parse(sql.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture) - 1;
            if (placeholders[index] is { } name)
            {
                builder.Append(name);
            }
            else
            {
                var parameter = Command.Parameters[index];
                var added = builder.AppendParameter(parameter.Value ?? DBNull.Value, parameter.NpgsqlDbType is NpgsqlTypes.NpgsqlDbType.Unknown ? null : parameter.NpgsqlDbType);
                if (parameter.DataTypeName is { } dataType && parameter.NpgsqlDbType is NpgsqlTypes.NpgsqlDbType.Unknown)
                {
                    added.DataTypeName = dataType;
                }

                placeholders[index] = "$" + builder.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            start = i = end;
            i--;
        }

        builder.Append(sql[start..]);
    }

    public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public Weasel.Core.OperationRole Role() => Weasel.Core.OperationRole.Other;
}
