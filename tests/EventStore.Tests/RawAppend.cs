using Npgsql;

namespace Ticketing.EventStore.Tests;

/// <summary>Appends through the SQL function directly, to control transactions or store old event shapes.</summary>
internal static class RawAppend
{
    public static async Task<long> AppendAsync(NpgsqlConnection connection, Guid stream, string alias, string json)
    {
        await using var command = new NpgsqlCommand("""
            select append_events($1, 'ticket', -1, array[$2]::uuid[], array[$3]::text[], array[$4::jsonb], array[$5::jsonb], now())
            """, connection);
        command.Parameters.Add(new() { Value = stream });
        command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new() { Value = alias });
        command.Parameters.Add(new() { Value = json });
        command.Parameters.Add(new() { Value = $$"""{"correlationId":"{{Guid.CreateVersion7()}}"}""" });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static Task<long> OpenTicketAsync(NpgsqlConnection connection, Guid stream, string title) =>
        AppendAsync(connection, stream, "ticket-opened", $$"""{"ticketId":"{{stream}}","title":"{{title}}"}""");
}
