namespace Ticketing.Application.Email;

public static partial class EmailTemplateDefaults
{
    private static LanguageTexts Italian => new(new(StringComparer.Ordinal)
    {
        [EmailKinds.Welcome] = ("Il suo accesso al portale clienti",
            "Salve {{contact_name}},\n\nè stato creato un account per lei nel nostro portale clienti.\n\nPortale: {{portal_url}}\nNome utente: {{username}}\nPassword: {{password}}\n\nModifichi la password dopo il primo accesso."),
        [EmailKinds.PasswordReset] = ("Il suo codice per reimpostare la password",
            "Salve {{recipient_name}},\n\nil suo codice per reimpostare la password è {{reset_code}}. È valido per {{valid_minutes}} minuti e si può usare una sola volta.\n\nSe non l'ha richiesto, ignori questo messaggio; la sua password resta invariata."),
        [EmailKinds.ReplyPosted] = ("Nuova risposta al ticket {{ticket_number}}: {{ticket_title}}",
            "Salve {{recipient_name}},\n\nc'è una nuova risposta al ticket {{ticket_number}} «{{ticket_title}}»:\n\n{{reply_text}}\n\nApra il ticket: {{portal_url}}"),
        [EmailKinds.StatusChanged] = ("Ticket {{ticket_number}}: stato {{status}}",
            "Salve {{recipient_name}},\n\nlo stato del ticket {{ticket_number}} «{{ticket_title}}» è cambiato in {{status}}.\n\nApra il ticket: {{portal_url}}"),
        [EmailKinds.TaskfireQuestion] = ("Domanda sul ticket {{ticket_number}}: {{ticket_title}}",
            "Salve {{recipient_name}},\n\nil fornitore ha una domanda sul ticket {{ticket_number}} «{{ticket_title}}»:\n\n{{reply_text}}\n\nApra il ticket: {{portal_url}}"),
        [EmailKinds.TaskfireWorkCompleted] = ("Lavoro completato sul ticket {{ticket_number}}: {{ticket_title}}",
            "Salve {{recipient_name}},\n\nil fornitore ha completato il suo lavoro sul ticket {{ticket_number}} «{{ticket_title}}»:\n\n{{reply_text}}\n\nApra il ticket: {{portal_url}}"),
        [EmailKinds.TaskfireResourceChanged] = ("Il ticket {{ticket_number}} è stato assegnato a te: {{ticket_title}}",
            "Ciao {{recipient_name}},\n\nil ticket {{ticket_number}} \"{{ticket_title}}\" è stato assegnato a te; ora sei la sua risorsa Taskfire.\n\nApri il ticket: {{portal_url}}"),
        [EmailKinds.SharedTicketDeleted] = ("Il ticket {{ticket_number}} è stato eliminato",
            "Salve {{recipient_name}},\n\nil ticket condiviso {{ticket_number}} «{{ticket_title}}» è stato eliminato insieme alla sua copia. Non è necessaria alcuna azione."),
        [EmailKinds.WorkflowNotification] = ("Regola {{rule_name}}: ticket {{ticket_number}} {{ticket_title}}",
            "Salve {{recipient_name}},\n\nla regola di workflow «{{rule_name}}» si applica al ticket {{ticket_number}} «{{ticket_title}}» (stato: {{status}}).\n\nApra il ticket: {{portal_url}}"),
    }, StatusNames("Aperto", "In sospeso", "Risolto", "Chiuso"));
}
