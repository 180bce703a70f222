using FluentValidation;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Email.Inbound;

/// <summary>
/// A message as the mail gateway posts it to <c>POST /api/inbound/email</c>. <see cref="MessageId"/> (the mail's
/// Message-ID header) is optional; when given, a gateway retry of the same message creates nothing twice.
/// </summary>
public sealed record InboundEmailRequest(
    string? From,
    string? To,
    string? Subject,
    string? Text,
    string? Html,
    string? MessageId,
    IReadOnlyList<InboundAttachment>? Attachments);

/// <summary>An attachment with its bytes in base64.</summary>
public sealed record InboundAttachment(string? FileName, string? ContentType, string? ContentBase64);

/// <summary>The ticket the message became (created) or was added to (threaded).</summary>
public sealed record InboundEmailResponse(Guid TicketId, string Number, Guid ContactId, bool ContactCreated, bool Threaded, bool Duplicate);

public sealed class InboundEmailRequestValidator : AbstractValidator<InboundEmailRequest>
{
    public InboundEmailRequestValidator()
    {
        RuleFor(r => r.From).NotEmpty().MaximumLength(320)
            .Must(from => InboundAddress.TryParse(from, out _)).WithMessage("'From' must be one email address.");
        RuleFor(r => r.Subject).MaximumLength(TicketLimits.TitleMaxLength * 4);
        RuleFor(r => r.Text).MaximumLength(TicketLimits.ReplyMaxLength);
        RuleFor(r => r.Html).MaximumLength(TicketLimits.ReplyMaxLength * 4);
        RuleFor(r => r.MessageId).MaximumLength(998);
        RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.Subject) || !string.IsNullOrWhiteSpace(r.Text)
                || !string.IsNullOrWhiteSpace(r.Html) || r.Attachments is { Count: > 0 })
            .WithName("request").WithMessage("An empty message cannot become a ticket.");
        RuleForEach(r => r.Attachments).ChildRules(file =>
        {
            file.RuleFor(f => f.FileName).NotEmpty().MaximumLength(255);
            file.RuleFor(f => f.ContentType).NotEmpty().MaximumLength(255);
            file.RuleFor(f => f.ContentBase64).NotEmpty()
                .Must(b => b is null || Convert.TryFromBase64String(b, new byte[b.Length], out _)).WithMessage("Not valid base64.");
        });
    }
}
