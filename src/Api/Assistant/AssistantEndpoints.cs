using System.Security.Claims;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Devices;
using Ticketing.Api.Devices.Agents;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Api.Portal;
using Ticketing.Api.Tickets;
using Ticketing.Application.Assistant;
using Ticketing.Application.Devices;
using Ticketing.Application.Devices.SelfService;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
using Ticketing.Application.Sms;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Creating;
using Ticketing.Application.Tickets.Replies;
using Ticketing.Domain.Devices;
using Ticketing.Domain.Tickets;
using Wolverine;

namespace Ticketing.Api.Assistant;

/// <summary><c>POST /api/portal/assistant/conversations/{id}/messages</c>.</summary>
public sealed record AssistantMessageRequest(string Text);

/// <summary><c>POST /api/portal/assistant/conversations/{id}/actions</c>: a device action the answer offered.</summary>
public sealed record AssistantActionRequest(Guid DeviceId, DeviceActionKind? Kind, Guid? ApplicationId);

/// <summary>A conversation with its transcript; <see cref="TicketId"/> is the Assistant ticket holding it, if any.</summary>
public sealed record ConversationView(Guid Id, Guid? TicketId, DateTimeOffset CreatedAt, IReadOnlyList<AssistantMessage> Messages);

/// <summary>One of the contact's conversations in their list.</summary>
public sealed record ConversationSummary(Guid Id, Guid? TicketId, int Messages, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a message added to the conversation: the contact's message and the assistant's answer.</summary>
public sealed record AssistantExchange(IReadOnlyList<AssistantMessage> Messages);

/// <summary>The ticket holding the conversation.</summary>
public sealed record AssistantTicket(Guid TicketId, string Number);

public sealed class AssistantMessageRequestValidator : AbstractValidator<AssistantMessageRequest>
{
    public AssistantMessageRequestValidator() => RuleFor(r => r.Text).NotEmpty().Must(t => t is null || t.Trim().Length > 0).WithMessage("The message may not be blank.");
}

public sealed class AssistantActionRequestValidator : AbstractValidator<AssistantActionRequest>
{
    public AssistantActionRequestValidator()
    {
        RuleFor(r => r.DeviceId).NotEqual(Guid.Empty);
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.ApplicationId).NotNull().NotEqual(Guid.Empty).When(r => r.Kind == DeviceActionKind.InstallApplication)
            .WithMessage("An installation names the application to install.");
        RuleFor(r => r.ApplicationId).Null().When(r => r.Kind != DeviceActionKind.InstallApplication)
            .WithMessage("Only an installation names an application.");
    }
}

/// <summary>
/// The portal assistant (P12, ADR 0031): a contact's conversations with the assistant, only their own (another's is
/// 404), behind the assistant's section switch (P11, 403 <c>assistant.disabled</c>) and a per-contact rate limit.
/// Device actions asked for in a chat are the self-service requests of P13 (ADR 0030): they run only after the
/// contact's SMS code. The conversation's ticket (every session's, or one opened from the chat, source Assistant)
/// gets each exchange and action as a reply.
/// </summary>
public static class AssistantEndpoints
{
    public const string Disabled = "assistant.disabled";
    public const string MessageTooLong = "assistant.message_too_long";

    public static IEndpointRouteBuilder MapAssistantEndpoints(this IEndpointRouteBuilder routes)
    {
        var chat = routes.MapGroup("/api/portal/assistant/conversations").WithTags("Portal assistant").RequireAuthorization(Policies.Contact);
        chat.MapPost("/", StartAsync).RequireRateLimiting(AssistantRateLimiting.Policy)
            .WithSummary("Start a conversation with the assistant (opens its ticket when every session gets one)");
        chat.MapGet("/", ListAsync).WithSummary("The contact's own conversations, newest first");
        chat.MapGet("/{id:guid}", GetAsync).WithSummary("A conversation's transcript (the contact's own only)");
        chat.MapPost("/{id:guid}/messages", SendAsync).Validate<AssistantMessageRequest>().RequireRateLimiting(AssistantRateLimiting.Policy)
            .WithSummary("Send a message; the answer cites the articles it draws on and offers actions and a ticket");
        chat.MapPost("/{id:guid}/actions", RequestActionAsync).Validate<AssistantActionRequest>().RequireRateLimiting(AssistantRateLimiting.Policy)
            .WithSummary("Ask for an offered device action; a code goes by SMS and nothing runs before it is confirmed");
        chat.MapPost("/{id:guid}/actions/{actionId:guid}/confirm", ConfirmActionAsync).Validate<Sms.SmsCodeRequest>()
            .RequireRateLimiting(AssistantRateLimiting.Policy)
            .WithSummary("Confirm an action asked for in the chat with the SMS code; the device's agent then gets it");
        chat.MapPost("/{id:guid}/ticket", OpenTicketAsync).RequireRateLimiting(AssistantRateLimiting.Policy)
            .WithSummary("Open a ticket for a technician holding the conversation (also with manual creation off)");
        return routes;
    }

