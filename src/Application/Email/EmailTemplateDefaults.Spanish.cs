namespace Ticketing.Application.Email;

public static partial class EmailTemplateDefaults
{
    private static LanguageTexts Spanish => new(new(StringComparer.Ordinal)
    {
        [EmailKinds.Welcome] = ("Su acceso al portal de clientes",
            "Hola {{contact_name}}:\n\nse ha creado una cuenta para usted en nuestro portal de clientes.\n\nPortal: {{portal_url}}\nNombre de usuario: {{username}}\nContraseña: {{password}}\n\nCambie su contraseña después del primer inicio de sesión."),
        [EmailKinds.PasswordReset] = ("Su código para restablecer la contraseña",
            "Hola {{recipient_name}}:\n\nsu código para restablecer la contraseña es {{reset_code}}. Es válido durante {{valid_minutes}} minutos y solo se puede usar una vez.\n\nSi no lo ha solicitado, ignore este mensaje; su contraseña no cambia."),
        [EmailKinds.ReplyPosted] = ("Nueva respuesta en el ticket {{ticket_number}}: {{ticket_title}}",
            "Hola {{recipient_name}}:\n\nhay una nueva respuesta en el ticket {{ticket_number}} «{{ticket_title}}»:\n\n{{reply_text}}\n\nAbrir el ticket: {{portal_url}}"),
        [EmailKinds.StatusChanged] = ("Ticket {{ticket_number}}: estado {{status}}",
            "Hola {{recipient_name}}:\n\nel estado del ticket {{ticket_number}} «{{ticket_title}}» ha cambiado a {{status}}.\n\nAbrir el ticket: {{portal_url}}"),
        [EmailKinds.TaskfireQuestion] = ("Pregunta sobre el ticket {{ticket_number}}: {{ticket_title}}",
            "Hola {{recipient_name}}:\n\nel proveedor tiene una pregunta sobre el ticket {{ticket_number}} «{{ticket_title}}»:\n\n{{reply_text}}\n\nAbrir el ticket: {{portal_url}}"),
        [EmailKinds.TaskfireWorkCompleted] = ("Trabajo completado en el ticket {{ticket_number}}: {{ticket_title}}",
            "Hola {{recipient_name}}:\n\nel proveedor ha completado su trabajo en el ticket {{ticket_number}} «{{ticket_title}}»:\n\n{{reply_text}}\n\nAbrir el ticket: {{portal_url}}"),
        [EmailKinds.TaskfireResourceChanged] = ("Se le ha asignado el ticket {{ticket_number}}: {{ticket_title}}",
            "Hola {{recipient_name}}:\n\nse le ha asignado el ticket {{ticket_number}} \"{{ticket_title}}\"; ahora es su recurso de Taskfire.\n\nAbrir el ticket: {{portal_url}}"),
        [EmailKinds.SharedTicketDeleted] = ("El ticket {{ticket_number}} se ha eliminado",
            "Hola {{recipient_name}}:\n\nel ticket compartido {{ticket_number}} «{{ticket_title}}» se ha eliminado junto con su copia. No es necesario hacer nada más."),
        [EmailKinds.WorkflowNotification] = ("Regla {{rule_name}}: ticket {{ticket_number}} {{ticket_title}}",
            "Hola {{recipient_name}}:\n\nla regla de flujo de trabajo «{{rule_name}}» se aplica al ticket {{ticket_number}} «{{ticket_title}}» (estado: {{status}}).\n\nAbrir el ticket: {{portal_url}}"),
    }, StatusNames("Abierto", "Pendiente", "Resuelto", "Cerrado"));
}
