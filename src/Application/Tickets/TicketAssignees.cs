using Marten;
using Ticketing.Application.Errors;

namespace Ticketing.Application.Tickets;

/// <summary>
/// Who a ticket may be assigned to: an active (not deactivated) staff user with the technician or admin role; a contact,
/// a Taskfire user, an auditor, a deactivated user or an unknown id is a 422 problem (<c>ticket.assignee_not_staff</c>).
/// Who a ticket may be handed to in Taskfire (T10): an active Taskfire user of the ticket's own customer
/// (<c>ticket.taskfire_resource_invalid</c> otherwise).
/// Both are checked before anything is written.
/// </summary>
public static class TicketAssignees
{
    public const string NotStaff = "ticket.assignee_not_staff";

    public const string InvalidTaskfireResource = "ticket.taskfire_resource_invalid";

    /// <summary>The SQL condition on a <c>users</c> row (alias-free) that makes its user assignable: the one definition of "staff".</summary>
    public const string AssignableSql = "role in ('admin', 'technician') and deactivated_at is null";

    public static async Task EnsureAssignableAsync(IQuerySession session, Guid? assigneeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (assigneeId is not { } id)
        {
            return;
        }

        var staff = await session.QueryAsync<bool>($"select exists (select 1 from users where id = ? and {AssignableSql})", ct, id);
        if (!staff.Single())
        {
            throw new UnprocessableException(NotStaff, $"User {id} is not a technician or an administrator; tickets are assigned to staff.");
        }
    }

    /// <summary>The customer a Taskfire user belongs to; null when <paramref name="userId"/> is not an active Taskfire user.</summary>
    public static async Task<Guid?> TaskfireCustomerAsync(IQuerySession session, Guid userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var customers = await session.QueryAsync<Guid>("select customer_id from users where id = ? and role = 'taskfire' and customer_id is not null and deactivated_at is null", ct, userId);
        return customers.Count == 0 ? null : customers[0];
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