    internal static async Task<Created<ConversationView>> StartAsync(
        ClaimsPrincipal user, HttpContext http, CurrentSettings settings, ICustomerDirectory directory, IPortalSettings portalSettings,
        IMessageBus bus, CancellationToken ct)
    {
        var (caller, portal) = await SwitchedOnAsync(user, settings, ct);
        var contact = await directory.GetContactAsync(caller.UserId, ct)
            ?? throw new ForbiddenException("portal.contact_unknown", "The signed-in user is not a portal contact.");
        var language = PortalTexts.Choose(contact.Language, PortalContexts.AcceptLanguages(http.Request));
        var ticket = portal.AssistantTicketPerSession
            ? await OpenConversationTicketAsync(http, portalSettings, bus, contact, "The contact started a conversation with the assistant.", ct)
            : null;
        var started = await bus.InvokeAsync<ConversationStarted>(
            new StartConversation(Guid.CreateVersion7(), contact.Id, contact.CustomerId, language, ticket?.TicketId), ct);
        return TypedResults.Created($"/api/portal/assistant/conversations/{started.ConversationId}",
            new ConversationView(started.ConversationId, started.TicketId, started.At, []));
    }

    internal static async Task<Ok<IReadOnlyList<ConversationSummary>>> ListAsync(
        ClaimsPrincipal user, CurrentSettings settings, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (caller, _) = await SwitchedOnAsync(user, settings, ct);
        return TypedResults.Ok(await AssistantQueries.ListAsync(dataSource, caller.UserId, ct));
    }

    internal static async Task<Ok<ConversationView>> GetAsync(
        Guid id, ClaimsPrincipal user, CurrentSettings settings, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (caller, _) = await SwitchedOnAsync(user, settings, ct);
        var conversation = await AssistantQueries.FindAsync(dataSource, id, caller.UserId, ct);
        return TypedResults.Ok(new ConversationView(
            conversation.Id, conversation.TicketId, conversation.CreatedAt, await AssistantConversationHandler.MessagesAsync(dataSource, id, ct)));
    }

    /// <summary>Bounds first (nothing is searched, asked or written past them), then the answer, then both messages in one append.</summary>
    internal static async Task<Ok<AssistantExchange>> SendAsync(
        Guid id, AssistantMessageRequest request, ClaimsPrincipal user, HttpContext http, CurrentSettings settings, NpgsqlDataSource dataSource,
        AssistantOptions options, AssistantResponder responder, IMessageBus bus, ILoggerFactory logs, CancellationToken ct)
    {
        var (caller, portal) = await SwitchedOnAsync(user, settings, ct);
        var text = request.Text.Trim();
        if (text.Length > options.MaxMessageLength)
        {
            throw new BadRequestException(MessageTooLong, $"A message holds at most {options.MaxMessageLength} characters.");
        }

        var conversation = await AssistantQueries.FindAsync(dataSource, id, caller.UserId, ct);
        if (conversation.Messages >= options.MaxMessagesPerConversation)
        {
            throw AssistantConversationHandler.TooManyMessages(options.MaxMessagesPerConversation);
        }

        var history = await AssistantConversationHandler.MessagesAsync(dataSource, id, ct);
        var answer = await responder.AnswerAsync(user, new AssistantCaller(
            caller.UserId, conversation.CustomerId, conversation.Language, portal.SelfServiceFor(conversation.CustomerId), AgentEndpoints.From(http)),
            history, text, ct);
        var stored = await bus.InvokeAsync<AssistantMessagesAppended>(new AppendAssistantMessages(id, caller.UserId,
        [
            new NewAssistantMessage(AssistantMessage.Contact, text, [], []),
            new NewAssistantMessage(AssistantMessage.Assistant, answer.Text, answer.Citations, answer.Choices),
        ], 1, options.MaxMessagesPerConversation), ct);

        var body = new StringBuilder().Append("Contact: ").Append(text).Append("\n\nAssistant: ").Append(answer.Text);
        foreach (var citation in answer.Citations)
        {
            body.Append("\n- article: ").Append(citation.Title).Append(" (").Append(citation.ArticleId).Append(')');
        }

        foreach (var pending in answer.Choices.Where(c => c.Kind == AssistantChoice.PendingAction))
        {
            body.Append("\n- requested ").Append(pending.Action).Append(" on ").Append(pending.DeviceName).Append(", waiting for the contact's SMS code");
        }

        await UpdateTicketAsync(http, bus, conversation.TicketId, body.ToString(), logs, ct);
        return TypedResults.Ok(new AssistantExchange(stored.Messages));
    }

