namespace Ticketing.Application.Email;

public static partial class EmailTemplateDefaults
{
    private static LanguageTexts French => new(new(StringComparer.Ordinal)
    {
        [EmailKinds.Welcome] = ("Votre accès au portail client",
            "Bonjour {{contact_name}},\n\nun compte a été créé pour vous sur notre portail client.\n\nPortail : {{portal_url}}\nNom d'utilisateur : {{username}}\nMot de passe : {{password}}\n\nVeuillez changer votre mot de passe après votre première connexion."),
        [EmailKinds.PasswordReset] = ("Votre code de réinitialisation du mot de passe",
            "Bonjour {{recipient_name}},\n\nvotre code de réinitialisation est {{reset_code}}. Il est valable {{valid_minutes}} minutes et ne peut servir qu'une fois.\n\nSi vous ne l'avez pas demandé, ignorez ce message ; votre mot de passe reste inchangé."),
        [EmailKinds.ReplyPosted] = ("Nouvelle réponse sur le ticket {{ticket_number}} : {{ticket_title}}",
            "Bonjour {{recipient_name}},\n\nune nouvelle réponse a été publiée sur le ticket {{ticket_number}} « {{ticket_title}} » :\n\n{{reply_text}}\n\nOuvrir le ticket : {{portal_url}}"),
        [EmailKinds.StatusChanged] = ("Ticket {{ticket_number}} : statut {{status}}",
            "Bonjour {{recipient_name}},\n\nle statut du ticket {{ticket_number}} « {{ticket_title}} » est passé à {{status}}.\n\nOuvrir le ticket : {{portal_url}}"),
        [EmailKinds.TaskfireQuestion] = ("Question sur le ticket {{ticket_number}} : {{ticket_title}}",
            "Bonjour {{recipient_name}},\n\nle prestataire a une question sur le ticket {{ticket_number}} « {{ticket_title}} » :\n\n{{reply_text}}\n\nOuvrir le ticket : {{portal_url}}"),
        [EmailKinds.TaskfireWorkCompleted] = ("Travail terminé sur le ticket {{ticket_number}} : {{ticket_title}}",
            "Bonjour {{recipient_name}},\n\nle prestataire a terminé son travail sur le ticket {{ticket_number}} « {{ticket_title}} » :\n\n{{reply_text}}\n\nOuvrir le ticket : {{portal_url}}"),
        [EmailKinds.TaskfireResourceChanged] = ("Le ticket {{ticket_number}} vous a été confié : {{ticket_title}}",
            "Bonjour {{recipient_name}},\n\nle ticket {{ticket_number}} « {{ticket_title}} » vous a été confié ; vous en êtes désormais la ressource Taskfire.\n\nOuvrir le ticket : {{portal_url}}"),
        [EmailKinds.SharedTicketDeleted] = ("Le ticket {{ticket_number}} a été supprimé",
            "Bonjour {{recipient_name}},\n\nle ticket partagé {{ticket_number}} « {{ticket_title}} » a été supprimé, ainsi que sa copie. Aucune action n'est nécessaire."),
        [EmailKinds.WorkflowNotification] = ("Règle {{rule_name}} : ticket {{ticket_number}} {{ticket_title}}",
            "Bonjour {{recipient_name}},\n\nla règle de workflow « {{rule_name}} » s'applique au ticket {{ticket_number}} « {{ticket_title}} » (statut : {{status}}).\n\nOuvrir le ticket : {{portal_url}}"),
    }, StatusNames("Ouvert", "En attente", "Résolu", "Fermé"));
}
