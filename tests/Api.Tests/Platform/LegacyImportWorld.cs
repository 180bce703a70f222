using System.Globalization;
using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.Api.Hosting.Database;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tests.Platform;

/// <summary>
/// A database the old version wrote, upgraded: the host's schema, the old event store's tables holding the log of four
/// tickets and a Taskfire copy (written by the old store's own append function, between real users and a real customer),
/// the old notifications projection one event behind with one dead letter; then <c>import-legacy-events</c>, run once
/// through the code the command line runs.
/// </summary>
/// <remarks>
/// Printer: created, public reply with an attachment, internal note, field changes, resolved, reopened by the contact,
/// assigned to Taskfire (copy created in the same append), Taskfire work completed on the copy (mirrored note), resolved
/// again. VPN: portal ticket with a workflow rule's assignment caused by the creation, reply, pending. Spam: by email,
/// deleted. Monitor: created and answered; the tests continue its stream after the import.
/// </remarks>
public sealed class LegacyImportWorld : TicketApiFactory
{
    public const string RuleName = "Assign VPN tickets";

    /// <summary>The first legacy recorded time: microseconds, which PostgreSQL keeps and the import must too.</summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    private DateTimeOffset _clock = Start;

    public LegacyLog Legacy { get; private set; } = null!;

    public Guid CustomerId { get; private set; }

    public Guid ContactId { get; private set; }

    public string ContactEmail { get; private set; } = "";

    public Guid TechnicianId { get; private set; }

    public Guid ResourceId { get; private set; }

    public Guid RuleId { get; } = Guid.CreateVersion7();

    public ApiUser Admin { get; private set; } = null!;

    public ApiUser Technician { get; private set; } = null!;

    public ApiUser Auditor { get; private set; } = null!;

    /// <summary>The contact of every legacy ticket, signed in to the portal.</summary>
    public ApiUser Contact { get; private set; } = null!;

    public Guid Printer { get; } = Guid.CreateVersion7();

    public Guid PrinterCopy { get; } = Guid.CreateVersion7();

    public Guid Vpn { get; } = Guid.CreateVersion7();

    public Guid Spam { get; } = Guid.CreateVersion7();

    public Guid Monitor { get; } = Guid.CreateVersion7();

    /// <summary>When the Printer ticket was resolved the second (last) time.</summary>
    public DateTimeOffset PrinterResolvedAt { get; private set; }

    public int ImportExitCode { get; private set; }

    public string ImportOutput { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await this.SignInAdminAsync();
        CustomerId = await Admin.CreateCustomerAsync("Keller AG");
        var contact = await Admin.CreateContactAsync(CustomerId);
        (ContactId, ContactEmail) = (contact.Id, contact.Email);
        Contact = await this.SignInUserAsync(contact);
        Technician = await this.SignInStaffAsync();
        TechnicianId = Technician.Id;
        ResourceId = (await this.SignInStaffAsync("taskfire", CustomerId)).Id;
        Auditor = await this.SignInStaffAsync("auditor");

        Legacy = new LegacyLog(ConnectionString);
        await Legacy.CreateSchemaAsync();
        await WriteLegacyLogAsync();
        await LeaveOldProjectionStateAsync();
        (ImportExitCode, ImportOutput) = await ImportAsync();
    }

    /// <summary>Runs <c>import-legacy-events</c> as the command line does, on this host's services.</summary>
    public async Task<(int ExitCode, string Output)> ImportAsync()
    {
        await using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await CommandLine.RunAsync([LegacyEventImport.CommandName], Services, output);
        return (exitCode, output.ToString());
    }

