using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Attachments;
using Ticketing.Api.Taskfire;
using Ticketing.Api.Tickets;
using Ticketing.Projections.Tickets.Details;
using Ticketing.Projections.Tickets.Queries;
using Wolverine;

namespace Ticketing.Api.Portal.Web.Taskfire;

/// <summary>
/// <c>/portal/taskfire/tickets/{id}</c> (T10): a Taskfire copy or a ticket of the user's own help desk, read by
/// <see cref="TaskfireTicketReads.LoadAsync"/> (the <c>GET /api/taskfire/tickets/{id}</c> read: no MSP internal note is
/// ever loaded), and worked through the <c>/api/taskfire</c> endpoint methods themselves: status, resource, notes with
/// files, delete (after a confirmation step) and, for an own ticket, submission to the MSP.
/// </summary>
public sealed class TaskfireTicketModel(
    PortalContexts contexts, TaskfireCallers callers, TicketDetailQuery query, IMessageBus bus, AttachmentUploads uploads)
    : TaskfirePageModel(contexts, callers)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>What the last action did, for the page's notice: <c>note</c>, <c>status</c>, <c>resource</c>, <c>created</c>, <c>submitted</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>The confirmation step of deleting: the page asks before the delete form is offered.</summary>
    [BindProperty(SupportsGet = true, Name = "confirm-delete")]
    public bool ConfirmDelete { get; set; }

    /// <summary>The note typed so far, kept when it is refused.</summary>
    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public Guid? ResourceId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public List<Guid>? Share { get; set; }

    /// <summary>Null when the id is not one of the user's tickets (one answer for every reason).</summary>
    public TaskfireTicketDetails? Ticket { get; private set; }

    /// <summary>The customer's active Taskfire users, whom the ticket can be handed to.</summary>
    public IReadOnlyList<TaskfireColleague> Colleagues { get; private set; } = [];

    /// <summary>The statuses to choose from, by id, named in the user's language.</summary>
    public IReadOnlyList<(string Id, string Name)> StatusChoices { get; private set; } = [];

    /// <summary>The notes written on this ticket, which a submission can share with the MSP.</summary>
    public IEnumerable<TaskfireTimelineEntry> ShareableNotes =>
        Ticket?.Timeline.Where(e => e.Kind == TimelineEntryKind.TaskfireNote && e.Side == Domain.Tickets.TicketSide.TaskfireCopy) ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync([FromServices] IValidator<ChangeStatusRequest> validator, CancellationToken ct) =>
        ActAsync("status", async () =>
        {
            var request = new ChangeStatusRequest(Blank(Status));
            await validator.ValidateAndThrowAsync(request, ct);
            await TaskfireTicketCommands.ChangeStatus(Id, request, HttpContext, Callers, bus, ct);
        }, ct);

    public Task<IActionResult> OnPostResourceAsync([FromServices] IValidator<ChangeTaskfireResourceRequest> validator, CancellationToken ct) =>
        ActAsync("resource", async () =>
        {
            var request = new ChangeTaskfireResourceRequest(ResourceId ?? Guid.Empty);
            await validator.ValidateAndThrowAsync(request, ct);
            await TaskfireTicketCommands.ChangeResource(Id, request, HttpContext, Callers, bus, ct);
        }, ct);

    /// <summary>The multipart form (body and files) goes to the notes endpoint's method as it is.</summary>
    public Task<IActionResult> OnPostNoteAsync([FromServices] IValidator<TaskfireNoteRequest> validator, CancellationToken ct) =>
        ActAsync("note", () => TaskfireTicketCommands.AddNote(Id, HttpContext, Callers, bus, uploads, validator, ct), ct);

    public Task<IActionResult> OnPostSubmitAsync([FromServices] IValidator<SubmitToMspRequest> validator, CancellationToken ct) =>
        ActAsync("submitted", async () =>
        {
            var request = new SubmitToMspRequest(Note, Share ?? []);
            await validator.ValidateAndThrowAsync(request, ct);
            await TaskfireHelpDesk.Submit(Id, request, HttpContext, Callers, bus, ct);
        }, ct);

    /// <summary>Deletes both tickets of a pair (T10); reached from the confirmation step's form.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        await CallerAsync(ct);
        if (await TryAsync(() => TaskfireTicketCommands.Delete(Id, HttpContext, Callers, bus, ct)))
        {
            return LocalRedirect($"{PortalWebServices.TaskfirePath}/tickets?deleted=true");
        }

        return await RefusedAsync(ct);
    }

    public string AttachmentLink(Guid attachmentId) => $"{PortalWebServices.TaskfirePath}/tickets/{Id}/attachments/{attachmentId}";

    public string ResourceName(Guid? id) =>
        id is null ? "—" : Colleagues.FirstOrDefault(c => c.Id == id)?.Name ?? "—";

    private async Task<IActionResult> ActAsync(string done, Func<Task> action, CancellationToken ct)
    {
        await CallerAsync(ct);
        if (await TryAsync(action))
        {
            return LocalRedirect($"{PortalWebServices.TaskfirePath}/tickets/{Id}?done={done}#timeline");
        }

        return await RefusedAsync(ct);
    }

    // The refusal's status stays the page's; the ticket is shown as it is now (nothing was written).
    private async Task<IActionResult> RefusedAsync(CancellationToken ct)
    {
        var status = Response.StatusCode;
        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var caller = await CallerAsync(ct);
        StatusChoices = [.. caller.Policies.Statuses.All.Select(s => (s.Id, caller.StatusName(s.Id)))];
        try
        {
            Ticket = await TaskfireTicketReads.LoadAsync(Id, caller, query, ct);
            Colleagues = await Callers.ColleaguesAsync(caller, ct);
        }
        catch (Application.Errors.NotFoundException)
        {
            Ticket = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
