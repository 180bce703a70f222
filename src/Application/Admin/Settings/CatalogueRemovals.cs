using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Admin.Settings;

/// <summary>
/// Guards a catalogues PUT (ADR 0011): an entry the new version drops — custom status, queue, issue type, work type —
/// may not be in use by an open ticket (status category open or pending, not deleted) or by any workflow rule
/// (enabled or not). Otherwise the PUT is a 409 naming each value with its counts, and nothing is written. Runs in
/// the settings transaction under the section's lock.
/// </summary>
public static class CatalogueRemovals
{
    public const string Code = "settings.catalogue_value_in_use";

    /// <summary>One dropped entry still in use.</summary>
    public sealed record InUse(string Catalogue, string Value, long OpenTickets, long WorkflowRules);

    // Catalogue → (ticket_list column, workflow condition field, workflow set target); null where no rule can name it.
    private static readonly Dictionary<string, (string Column, string? Condition, string? Action)> Uses = new(StringComparer.Ordinal)
    {
        ["customStatuses"] = ("status_id", "status", "status"),
        ["queues"] = ("queue", "queue", "queue"),
        ["issueTypes"] = ("issue_type", "issueType", null),
        ["workTypes"] = ("work_type", null, "workType"),
    };

    public static async Task RefuseInUseAsync(NpgsqlConnection connection, string beforeJson, CataloguesSection after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(after);
        var before = SettingsJson.Deserialize<CataloguesSection>(beforeJson);
        var dropped = Dropped("customStatuses", before.CustomStatuses.Select(s => s.Id), after.CustomStatuses.Select(s => s.Id))
            .Concat(Dropped("queues", before.Queues, after.Queues))
            .Concat(Dropped("issueTypes", before.IssueTypes.Select(t => t.Key), after.IssueTypes.Select(t => t.Key)))
            .Concat(Dropped("workTypes", before.WorkTypes, after.WorkTypes));
        var inUse = new List<InUse>();
        foreach (var (catalogue, value) in dropped)
        {
            var use = await CountAsync(connection, catalogue, value, ct);
            if (use.OpenTickets > 0 || use.WorkflowRules > 0)
            {
                inUse.Add(use);
            }
        }

        if (inUse.Count > 0)
        {
            throw new ConflictException(Code,
                string.Join("; ", inUse.Select(u => $"'{u.Value}' ({u.Catalogue}) is held by {u.OpenTickets} open ticket(s) and named by {u.WorkflowRules} workflow rule(s)"))
                + ". Move those tickets and change those rules first.",
                new Dictionary<string, object?> { ["inUse"] = inUse });
        }
    }

    private static IEnumerable<(string, string)> Dropped(string catalogue, IEnumerable<string> before, IEnumerable<string> after)
    {
        var kept = after.ToHashSet(StringComparer.Ordinal);
        return before.Where(v => !kept.Contains(v)).Distinct(StringComparer.Ordinal).Select(v => (catalogue, v));
    }

    private static async Task<InUse> CountAsync(NpgsqlConnection connection, string catalogue, string value, CancellationToken ct)
    {
        var (column, condition, action) = Uses[catalogue];
        // The column comes from the fixed map above, never from the request.
        await using var query = connection.Sql($"""
            select
                (select count(*) from ticket_list
                  where {column} = $1 and side = 'msp' and not deleted and status_category in ('open', 'pending')),
                (select count(*) from workflow_rules r
                  where exists (select 1 from jsonb_array_elements(r.conditions) c
                                where c ->> 'field' = $2
                                  and (lower(c ->> 'value') = lower($1)
                                       or exists (select 1 from jsonb_array_elements_text(coalesce(c -> 'values', '[]')) v where lower(v) = lower($1))))
                     or exists (select 1 from jsonb_array_elements(r.actions) a where a ->> 'set' = $3 and a ->> 'value' = $1))
            """).With(value).With(condition ?? "").With(action ?? "");
        await using var reader = await query.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new InUse(catalogue, value, reader.GetInt64(0), reader.GetInt64(1));
    }
}
