using Npgsql;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>
/// The ticket an inbound mail quoting a ticket number threads into (A5): a live MSP ticket of the sender's company
/// that the sender may see in the portal (own, or any as primary contact). Reads <c>ticket_list</c> only.
/// </summary>
public sealed class MailThreadQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select id from ticket_list
        where number = $1 and side = 'msp' and not deleted and customer_id = $2 and (contact_id = $3 or $4)
        order by created_at limit 1
        """;

    /// <summary>Null when no such ticket exists: quoting someone else's number opens a new ticket instead of leaking into theirs.</summary>
    public async Task<Guid?> FindAsync(string number, Guid customerId, Guid contactId, bool isPrimaryContact, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = number });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = customerId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = contactId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = isPrimaryContact });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is Guid id ? id : null;
    }
}
