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

/// <summary>An active Taskfire user of the caller's own customer, by id and display name.</summary>
public sealed record TaskfireColleague(Guid Id, string? Name);

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

    // The people a ticket can be handed to: the same rule as TicketAssignees.EnsureAssignableAsync, which decides.
    private const string ColleaguesSql = """
        select id, nullif(trim(concat_ws(' ', first_name, last_name)), '') from users
        where role = 'taskfire' and customer_id = $1 and deactivated_at is null
        order by last_name, first_name, id
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

    /// <summary>The active Taskfire users of the caller's customer, the ones a ticket can be handed to (T10).</summary>
    public async Task<IReadOnlyList<TaskfireColleague>> ColleaguesAsync(TaskfireCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var command = dataSource.CreateCommand(ColleaguesSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = caller.CustomerId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var colleagues = new List<TaskfireColleague>();
        while (await reader.ReadAsync(ct))
        {
            colleagues.Add(new TaskfireColleague(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return colleagues;
    }

    public static NotFoundException NotFound(Guid id) => new(TicketErrors.NotFound, $"Ticket {id} was not found.");
}
