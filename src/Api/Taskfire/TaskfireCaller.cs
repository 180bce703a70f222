using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Application.Errors;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Taskfire;

/// <summary>
/// The signed-in Taskfire user (T10): a customer's own IT person, scoped to that one customer, with the language and
/// time zone their pages are shown in, and the ticket policies in force now.
/// </summary>
public sealed record TaskfireCaller(Guid UserId, Guid CustomerId, string Language, TimeZoneInfo TimeZone, TicketPolicies Policies)
{
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } value ? Local(value) : null;

    public string StatusName(string statusId) => Application.Portal.PortalTexts.StatusName(
        statusId, Policies.Statuses.TryFind(statusId, out var status) ? status.Name : statusId, Language);
}

/// <summary>Reads the <see cref="TaskfireCaller"/> of a request, and checks that a ticket id is one of their copies.</summary>
public sealed class TaskfireCallers(NpgsqlDataSource dataSource, ITicketSettings ticketSettings)
{
    private const string CallerSql = """
        select customer_id, language, time_zone from users
        where id = $1 and role = 'taskfire' and customer_id is not null and deactivated_at is null
        """;

    // The one definition of "a ticket the Taskfire user works": a live Taskfire copy of their own customer's ticket.
    private const string OwnCopySql = """
        select 1 from ticket_list
        where id = $1 and side = 'taskfire_copy' and customer_id = $2 and not deleted
        """;

    public async Task<TaskfireCaller> ResolveAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User.GetCurrentUser();
        await using var command = dataSource.CreateCommand(CallerSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = user.UserId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new ForbiddenException("taskfire.user_unknown", "The signed-in user is not an active Taskfire user.");
        }

        var (customer, language, zone) = (reader.GetGuid(0), reader.GetString(1), reader.GetString(2));
        var timeZone = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        return new TaskfireCaller(user.UserId, customer, language, timeZone, await ticketSettings.PoliciesAsync(ct));
    }

    /// <summary>
    /// Throws the same 404 as a missing ticket unless <paramref name="ticketId"/> is one of the caller's copies: an MSP
    /// ticket or another customer's copy must not be told apart from an unknown id.
    /// </summary>
    public async Task EnsureOwnCopyAsync(Guid ticketId, TaskfireCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var command = dataSource.CreateCommand(OwnCopySql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ticketId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = caller.CustomerId });
        if (await command.ExecuteScalarAsync(ct) is null)
        {
            throw NotFound(ticketId);
        }
    }

    public static NotFoundException NotFound(Guid id) => new(TicketErrors.NotFound, $"Ticket {id} was not found.");
}