    /// <summary>The self-service request of P13 (same checks and refusals), noted in the conversation and on its ticket.</summary>
    internal static async Task<Accepted<DeviceActionRequestedResult>> RequestActionAsync(
        Guid id, AssistantActionRequest request, ClaimsPrincipal user, HttpContext http, CurrentSettings settings, NpgsqlDataSource dataSource,
        AssistantOptions options, IMessageBus bus, ILoggerFactory logs, CancellationToken ct)
    {
        var (caller, portal) = await SwitchedOnAsync(user, settings, ct);
        var conversation = await AssistantQueries.FindAsync(dataSource, id, caller.UserId, ct);
        if (!portal.SelfServiceFor(conversation.CustomerId))
        {
            throw new ForbiddenException(SelfServiceEndpoints.Disabled, "Self-service is turned off for this customer.");
        }

        var requested = await bus.InvokeAsync<DeviceActionRequestedResult>(new RequestDeviceAction(
            request.DeviceId, caller.UserId, request.Kind!.Value, request.ApplicationId, AgentEndpoints.From(http)), ct);
        var device = await DeviceQueries.FindAsync(dataSource, request.DeviceId, caller.UserId, ct);
        var action = (await DeviceQueries.ActionsOfContactAsync(dataSource, request.DeviceId, caller.UserId, ct)).Single(a => a.Id == requested.ActionId);
        var language = await SmsTexts.LanguageOfAsync(dataSource, caller.UserId, ct);
        var note = PortalTexts.Format("assistant.note.requested", language, SmsTexts.ActionName(language, action.Kind, action.Package), device?.Name);
        await NoteAsync(http, bus, conversation, note, options, logs, ct);
        return TypedResults.Accepted($"/api/portal/devices/{request.DeviceId}/actions", requested);
    }

    internal static async Task<Ok<DeviceActionView>> ConfirmActionAsync(
        Guid id, Guid actionId, Sms.SmsCodeRequest request, ClaimsPrincipal user, HttpContext http, CurrentSettings settings,
        NpgsqlDataSource dataSource, AssistantOptions options, AgentSignals signals, IMessageBus bus, ILoggerFactory logs, CancellationToken ct)
    {
        var (caller, portal) = await SwitchedOnAsync(user, settings, ct);
        var conversation = await AssistantQueries.FindAsync(dataSource, id, caller.UserId, ct);
        if (!portal.SelfServiceFor(conversation.CustomerId))
        {
            throw new ForbiddenException(SelfServiceEndpoints.Disabled, "Self-service is turned off for this customer.");
        }

        var deviceId = await AssistantQueries.DeviceOfActionAsync(dataSource, actionId, caller.UserId, ct)
            ?? throw new NotFoundException(DeviceErrors.ActionNotFound, $"Action {actionId} was not found.");
        await bus.InvokeAsync<DeviceWritten>(new ConfirmDeviceAction(deviceId, actionId, caller.UserId, request.Code, AgentEndpoints.From(http)), ct);
        signals.Notify(deviceId);
        var action = (await DeviceQueries.ActionsOfContactAsync(dataSource, deviceId, caller.UserId, ct)).Single(a => a.Id == actionId);
        var device = await DeviceQueries.FindAsync(dataSource, deviceId, caller.UserId, ct);
        var language = await SmsTexts.LanguageOfAsync(dataSource, caller.UserId, ct);
        var note = PortalTexts.Format("assistant.note.confirmed", language, SmsTexts.ActionName(language, action.Kind, action.Package), device?.Name);
        await NoteAsync(http, bus, conversation, note, options, logs, ct);
        return TypedResults.Ok(action);
    }

