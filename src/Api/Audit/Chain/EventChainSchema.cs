using Npgsql;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// Installs the chain's trigger on Marten's <c>mt_events</c> (ADR 0024). Our migrations run before Marten creates its
/// tables, so the trigger cannot be a migration: it is created after Marten's schema step, under the same migration
/// lock, whenever it is missing. Weasel compares only columns, keys and indexes of <c>mt_events</c> and never drops a
/// trigger; should a future Marten recreate the table, the next start installs the trigger again. The first
/// installation links the events already stored (a database older than the chain) with appends locked out.
/// </summary>
public static class EventChainSchema
{
    public const string TriggerName = "mt_events_chain";

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await InstalledAsync(connection, null, ct))
        {
            return;
        }

        // The canonical form counts UTF-8 bytes with octet_length, which counts in the database's encoding.
        await using (var encoding = new NpgsqlCommand("select pg_encoding_to_char(encoding) from pg_database where datname = current_database()", connection))
        {
            if (await encoding.ExecuteScalarAsync(ct) is not "UTF8" and var name)
            {
                throw new InvalidOperationException($"The database's encoding is {name}; the audit chain (ADR 0024) needs a UTF8 database.");
            }
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, "lock table mt_events in share row exclusive mode", ct);
        if (!await InstalledAsync(connection, tx, ct))
        {
            await ExecuteAsync(connection, tx, $"""
                create trigger {TriggerName} after insert on mt_events
                for each row execute function event_chain_link()
                """, ct);
            await ExecuteAsync(connection, tx, "select event_chain_backfill()", ct);
        }

        await tx.CommitAsync(ct);
    }

    private static async Task<bool> InstalledAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select exists (select from pg_trigger where tgname = '{TriggerName}' and tgrelid = 'mt_events'::regclass)", connection, tx);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
