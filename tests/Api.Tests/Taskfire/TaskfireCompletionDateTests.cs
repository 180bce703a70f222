using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>
/// Seed 004 / T10: the completion date shown for a Taskfire pair is the copy's while the pair is assigned to the customer
/// (no technician on the MSP's ticket) and the MSP's while it is assigned to the MSP (a technician is); both sides show
/// the same (ADR 0023), on the tickets' pages and in both lists.
/// </summary>
public sealed class TaskfireCompletionDateTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task While_assigned_to_the_customer_both_sides_show_the_copys_completion_date()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        (await CompletionsAsync(cast, pair)).ShouldAllBe(c => c.AssignedTo == "TaskfireCopy" && c.CompletedAt == null);

        await cast.Resource.TaskfireCommandAsync(pair.Copy, "status", new { status = "resolved" });

        var copyResolved = (await cast.Technician.TicketAsync(pair.Copy)).Ticket.ResolvedAt;
        copyResolved.ShouldNotBeNull();
        var (staff, taskfire) = await BothAsync(cast, pair);
        staff.ShouldBe(new TaskfireCompletionView("TaskfireCopy", copyResolved));
        taskfire.AssignedTo.ShouldBe("TaskfireCopy");
        taskfire.CompletedAt.ShouldBe(copyResolved);
        taskfire.CompletedAt!.Value.Offset.ShouldBe(TimeSpan.FromHours(9));
    }

    [Fact]
    public async Task Once_a_technician_is_assigned_both_sides_show_the_msps_completion_date_and_after_unassigning_the_copys_again()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        await cast.Resource.TaskfireCommandAsync(pair.Copy, "status", new { status = "resolved" });
        var copyResolved = (await cast.Technician.TicketAsync(pair.Copy)).Ticket.ResolvedAt;

        await cast.Technician.CommandAsync(pair.Msp, "assign", new { technicianId = cast.Technician.Id });
        (await CompletionsAsync(cast, pair)).ShouldAllBe(c => c.AssignedTo == "Msp" && c.CompletedAt == null);

        await cast.Technician.CommandAsync(pair.Msp, "status", new { status = "closed" });
        var mspResolved = (await cast.Technician.TicketAsync(pair.Msp)).Ticket.ResolvedAt;
        mspResolved.ShouldNotBeNull();
        mspResolved.ShouldNotBe(copyResolved);
        (await CompletionsAsync(cast, pair)).ShouldAllBe(c => c.AssignedTo == "Msp" && c.CompletedAt == mspResolved);

        await cast.Technician.CommandAsync(pair.Msp, "assign", new { technicianId = (Guid?)null });
        (await CompletionsAsync(cast, pair)).ShouldAllBe(c => c.AssignedTo == "TaskfireCopy" && c.CompletedAt == copyResolved);
    }

    [Fact]
    public async Task A_ticket_without_taskfire_has_no_taskfire_completion_date()
    {
        var cast = await api.CastAsync();
        var ticket = await cast.Technician.CreateTicketAsync(cast.CustomerA);

        (await cast.Technician.TicketAsync(ticket.Id)).TaskfireCompletion.ShouldBeNull();
        (await StaffListAsync(cast)).Single(t => t.Id == ticket.Id).TaskfireCompletion.ShouldBeNull();
    }

    [Fact]
    public async Task A_ticket_of_the_taskfire_users_own_help_desk_shows_its_own_completion_date_in_their_list()
    {
        var cast = await api.CastAsync();
        var own = await cast.Resource.PostAsync<CreatedTicket>(TaskfireUserHttp.Tickets, new { title = "Our own" });
        await cast.Resource.TaskfireCommandAsync(own.Id, "status", new { status = "resolved" });

        var item = (await cast.Resource.TaskfireListAsync()).Items.Single(i => i.Id == own.Id);

        item.LinkedToMsp.ShouldBeFalse();
        item.Completion.ShouldNotBeNull().AssignedTo.ShouldBe("TaskfireCopy");
        item.Completion.CompletedAt.ShouldNotBeNull();
    }

    private static async Task<(TaskfireCompletionView Staff, TaskfireCompletionView Taskfire)> BothAsync(TaskfireCast cast, TaskfirePair pair)
    {
        var staff = (await cast.Technician.TicketAsync(pair.Msp)).TaskfireCompletion.ShouldNotBeNull();
        var taskfire = (await cast.Resource.TaskfireTicketAsync(pair.Copy)).Completion.ShouldNotBeNull();
        return (staff, taskfire);
    }

    // The MSP ticket's page, the copy's page for staff and the Taskfire user's page; both tickets in the technicians'
    // list and the copy in the Taskfire user's list (instants compared as instants: the Taskfire user's are local).
    private static async Task<TaskfireCompletionView[]> CompletionsAsync(TaskfireCast cast, TaskfirePair pair)
    {
        var staffList = await StaffListAsync(cast);
        return
        [
            (await cast.Technician.TicketAsync(pair.Msp)).TaskfireCompletion.ShouldNotBeNull(),
            (await cast.Technician.TicketAsync(pair.Copy)).TaskfireCompletion.ShouldNotBeNull(),
            (await cast.Resource.TaskfireTicketAsync(pair.Copy)).Completion.ShouldNotBeNull(),
            staffList.Single(t => t.Id == pair.Msp).TaskfireCompletion.ShouldNotBeNull(),
            staffList.Single(t => t.Id == pair.Copy).TaskfireCompletion.ShouldNotBeNull(),
            (await cast.Resource.TaskfireListAsync()).Items.Single(i => i.Id == pair.Copy).Completion.ShouldNotBeNull(),
        ];
    }

    private static async Task<IReadOnlyList<TicketRow>> StaffListAsync(TaskfireCast cast) =>
        (await cast.Technician.GetAsync<TicketList>($"/api/tickets?customerId={cast.CustomerA}&limit=100")).Items;
}
