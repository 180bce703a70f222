using System.Net;
using Ticketing.Api.Tests.Admin;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Tests.Assistant;

// The assistant's JSON contract as the tests read it (enums and kinds travel as strings).

public sealed record ConversationBody(Guid Id, Guid? TicketId, DateTimeOffset CreatedAt, IReadOnlyList<MessageBody> Messages);

public sealed record ConversationSummaryBody(Guid Id, Guid? TicketId, int Messages, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record MessageBody(int Seq, string Role, string Text, IReadOnlyList<CitationBody> Citations, IReadOnlyList<ChoiceBody> Choices, DateTimeOffset At);

public sealed record CitationBody(Guid ArticleId, string Title, string Language, string Snippet);

public sealed record ChoiceBody(
    string Kind, Guid? DeviceId, string? DeviceName, string? Action, Guid? ApplicationId, string? ApplicationName, Guid? ActionId, DateTimeOffset? CodeExpiresAt);

public sealed record ExchangeBody(IReadOnlyList<MessageBody> Messages)
{
    public MessageBody Answer => Messages.Single(m => m.Role == "assistant");
}

public sealed record AssistantTicketBody(Guid TicketId, string Number);

/// <summary>Assistant steps of a contact and the admin's switches, through HTTP.</summary>
public static class AssistantHttp
{
    public const string Conversations = "/api/portal/assistant/conversations";

    public static Task SwitchAssistantAsync(this ApiUser admin, bool enabled, bool ticketPerSession = false, bool manualCreation = true, params Guid[] customers) =>
        admin.ChangeSectionAsync<PortalSection>(p => p with
        {
            AssistantEnabled = enabled, AssistantCustomerIds = customers, AssistantTicketPerSession = ticketPerSession, ManualCreationEnabled = manualCreation,
        });

    public static Task<ConversationBody> StartConversationAsync(this ApiUser contact) =>
        contact.PostAsync<ConversationBody>(Conversations, new { });

    public static Task<ExchangeBody> SayAsync(this ApiUser contact, Guid conversationId, string text) =>
        contact.PostAsync<ExchangeBody>($"{Conversations}/{conversationId}/messages", new { text }, HttpStatusCode.OK);

    public static Task<ConversationBody> TranscriptAsync(this ApiUser contact, Guid conversationId) =>
        contact.GetAsync<ConversationBody>($"{Conversations}/{conversationId}");
}
