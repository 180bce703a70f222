using Npgsql;

namespace Ticketing.Projections.Rebuilds;

/// <summary>
/// Copies of a read model's tables in a schema of their own (<c>rebuild_NAME</c>), with the live tables' columns,
/// constraints, storage parameters and, once filled, the same indexes under the same names, so after the swap the
/// tables are indistinguishable from ones made by the migrations.
/// </summary>
internal sealed class ShadowTables(string schema, IReadOnlyList<string> tables)
{
    public string Schema { get; } = schema;

    public static ShadowTables For(SqlProjection projection) => new($"rebuild_{projection.Name}", projection.Tables);

    /// <summary>
    /// Empty copies with their keys but no other index (filled faster; indexed afterwards). A copy left by a crashed rebuild
    /// is dropped first.
    /// </summary>
    public async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ReadModelRebuilder.ExecuteAsync(connection, tx, $"drop schema if exists {Schema} cascade", ct);
        await ReadModelRebuilder.ExecuteAsync(connection, tx, $"create schema {Schema}", ct);
        foreach (var table in tables)
        {
            await ReadModelRebuilder.ExecuteAsync(connection, tx, $"""
                create table {Schema}.{table} (like public.{table}
                    including defaults including constraints including generated including identity including storage including comments)
                """, ct);
            await using var options = new NpgsqlCommand(
                "select array_to_string(reloptions, ', ') from pg_class where oid = $1::regclass", connection, tx)
            {
                Parameters = { new() { Value = $"public.{table}" } },
            };
            if (await options.ExecuteScalarAsync(ct) is string { Length: > 0 } storage)
            {
                await ReadModelRebuilder.ExecuteAsync(connection, tx, $"alter table {Schema}.{table} set ({storage})", ct);
            }

            // The projections' inserts are "on conflict (key) do nothing": the keys must exist while the copies fill.
            await CopyIndexesAsync(connection, tx, table, keys: true, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>The live tables' other indexes, built on the filled copies, then fresh statistics.</summary>
    public async Task IndexAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var table in tables)
        {
            await CopyIndexesAsync(connection, null, table, keys: false, ct);
            await ReadModelRebuilder.ExecuteAsync(connection, null, $"analyze {Schema}.{table}", ct);
        }
    }

    /// <summary>Builds the live table's primary and unique keys (<paramref name="keys"/>) or its other indexes on the copy, under the same names.</summary>
    private async Task CopyIndexesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string table, bool keys, CancellationToken ct)
    {
        var indexes = new List<(string Name, string Definition, string? Constraint)>();
        await using (var read = new NpgsqlCommand("""
            select i.indexname, i.indexdef, c.contype::text
            from pg_indexes i
            left join pg_constraint c on c.conname = i.indexname and c.conrelid = (i.schemaname || '.' || i.tablename)::regclass
            where i.schemaname = 'public' and i.tablename = $1
            """, connection, tx) { Parameters = { new() { Value = table } } })
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        foreach (var (name, definition, constraint) in indexes.Where(i => (i.Constraint is "p" or "u") == keys))
        {
            var onShadow = definition.Replace($" ON public.{table} ", $" ON {Schema}.{table} ", StringComparison.Ordinal);
            await ReadModelRebuilder.ExecuteAsync(connection, tx, onShadow, ct);
            if (constraint is "p" or "u")
            {
                var kind = constraint == "p" ? "primary key" : "unique";
                await ReadModelRebuilder.ExecuteAsync(connection, tx, $"alter table {Schema}.{table} add constraint {name} {kind} using index {name}", ct);
            }
        }
    }

    /// <summary>Moves the live tables out and the copies in, inside the caller's transaction (one atomic switch for readers).</summary>
    public async Task SwapAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var retired = $"retired_{Schema}";
        await ReadModelRebuilder.ExecuteAsync(connection, tx, $"drop schema if exists {retired} cascade", ct);
        await ReadModelRebuilder.ExecuteAsync(connection, tx, $"create schema {retired}", ct);
        foreach (var table in tables)
        {
            await ReadModelRebuilder.ExecuteAsync(connection, tx, $"alter table public.{table} set schema {retired}", ct);
            await ReadModelRebuilder.ExecuteAsync(connection, tx, $"alter table {Schema}.{table} set schema public", ct);
        }

        await ReadModelRebuilder.ExecuteAsync(connection, tx, $"drop schema {retired} cascade", ct);
    }

    public async Task DropAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ReadModelRebuilder.ExecuteAsync(connection, null, $"drop schema if exists {Schema} cascade", ct);
    }
}
