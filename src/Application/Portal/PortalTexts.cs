using System.Collections.Frozen;

namespace Ticketing.Application.Portal;

/// <summary>
/// The texts the portal API returns (P10): built-in status names and problem titles, in the languages that have
/// portal texts today. A language without a table falls back to English; an unknown key to the caller's text.
/// </summary>
public static class PortalTexts
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "de", "es", "it"];

    private static readonly FrozenDictionary<string, string[]> Table = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // key                                  en, fr, de, es, it
        ["status.open"] = ["Open", "Ouvert", "Offen", "Abierto", "Aperto"],
        ["status.pending"] = ["Pending", "En attente", "Ausstehend", "Pendiente", "In sospeso"],
        ["status.resolved"] = ["Resolved", "Résolu", "Gelöst", "Resuelto", "Risolto"],
        ["status.closed"] = ["Closed", "Fermé", "Geschlossen", "Cerrado", "Chiuso"],
        ["portal.ticketing_disabled"] =
        [
            "The ticketing section is not available for your company.", "La section tickets n'est pas disponible pour votre entreprise.",
            "Der Ticketbereich ist für Ihr Unternehmen nicht verfügbar.", "La sección de tickets no está disponible para su empresa.",
            "La sezione ticket non è disponibile per la vostra azienda.",
        ],
        ["portal.manual_creation_disabled"] =
        [
            "Tickets cannot be opened manually; please use the assistant.", "Les tickets ne peuvent pas être ouverts manuellement ; utilisez l'assistant.",
            "Tickets können nicht manuell erstellt werden; bitte nutzen Sie den Assistenten.", "No se pueden abrir tickets manualmente; utilice el asistente.",
            "I ticket non possono essere aperti manualmente; utilizzate l'assistente.",
        ],
        ["portal.status_not_allowed"] =
        [
            "This status cannot be chosen in the portal.", "Ce statut ne peut pas être choisi dans le portail.",
            "Dieser Status kann im Portal nicht gewählt werden.", "Este estado no se puede elegir en el portal.",
            "Questo stato non può essere scelto nel portale.",
        ],
        ["ticket.billed_locked"] =
        [
            "This ticket has been billed and can no longer be changed.", "Ce ticket a été facturé et ne peut plus être modifié.",
            "Dieses Ticket wurde abgerechnet und kann nicht mehr geändert werden.", "Este ticket ha sido facturado y ya no se puede modificar.",
            "Questo ticket è stato fatturato e non può più essere modificato.",
        ],
        ["ticket.reopen_forbidden"] =
        [
            "This ticket cannot be reopened.", "Ce ticket ne peut pas être rouvert.", "Dieses Ticket kann nicht wieder geöffnet werden.",
            "Este ticket no se puede reabrir.", "Questo ticket non può essere riaperto.",
        ],
        ["ticket.not_found"] =
        [
            "Ticket not found.", "Ticket introuvable.", "Ticket nicht gefunden.", "Ticket no encontrado.", "Ticket non trovato.",
        ],
        ["portal.attachment_not_found"] =
        [
            "Attachment not found.", "Pièce jointe introuvable.", "Anhang nicht gefunden.", "Archivo adjunto no encontrado.", "Allegato non trovato.",
        ],
        ["request.invalid"] =
        [
            "The request is invalid.", "La requête n'est pas valide.", "Die Anfrage ist ungültig.", "La solicitud no es válida.",
            "La richiesta non è valida.",
        ],
        ["concurrency.precondition_failed"] =
        [
            "The ticket has changed in the meantime.", "Le ticket a été modifié entre-temps.", "Das Ticket wurde inzwischen geändert.",
            "El ticket ha cambiado mientras tanto.", "Il ticket è stato modificato nel frattempo.",
        ],
        ["http.401"] = ["Please sign in.", "Veuillez vous connecter.", "Bitte melden Sie sich an.", "Inicie sesión.", "Effettuate l'accesso."],
        ["http.403"] =
        [
            "You are not allowed to do this.", "Vous n'êtes pas autorisé à faire cela.", "Das dürfen Sie nicht.",
            "No tiene permiso para hacer esto.", "Non siete autorizzati a farlo.",
        ],
        ["http.404"] = ["Not found.", "Introuvable.", "Nicht gefunden.", "No encontrado.", "Non trovato."],
        ["http.409"] =
        [
            "The ticket's state does not allow this.", "L'état du ticket ne le permet pas.", "Der Zustand des Tickets erlaubt das nicht.",
            "El estado del ticket no lo permite.", "Lo stato del ticket non lo consente.",
        ],
        ["http.422"] =
        [
            "The request cannot be processed.", "La requête ne peut pas être traitée.", "Die Anfrage kann nicht verarbeitet werden.",
            "La solicitud no se puede procesar.", "La richiesta non può essere elaborata.",
        ],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (English when untranslated), or null.</summary>
    public static string? Find(string key, string language)
    {
        if (!Table.TryGetValue(key, out var texts))
        {
            return null;
        }

        var index = IndexOf(language);
        return texts[index < 0 ? 0 : index];
    }

    /// <summary>A built-in status's name in <paramref name="language"/>; custom statuses keep their configured name.</summary>
    public static string StatusName(string statusId, string configuredName, string language) =>
        Find($"status.{statusId}", language) ?? configuredName;

    /// <summary>A problem title for <paramref name="code"/>, else for the HTTP status, else null (keep the original).</summary>
    public static string? ProblemTitle(string? code, int status, string language) =>
        (code is null ? null : Find(code, language)) ?? Find($"http.{status}", language);

    /// <summary>
    /// P10: the contact's own language when it has portal texts, else the first such language of the client's
    /// preferences (<c>Accept-Language</c>, best first), else English.
    /// </summary>
    public static string Choose(string? contactLanguage, IEnumerable<string> acceptLanguages)
    {
        if (contactLanguage is not null && IndexOf(contactLanguage) >= 0)
        {
            return contactLanguage;
        }

        foreach (var tag in acceptLanguages)
        {
            var primary = tag.Split('-')[0].ToLowerInvariant();
            if (IndexOf(primary) >= 0)
            {
                return primary;
            }
        }

        return "en";
    }

    private static int IndexOf(string language)
    {
        for (var i = 0; i < Languages.Count; i++)
        {
            if (string.Equals(Languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
