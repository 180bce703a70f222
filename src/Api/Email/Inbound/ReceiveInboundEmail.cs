using System.Net;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Attachments;
using Ticketing.Api.Errors;
using Ticketing.Application.Email.Inbound;
using Ticketing.Application.Identity;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Identity.Contacts;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Creating;
using Ticketing.Application.Tickets.Replies;
using Ticketing.Domain;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Queries;
using Wolverine;

namespace Ticketing.Api.Email.Inbound;

/// <summary>
/// <c>POST /api/inbound/email</c> (A5): the mail gateway, authenticated by its API key, hands over a message. A known
/// contact's message becomes a ticket (source Email), or a public reply when the subject quotes the number of a
/// ticket the contact may see; an unknown sender whose domain belongs to a customer first becomes a contact of it.
/// Anyone else is a 422 and nothing is written.
/// </summary>
public static partial class ReceiveInboundEmail
{
    public static async Task<Results<Created<InboundEmailResponse>, Ok<InboundEmailResponse>, ProblemHttpResult>> HandleAsync(
        InboundEmailRequest request, HttpRequest http, IConfiguration configuration, IValidator<InboundEmailRequest> validator,
        InboundSenders senders, AttachmentUploads uploads, IMessageBus bus, MailThreadQuery threads, TicketStateQuery tickets,
        InboundMessages claims, CancellationToken ct)
    {
        if (!InboundApiKey.Matches(configuration[InboundApiKey.Setting], http.Headers[InboundApiKey.Header]))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The mail gateway's API key is missing or wrong.",
                type: ProblemTypes.For("inbound.unauthorized"), extensions: new Dictionary<string, object?> { ["code"] = "inbound.unauthorized" });
        }

        await validator.ValidateAndThrowAsync(request, ct);
        await using var claim = await claims.ClaimAsync(request.MessageId, ct);
        if (claim.Earlier is { } earlier)
        {
            return TypedResults.Ok(earlier);
        }

        InboundAddress.TryParse(request.From, out var from);
        var (known, customer) = await senders.ResolveAsync(from.Email, from.Domain, ct);
        var attachments = await uploads.SaveAsync(Files(request.Attachments), ct);
        var sender = known ?? await CreateSenderAsync(from, customer!, senders, bus, ct);
        // No actor name: the sender's address would sit in the event's headers, out of reach of erasure (ADR 0027).
        var context = new CommandContext(Actor.Contact(sender.ContactId), null, Guid.CreateVersion7());
        var body = Body(request);

        InboundEmailResponse response;
        if (TicketNumber.TryFindIn(request.Subject, out var quoted)
            && await threads.FindAsync(quoted.ToString(), sender.CustomerId, sender.ContactId, sender.IsPrimary, ct) is { } ticketId)
        {
            await bus.InvokeAsync<TicketCommandResult>(
                new PostTicketReply(ticketId, Guid.CreateVersion7(), body, ReplyVisibility.Public, false, attachments, context), ct);
            response = new InboundEmailResponse(ticketId, quoted.ToString(), sender.ContactId, sender.Created, Threaded: true, Duplicate: false);
        }
        else
        {
            response = await OpenTicketAsync(request, claim.MessageId, sender, attachments, body, context, bus, tickets, ct);
        }

        await claim.RecordAsync(response, ct);
        return response.Threaded || response.Duplicate ? TypedResults.Ok(response) : TypedResults.Created($"/api/tickets/{response.TicketId}", response);
    }

    // The sender becomes a contact of the customer that owns its domain, by the staff endpoint's path (welcome mail per
    // setting; the credentials only in it). If the same sender's previous message created the contact a moment ago, the
    // address is taken by then: that contact is the sender.
    private static async Task<InboundSender> CreateSenderAsync(
        InboundAddress from, CustomerSummary customer, InboundSenders senders, IMessageBus bus, CancellationToken ct)
    {
        var (first, last) = from.Names();
        try
        {
            var created = await bus.InvokeAsync<ContactCreatedResponse>(
                new CreateContact(customer.Id, from.Email, first, last, null, null, null, null, false, ContactSource.Email, By: null), ct);
            return new InboundSender(created.Contact.Id, customer.Id, IsPrimary: false, Created: true);
        }
        catch (DomainRuleViolation e) when (e.Code == AccountWriter.EmailTaken)
        {
            return await senders.FindAsync(from.Email, ct) ?? throw AccountWriter.EmailTakenError();
        }
    }

    // One append: the ticket and, when the message has files, the contact's first reply carrying them. A message with a
    // Message-ID gets the id derived from it; if that ticket exists, this is a retry after a crash between the ticket's
    // commit and the claim's, and the existing ticket is the answer.
    private static async Task<InboundEmailResponse> OpenTicketAsync(
        InboundEmailRequest request, string? messageId, InboundSender sender, IReadOnlyList<AttachmentMetadata> attachments, string body,
        CommandContext context, IMessageBus bus, TicketStateQuery tickets, CancellationToken ct)
    {
        var id = messageId is null ? Guid.CreateVersion7() : InboundMessages.TicketIdFor(messageId);
        var fields = TicketFields.Titled(Title(request.Subject)) with { Description = body };
        try
        {
            var opened = await bus.InvokeAsync<OpenedTicket>(
                new OpenTicket(id, TicketSource.Email, sender.CustomerId, sender.ContactId, fields, null, null, null, attachments, context), ct);
            return new InboundEmailResponse(id, opened.Number, sender.ContactId, sender.Created, Threaded: false, Duplicate: false);
        }
        catch (Exception e) when (messageId is not null && e is JasperFx.ConcurrencyException
            or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            var (existing, _) = await tickets.LoadAsync(id, ct);
            return new InboundEmailResponse(id, existing.Number, sender.ContactId, false, Threaded: false, Duplicate: true);
        }
    }

    private static string Title(string? subject)
    {
        var title = WhiteSpace().Replace(subject ?? "", " ").Trim();
        title = title.Length == 0 ? "(no subject)" : title;
        return title.Length <= TicketLimits.TitleMaxLength ? title : title[..TicketLimits.TitleMaxLength];
    }

    private static string Body(InboundEmailRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            return request.Text.Trim();
        }

        // HTML-only mail: keep the words, drop the markup (the ticket stores plain text).
        var html = LineBreaks().Replace(request.Html ?? "", "\n");
        var text = WebUtility.HtmlDecode(Tags().Replace(html, ""));
        return BlankLines().Replace(text, "\n\n").Trim();
    }

    private static List<IFormFile> Files(IReadOnlyList<InboundAttachment>? attachments) =>
        [.. (attachments ?? []).Select(IFormFile (a) =>
        {
            var bytes = Convert.FromBase64String(a.ContentBase64!);
            return new FormFile(new MemoryStream(bytes), 0, bytes.Length, "attachments", a.FileName!)
            {
                Headers = new HeaderDictionary(),
                ContentType = a.ContentType!,
            };
        })];

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>|<[^>]*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\n\s*\n\s*(\n\s*)*")]
    private static partial Regex BlankLines();
}
