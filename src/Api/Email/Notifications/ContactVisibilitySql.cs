using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Email.Notifications;

/// <summary>
/// Whether a contact could see ticket <c>t</c> (a <c>ticket_list</c> row) in the portal, for the mails that tell them of
/// it (ADR 0020), with the conditions of <c>PortalSql.Visible</c>: the customer's ticketing section on, the ticket's
/// status among the visible ones (P3), created on or after the date filter (P3), a series ticket due within the window
/// (T9). Who the contact is (the ticket's own, or a primary contact of its customer) is the caller's condition; the
/// global switches are checked before the query. Four parameters from the one numbered <c>first</c>: the status to
/// judge (null: the ticket's status now), the visible statuses, the date filter (null: none), the series due-by.
/// </summary>
internal static class ContactVisibilitySql
{
    public static string Condition(int first) => $"""
        exists (select 1 from customers cu where cu.id = t.customer_id and cu.ticketing_portal_enabled)
          and coalesce(${first}::text, t.status_id) = any(${first + 1}::text[])
          and (${first + 2}::timestamptz is null or t.created_at >= ${first + 2}::timestamptz)
          and (t.series_id is null or t.due_date <= ${first + 3}::timestamptz)
        """;

    /// <summary>Adds the four parameters of <see cref="Condition"/>, in its order.</summary>
    public static void AddParameters(NpgsqlParameterCollection parameters, string? status, PortalSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = settings.VisibleStatusIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = (object?)settings.HideCreatedBefore ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = now + SeriesPortalVisibility.Window, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
