using Npgsql;

namespace Ticketing.Application.Identity.Customers;

/// <summary>A customer row as the staff API returns it; also the audit snapshot.</summary>
public sealed record CustomerResponse(
    Guid Id,
    string Name,
    IReadOnlyList<string> EmailDomains,
    string TimeZone,
    bool TicketingPortalEnabled,
    bool KnowledgeBaseEnabled,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string Columns =
        "id, name, email_domains, time_zone, ticketing_portal_enabled, knowledge_base_enabled, version, created_at, updated_at";

    public static CustomerResponse Read(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetString(1), row.GetFieldValue<string[]>(2), row.GetString(3), row.GetBoolean(4),
        row.GetBoolean(5), row.GetInt32(6), row.GetFieldValue<DateTimeOffset>(7), row.GetFieldValue<DateTimeOffset>(8));

    public static async Task<CustomerResponse?> FindAsync(NpgsqlConnection connection, Guid id, bool forUpdate, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from customers where id = $1{(forUpdate ? " for update" : "")}", connection)
        {
            Parameters = { new() { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }
}
