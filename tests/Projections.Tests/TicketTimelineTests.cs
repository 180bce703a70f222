using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Details;
using Ticketing.Projections.Tickets.Queries;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests;

public sealed class TicketTimelineTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new();
    private readonly Guid msp = Guid.CreateVersion7();
    private readonly Guid copy = Guid.CreateVersion7();
    private readonly Guid customer = Guid.CreateVersion7();
    private readonly Guid resource = Guid.CreateVersion7();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private TicketDetailQuery Details => new(db.DataSource);

    [Fact]
    public async Task Public_replies_and_internal_notes_are_kept_and_the_portal_audience_never_gets_notes()
    {
        var attachment = Attachment("screenshot.png");
        await db.AppendAsync(Created(msp, customer));
        await db.AppendAsync(Reply(msp, "We are on it", attachments: [attachment], at: T0.AddMinutes(1)));
        await db.AppendAsync(Reply(msp, "Caller is grumpy", ReplyVisibility.Internal, at: T0.AddMinutes(2)));
        await db.AppendAsync(new TicketStatusChanged(msp, "open", "waiting", StatusCategory.Pending, Tech, T0.AddMinutes(3)));

        var staff = (await Details.GetAsync(msp, TimelineAudience.Staff, default)).ShouldNotBeNull();
        var portal = (await Details.GetAsync(msp, TimelineAudience.Public, default)).ShouldNotBeNull();

        staff.Timeline.Select(e => (e.Kind, e.Visibility)).ShouldBe([
            (TimelineEntryKind.Reply, ReplyVisibility.Public),
            (TimelineEntryKind.InternalNote, ReplyVisibility.Internal),
            (TimelineEntryKind.StatusChange, ReplyVisibility.Public)]);
        staff.Timeline[0].Attachments.ShouldBe([attachment]);
        staff.Timeline[0].Author.ShouldBe(Tech);
        staff.Timeline[2].ShouldSatisfyAllConditions(
            e => e.FromStatusId.ShouldBe("open"), e => e.ToStatusId.ShouldBe("waiting"), e => e.Version.ShouldBe(4));
        portal.Timeline.Select(e => e.Body).ShouldBe(["We are on it", null]);
        staff.Ticket.Version.ShouldBe(4);
        staff.CreatedBy.ShouldBe(Tech);
    }

    [Fact]
    public async Task Both_copies_of_a_taskfire_pair_are_listed_linked_and_each_side_keeps_its_own_status()
    {
        var taskfireUser = Actor.TaskfireUser(Guid.CreateVersion7());
        await db.AppendAsync(Created(msp, customer, status: "in_progress"));
        await db.AppendAsync(
            new TicketAssignedToTaskfire(msp, copy, "TF Desk", resource, "Please swap the toner", Tech, T0.AddHours(1)),
            new TaskfireCopyCreated(copy, msp, "T20260301.0001", TicketFields.Titled("Printer on fire"), "open",
                StatusCategory.Open, customer, null, "TF Desk", resource, "Please swap the toner", Tech, T0.AddHours(1)));
        var noteId = Guid.CreateVersion7();
        await db.AppendAsync(
            new ReplyPosted(msp, noteId, Tech, "Toner is in the cupboard", ReplyVisibility.Internal, true, [], null, T0.AddHours(2)),
            new ReplyPosted(copy, noteId, Tech, "Toner is in the cupboard", ReplyVisibility.Internal, true, [], msp, T0.AddHours(2)));
        await db.AppendAsync(new TaskfireQuestionAsked(copy, Guid.CreateVersion7(), "Which cupboard?", resource, Tech, T0.AddHours(3)));
        await db.AppendAsync(new TaskfireWorkCompleted(copy, Guid.CreateVersion7(), "Swapped", "resolved", StatusCategory.Resolved, taskfireUser, T0.AddHours(4)));

        var page = await new TicketListQuery(db.DataSource).ExecuteAsync(new() { CustomerId = customer }, default);
        var mspRow = page.Items.Single(i => i.Id == msp);
        var copyRow = page.Items.Single(i => i.Id == copy);
        mspRow.ShouldSatisfyAllConditions(
            r => r.Side.ShouldBe(TicketSide.Msp), r => r.LinkedTicketId.ShouldBe(copy),
            r => r.TaskfireResourceId.ShouldBe(resource), r => r.StatusId.ShouldBe("in_progress"), r => r.Version.ShouldBe(3));
        copyRow.ShouldSatisfyAllConditions(
            r => r.Side.ShouldBe(TicketSide.TaskfireCopy), r => r.LinkedTicketId.ShouldBe(msp), r => r.Number.ShouldBe(mspRow.Number),
            r => r.Source.ShouldBe(TicketSource.Taskfire), r => r.StatusCategory.ShouldBe(StatusCategory.Resolved),
            r => r.ResolvedAt.ShouldBe(T0.AddHours(4)), r => r.Version.ShouldBe(4));

        var copyDetail = (await Details.GetAsync(copy, TimelineAudience.Taskfire, default)).ShouldNotBeNull();
        copyDetail.TaskfireQueue.ShouldBe("TF Desk");
        copyDetail.Timeline.Select(e => e.Kind).ShouldBe([
            TimelineEntryKind.TaskfireAssigned, TimelineEntryKind.TaskfireNote, TimelineEntryKind.TaskfireQuestion,
            TimelineEntryKind.TaskfireWorkCompleted]);
        copyDetail.Timeline[1].MirroredFrom.ShouldBe(msp);
        (await Details.GetAsync(msp, TimelineAudience.Staff, default)).ShouldNotBeNull().Timeline
            .Select(e => e.Body).ShouldBe(["Please swap the toner", "Toner is in the cupboard"]);
        (await Details.GetAsync(msp, TimelineAudience.Public, default)).ShouldNotBeNull().Timeline.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deleting_either_copy_deletes_both_and_the_audit_history_shows_both_streams()
    {
        await db.AppendAsync(Created(msp, customer));
        await db.AppendAsync(
            new TicketAssignedToTaskfire(msp, copy, "TF Desk", resource, "Note", Tech, T0.AddHours(1)),
            new TaskfireCopyCreated(copy, msp, "T20260301.0001", TicketFields.Titled("x"), "open", StatusCategory.Open,
                customer, null, "TF Desk", resource, "Note", Tech, T0.AddHours(1)));
        await db.AppendAsync(
            new TicketDeleted(copy, Tech, T0.AddHours(2)),
            new SharedCopyDeleted(msp, copy, resource, Tech, T0.AddHours(2)));

        (await new TicketListQuery(db.DataSource).ExecuteAsync(new() { CustomerId = customer }, default)).Items.ShouldBeEmpty();
        (await Details.GetAsync(msp, TimelineAudience.Staff, default)).ShouldBeNull();
        (await Details.GetAsync(copy, TimelineAudience.Staff, default)).ShouldBeNull();

        var history = await new TicketAuditQuery(db.DataSource).HistoryAsync(copy, default);
        history.Select(h => (h.Stream, h.Version, h.Type)).ShouldBe([
            (AuditedStream.LinkedCopy, 1L, "ticket.created"),
            (AuditedStream.LinkedCopy, 2L, "ticket.assigned_to_taskfire"),
            (AuditedStream.Ticket, 1L, "ticket.taskfire_copy_created"),
            (AuditedStream.Ticket, 2L, "ticket.deleted"),
            (AuditedStream.LinkedCopy, 3L, "ticket.shared_copy_deleted")]);
        history.Select(h => h.Sequence).ShouldBeInOrder();
        history.ShouldAllBe(h => h.ActorId == Tech.Id && h.CorrelationId != null && h.RecordedAt != default);
        history[2].Data.GetProperty("mspTicketId").GetGuid().ShouldBe(msp);
        (await new TicketAuditQuery(db.DataSource).HistoryAsync(Guid.CreateVersion7(), default)).ShouldBeEmpty();
    }
}