    private async Task WriteLegacyLogAsync()
    {
        var technician = Actor.Technician(TechnicianId);
        var contact = Actor.Contact(ContactId);
        var taskfire = Actor.TaskfireUser(ResourceId);

        var at = Next();
        var printerFields = new TicketFields(
            "Printer offline", "The printer on floor 2 shows E-05.", "high", "single-user", "incident", "printers", "Service Desk",
            "hardware", null, at.AddDays(2), new Dictionary<string, string?>(StringComparer.Ordinal) { ["asset-tag"] = "PR-0042" });
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketCreated(
            Printer, "T20250303.0001", printerFields, "open", StatusCategory.Open, TicketSource.Technician, CustomerId, ContactId,
            TechnicianId, null, technician, at), ByTechnician()));

        at = Next();
        var vpnCreated = LegacyEvent.Of(new TicketCreated(
            Vpn, "T20250303.0002", TicketFields.Titled("VPN drops every hour") with { Description = "Since Monday." }, "open",
            StatusCategory.Open, TicketSource.Portal, CustomerId, ContactId, null, null, contact, at), ByContact());
        await Legacy.AppendAsync(at, vpnCreated, LegacyEvent.Of(
            new TechnicianAssigned(Vpn, TechnicianId, Actor.System(RuleId), at),
            new EventMetadata(RuleId, RuleName, "system", vpnCreated.Metadata.CorrelationId, vpnCreated.EventId)));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new ReplyPosted(
            Printer, Guid.CreateVersion7(), technician, "We are on it.", ReplyVisibility.Public, false,
            [new AttachmentMetadata(Guid.CreateVersion7(), "error.jpg", "image/jpeg", 48_213, new string('a', 64))], null, at), ByTechnician()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketCreated(
            Spam, "T20250303.0003", TicketFields.Titled("You won a prize"), "open", StatusCategory.Open, TicketSource.Email,
            CustomerId, ContactId, null, null, contact, at), new EventMetadata(ContactId, ContactEmail, "contact", Guid.CreateVersion7(), null)));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new ReplyPosted(
            Printer, Guid.CreateVersion7(), technician, "Toner is low, ordering.", ReplyVisibility.Internal, false, [], null, at), ByTechnician()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new ReplyPosted(
            Vpn, Guid.CreateVersion7(), technician, "Please send the client log.", ReplyVisibility.Public, false, [], null, at), ByTechnician()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketFieldsChanged(Printer, new TicketFieldChanges
        {
            Title = new FieldChange<string>("Printer offline on floor 2"),
            Priority = new FieldChange<string?>("urgent"),
            Impact = new FieldChange<string?>(null),
        }, technician, at), ByTechnician()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketDeleted(Spam, technician, at), ByTechnician()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketStatusChanged(Printer, "open", "resolved", StatusCategory.Resolved, technician, at), ByTechnician()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketStatusChanged(Vpn, "open", "pending", StatusCategory.Pending, technician, at), ByTechnician()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketStatusChanged(Printer, "resolved", "open", StatusCategory.Open, contact, at), ByContact()));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketCreated(
            Monitor, "T20250303.0004", TicketFields.Titled("Monitor flickers"), "open", StatusCategory.Open, TicketSource.Phone,
            CustomerId, ContactId, TechnicianId, null, technician, at), ByTechnician()));

        at = Next();
        var handOver = ByTechnician();
        await Legacy.AppendAsync(
            at,
            LegacyEvent.Of(new TicketAssignedToTaskfire(Printer, PrinterCopy, "Customer IT", ResourceId, "Please swap the toner.", technician, at), handOver),
            LegacyEvent.Of(new TaskfireCopyCreated(
                PrinterCopy, Printer, "T20250303.0001", Legacy.Current(Printer).Fields with { Queue = "Customer IT" }, "open", StatusCategory.Open,
                CustomerId, ContactId, "Customer IT", ResourceId, "Please swap the toner.", technician, at), handOver));

        at = Next();
        await Legacy.AppendAsync(at, LegacyEvent.Of(new ReplyPosted(
            Monitor, Guid.CreateVersion7(), technician, "Which cable do you use?", ReplyVisibility.Public, false, [], null, at), ByTechnician()));

        at = Next();
        var done = Guid.CreateVersion7();
        var byTaskfire = new EventMetadata(ResourceId, null, "taskfire", Guid.CreateVersion7(), null);
        await Legacy.AppendAsync(
            at,
            LegacyEvent.Of(new ReplyPosted(Printer, done, taskfire, "Toner swapped.", ReplyVisibility.Internal, true, [], PrinterCopy, at), byTaskfire),
            LegacyEvent.Of(new TaskfireWorkCompleted(PrinterCopy, done, "Toner swapped.", "resolved", StatusCategory.Resolved, taskfire, at), byTaskfire));

        at = Next();
        PrinterResolvedAt = at;
        await Legacy.AppendAsync(at, LegacyEvent.Of(new TicketStatusChanged(Printer, "open", "resolved", StatusCategory.Resolved, technician, at), ByTechnician()));
    }

    // The old async notifications projection had not processed the last event when the old version stopped, and had
    // given up on one event.
    private async Task LeaveOldProjectionStateAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            insert into projection_checkpoints (name, tx_id, seq)
            select 'ticket-notifications', tx_id, seq from events order by seq desc offset 1 limit 1
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            insert into projection_dead_letters (projection, seq, tx_id, event_id, error)
            select 'ticket-notifications', seq, tx_id, id, 'recipient lookup failed' from events where stream_id = $1 and version = 1
            """) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = Spam } } });
        await batch.ExecuteNonQueryAsync();
    }

    private DateTimeOffset Next()
    {
        var at = _clock;
        _clock = _clock.AddMinutes(7).AddTicks(130);
        return at;
    }

    private EventMetadata ByTechnician() => new(TechnicianId, null, "technician", Guid.CreateVersion7(), null);

    private EventMetadata ByContact() => new(ContactId, null, "contact", Guid.CreateVersion7(), null);
}
