using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class PostReplyTests
{
    private static PostReply Reply(Actor by, ReplyVisibility visibility = ReplyVisibility.Public, string? body = "Still jams",
        bool taskfire = false, Guid? ticketId = null) =>
        new(ticketId ?? TicketId, ReplyId, body, visibility, taskfire, [], by);

    private static ReplyPosted Posted(Actor by, ReplyVisibility visibility = ReplyVisibility.Public, string body = "Still jams",
        bool taskfire = false) =>
        new(TicketId, ReplyId, by, body, visibility, taskfire, [], null, Now);

    private static TicketStatusChanged ReopenedBy(Actor by, string from = "resolved") =>
        new(TicketId, from, "open", StatusCategory.Open, by, Now);

    [Fact]
    public void Portal_reply_is_posted_publicly() =>
        Given(Created()).When(s => TicketDecider.Decide(Reply(Contact), s, Policies, Now)).Then(Posted(Contact));

    [Fact]
    public void Reply_carries_attachment_metadata() =>
        Given(Created()).When(s => TicketDecider.Decide(Reply(Contact, body: "") with { Attachments = [Attachment] }, s, Policies, Now))
            .Then(Posted(Contact, body: "") with { Attachments = [Attachment] });

    [Fact]
    public void Reply_needs_text_or_an_attachment() =>
        Given(Created()).When(s => TicketDecider.Decide(Reply(Contact, body: "  "), s, Policies, Now))
            .ThenFails(TicketErrors.ReplyEmpty);

    [Fact]
    public void Reply_is_bounded() =>
        Given(Created()).When(s => TicketDecider.Decide(Reply(Contact, body: new string('x', TicketLimits.ReplyMaxLength + 1)), s, Policies, Now))
            .ThenFails(TicketErrors.ReplyTooLong);

    [Fact]
    public void Technician_posts_an_internal_note() =>
        Given(Created()).When(s => TicketDecider.Decide(Reply(Technician, ReplyVisibility.Internal), s, Policies, Now))
            .Then(Posted(Technician, ReplyVisibility.Internal));

    [Fact]
    public void Portal_user_cannot_post_an_internal_note() =>
        Given(Created()).When(s => TicketDecider.Decide(Reply(Contact, ReplyVisibility.Internal), s, Policies, Now))
            .ThenFails(TicketErrors.InternalNoteForbidden);

    [Fact]
    public void Billed_ticket_refuses_portal_reply() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(Reply(Contact), s, Policies, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Billed_ticket_refuses_technician_public_reply() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(Reply(Technician), s, Policies, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Billed_ticket_still_takes_technician_internal_notes() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(Reply(Technician, ReplyVisibility.Internal), s, Policies, Now))
            .Then(Posted(Technician, ReplyVisibility.Internal));

    [Fact]
    public void Portal_reply_on_a_resolved_ticket_reopens_it() =>
        Given(Created(), Resolved()).When(s => TicketDecider.Decide(Reply(Contact), s, Policies, Now))
            .Then(Posted(Contact), ReopenedBy(Contact));

    [Fact]
    public void Portal_reply_on_a_closed_custom_status_reopens_to_open() =>
        Given(Created(), StatusChanged(StatusCatalogue.Open, WorkDone)).When(s => TicketDecider.Decide(Reply(Contact), s, Policies, Now))
            .Then(Posted(Contact), ReopenedBy(Contact, "work-done"));

    [Fact]
    public void Portal_reply_on_a_resolved_ticket_is_refused_when_reopening_is_forbidden() =>
        Given(Created(), Resolved()).When(s => TicketDecider.Decide(Reply(Contact), s, NoPortalReopen, Now))
            .ThenFails(TicketErrors.ReopenForbidden);

    [Fact]
    public void Portal_reply_on_a_closed_ticket_is_refused_when_reopening_is_forbidden() =>
        Given(Created(), Closed()).When(s => TicketDecider.Decide(Reply(Contact), s, NoPortalReopen, Now))
            .ThenFails(TicketErrors.ReopenForbidden);

    [Fact]
    public void Technician_reply_on_a_resolved_ticket_leaves_the_status_alone() =>
        Given(Created(), Resolved()).When(s => TicketDecider.Decide(Reply(Technician), s, NoPortalReopen, Now))
            .Then(Posted(Technician));

    [Fact]
    public void Deleted_ticket_refuses_replies() =>
        Given(Created(), Deleted()).When(s => TicketDecider.Decide(Reply(Technician, ReplyVisibility.Internal), s, Policies, Now))
            .ThenFails(TicketErrors.Deleted);

    [Fact]
    public void Taskfire_related_note_from_the_msp_appears_on_both_tickets()
    {
        var note = Posted(Technician, ReplyVisibility.Internal, taskfire: true);

        Given(MspSide()).When(s => TicketDecider.Decide(Reply(Technician, ReplyVisibility.Internal, taskfire: true), s, Policies, Now))
            .Then(new StreamEvents(TicketId, [note]), new StreamEvents(CopyId, [note with { TicketId = CopyId, MirroredFrom = TicketId }]));
    }

    [Fact]
    public void Taskfire_related_note_from_the_copy_appears_internally_on_the_msp_ticket()
    {
        var note = new ReplyPosted(CopyId, ReplyId, TaskfireUser, "Toner replaced", ReplyVisibility.Public, true, [], null, Now);

        Given(CopySide()).When(s => TicketDecider.Decide(
                Reply(TaskfireUser, body: "Toner replaced", taskfire: true, ticketId: CopyId), s, Policies, Now))
            .Then(
                new StreamEvents(CopyId, [note]),
                new StreamEvents(TicketId, [note with { TicketId = TicketId, Visibility = ReplyVisibility.Internal, MirroredFrom = CopyId }]));
    }

    [Fact]
    public void Note_not_flagged_taskfire_related_stays_on_its_ticket() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Reply(Technician, ReplyVisibility.Internal), s, Policies, Now))
            .Then(Posted(Technician, ReplyVisibility.Internal));

    [Fact]
    public void Taskfire_related_note_needs_a_taskfire_copy() =>
        Given(Created()).When(s => TicketDecider.Decide(Reply(Technician, ReplyVisibility.Internal, taskfire: true), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireNotAssigned);

    [Fact]
    public void Portal_user_cannot_post_taskfire_notes() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Reply(Contact, taskfire: true), s, Policies, Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Taskfire_user_cannot_reply_on_the_msp_ticket() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Reply(TaskfireUser), s, Policies, Now))
            .ThenFails(TicketErrors.NotTaskfireCopy);
}
