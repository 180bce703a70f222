using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Assistant;
using Ticketing.Api.Devices.Agents;
using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
using Ticketing.Domain.Devices;
using Wolverine;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// <c>/portal/assistant</c> (P12): the contact's conversations, one conversation's transcript with the articles its
/// answers cite, a message form and "open a ticket for a technician", through the assistant's own endpoint methods
/// (the same switch, bounds, rate limit and refusals as <c>/api/portal/assistant</c>).
/// </summary>
[EnableRateLimiting(AssistantRateLimiting.Policy)]
public sealed class AssistantPageModel(
    PortalContexts contexts, CurrentSettings settings, NpgsqlDataSource dataSource, ICustomerDirectory directory, IPortalSettings portalSettings,
    AssistantOptions options, AssistantResponder responder, AgentSignals signals, IMessageBus bus, ILoggerFactory logs) : PortalPageModel(contexts)
{
    /// <summary>The conversation shown, if any.</summary>
    [BindProperty(SupportsGet = true, Name = "c")]
    public Guid? ConversationId { get; set; }

    /// <summary>The ticket just opened from the conversation, for the notice with its link.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Ticket { get; set; }

    /// <summary>The device action just asked for from the conversation, waiting for its SMS code.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Pending { get; set; }

    /// <summary>The action just confirmed, for the notice.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Confirmed { get; set; }

    public IReadOnlyList<ConversationSummary> Conversations { get; private set; } = [];

    public ConversationView? Conversation { get; private set; }

    public int MaxMessageLength => options.MaxMessageLength;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await UseContactTimeZoneAsync(ct);
        Conversations = (await AssistantEndpoints.ListAsync(User, settings, dataSource, ct)).Value!;
        if (ConversationId is { } id && !await TryAsync(async () => Conversation = (await AssistantEndpoints.GetAsync(id, User, settings, dataSource, ct)).Value))
        {
            ConversationId = null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var started = (await AssistantEndpoints.StartAsync(User, HttpContext, settings, directory, portalSettings, bus, ct)).Value!;
        return LocalRedirect($"{PortalWebServices.BasePath}/assistant?c={started.Id}");
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id, string? text, CancellationToken ct)
    {
        ConversationId = id;
        if (await TryAsync(async () =>
            {
                var request = new AssistantMessageRequest(text ?? "");
                await new AssistantMessageRequestValidator().ValidateAndThrowAsync(request, ct);
                await AssistantEndpoints.SendAsync(id, request, User, HttpContext, settings, dataSource, options, responder, bus, logs, ct);
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/assistant?c={id}#latest");
        }

        return await RefusedAsync(ct);
    }

    public async Task<IActionResult> OnPostTicketAsync(Guid id, CancellationToken ct)
    {
        ConversationId = id;
        Guid? ticket = null;
        if (await TryAsync(async () =>
            {
                var opened = await AssistantEndpoints.OpenTicketAsync(id, User, HttpContext, settings, dataSource, directory, portalSettings, options, bus, logs, ct);
                ticket = opened.Result switch
                {
                    Microsoft.AspNetCore.Http.HttpResults.Created<AssistantTicket> created => created.Value!.TicketId,
                    Microsoft.AspNetCore.Http.HttpResults.Ok<AssistantTicket> existing => existing.Value!.TicketId,
                    _ => null,
                };
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/assistant?c={id}&ticket={ticket}");
        }

        return await RefusedAsync(ct);
    }

    /// <summary>An action the answer offered: the assistant's own request (P13's checks, noted in the chat), then the code form.</summary>
    public async Task<IActionResult> OnPostActionAsync(Guid id, Guid deviceId, DeviceActionKind? kind, Guid? applicationId, CancellationToken ct)
    {
        ConversationId = id;
        Guid? pending = null;
        if (await TryAsync(async () =>
            {
                var request = new AssistantActionRequest(deviceId, kind, applicationId);
                await new AssistantActionRequestValidator().ValidateAndThrowAsync(request, ct);
                pending = (await AssistantEndpoints.RequestActionAsync(id, request, User, HttpContext, settings, dataSource, options, bus, logs, ct)).Value!.ActionId;
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/assistant?c={id}&pending={pending}#code");
        }

        return await RefusedAsync(ct);
    }

    /// <summary>The SMS code of the action asked for from the conversation; the action runs only with it.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid id, Guid actionId, string? code, CancellationToken ct)
    {
        ConversationId = id;
        Pending = actionId;
        if (await TryAsync(async () =>
            {
                var request = new Sms.SmsCodeRequest(code ?? "");
                await new Sms.SmsCodeRequestValidator().ValidateAndThrowAsync(request, ct);
                await AssistantEndpoints.ConfirmActionAsync(id, actionId, request, User, HttpContext, settings, dataSource, options, signals, bus, logs, ct);
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/assistant?c={id}&confirmed=true#latest");
        }

        return await RefusedAsync(ct);
    }

    private async Task<IActionResult> RefusedAsync(CancellationToken ct)
    {
        var status = Response.StatusCode;
        await OnGetAsync(ct);
        Response.StatusCode = status;
        return Page();
    }
}
