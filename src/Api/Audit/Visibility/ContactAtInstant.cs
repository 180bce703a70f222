using System.Text.Json;
using Npgsql;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Api.Audit.Visibility;

/// <summary>
/// A contact as it stood at an instant (ADR 0026): company, primary flag, language and time zone, and the company's
/// portal switches. Contacts and customers live in plain tables (ADR 0003) whose every change is in <c>audit_log</c>
/// with the whole record before and after, so each property is the one of the last change at or before the instant;
/// failing that, the <c>before</c> of the first later change; failing that, the row as it is now (nothing changed it
/// since). A contact never moves to another company.
/// </summary>
public static class ContactAtInstant
{
    private const string Sql = """
        select u.customer_id, u.created_at <= $2,
            (select a.after::text from audit_log a
             where a.entity = 'contact' and a.entity_id = u.id and a.action in ('contact.created', 'contact.updated') and a.at <= $2
             order by a.id desc limit 1),
            (select a.before::text from audit_log a
             where a.entity = 'contact' and a.entity_id = u.id and a.action = 'contact.updated' and a.at > $2
             order by a.id limit 1),
            (select a.after::text from audit_log a
             where a.entity = 'customer' and a.entity_id = u.customer_id and a.action in ('customer.created', 'customer.updated') and a.at <= $2
             order by a.id desc limit 1),
            (select a.before::text from audit_log a
             where a.entity = 'customer' and a.entity_id = u.customer_id and a.action = 'customer.updated' and a.at > $2
             order by a.id limit 1)
        from users u
        where u.id = $1 and u.role = 'contact'
        """;

    /// <summary>The contact at <paramref name="at"/>; null when no such contact exists or it was created later.</summary>
    public static async Task<ContactSummary?> FindAsync(
        NpgsqlConnection connection, ICustomerDirectory directory, Guid contactId, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(directory);
        string? contactAfter, contactBefore, customerAfter, customerBefore;
        await using (var query = connection.Sql(Sql).With(contactId).With(at))
        await using (var reader = await query.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct) || !reader.GetBoolean(1))
            {
                return null;
            }

            (contactAfter, contactBefore, customerAfter, customerBefore) = (Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5));
        }

        var now = await directory.GetContactAsync(contactId, ct);
        if (now is null)
        {
            return null;
        }

        using var contact = new Snapshots(contactAfter, contactBefore);
        using var customer = new Snapshots(customerAfter, customerBefore);
        return now with
        {
            IsPrimary = contact.Boolean("isPrimary") ?? now.IsPrimary,
            Language = contact.String("language") ?? now.Language,
            TimeZone = contact.String("timeZone") ?? now.TimeZone,
            TicketingPortalEnabled = customer.Boolean("ticketingPortalEnabled") ?? now.TicketingPortalEnabled,
            KnowledgeBaseEnabled = customer.Boolean("knowledgeBaseEnabled") ?? now.KnowledgeBaseEnabled,
        };
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    /// <summary>The record after the last change up to the instant, then before the first change after it.</summary>
    private sealed class Snapshots(string? after, string? before) : IDisposable
    {
        private readonly JsonDocument? afterDocument = after is null ? null : JsonDocument.Parse(after);
        private readonly JsonDocument? beforeDocument = before is null ? null : JsonDocument.Parse(before);

        public bool? Boolean(string name) =>
            Find(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

        public string? String(string name) => Find(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

        private JsonElement? Find(string name)
        {
            foreach (var document in new[] { afterDocument, beforeDocument })
            {
                if (document?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value))
                {
                    return value;
                }
            }

            return null;
        }

        public void Dispose()
        {
            afterDocument?.Dispose();
            beforeDocument?.Dispose();
        }
    }
}
