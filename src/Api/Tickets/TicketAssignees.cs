using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Tickets;

/// <summary>
/// Who a ticket may be assigned to: a staff user with the technician or admin role. A contact, a Taskfire user, an
/// auditor or an unknown id is a 422 problem (<c>ticket.assignee_not_staff</c>) before anything is written.
/// </summary>
public sealed class TicketAssignees(NpgsqlDataSource dataSource)
{
    public const string NotStaff = "ticket.assignee_not_staff";

    public async Task EnsureAssignableAsync(Guid? assigneeId, CancellationToken ct)
    {
        if (assigneeId is not { } id)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("select exists (select 1 from users where id = $1 and role in ('admin', 'technician'))").With(id);
        if (await command.ExecuteScalarAsync(ct) is not true)
        {
            throw new UnprocessableException(NotStaff, $"User {id} is not a technician or an administrator; tickets are assigned to staff.");
        }
    }
}
