namespace Ticketing.Api.Email.Delivery;

/// <summary>A <c>mail_outbox</c> row claimed for delivery: pre-rendered, or a template kind with its values (JSON).</summary>
public sealed record QueuedMail(
    Guid Id,
    string Kind,
    string Recipient,
    string Language,
    string? Subject,
    string? BodyText,
    string? BodyHtml,
    string? TemplateValues,
    int Attempts,
    DateTimeOffset CreatedAt);