    /// <summary>
    /// P5 and P12: the contact opens a ticket from the chat, also with manual creation off. The ticket (source Assistant)
    /// holds the transcript so far and gets the rest as replies. A conversation that has its ticket already answers with it.
    /// </summary>
    internal static async Task<Results<Created<AssistantTicket>, Ok<AssistantTicket>>> OpenTicketAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, CurrentSettings settings, NpgsqlDataSource dataSource, ICustomerDirectory directory,
        IPortalSettings portalSettings, AssistantOptions options, IMessageBus bus, ILoggerFactory logs, CancellationToken ct)
    {
        var (caller, _) = await SwitchedOnAsync(user, settings, ct);
        var conversation = await AssistantQueries.FindAsync(dataSource, id, caller.UserId, ct);
        if (conversation.TicketId is { } existing)
        {
            return TypedResults.Ok(new AssistantTicket(existing, await AssistantQueries.TicketNumberAsync(dataSource, existing, ct) ?? ""));
        }

        var contact = await directory.GetContactAsync(caller.UserId, ct)
            ?? throw new ForbiddenException("portal.contact_unknown", "The signed-in user is not a portal contact.");
        var transcript = Transcript(await AssistantConversationHandler.MessagesAsync(dataSource, id, ct));
        var ticket = await OpenConversationTicketAsync(http, portalSettings, bus, contact, transcript, ct);
        await bus.InvokeAsync<AssistantMessagesAppended>(new AppendAssistantMessages(
            id, caller.UserId, [NewAssistantMessage.Note(PortalTexts.Format("assistant.note.ticket_opened", contact.Language, ticket.Number))], 0, options.MaxMessagesPerConversation,
            ticket.TicketId), ct);
        return TypedResults.Created($"/api/portal/tickets/{ticket.TicketId}", ticket);
    }

    private static async Task<AssistantTicket> OpenConversationTicketAsync(
        HttpContext http, IPortalSettings portalSettings, IMessageBus bus, ContactSummary contact, string description, CancellationToken ct)
    {
        var queue = (await portalSettings.CurrentAsync(ct)).QueueFor(null);
        var fields = TicketFields.Titled($"Assistant chat with {contact.FirstName} {contact.LastName}".Trim()) with
        {
            Description = description,
            Queue = queue,
        };
        var opened = await bus.InvokeAsync<OpenedTicket>(new OpenTicket(
            Guid.CreateVersion7(), TicketSource.Assistant, contact.CustomerId, contact.Id, fields, null, null, null, [], http.CommandContext()), ct);
        return new AssistantTicket(opened.TicketId, opened.Number);
    }

    private static async Task NoteAsync(
        HttpContext http, IMessageBus bus, ConversationRow conversation, string note, AssistantOptions options, ILoggerFactory logs, CancellationToken ct)
    {
        await bus.InvokeAsync<AssistantMessagesAppended>(new AppendAssistantMessages(
            conversation.Id, conversation.ContactId, [NewAssistantMessage.Note(note)], 0, options.MaxMessagesPerConversation), ct);
        await UpdateTicketAsync(http, bus, conversation.TicketId, note, logs, ct);
    }

    /// <summary>
    /// The conversation's ticket gets the exchange as the contact's reply. The chat is stored by then; a ticket that no
    /// longer takes replies (deleted, or closed for the portal) does not fail the chat, it is logged.
    /// </summary>
    private static async Task UpdateTicketAsync(HttpContext http, IMessageBus bus, Guid? ticketId, string body, ILoggerFactory logs, CancellationToken ct)
    {
        if (ticketId is not { } id)
        {
            return;
        }

        try
        {
            await bus.InvokeAsync<TicketCommandResult>(
                new PostTicketReply(id, Guid.CreateVersion7(), body, ReplyVisibility.Public, false, [], http.CommandContext()), ct);
        }
        catch (Exception e) when (e is Domain.DomainRuleViolation or NotFoundException or ForbiddenException or ConflictException)
        {
            logs.CreateLogger(typeof(AssistantEndpoints)).LogWarning("The assistant's ticket {TicketId} took no reply: {Error}", id, e.Message);
        }
    }

    private static string Transcript(IReadOnlyList<AssistantMessage> messages)
    {
        if (messages.Count == 0)
        {
            return "The contact opened a ticket from the assistant before writing anything.";
        }

        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(message.Role switch
            {
                AssistantMessage.Contact => "Contact: ",
                AssistantMessage.Assistant => "Assistant: ",
                _ => "Action: ",
            }).Append(message.Text).Append("\n\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>P11: the assistant is off for everyone, or on for every or some customers (the portal settings).</summary>
    private static async Task<(CurrentUser Caller, PortalSection Portal)> SwitchedOnAsync(ClaimsPrincipal user, CurrentSettings settings, CancellationToken ct)
    {
        var caller = user.GetCurrentUser();
        var portal = (await settings.LoadAsync(ct)).Portal;
        return caller.CustomerId is { } customer && portal.AssistantFor(customer)
            ? (caller, portal)
            : throw new ForbiddenException(Disabled, "The assistant is turned off for this customer.");
    }
}
