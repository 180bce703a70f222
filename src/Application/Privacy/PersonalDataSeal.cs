using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Privacy;

/// <summary>
/// Seals what a contact wrote in a command's events with that contact's key before they are stored or queued (ADR
/// 0027): the text of their replies and the description of the tickets they open or edit. The title stays clear (lists
/// and search need it). Decisions and workflow rules have already seen the clear text; everything after (the log, the
/// read models, notices and mails) holds the sealed form. With the subject erased (<see cref="Key"/> null) the text is
/// not kept at all.
/// </summary>
public sealed record PersonalDataSeal(Guid SubjectId, byte[]? Key)
{
    public IReadOnlyList<PendingEvent> Apply(IReadOnlyList<PendingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Select(e => e.Data is TicketEvent data && Sealed(data) is { } sealedData ? e with { Data = sealedData } : e)];
    }

    private TicketEvent? Sealed(TicketEvent e) => e switch
    {
        ReplyPosted r when Mine(r.Author) => r with { Body = Seal(r.Body)! },
        TicketCreated c when Mine(c.By) && c.Fields.Description is not null =>
            c with { Fields = c.Fields with { Description = Seal(c.Fields.Description) } },
        TicketFieldsChanged f when Mine(f.By) && f.Changes.Description is { Value: not null } d =>
            f with { Changes = f.Changes with { Description = new FieldChange<string?>(Seal(d.Value)) } },
        _ => null,
    };

    private bool Mine(Actor actor) => actor.Kind == ActorKind.Contact && actor.Id == SubjectId;

    private string? Seal(string? text) =>
        string.IsNullOrEmpty(text) || SealedText.IsSealed(text) ? text : Key is null ? SealedText.Erased : SealedText.Seal(SubjectId, Key, text);
}
