namespace Ticketing.Api.Assistant;

/// <summary>
/// <c>Ticketing:Assistant</c> (P12, ADR 0031): the model, when one is connected, and the bounds of a conversation.
/// Without <see cref="Url"/> and <see cref="Model"/> the assistant answers by retrieval only. <see cref="ApiKey"/> is
/// never logged or returned.
/// </summary>
public sealed class AssistantOptions
{
    public const string Section = "Ticketing:Assistant";

    /// <summary><c>openai</c> (any OpenAI-compatible chat-completions endpoint, the default) or <c>ollama</c>.</summary>
    public string Provider { get; set; } = "openai";

    /// <summary>The endpoint's base address, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434</c>.</summary>
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    /// <summary>A model slower than this is given up and the answer is retrieval's.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Characters of one message of the contact.</summary>
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Messages of the contact per conversation; then a new conversation is needed.</summary>
    public int MaxMessagesPerConversation { get; set; } = 30;

    /// <summary>Messages (and other assistant requests) a contact may send per <see cref="RateLimitWindow"/>.</summary>
    public int RateLimitPermits { get; set; } = 20;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Articles cited per answer (and given to the model).</summary>
    public int ArticlesPerAnswer { get; set; } = 3;

    /// <summary>Characters of each article's text given to the model.</summary>
    public int ArticleCharacters { get; set; } = 3000;

    /// <summary>Earlier messages of the conversation given to the model.</summary>
    public int HistoryMessages { get; set; } = 12;

    public bool ModelConfigured => !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(Model);
}
