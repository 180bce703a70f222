using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Tickets;

/// <summary>
/// Who a ticket may be assigned to: a staff user with the technician or admin role; a contact, a Taskfire user, an
/// auditor or an unknown id is a 422 problem (<c>ticket.assignee_not_staff</c>). Who a ticket may be handed to in
/// Taskfire (T10): a Taskfire user of the ticket's own customer (<c>ticket.taskfire_resource_invalid</c> otherwise).
/// Both are checked before anything is written.
/// </summary>
public sealed class TicketAssignees(NpgsqlDataSource dataSource)
{
    public const string NotStaff = "ticket.assignee_not_staff";

    public const string InvalidTaskfireResource = "ticket.taskfire_resource_invalid";

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

    /// <summary>The customer a Taskfire user belongs to; null when <paramref name="userId"/> is not a Taskfire user.</summary>
    public async Task<Guid?> TaskfireCustomerAsync(Guid userId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select customer_id from users where id = $1 and role = 'taskfire'").With(userId);
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    /// <summary>Throws the 422 unless <paramref name="resourceCustomer"/> (from <see cref="TaskfireCustomerAsync"/>) is the ticket's customer.</summary>
    public static void EnsureTaskfireResource(Guid resourceId, Guid? resourceCustomer, Guid ticketCustomer)
    {
        if (resourceCustomer != ticketCustomer)
        {
            throw new UnprocessableException(InvalidTaskfireResource, $"User {resourceId} is not a Taskfire user of this ticket's customer.");
        }
    }
}
