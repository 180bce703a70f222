namespace Ticketing.Application.Email;

public static partial class EmailTemplateDefaults
{
    private static LanguageTexts German => new(new(StringComparer.Ordinal)
    {
        [EmailKinds.Welcome] = ("Ihr Zugang zum Kundenportal",
            "Hallo {{contact_name}},\n\nfür Sie wurde ein Konto in unserem Kundenportal eingerichtet.\n\nPortal: {{portal_url}}\nBenutzername: {{username}}\nPasswort: {{password}}\n\nBitte ändern Sie Ihr Passwort nach der ersten Anmeldung."),
        [EmailKinds.PasswordReset] = ("Ihr Code zum Zurücksetzen des Passworts",
            "Hallo {{recipient_name}},\n\nIhr Code zum Zurücksetzen des Passworts lautet {{reset_code}}. Er ist {{valid_minutes}} Minuten gültig und nur einmal verwendbar.\n\nFalls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert."),
        [EmailKinds.ReplyPosted] = ("Neue Antwort zum Ticket {{ticket_number}}: {{ticket_title}}",
            "Hallo {{recipient_name}},\n\nzum Ticket {{ticket_number}} „{{ticket_title}}“ gibt es eine neue Antwort:\n\n{{reply_text}}\n\nZum Ticket: {{portal_url}}"),
        [EmailKinds.StatusChanged] = ("Ticket {{ticket_number}}: Status {{status}}",
            "Hallo {{recipient_name}},\n\nder Status des Tickets {{ticket_number}} „{{ticket_title}}“ wurde auf {{status}} geändert.\n\nZum Ticket: {{portal_url}}"),
        [EmailKinds.TaskfireQuestion] = ("Frage zum Ticket {{ticket_number}}: {{ticket_title}}",
            "Hallo {{recipient_name}},\n\nder Dienstleister hat eine Frage zum Ticket {{ticket_number}} „{{ticket_title}}“:\n\n{{reply_text}}\n\nZum Ticket: {{portal_url}}"),
        [EmailKinds.TaskfireWorkCompleted] = ("Arbeit abgeschlossen am Ticket {{ticket_number}}: {{ticket_title}}",
            "Hallo {{recipient_name}},\n\nder Dienstleister hat seine Arbeit am Ticket {{ticket_number}} „{{ticket_title}}“ abgeschlossen:\n\n{{reply_text}}\n\nZum Ticket: {{portal_url}}"),
        [EmailKinds.TaskfireResourceChanged] = ("Ticket {{ticket_number}} wurde Ihnen übergeben: {{ticket_title}}",
            "Hallo {{recipient_name}},\n\ndas Ticket {{ticket_number}} „{{ticket_title}}“ wurde Ihnen übergeben; Sie sind jetzt seine Taskfire-Ressource.\n\nTicket öffnen: {{portal_url}}"),
        [EmailKinds.SharedTicketDeleted] = ("Ticket {{ticket_number}} wurde gelöscht",
            "Hallo {{recipient_name}},\n\ndas gemeinsame Ticket {{ticket_number}} „{{ticket_title}}“ wurde samt seiner Kopie gelöscht. Sie müssen nichts weiter tun."),
        [EmailKinds.WorkflowNotification] = ("Regel {{rule_name}}: Ticket {{ticket_number}} {{ticket_title}}",
            "Hallo {{recipient_name}},\n\ndie Workflow-Regel „{{rule_name}}“ trifft auf das Ticket {{ticket_number}} „{{ticket_title}}“ zu (Status: {{status}}).\n\nZum Ticket: {{portal_url}}"),
    }, StatusNames("Offen", "Ausstehend", "Gelöst", "Geschlossen"));
}
