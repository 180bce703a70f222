using Npgsql;
using Ticketing.Projections.Portal;

namespace Ticketing.Projections.Tests.Portal;

/// <summary>
/// The portal read model rebuilt from the log must hold exactly the rows its statements wrote inline when the events
/// were appended, wherever the rebuild's pages cut a ticket's history, and replaying the log must change nothing.
/// </summary>
public sealed class PortalRebuildTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task The_history_gives_every_portal_column_at_least_two_values()
    {
        await PortalHistory.AppendAsync(db);

        // Otherwise a rebuild that wrote a constant, a default or the wrong event's value into a column could match.
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var column in await ColumnsAsync(connection))
        {
            await using var count = new NpgsqlCommand(
                $"select count(distinct coalesce({column}::text, '<null>')) from portal_tickets", connection);
            ((long)(await count.ExecuteScalarAsync())!).ShouldBeGreaterThan(1, column);
        }

        await using var rows = new NpgsqlCommand(
            "select count(*) filter (where billed), count(*) filter (where deleted), count(*) filter (where updated_at > created_at) from portal_tickets",
            connection);
        await using var reader = await rows.ExecuteReaderAsync();
        await reader.ReadAsync();
        (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)).ShouldBe((2L, 5L, 8L));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(2_000)]
    public async Task A_rebuild_in_pages_of_any_size_gives_the_rows_the_inline_projection_wrote(int pageSize)
    {
        await PortalHistory.AppendAsync(db);
        var inline = await SnapshotAsync();

        await db.RebuildAsync(pageSize, "portal_tickets");

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Fact]
    public async Task Applying_the_log_again_from_any_point_changes_nothing()
    {
        await PortalHistory.AppendAsync(db);
        var inline = await SnapshotAsync();
        var log = await db.ReadLogAsync();

        for (var start = 0; start < log.Count; start += 2)
        {
            await db.ApplyAsync(log.Skip(start), new PortalTicketProjection());
        }

        await db.ApplyAsync(Enumerable.Reverse(log), new PortalTicketProjection());
        (await SnapshotAsync()).ShouldBe(inline);
    }

    private Task<string> SnapshotAsync() => db.SnapshotAsync("portal_tickets", "id");

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection)
    {
        var columns = new List<string>();
        await using var command = new NpgsqlCommand(
            "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'portal_tickets' order by ordinal_position",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        columns.Count.ShouldBe(22);
        return columns;
    }
}
