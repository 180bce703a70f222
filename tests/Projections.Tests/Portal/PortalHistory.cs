using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests.Portal;

/// <summary>
/// A log that uses every event the portal projection handles, on tickets whose events interleave (so batches cut
/// histories): field changes of every portal column, set and cleared; status moves; assignment and unassignment; billing;
/// public replies and staff-only activity; a series ticket with a due date; Taskfire pairs deleted from either side.
/// Every event has its own time, so a wrong event's time in <c>updated_at</c> shows.
/// </summary>
internal static class PortalHistory
{
    public static async Task<int> AppendAsync(ReadModelDatabase db)
    {
        var count = 0;
        var minute = 0;
        DateTimeOffset Next() => T0.AddMinutes(++minute);
        async Task Append(params TicketEvent[] events)
        {
            await db.AppendAsync(events);
            count += events.Length;
        }

        var (customerA, customerB) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (contact1, contact2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (tech1, tech2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (plain, series, other, msp, copy, msp2, copy2) =
            (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
                Guid.CreateVersion7(), Guid.CreateVersion7());
        var (resource, seriesId) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        await Append(Created(plain, customerA, Next(), "Printer on fire", contact: contact1, assignee: tech1, queue: "Support",
            priority: "P3", number: "T20260301.0001"));
        await Append(new TicketCreated(series, "T20260301.0002",
            TicketFields.Titled("Monthly patching") with { DueDate = T0.AddDays(30), Impact = "impact-low", Type = "type-maintenance" },
            "scheduled", StatusCategory.Pending, TicketSource.Technician, customerA, contact2, null, seriesId, Tech, Next()));
        await Append(Created(other, customerB, Next(), "VPN drops", number: "T20260301.0003"));
        await Append(Created(msp, customerA, Next(), "Server room AC", contact: contact1, number: "T20260301.0004"));
        await Append(Created(msp2, customerB, Next(), "New laptop", status: "new", number: "T20260301.0005"));

        await Append(
            Reply(plain, "public", at: Next()),
            Reply(plain, "note", ReplyVisibility.Internal, at: Next()),
            new TicketFieldsChanged(series, new TicketFieldChanges
            {
                Title = new("Monthly patching (March)"), DueDate = new(T0.AddDays(31)),
            }, Tech, Next()),
            new TicketStatusChanged(other, "open", "waiting", StatusCategory.Pending, Tech, Next()));
        await Append(
            new TicketAssignedToTaskfire(msp, copy, "TF", resource, "Please check", Tech, Next()),
            new TaskfireCopyCreated(copy, msp, "T20260301.0004", TicketFields.Titled("Server room AC"), "open", StatusCategory.Open,
                customerA, contact1, "TF", resource, "Please check", Tech, Next()));
        await Append(
            new TicketAssignedToTaskfire(msp2, copy2, "TF", resource, "Image it", Tech, Next()),
            new TaskfireCopyCreated(copy2, msp2, "T20260301.0005", TicketFields.Titled("New laptop"), "open", StatusCategory.Open,
                customerB, null, "TF", resource, "Image it", Tech, Next()));

        await Append(
            new TicketFieldsChanged(plain, new TicketFieldChanges
            {
                Title = new("Printer still on fire"), Priority = new(null), Impact = new("impact-high"), Type = new("type-incident"),
                ProductFamily = new("family-printers"), Queue = new("queue-field"), IssueType = new("issue-hardware"),
                WorkType = new("work-onsite"), DueDate = new(T0.AddDays(2)),
            }, Tech, Next()),
            new TechnicianAssigned(other, tech2, Tech, Next()),
            new TaskfireQuestionAsked(copy, Guid.CreateVersion7(), "Which room?", resource, Tech, Next()),
            Reply(copy, "Room 2", at: Next(), taskfireRelated: true),
            Reply(msp, "Taskfire asked", ReplyVisibility.Internal, at: Next(), taskfireRelated: true));

        await Append(
            new TicketFieldsChanged(plain, new TicketFieldChanges { Description = new("Now with smoke.") }, Tech, Next()),
            new TicketStatusChanged(plain, "open", "resolved", StatusCategory.Resolved, Tech, Next()),
            new TicketFieldsChanged(series, new TicketFieldChanges { DueDate = new(null), Impact = new(null) }, Tech, Next()),
            new TaskfireWorkCompleted(copy, Guid.CreateVersion7(), "Fixed", "resolved", StatusCategory.Resolved, Tech, Next()),
            new TechnicianAssigned(other, null, Tech, Next()));

        await Append(
            new TicketBilled(plain, Tech, Next()),
            new TicketStatusChanged(plain, "resolved", "open", StatusCategory.Open, Tech, Next()),
            new TicketFieldsChanged(other, new TicketFieldChanges { Priority = new("P1"), Title = new("VPN drops hourly") }, Tech, Next()),
            new TicketDeleted(copy2, Tech, Next()),
            new SharedCopyDeleted(msp2, copy2, resource, Tech, Next()));

        await Append(
            new TicketDeleted(msp, Tech, Next()),
            new SharedCopyDeleted(copy, msp, resource, Tech, Next()),
            new TechnicianAssigned(plain, tech2, Tech, Next()),
            new TicketBilled(other, Tech, Next()),
            Reply(other, "public", at: Next()),
            new TicketStatusChanged(series, "scheduled", "closed", StatusCategory.Closed, Tech, Next()));

        // Staff-only activity last: it moves the version but must leave the contact's "updated" time alone.
        await Append(
            Reply(other, "note", ReplyVisibility.Internal, at: Next()),
            new TicketAssignedToTaskfire(series, Guid.CreateVersion7(), "TF", resource, "Later", Tech, Next()));

        for (var i = 0; i < 3; i++)
        {
            var id = Guid.CreateVersion7();
            await Append(Created(id, customerB, Next(), $"Ticket {i}", queue: $"queue-{i}", number: $"T20260302.000{i}"));
            await Append(
                Reply(id, "note", ReplyVisibility.Internal, at: Next()),
                new TicketFieldsChanged(id, new TicketFieldChanges { WorkType = new($"work-{i}"), Queue = new(null) }, Tech, Next()),
                new TicketDeleted(id, Tech, Next()));
        }

        return count;
    }
}
