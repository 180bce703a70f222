using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Email;

// The email API's bodies as a client sees them on the wire, written here rather than borrowed from the server so the
// tests prove the contract. Read with ApiUserScenarios.ReadAs (or the Contract options): every member listed must be present.

/// <summary>The answer of <c>POST /api/inbound/email</c>: the ticket the message opened (201) or was added to (200).</summary>
public sealed record InboundEmailAnswer(Guid TicketId, string Number, Guid ContactId, bool ContactCreated, bool Threaded, bool Duplicate);

/// <summary><c>GET /api/tickets/{id}</c> read with each timeline entry's author, to see who a mailed-in reply came from.</summary>
public sealed record AuthoredTicketView(TicketRow Ticket, string? Description, IReadOnlyList<AuthoredTimelineItem> Timeline);

public sealed record AuthoredTimelineItem(Guid Id, string Kind, TimelineAuthor Author, string? Body, string Visibility, IReadOnlyList<AttachmentInfo> Attachments);

/// <summary>Who wrote a timeline entry: the user's id and kind (Technician, Contact, ...).</summary>
public sealed record TimelineAuthor(Guid Id, string Kind);

/// <summary>
/// <c>GET/PUT/DELETE /api/admin/email-templates/{kind}/{language}</c>: the text in force, whether an admin overrode it,
/// and the snippets its kind may use.
/// </summary>
public sealed record EmailTemplateView(
    string Kind, string Language, bool Overridden, string Subject, string BodyText, string? BodyHtml, IReadOnlyList<string> Snippets, long Version,
    IReadOnlyList<string> HiddenFromContacts);

/// <summary>One cell of the kinds × languages grid of <c>GET /api/admin/email-templates</c>.</summary>
public sealed record EmailTemplateCell(string Kind, string Language, bool Overridden, long Version, Guid? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>A template's text as a settings change records it before and after.</summary>
public sealed record EmailTemplateText(bool Overridden, string Subject, string BodyText, string? BodyHtml);

/// <summary>One change of <c>GET /api/admin/settings/history?section=email-template:{kind}:{language}</c>.</summary>
public sealed record EmailTemplateChange(long Version, string Section, Guid ChangedBy, DateTimeOffset ChangedAt, EmailTemplateText Before, EmailTemplateText After);

public sealed record EmailTemplateHistory(IReadOnlyList<EmailTemplateChange> Changes);
