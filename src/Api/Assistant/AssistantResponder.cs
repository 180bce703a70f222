using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Npgsql;
using Ticketing.Api.Devices;
using Ticketing.Application.Assistant;
using Ticketing.Application.Devices.SelfService;
using Ticketing.Application.Portal;
using Ticketing.Domain.Devices;
using Wolverine;

namespace Ticketing.Api.Assistant;

/// <summary>Who is asking, as every part of an answer is scoped: the contact, their customer, language and switches.</summary>
public sealed record AssistantCaller(Guid ContactId, Guid CustomerId, string Language, bool SelfService, string? From);

/// <summary>An answer: its text, the articles it cites, and the choices it offers (actions already asked for among them, as <c>pending_action</c>).</summary>
public sealed record AssistantAnswer(string Text, IReadOnlyList<AssistantCitation> Citations, IReadOnlyList<AssistantChoice> Choices);

/// <summary>The model when one is configured (<see cref="AssistantOptions"/>), else null: the assistant answers by retrieval.</summary>
public sealed record AssistantModel(IChatClient? Client);

/// <summary>
/// Answers a contact's message (P12, ADR 0031). Everything an answer can draw on is read for this contact only: the
/// articles they may see (<see cref="AssistantKnowledge"/>), their own live devices and the applications approved for
/// their customer (only with self-service on for them, P13), and the conversation's own earlier messages. With a model,
/// that is all the prompt holds; the model's tools can only ask for an action (which waits for the contact's SMS code
/// like any other request) or offer a ticket. Without a model, or when the model fails, the answer is retrieval's.
/// </summary>
public sealed class AssistantResponder(
    AssistantModel model, AssistantOptions options, NpgsqlDataSource dataSource, Admin.Settings.SettingsDefaults defaults, IMessageBus bus,
    ILogger<AssistantResponder> logger)
{
    private static readonly DeviceActionKind[] PlainActions =
        [DeviceActionKind.Restart, DeviceActionKind.Lock, DeviceActionKind.Shutdown, DeviceActionKind.Logout, DeviceActionKind.ResetPassword];

    public async Task<AssistantAnswer> AnswerAsync(
        System.Security.Claims.ClaimsPrincipal user, AssistantCaller caller, IReadOnlyList<AssistantMessage> history, string text, CancellationToken ct)
    {
        var articles = await AssistantKnowledge.FindAsync(user, dataSource, defaults, caller.Language, text, options, ct);
        var devices = caller.SelfService ? await DeviceQueries.OfContactAsync(dataSource, caller.ContactId, ct) : [];
        var applications = devices.Count > 0 ? await ApprovedApplicationHandler.ListAsync(dataSource, null, caller.CustomerId, ct) : [];
        var offers = Offers(devices, applications, text);
        var citations = articles.Select(a => a.Citation).ToList();

        if (model.Client is { } client)
        {
            var pending = new List<AssistantChoice>();
            try
            {
                var reply = await AskModelAsync(client, caller, history, text, articles, devices, applications, pending, ct);
                return new AssistantAnswer(reply, citations, [.. pending, .. offers]);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The message is still answered: by retrieval, with whatever the model had already asked for.
                logger.LogWarning("The assistant's model failed ({Error}); answering by retrieval.", e.GetType().Name);
                return new AssistantAnswer(RetrievalText(caller.Language, articles), citations, [.. pending, .. offers]);
            }
        }

        return new AssistantAnswer(RetrievalText(caller.Language, articles), citations, offers);
    }

    /// <summary>The explicit choices: each action on each of the contact's devices, installs of applications the message names, a ticket.</summary>
    private static List<AssistantChoice> Offers(IReadOnlyList<DeviceResponse> devices, IReadOnlyList<ApprovedApplication> applications, string text)
    {
        var offers = new List<AssistantChoice>();
        foreach (var device in devices)
        {
            offers.AddRange(PlainActions.Select(kind => new AssistantChoice(AssistantChoice.DeviceAction, device.Id, device.Name, kind.ToString())));
            offers.AddRange(applications
                .Where(a => a.PackageFor(device.Os) is not null && text.Contains(a.Name, StringComparison.OrdinalIgnoreCase))
                .Select(a => new AssistantChoice(
                    AssistantChoice.DeviceAction, device.Id, device.Name, nameof(DeviceActionKind.InstallApplication), a.Id, a.Name)));
        }

        offers.Add(new AssistantChoice(AssistantChoice.OpenTicket));
        return offers;
    }

    private static string RetrievalText(string language, IReadOnlyList<AssistantArticle> articles)
    {
        if (articles.Count == 0)
        {
            return PortalTexts.Find("assistant.nothing_found", language)!;
        }

        var text = new StringBuilder(PortalTexts.Find("assistant.found", language));
        foreach (var article in articles)
        {
            text.Append("\n- ").Append(article.Citation.Title);
        }

        return text.ToString();
    }

    private async Task<string> AskModelAsync(
        IChatClient client, AssistantCaller caller, IReadOnlyList<AssistantMessage> history, string text, IReadOnlyList<AssistantArticle> articles,
        IReadOnlyList<DeviceResponse> devices, IReadOnlyList<ApprovedApplication> applications, List<AssistantChoice> pending, CancellationToken ct)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, Prompt(caller, articles, devices, applications)) };
        messages.AddRange(history.TakeLast(options.HistoryMessages)
            .Where(m => m.Role is AssistantMessage.Contact or AssistantMessage.Assistant)
            .Select(m => new ChatMessage(m.Role == AssistantMessage.Contact ? ChatRole.User : ChatRole.Assistant, m.Text)));
        messages.Add(new ChatMessage(ChatRole.User, text));

        var tools = new List<AITool>
        {
            AIFunctionFactory.Create(() => "A button to open a ticket for a technician is shown to the contact with your answer.",
                "offer_ticket", "Offer the contact to open a ticket for a human technician."),
        };
        if (devices.Count > 0)
        {
            tools.Add(AIFunctionFactory.Create(
                ([Description("The id of one of the contact's devices listed in the instructions.")] string deviceId,
                 [Description("Restart, Lock, Shutdown, Logout, ResetPassword or InstallApplication.")] string action,
                 [Description("For InstallApplication only: the id of an approved application listed in the instructions.")] string? applicationId = null) =>
                    RequestActionAsync(caller, devices, deviceId, action, applicationId, pending, ct),
                "request_device_action",
                "Ask for a self-service action on one of the contact's devices. Nothing runs until the contact confirms it with a code " +
                "sent to them by SMS; you never see the code."));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        using var invoking = new FunctionInvokingChatClient(client) { MaximumIterationsPerRequest = 3 };
        var response = await invoking.GetResponseAsync(messages, new ChatOptions { Tools = tools }, timeout.Token);
        return string.IsNullOrWhiteSpace(response.Text) ? throw new InvalidOperationException("The model gave no text.") : response.Text.Trim();
    }

    /// <summary>
    /// The tool: the same request as the portal's self-service route (<see cref="RequestDeviceAction"/>), which checks
    /// the device is the contact's, the phone verified and the application approved, and sends the code by SMS. The
    /// action stays requested until the contact confirms it; refusals go back to the model as text.
    /// </summary>
    private async Task<string> RequestActionAsync(
        AssistantCaller caller, IReadOnlyList<DeviceResponse> devices, string deviceId, string action, string? applicationId,
        List<AssistantChoice> pending, CancellationToken ct)
    {
        if (!Guid.TryParse(deviceId, out var id) || devices.FirstOrDefault(d => d.Id == id) is not { } device)
        {
            return "Refused: that is not one of the contact's devices.";
        }

        if (!Enum.TryParse<DeviceActionKind>(action, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return "Refused: unknown action.";
        }

        Guid? application = null;
        if (kind == DeviceActionKind.InstallApplication)
        {
            if (!Guid.TryParse(applicationId, out var appId))
            {
                return "Refused: an installation names an approved application id.";
            }

            application = appId;
        }

        try
        {
            var requested = await bus.InvokeAsync<DeviceActionRequestedResult>(
                new RequestDeviceAction(device.Id, caller.ContactId, kind, application, caller.From), ct);
            pending.Add(new AssistantChoice(
                AssistantChoice.PendingAction, device.Id, device.Name, kind.ToString(), application, null, requested.ActionId, requested.CodeExpiresAt));
            return "Requested. The contact has been sent a code by SMS and must enter it in the portal to confirm; nothing runs before that.";
        }
        catch (Exception e) when (e is Application.Errors.NotFoundException or Application.Errors.ConflictException
            or Application.Errors.UnprocessableException or Application.Sms.RateLimitedException or Application.Sms.SmsUnavailableException)
        {
            return $"Refused: {e.Message}";
        }
    }

    private static string Prompt(
        AssistantCaller caller, IReadOnlyList<AssistantArticle> articles, IReadOnlyList<DeviceResponse> devices, IReadOnlyList<ApprovedApplication> applications)
    {
        var prompt = new StringBuilder();
        prompt.Append(CultureInfo.InvariantCulture, $"""
            You are the support assistant of an IT service provider's customer portal. Answer in the language with the code '{caller.Language}'.
            Answer only from the knowledge-base articles below; cite the titles you use. If they do not answer the question, say so and
            offer a ticket for a technician (tool offer_ticket). You can ask for a self-service action on one of the contact's devices
            (tool request_device_action); it only runs after the contact confirms it with a code sent by SMS, which you never see.
            """);
        prompt.Append("\n\nArticles:");
        if (articles.Count == 0)
        {
            prompt.Append(" none found.");
        }

        foreach (var article in articles)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"\n\n## {article.Citation.Title} (id {article.Citation.ArticleId})\n{article.Text}");
        }

        prompt.Append("\n\nThe contact's devices:");
        if (devices.Count == 0)
        {
            prompt.Append(" none (no self-service actions are available).");
        }

        foreach (var device in devices)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"\n- {device.Name} ({device.Os}), id {device.Id}");
        }

        foreach (var application in applications)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"\n- approved application {application.Name}, id {application.Id}");
        }

        return prompt.ToString();
    }
}
