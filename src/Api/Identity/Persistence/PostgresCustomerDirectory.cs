using Npgsql;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Persistence;

/// <summary><see cref="ICustomerDirectory"/> on the identity tables; batched lookups use <c>= any($1)</c>.</summary>
public sealed class PostgresCustomerDirectory(NpgsqlDataSource dataSource) : ICustomerDirectory
{
    private const string CustomerSelect =
        "select id, name, time_zone, ticketing_portal_enabled, knowledge_base_enabled from customers";

    private const string ContactSelect = """
        select u.id, u.customer_id, u.first_name, u.last_name, u.email, c.is_primary, u.language, u.time_zone,
               cu.ticketing_portal_enabled, cu.knowledge_base_enabled
        from users u join contacts c on c.id = u.id join customers cu on cu.id = u.customer_id
        """;

    public async Task<CustomerSummary?> GetCustomerAsync(Guid customerId, CancellationToken ct = default) =>
        (await GetCustomersAsync([customerId], ct)).GetValueOrDefault(customerId);

    public async Task<IReadOnlyDictionary<Guid, CustomerSummary>> GetCustomersAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return new Dictionary<Guid, CustomerSummary>();
        }

        await using var command = dataSource.CreateCommand($"{CustomerSelect} where id = any($1)").WithUuids(customerIds);
        return (await ReadAllAsync(command, ReadCustomer, ct)).ToDictionary(c => c.Id);
    }

    public async Task<CustomerSummary?> FindCustomerByEmailDomainAsync(string domain, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"{CustomerSelect} where id = (select customer_id from customer_email_domains where domain = $1)")
            .With(domain.Trim().TrimStart('@').ToLowerInvariant());
        return (await ReadAllAsync(command, ReadCustomer, ct)).SingleOrDefault();
    }

    public async Task<ContactSummary?> GetContactAsync(Guid contactId, CancellationToken ct = default) =>
        (await GetContactsAsync([contactId], ct)).GetValueOrDefault(contactId);

    public async Task<IReadOnlyDictionary<Guid, ContactSummary>> GetContactsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken ct = default)
    {
        if (contactIds.Count == 0)
        {
            return new Dictionary<Guid, ContactSummary>();
        }

        await using var command = dataSource.CreateCommand($"{ContactSelect} where u.id = any($1)").WithUuids(contactIds);
        return (await ReadAllAsync(command, ReadContact, ct)).ToDictionary(c => c.Id);
    }

    private static CustomerSummary ReadCustomer(NpgsqlDataReader row) =>
        new(row.GetGuid(0), row.GetString(1), row.GetString(2), row.GetBoolean(3), row.GetBoolean(4));

    private static ContactSummary ReadContact(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetGuid(1), row.GetString(2), row.GetString(3), row.GetString(4), row.GetBoolean(5),
        row.GetString(6), row.GetString(7), row.GetBoolean(8), row.GetBoolean(9));

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
