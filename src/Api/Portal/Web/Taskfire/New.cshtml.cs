using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Taskfire;
using Ticketing.Application.Tickets;
using Wolverine;

namespace Ticketing.Api.Portal.Web.Taskfire;

/// <summary>
/// <c>/portal/taskfire/tickets/new</c> (T10): a ticket of the user's own help desk (source Taskfire), which the MSP does not
/// see until it is submitted; the form goes through <see cref="TaskfireHelpDesk.Open"/>, the <c>POST /api/taskfire/tickets</c>
/// endpoint's method, with its validator.
/// </summary>
public sealed class TaskfireNewModel(
    PortalContexts contexts, TaskfireCallers callers, ITicketFieldRules catalogues, IMessageBus bus, IValidator<TaskfireTicketRequest> validator)
    : TaskfirePageModel(contexts, callers)
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Priority { get; set; }

    [BindProperty]
    public string? Impact { get; set; }

    [BindProperty]
    public string? Type { get; set; }

    [BindProperty]
    public string? IssueType { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await CallerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await CallerAsync(ct);
        var request = new TaskfireTicketRequest(Blank(Title), Blank(Description), Blank(Priority), Blank(Impact), Blank(Type), Blank(IssueType), null);
        TaskfireTicketCreated? created = null;
        if (await TryAsync(async () =>
            {
                await validator.ValidateAndThrowAsync(request, ct);
                created = (await TaskfireHelpDesk.Open(request, HttpContext, Callers, catalogues, bus, ct)).Value;
            }))
        {
            return LocalRedirect($"{PortalWebServices.TaskfirePath}/tickets/{created!.Id}?done=created");
        }

        return Page();
    }
}
