using Ticketing.Domain.Tickets;

namespace Ticketing.Domain.Tests.Tickets;

/// <summary>Fixed ids, instants and event builders so each test states only what it is about.</summary>
internal static class Sample
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Earlier = Now.AddDays(-2);

    public static readonly Guid TicketId = Guid.Parse("0199a000-0000-7000-8000-000000000001");
    public static readonly Guid CopyId = Guid.Parse("0199a000-0000-7000-8000-000000000002");
    public static readonly Guid CustomerId = Guid.Parse("0199a000-0000-7000-8000-0000000000c1");
    public static readonly Guid ContactId = Guid.Parse("0199a000-0000-7000-8000-0000000000c2");
    public static readonly Guid OtherContactId = Guid.Parse("0199a000-0000-7000-8000-0000000000c3");
    public static readonly Guid TechnicianId = Guid.Parse("0199a000-0000-7000-8000-0000000000a1");
    public static readonly Guid OtherTechnicianId = Guid.Parse("0199a000-0000-7000-8000-0000000000a2");
    public static readonly Guid ResourceId = Guid.Parse("0199a000-0000-7000-8000-0000000000f1");
    public static readonly Guid TaskfireUserId = Guid.Parse("0199a000-0000-7000-8000-0000000000f2");
    public static readonly Guid ReplyId = Guid.Parse("0199a000-0000-7000-8000-0000000000e1");
    public static readonly Guid SeriesId = Guid.Parse("0199a000-0000-7000-8000-0000000000d1");

    public static readonly Actor Technician = Actor.Technician(TechnicianId);
    public static readonly Actor Admin = Actor.Admin(OtherTechnicianId);
    public static readonly Actor Contact = Actor.Contact(ContactId);
    public static readonly Actor TaskfireUser = Actor.TaskfireUser(TaskfireUserId);

    public const string Number = "T20261120.0007";
    public const string TaskfireQueue = "customer-it";

    public static readonly StatusDefinition WaitingCustomer = new("waiting-customer", "Waiting Customer", StatusCategory.Pending);
    public static readonly StatusDefinition WorkDone = new("work-done", "MSP Work Done", StatusCategory.Resolved);

    public static readonly TicketPolicies Policies =
        new(new StatusCatalogue([WaitingCustomer, WorkDone]), ReopenPolicy.Allowed);

    public static readonly TicketPolicies NoPortalReopen = Policies with { Reopen = ReopenPolicy.Forbidden };

    public static TicketFields Fields { get; } = TicketFields.Titled("Printer jams") with
    {
        Description = "Second floor printer jams on every job.",
        Priority = "high",
        Queue = "service-desk",
        CustomFields = new Dictionary<string, string?> { ["asset"] = "PRN-42" },
    };

    public static TicketCreated Created(string status = "open", StatusCategory category = StatusCategory.Open) =>
        new(TicketId, Number, Fields, status, category, TicketSource.Portal, CustomerId, ContactId, null, null,
            Contact, Earlier);

    public static TicketStatusChanged StatusChanged(StatusDefinition from, StatusDefinition to) =>
        new(TicketId, from.Id, to.Id, to.Category, Technician, Earlier.AddHours(1));

    public static TicketStatusChanged Resolved() => StatusChanged(StatusCatalogue.Open, StatusCatalogue.Resolved);

    public static TicketStatusChanged Closed() => StatusChanged(StatusCatalogue.Open, StatusCatalogue.Closed);

    public static TicketBilled Billed() => new(TicketId, Technician, Earlier.AddHours(2));

    public static TicketDeleted Deleted() => new(TicketId, Technician, Earlier.AddHours(3));

    public static TicketAssignedToTaskfire AssignedToTaskfire() =>
        new(TicketId, CopyId, TaskfireQueue, ResourceId, "Please replace the toner.", Technician, Earlier.AddHours(1));

    public static TaskfireCopyCreated CopyCreated() =>
        new(CopyId, TicketId, Number, Fields with { Queue = TaskfireQueue }, "open", StatusCategory.Open, CustomerId,
            ContactId, TaskfireQueue, ResourceId, "Please replace the toner.", Technician, Earlier.AddHours(1));

    /// <summary>The MSP's ticket of a Taskfire pair.</summary>
    public static TicketEvent[] MspSide(params TicketEvent[] more) => [Created(), AssignedToTaskfire(), .. more];

    /// <summary>The copy of a Taskfire pair.</summary>
    public static TicketEvent[] CopySide(params TicketEvent[] more) => [CopyCreated(), .. more];

    public static Ticket Msp(params TicketEvent[] more) => Ticket.Fold(MspSide(more));

    public static Ticket Copy(params TicketEvent[] more) => Ticket.Fold(CopySide(more));

    public static AttachmentMetadata Attachment { get; } =
        new(Guid.Parse("0199a000-0000-7000-8000-0000000000b1"), "jam.png", "image/png", 2048, new string('a', 64));
}
